// `etcd-capacity/v1alpha1` `EtcdTopology`: validated with ajv against schemas/topology.schema.json
// (compiled ahead of time), findings placed on the offending YAML node, then semantic checks.
import type { ErrorObject, ValidateFunction } from 'ajv';
// schemas/topology.schema.json compiled ahead of time (scripts/gen-topology-validator.mjs).
import topologyValidator from './topologyValidator.generated';
import {
  asMap,
  asSeq,
  deref,
  getIn,
  getPair,
  isMap,
  isScalar,
  isSeq,
  keyRange,
  keyText,
  mapPairs,
  nodeRange,
  stringValue,
  type DocContext,
  type Node,
  type YAMLMap,
} from '../parse';
import { checkCdf } from '../../model/empirical';
import type {
  DocumentFact,
  Finding,
  Located,
  MeasuredCdf,
  ObservedFacts,
  Range,
  TopologyFact,
  TopologyMember,
  ValueSource,
} from '../types';
import { DOCS } from '../docs';
import { finding } from '../findings';
import { listItems, located } from './yamlNodes';
import { classifyStorageType } from './storageClass';

const MAX_NODES = 20000;
const MAX_DEPTH = 64;

/** YAML node → plain JSON for ajv: aliases resolved once, depth and size capped (no alias bombs). */
function toPlain(ctx: DocContext, node: unknown, depth: number, budget: { n: number }): unknown {
  if (--budget.n < 0 || depth > MAX_DEPTH) return null;
  const n = deref(ctx, node);
  if (!n) return null;
  if (isScalar(n)) {
    const v = n.value;
    return typeof v === 'string' || typeof v === 'number' || typeof v === 'boolean'
      ? v
      : v === null || v === undefined
        ? null
        : String(v);
  }
  if (isSeq(n)) return n.items.map((i) => toPlain(ctx, i, depth + 1, budget));
  if (isMap(n)) {
    const o: Record<string, unknown> = {};
    for (const p of mapPairs(ctx, n as YAMLMap)) {
      const k = keyText(p.key);
      if (k !== undefined && k !== '__proto__') o[k] = toPlain(ctx, p.value, depth + 1, budget);
    }
    return o;
  }
  return null;
}

/** The YAML node at a JSON pointer (ajv instancePath), and the pair whose value it is. */
function nodeAt(ctx: DocContext, root: Node, pointer: string): { node: Node | undefined; keyRange?: Range } {
  if (pointer === '') return { node: root };
  let cur: Node | undefined = root;
  let kr: Range | undefined;
  for (const raw of pointer.slice(1).split('/')) {
    const step = raw.replace(/~1/g, '/').replace(/~0/g, '~');
    if (!cur) break;
    if (isSeq(deref(ctx, cur))) {
      cur = getIn(ctx, cur, Number(step));
      kr = undefined;
    } else {
      const pair = getPair(ctx, cur, step);
      kr = pair ? keyRange(ctx, pair) : undefined;
      cur = pair ? (deref(ctx, pair.value) ?? (pair.key as Node)) : undefined;
    }
  }
  return { node: cur, ...(kr ? { keyRange: kr } : {}) };
}

