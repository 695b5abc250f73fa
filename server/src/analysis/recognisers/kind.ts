// kind `Cluster` (kind.x-k8s.io): the kubeadm ClusterConfiguration lives in `kubeadmConfigPatches`, YAML
// inside a block scalar. It is parsed on its own and every range is mapped back to the host file, so a
// finding underlines the exact line and column of the patch's value. Each control-plane node runs one
// stacked etcd member.
import {
  asMap,
  asSeq,
  getIn,
  getPair,
  keyRange,
  nodeRange,
  parseFile,
  stringValue,
  type DocContext,
  type Node,
  type YAMLMap,
} from '../parse';
import type { DocumentFact, EtcdConfigFact, Finding, Position, Range } from '../types';
import { DOCS } from '../docs';
import { finding } from '../findings';
import { firstLine, splitLines } from '../lines';
import { limited } from './yamlNodes';
import { computedCount, type MemberCount } from './counts';
import { recogniseClusterConfiguration } from './kubeadm';

/** The text of a block scalar and how a position in it maps to the host file. */
interface Embedded {
  text: string;
  map(p: Position): Position;
}

/**
 * A literal block scalar (`|`, `|-`, `|2`...) maps line by line: content line i is host line
 * header+1+i, shifted by the indentation. Anything else (folded, quoted, plain) maps every position to
 * the scalar's start, since its text is not the source.
 */
function embedded(ctx: DocContext, node: Node): Embedded | undefined {
  const scalar = node as Node & { value?: unknown; type?: string; range?: [number, number, number] };
  if (typeof scalar.value !== 'string') return undefined;
  const text = scalar.value;
  const whole = nodeRange(ctx, node);
  const fallback: Embedded = { text, map: () => whole.start };
  if (scalar.type !== 'BLOCK_LITERAL' || !scalar.range) return fallback;
  const hostLines = splitLines(ctx.text.slice(scalar.range[0], scalar.range[1]));
  const contentLines = splitLines(text);
  const headerLine = whole.start.line;
  const firstContent = hostLines.slice(1).find((l) => l.trim() !== '') ?? '';
  const indent = firstContent.length - firstContent.trimStart().length;
  // Check the mapping: each non-empty content line must be the host line minus the indentation.
  for (let i = 0; i < contentLines.length && i + 1 < hostLines.length; i++) {
    const line = contentLines[i]!;
    if (line !== '' && hostLines[i + 1]!.slice(indent) !== line) return fallback;
  }
  return { text, map: (p) => ({ line: headerLine + 1 + p.line, character: p.character + indent }) };
}

function isRange(v: unknown): v is Range {
  const r = v as Range;
  return !!r && typeof r === 'object' && typeof r.start?.line === 'number' && typeof r.end?.character === 'number';
}

/** Copies plain fact/finding data with every range mapped (bounded depth; facts are small trees). */
function remap<T>(value: T, map: (p: Position) => Position, depth = 0): T {
  if (depth > 12 || value === null || typeof value !== 'object') return value;
  if (isRange(value)) return { ...value, start: map(value.start), end: map(value.end) } as T;
  if (Array.isArray(value)) return value.map((v) => remap(v, map, depth + 1)) as T;
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(value as Record<string, unknown>)) out[k] = remap(v, map, depth + 1);
  return out as T;
}

/** One patch: its ClusterConfiguration documents recognised, with facts and findings in host positions. */
function recognisePatch(
  ctx: DocContext,
  patch: Node,
  label: string,
  memberCount: MemberCount | undefined,
  facts: DocumentFact[],
  findings: Finding[],
): void {
  const inner = embedded(ctx, patch);
  if (!inner || !/ClusterConfiguration/.test(inner.text)) return;
  const parsed = parseFile(inner.text);
  const innerFacts: DocumentFact[] = [];
  const innerFindings: Finding[] = [];
  parsed.documents.forEach((doc, index) => {
    const sub: DocContext = { text: inner.text, lineCounter: parsed.lineCounter, doc, index };
    for (const e of doc.errors) {
      const at = nodeRange(sub, { range: e.pos });
      innerFindings.push(
        finding('yaml-syntax', at, `YAML syntax error in this kubeadm config patch: ${firstLine(e.message)}`, {
          docsUrl: DOCS.kindPatches,
        }),
      );
    }
    const root = asMap(sub, doc.contents);
    if (!root || stringValue(sub, getIn(sub, root, 'kind')) !== 'ClusterConfiguration') return;
    const apiVersion = stringValue(sub, getIn(sub, root, 'apiVersion')) ?? '';
    recogniseClusterConfiguration(sub, root, apiVersion, innerFacts, innerFindings, label);
  });
  for (const f of innerFindings) findings.push(remap(f, inner.map));
  for (const f of innerFacts) {
    const placed = { ...remap(f, inner.map), documentIndex: ctx.index };
    facts.push(placed.type === 'etcd-config' && memberCount ? { ...placed, memberCount } : placed);
  }
}

/** `kind.x-k8s.io` Cluster: patches at the top and on control-plane nodes; members = control-plane nodes. */
export function recogniseKindCluster(ctx: DocContext, root: YAMLMap, facts: DocumentFact[], findings: Finding[]): void {
  const nodesPair = getPair(ctx, root, 'nodes');
  const nodes = asSeq(ctx, nodesPair?.value);
  const nodeItems = nodes ? limited(ctx, findings, nodes, 'nodes', 100) : [];
  const controlPlanes = nodeItems.filter(
    (n) => (stringValue(ctx, getIn(ctx, n, 'role')) ?? 'control-plane') === 'control-plane',
  );
  const patchesPair = getPair(ctx, root, 'kubeadmConfigPatches');
  // Without `nodes`, kind creates one control-plane node.
  const countAt =
    (nodesPair && keyRange(ctx, nodesPair)) ?? (patchesPair && keyRange(ctx, patchesPair)) ?? nodeRange(ctx, root);
  const count = computedCount(
    nodes ? controlPlanes.length : 1,
    countAt,
    nodes ? 'kind control-plane nodes' : 'kind default (one control-plane node)',
  );
  const mine: DocumentFact[] = [];
  const patchLists: { list: Node | undefined; where: string }[] = [
    { list: patchesPair?.value as Node | undefined, where: 'kubeadmConfigPatches' },
  ];
  controlPlanes.forEach((n) =>
    patchLists.push({
      list: getIn(ctx, n, 'kubeadmConfigPatches'),
      where: `control-plane node ${nodeItems.indexOf(n)} kubeadmConfigPatches`,
    }),
  );
  for (const { list, where } of patchLists) {
    const seq = asSeq(ctx, list);
    for (const patch of seq ? limited(ctx, findings, seq, 'kubeadmConfigPatches', 100) : []) {
      recognisePatch(
        ctx,
        patch as Node,
        `kind Cluster ${stringValue(ctx, getIn(ctx, root, 'name')) ?? ''} (${where})`.replace('  ', ' '),
        count,
        mine,
        findings,
      );
    }
  }
  // Several patches configure the same cluster: its membership is stated once.
  const first = mine.find((f): f is EtcdConfigFact => f.type === 'etcd-config');
  for (const f of mine)
    facts.push(
      f !== first && f.type === 'etcd-config' && first?.memberCount
        ? { ...f, membershipStatedBy: first.memberCount.range }
        : f,
    );
}