function schemaMessage(e: ErrorObject): string {
  const where = e.instancePath ? e.instancePath.slice(1).replace(/\//g, '.') : 'the document';
  switch (e.keyword) {
    case 'additionalProperties':
      return `Unknown field \`${(e.params as { additionalProperty: string }).additionalProperty}\` in ${where}: remove it or fix its name.`;
    case 'required':
      return `${where} needs \`${(e.params as { missingProperty: string }).missingProperty}\`.`;
    case 'type':
      return `${where} must be ${(e.params as { type: string }).type === 'number' ? 'a number' : `of type ${(e.params as { type: string }).type}`}.`;
    case 'const':
      return `${where} must be ${JSON.stringify((e.params as { allowedValue: unknown }).allowedValue)}.`;
    default:
      return `${where} ${e.message ?? 'is invalid'}.`;
  }
}

/** Schema errors listed per topology document; past it, one `analysis-limited` finding says how many more. */
const MAX_SCHEMA_ERRORS = 100;

function schemaFindings(ctx: DocContext, root: YAMLMap, errors: ErrorObject[]): Finding[] {
  const out: Finding[] = [];
  const seen = new Set<string>();
  for (const e of errors.slice(0, MAX_SCHEMA_ERRORS)) {
    const { node, keyRange: kr } = nodeAt(ctx, root, e.instancePath);
    let range: Range = node ? nodeRange(ctx, node) : nodeRange(ctx, root);
    if (e.keyword === 'additionalProperties') {
      const pair = getPair(ctx, node, (e.params as { additionalProperty: string }).additionalProperty);
      const r = pair ? keyRange(ctx, pair) : undefined;
      if (r) range = r;
    } else if (e.keyword === 'required' && kr && e.instancePath !== '') {
      range = kr; // the parent's key, not its whole block
    }
    const message = schemaMessage(e);
    const id = `${message}@${range.start.line}:${range.start.character}`;
    if (seen.has(id)) continue;
    seen.add(id);
    out.push(finding('schema', range, message, { docsUrl: DOCS.tuning }));
  }
  const next = errors[MAX_SCHEMA_ERRORS];
  if (next) {
    const { node } = nodeAt(ctx, root, next.instancePath);
    out.push(
      finding(
        'analysis-limited',
        nodeRange(ctx, node ?? root),
        `This topology has ${errors.length} schema errors; the first ${MAX_SCHEMA_ERRORS} were checked and listed. Fix those first: the rest were not reported.`,
        { docsUrl: DOCS.tuning },
      ),
    );
  }
  return out;
}

function locStr(ctx: DocContext, owner: unknown, key: string): Located<string> | undefined {
  const pair = getPair(ctx, owner, key);
  const v = pair ? stringValue(ctx, pair.value) : undefined;
  if (!pair || v === undefined) return undefined;
  const kr = keyRange(ctx, pair);
  return located(v, { range: nodeRange(ctx, pair.value), ...(kr ? { keyRange: kr } : {}) });
}

function locNum(ctx: DocContext, owner: unknown, key: string): Located<number> | undefined {
  const pair = getPair(ctx, owner, key);
  const s = pair ? deref(ctx, pair.value) : undefined;
  if (!pair || !s || !isScalar(s) || typeof s.value !== 'number' || !Number.isFinite(s.value)) return undefined;
  const kr = keyRange(ctx, pair);
  return located(s.value, { range: nodeRange(ctx, s), ...(kr ? { keyRange: kr } : {}) });
}

function bool(ctx: DocContext, owner: unknown, key: string): boolean {
  const s = deref(ctx, getIn(ctx, owner, key));
  return !!s && isScalar(s) && s.value === true;
}

/** `.inf`, `.nan` and `1e400` are numbers to the schema but no figure: say so instead of dropping the value. */
function nonFiniteNumbers(ctx: DocContext, root: YAMLMap, findings: Finding[]): void {
  const stack: unknown[] = [root];
  let reported = 0;
  while (stack.length > 0 && reported < 20) {
    const n = stack.pop();
    if (isMap(n)) for (const p of n.items) stack.push(p.value);
    else if (isSeq(n)) for (const i of n.items) stack.push(i);
    else if (isScalar(n) && typeof n.value === 'number' && !Number.isFinite(n.value)) {
      reported++;
      findings.push(
        finding(
          'schema',
          nodeRange(ctx, n),
          `\`${String(n.source ?? n.value)}\` is not a finite number: write the value in milliseconds (or bytes), e.g. 2.5.`,
          { docsUrl: DOCS.tuning },
        ),
      );
    }
  }
}

export function recogniseTopology(ctx: DocContext, root: YAMLMap, facts: DocumentFact[], findings: Finding[]): void {
  const plain = toPlain(ctx, root, 0, { n: MAX_NODES });
  const v: ValidateFunction = topologyValidator;
  if (!v(plain)) findings.push(...schemaFindings(ctx, root, v.errors ?? []));
  nonFiniteNumbers(ctx, root, findings);

  const spec = getIn(ctx, root, 'spec');
  const fact: TopologyFact = {
    type: 'topology',
    documentIndex: ctx.index,
    range: nodeRange(ctx, root),
    name: locStr(ctx, getIn(ctx, root, 'metadata'), 'name') ?? { value: '', range: nodeRange(ctx, root) },
    sites: [],
    links: [],
    members: [],
    clients: [],
  };
  const hb = locNum(ctx, getIn(ctx, spec, 'etcd'), 'heartbeatIntervalMs');
  if (hb) fact.heartbeatMs = hb;
  const el = locNum(ctx, getIn(ctx, spec, 'etcd'), 'electionTimeoutMs');
  if (el) fact.electionMs = el;

  for (const item of listItems(ctx, findings, getIn(ctx, spec, 'sites'), 'sites', 1000)) {
    const name = locStr(ctx, item, 'name');
    if (name) fact.sites.push({ name, arbiter: bool(ctx, item, 'arbiter'), range: nodeRange(ctx, item) });
  }
  const linkLines = new Map<string, number>();
  for (const item of listItems(ctx, findings, getIn(ctx, spec, 'links'), 'links', 10000)) {
    const sites = asSeq(ctx, getIn(ctx, item, 'sites'));
    const a = stringValue(ctx, sites?.items[0]);
    const b = stringValue(ctx, sites?.items[1]);
    const rtt = locNum(ctx, item, 'rttMs');
    if (a === undefined || b === undefined || !rtt) continue;
    // One RTT per pair of sites, in either order: a second entry would make check and estimate
    // disagree on which one counts. The first one counts; the second is an error naming it.
    const pairKey = a < b ? `${a}\u0000${b}` : `${b}\u0000${a}`;
    const earlier = linkLines.get(pairKey);
    if (earlier !== undefined) {
      findings.push(
        finding(
          'schema',
          nodeRange(ctx, item),
          `Sites ${a} and ${b} already have a link at line ${earlier + 1}: each pair of sites has one RTT (in either order). Remove one of the two links.`,
          { docsUrl: DOCS.tuning },
        ),
      );
      continue;
    }
    linkLines.set(pairKey, nodeRange(ctx, item).start.line);
    const link: TopologyFact['links'][number] = { sites: [a, b], rttMs: rtt, range: nodeRange(ctx, item) };
    const jitter = locNum(ctx, item, 'jitterMs');
    if (jitter) link.jitterMs = jitter;
    const dist = distribution(ctx, item, 'rttDistribution', findings);
    if (dist) link.rttDistribution = dist;
    const source = valueSource(ctx, item);
    if (source) link.source = source;
    fact.links.push(link);
  }
  const membersPair = getPair(ctx, spec, 'members');
  if (membersPair) {
    const kr = keyRange(ctx, membersPair);
    if (kr) fact.membersKeyRange = kr;
  }
  for (const item of listItems(ctx, findings, membersPair?.value, 'members', 1000)) {
    const name = locStr(ctx, item, 'name');
    const site = locStr(ctx, item, 'site');
    if (!name || !site) continue;
    const m: TopologyMember = { name, site, learner: bool(ctx, item, 'learner'), range: nodeRange(ctx, item) };
    const storage = asMap(ctx, getIn(ctx, item, 'storage'));
    const type = locStr(ctx, storage, 'type');
    if (type) {
      m.storageType = type;
      m.storageRisk = classifyStorageType(type.value);
    }
    const fsync = locNum(ctx, storage, 'fsyncMs');
    if (fsync) m.fsyncMs = fsync;
    const fj = locNum(ctx, storage, 'fsyncJitterMs');
    if (fj) m.fsyncJitterMs = fj;
    const p99 = locNum(ctx, storage, 'fsyncP99Ms');
    if (p99) m.fsyncP99Ms = p99;
    const dist = distribution(ctx, storage, 'fsyncDistribution', findings);
    if (dist) m.fsyncDistribution = dist;
    const source = valueSource(ctx, storage);
    if (source) m.fsyncSource = source;
    fact.members.push(m);
  }
  for (const item of listItems(ctx, findings, getIn(ctx, spec, 'clients'), 'clients', 1000)) {
    const site = locStr(ctx, item, 'site');
    if (!site) continue;
    const via = locStr(ctx, item, 'via');
    fact.clients.push({ site, ...(via ? { via } : {}), range: nodeRange(ctx, item) });
  }
  const floor = asMap(ctx, getIn(ctx, spec, 'requestFloor'));
  if (floor) {
    const mean = locNum(ctx, floor, 'meanMs');
    const dist = distribution(ctx, floor, 'distribution', findings);
    const source = valueSource(ctx, floor);
    fact.requestFloor = {
      range: nodeRange(ctx, floor),
      ...(mean ? { meanMs: mean.value } : {}),
      ...(dist ? { distribution: dist } : {}),
      ...(source ? { source } : {}),
    };
  }
  const observed = asMap(ctx, getIn(ctx, spec, 'observed'));
  if (observed) {
    const o: ObservedFacts = { range: nodeRange(ctx, observed) };
    for (const key of ['leaderChanges', 'windowSeconds', 'leaderChangesPerDay', 'dbSizeBytes', 'quotaBytes'] as const) {
      const v = locNum(ctx, observed, key);
      if (v) o[key] = v.value;
    }
    const leader = locStr(ctx, observed, 'leader');
    if (leader) o.leader = leader.value;
    const source = valueSource(ctx, observed);
    if (source) o.source = source;
    fact.observed = o;
  }
  findings.push(...semanticFindings(fact));
  facts.push(fact);
}

/** A measured distribution under `key`, or undefined (with a finding when it is there but malformed). */
function distribution(ctx: DocContext, parent: unknown, key: string, findings: Finding[]): MeasuredCdf | undefined {
  const node = getIn(ctx, parent, key);
  if (!node) return undefined;
  const plain = toPlain(ctx, node, 0, { n: 5000 });
  const problem = checkCdf(plain as MeasuredCdf, key);
  if (problem) {
    findings.push(
      finding('schema', nodeRange(ctx, node), `${problem}; write ascending [ms, probability] pairs ending at 1.`, {
        docsUrl: DOCS.tuning,
      }),
    );
    return undefined;
  }
  return plain as MeasuredCdf;
}

function valueSource(ctx: DocContext, parent: unknown): ValueSource | undefined {
  const plain = toPlain(ctx, getIn(ctx, parent, 'source'), 0, { n: 100 }) as Record<string, unknown> | null;
  if (!plain || typeof plain !== 'object' || typeof plain.from !== 'string') return undefined;
  const kind = plain.kind === 'measured' || plain.kind === 'assumed' || plain.kind === 'given' ? plain.kind : 'given';
  return {
    kind,
    from: plain.from,
    ...(typeof plain.at === 'string' ? { at: plain.at } : {}),
    ...(typeof plain.window === 'string' ? { window: plain.window } : {}),
  };
}

function duplicates<T>(items: T[], name: (t: T) => Located<string>, what: string): Finding[] {
  const seen = new Map<string, Located<string>>();
  const out: Finding[] = [];
  for (const i of items) {
    const n = name(i);
    const first = seen.get(n.value);
    if (first) {
      const f = finding('schema', n.range, `Duplicate ${what} name \`${n.value}\`: names must be unique.`, {
        docsUrl: DOCS.tuning,
      });
      f.related = [{ range: first.range, message: `first ${what} named ${n.value}` }];
      out.push(f);
    } else seen.set(n.value, n);
  }
  return out;
}

/** Cross-references the schema cannot express. */
function semanticFindings(t: TopologyFact): Finding[] {
  const out: Finding[] = [];
  out.push(...duplicates(t.sites, (s) => s.name, 'site'));
  out.push(...duplicates(t.members, (m) => m.name, 'member'));
  const sites = new Set(t.sites.map((s) => s.name.value));
  const siteList = [...sites].join(', ') || '(none)';
  for (const m of t.members)
    if (!sites.has(m.site.value))
      out.push(
        finding(
          'schema',
          m.site.range,
          `Member \`${m.name.value}\` is in site \`${m.site.value}\`, which spec.sites does not list (${siteList}).`,
          { docsUrl: DOCS.tuning },
        ),
      );
  for (const l of t.links)
    for (const s of l.sites)
      if (!sites.has(s))
        out.push(
          finding('schema', l.range, `Link names site \`${s}\`, which spec.sites does not list (${siteList}).`, {
            docsUrl: DOCS.tuning,
          }),
        );
  const members = new Set(t.members.map((m) => m.name.value));
  for (const c of t.clients) {
    if (!sites.has(c.site.value))
      out.push(
        finding('schema', c.site.range, `Client site \`${c.site.value}\` is not in spec.sites (${siteList}).`, {
          docsUrl: DOCS.tuning,
        }),
      );
    if (c.via && !members.has(c.via.value))
      out.push(
        finding(
          'schema',
          c.via.range,
          `Client \`via\` names \`${c.via.value}\`, which is not a member (${[...members].join(', ') || 'none'}).`,
          { docsUrl: DOCS.tuning },
        ),
      );
  }
  return out;
}
