// Collects the etcd settings of one configuration (a config file, a container, an extraArgs map...)
// with their source ranges, checks each against the key table, and builds the EtcdConfigFact.
import { CONFIG_FILE_KEYS, ENV_NAMES, FLAG_KEYS, IGNORED_FLAGS, envToFlag, type EtcdKeySpec } from '../etcdKeys';
import {
  asScalar,
  asSeq,
  isMap,
  keyRange,
  keyText,
  mapPairs,
  nodeOffsets,
  nodeRange,
  offsetRange,
  scalarString,
  stringValue,
  type DocContext,
  type Node,
  type Pair,
  type YAMLMap,
} from '../parse';
import type { EtcdConfigFact, EtcdSetting, Finding, Located, Range, RecogniserKind, SettingOrigin } from '../types';
import { DOCS } from '../docs';
import { finding, fix } from '../findings';
import { parseInitialCluster } from './members';
import { argItem, isTemplated, type ArgItem } from './shellWords';
import { getPairOf, getValue, limited, located, verbatimRange, yamlValue } from './yamlNodes';
import { checkFileValue, checkStringValue, suggestName, type ValueProblem } from './values';

const FLAG_NAMES = [...FLAG_KEYS.keys()];
const FILE_NAMES = [...CONFIG_FILE_KEYS.keys()];

/** A setting written as text: a flag, an env var, an extraArgs entry, a k3s etcd-arg item. */
export interface WrittenSetting {
  /** Flag name without dashes, or the env var name for origin `env`. */
  name: string;
  writtenAs: string;
  origin: SettingOrigin;
  /** The value text; null when not given (valueFrom) or implicit (`--bool-flag`). */
  value: string | null;
  /** Range of the value (or of the whole item when the value has no range of its own). */
  range: Range;
  keyRange?: Range;
  /** Range of the name text alone, for a rename fix. */
  nameRange?: Range;
  /** Bool flag given without value (`--client-cert-auth`). */
  implicitTrue?: boolean;
}

export interface CollectorOptions {
  /** What etcd does with an unknown name (it refuses to start), for the message. */
  unknownEffect: string;
}

const FLAG_UNKNOWN: CollectorOptions = {
  unknownEffect: 'etcd refuses to start ("flag provided but not defined")',
};

export class SettingsCollector {
  readonly settings: EtcdSetting[] = [];

  constructor(
    readonly ctx: DocContext,
    readonly findings: Finding[],
  ) {}

  private push(s: EtcdSetting): void {
    this.settings.push(s);
  }

  private invalidFlagValue(p: ValueProblem, range: Range): void {
    const fixes = p.fix !== undefined ? fix(p.fixTitle ?? 'Fix value', range, p.fix) : undefined;
    this.findings.push(finding('invalid-config-value', range, p.message, { docsUrl: DOCS.flags, fixes }));
  }

  private deprecated(
    spec: EtcdKeySpec,
    writtenAs: string,
    range: Range,
    renameRange: Range | undefined,
    renameTo?: (n: string) => string,
  ): void {
    if (!spec.deprecated) return;
    const removed = spec.file === '3.5' || spec.flag === '3.5';
    const replacement = spec.deprecated.replacement;
    this.findings.push(
      finding('deprecated-config-key', range, `\`${writtenAs}\` is ${spec.deprecated.message}.`, {
        lesser: !removed,
        fixes:
          replacement && renameRange && renameTo
            ? fix(`Rename to ${renameTo(replacement)}`, renameRange, renameTo(replacement))
            : undefined,
      }),
    );
  }

  /** Adds a setting written as a string (flag, env var, extraArgs entry). */
  addWritten(w: WrittenSetting, opts: CollectorOptions = FLAG_UNKNOWN): void {
    let flag: string | undefined;
    if (w.origin === 'env') {
      flag = envToFlag(w.name);
      if (!flag) {
        // Images (bitnami...) read their own ETCD_* variables: only a near miss is worth a word.
        const near = w.name.startsWith('ETCD_') ? suggestName(w.name, ENV_NAMES, 2) : undefined;
        if (near) {
          this.findings.push(
            finding(
              'unknown-config-key',
              w.nameRange ?? w.keyRange ?? w.range,
              `etcd does not read \`${w.name}\` (it logs "unrecognized environment variable" and ignores it). Did you mean \`${near}\`?`,
              {
                lesser: true,
                docsUrl: DOCS.flags,
                fixes: w.nameRange ? fix(`Rename to ${near}`, w.nameRange, near) : undefined,
              },
            ),
          );
        }
        return;
      }
    } else {
      flag = w.name;
    }
    const spec = FLAG_KEYS.get(flag);
    if (!spec) {
      if (IGNORED_FLAGS.has(flag)) return;
      const near = suggestName(flag, FLAG_NAMES);
      const fromFile = CONFIG_FILE_KEYS.has(flag) ? ` \`${flag}\` exists only as a config-file key.` : '';
      this.findings.push(
        finding(
          'unknown-config-key',
          w.nameRange ?? w.keyRange ?? w.range,
          `\`${w.writtenAs}\` is not an etcd flag: ${opts.unknownEffect}.${fromFile}${near ? ` Did you mean \`${near}\`?` : ''}`,
          { docsUrl: DOCS.flags, fixes: near && w.nameRange ? fix(`Rename to ${near}`, w.nameRange, near) : undefined },
        ),
      );
      return;
    }
    this.deprecated(
      spec,
      w.writtenAs,
      w.nameRange ?? w.keyRange ?? w.range,
      w.origin === 'env' ? undefined : w.nameRange,
      (n) => n,
    );
    const raw = w.implicitTrue ? 'true' : w.value;
    if (raw !== null && !(w.implicitTrue && spec.kind === 'bool')) {
      const p = checkStringValue(spec, raw);
      if (p) this.invalidFlagValue(p, w.range);
    }
    if (raw !== null) this.unsafe(spec, raw, w.range);
    const s: EtcdSetting = { flag: spec.name, writtenAs: w.writtenAs, origin: w.origin, raw, range: w.range };
    if (w.keyRange) s.keyRange = w.keyRange;
    this.push(s);
  }

  private unsafe(spec: EtcdKeySpec, raw: unknown, range: Range): void {
    if (spec.name !== 'unsafe-no-fsync') return;
    if (raw === true || (typeof raw === 'string' && /^(1|t|true)$/i.test(raw))) {
      this.findings.push(
        finding(
          'unsafe-no-fsync',
          range,
          'unsafe-no-fsync disables fsync: a power loss or crash loses acknowledged writes and can corrupt the member. Remove it (it is only for tests).',
        ),
      );
    }
  }

  /** Adds a value the user did not write but a higher-level setting implies. */
  addDerived(flag: string, raw: unknown, writtenAs: string, range: Range, keyRange?: Range): void {
    const s: EtcdSetting = { flag, writtenAs, origin: 'derived', raw, range };
    if (keyRange) s.keyRange = keyRange;
    this.push(s);
  }

  /** A YAML scalar that an API reads as a Go string (env value, extraArgs value) must be quoted when it looks like a
   * number/bool. */
  requireString(node: unknown, what: string): void {
    const s = asScalar(this.ctx, node);
    if (!s || typeof s.value === 'string' || s.value === null || s.value === undefined) return;
    const text = scalarString(this.ctx, s) ?? String(s.value);
    const range = nodeRange(this.ctx, s);
    this.findings.push(
      finding(
        'invalid-config-value',
        range,
        `${what} must be a string: the API rejects the unquoted ${typeof s.value === 'number' ? 'number' : 'boolean'} ${text}. Quote it.`,
        { docsUrl: DOCS.podEnv, fixes: fix(`Quote as ${JSON.stringify(text)}`, range, JSON.stringify(text)) },
      ),
    );
  }

  /** Kubernetes `env:` list ([{name, value | valueFrom}]): ETCD_* entries become env settings. */
  addEnvList(node: unknown, opts?: { onlyEtcd?: boolean }): void {
    const seq = asSeq(this.ctx, node);
    if (!seq) return;
    for (const item of limited(this.ctx, this.findings, seq, 'env')) {
      const name = stringValue(this.ctx, getValue(this.ctx, item, 'name'));
      if (!name || !name.startsWith('ETCD_')) continue;
      if (opts?.onlyEtcd && !envToFlag(name)) continue;
      const namePair = getPairOf(this.ctx, item, 'name');
      const valuePair = getPairOf(this.ctx, item, 'value');
      const nameNode = namePair?.value;
      const valueNode = valuePair?.value;
      if (valueNode) this.requireString(valueNode, `Env var ${name}`);
      const value = valueNode ? (scalarString(this.ctx, valueNode) ?? null) : null;
      const range = valueNode ? nodeRange(this.ctx, valueNode) : nodeRange(this.ctx, item);
      this.addWritten({
        name,
        writtenAs: name,
        origin: 'env',
        value: value ?? (getPairOf(this.ctx, item, 'valueFrom') ? null : ''),
        range,
        ...(nameNode
          ? { keyRange: nodeRange(this.ctx, nameNode), nameRange: verbatimRange(this.ctx, nameNode, 0, name.length) }
          : {}),
      });
    }
  }

  /**
   * Go `flag` parsing of an argument list (after the `etcd` binary): `--f=v`, `-f=v`, `--f v`
   * (not for booleans), `--f` (booleans); stops at `--` or the first non-flag argument.
   */
  addArgs(items: ArgItem[], origin: SettingOrigin = 'flag'): void {
    for (let i = 0; i < items.length; i++) {
      const item = items[i]!;
      const text = item.text;
      if (text === '--') break;
      if (!text.startsWith('-') || text === '-') break;
      const dashes = text.startsWith('--') ? 2 : 1;
      const eq = text.indexOf('=');
      const name = text.slice(dashes, eq < 0 ? undefined : eq);
      const nameRange = item.sub(dashes, dashes + name.length);
      if (eq >= 0) {
        this.addWritten({
          name,
          writtenAs: text.slice(0, eq),
          origin,
          value: text.slice(eq + 1),
          range: item.sub(eq + 1, text.length),
          keyRange: item.sub(0, eq),
          ...(nameRange ? { nameRange } : {}),
        });
        continue;
      }
      const spec = FLAG_KEYS.get(name);
      const next = items[i + 1];
      if (spec && spec.kind !== 'bool' && next && !next.text.startsWith('--')) {
        this.addWritten({
          name,
          writtenAs: text,
          origin,
          value: next.text,
          range: next.range,
          keyRange: item.range,
          ...(nameRange ? { nameRange } : {}),
        });
        i++;
        continue;
      }
      this.addWritten({
        name,
        writtenAs: text,
        origin,
        value: spec && spec.kind !== 'bool' ? '' : null,
        range: item.range,
        keyRange: item.range,
        implicitTrue: !spec || spec.kind === 'bool',
        ...(nameRange ? { nameRange } : {}),
      });
    }
  }

  /** A `name=value` item (k3s `etcd-arg`, operator `etcdOptions` without dashes allowed). */
  addKeyValueItem(node: unknown, origin: SettingOrigin, opts?: CollectorOptions): void {
    const text = scalarString(this.ctx, node);
    if (text === undefined) return;
    const item = argItem(this.ctx, node as Node, text);
    const body = text.replace(/^--?/, '');
    const skip = text.length - body.length;
    const eq = body.indexOf('=');
    const name = eq < 0 ? body : body.slice(0, eq);
    const nameRange = item.sub(skip, skip + name.length);
    this.addWritten(
      {
        name,
        writtenAs: text.slice(0, skip + (eq < 0 ? body.length : eq)),
        origin,
        value: eq < 0 ? null : body.slice(eq + 1),
        range: eq < 0 ? item.range : item.sub(skip + eq + 1, text.length),
        keyRange: item.sub(0, skip + (eq < 0 ? body.length : eq)),
        implicitTrue: eq < 0,
        ...(nameRange ? { nameRange } : {}),
      },
      opts,
    );
  }

  /** A `NAME=value` item (k3s `etcd-extra-env`, RKE1 `extra_env`, compose `environment` list): ETCD_* names only. */
  addNameValueItem(node: unknown): void {
    const text = scalarString(this.ctx, node);
    if (text === undefined) return;
    const eq = text.indexOf('=');
    const name = (eq < 0 ? text : text.slice(0, eq)).trim();
    if (!name.startsWith('ETCD_')) return;
    const item = argItem(this.ctx, node as Node, text);
    const value = eq < 0 ? null : text.slice(eq + 1);
    if (value !== null && isTemplated(value)) return;
    const nameRange = item.sub(0, name.length);
    this.addWritten({
      name,
      writtenAs: name,
      origin: 'env',
      value: value ?? '',
      range: eq < 0 ? item.range : item.sub(eq + 1, text.length),
      keyRange: nameRange,
      nameRange,
    });
  }

  /**
   * A map of flag names to string values (kubeadm v1beta3 / Talos / k0s extraArgs). `requireStrings`:
   * the file is decoded into map[string]string through JSON (sigs.k8s.io/yaml), where an unquoted number fails.
   */
  addExtraArgsMap(map: YAMLMap, opts?: CollectorOptions, requireStrings = true): void {
    for (const pair of limited(this.ctx, this.findings, mapPairs(this.ctx, map), 'extraArgs')) {
      const name = keyText(pair.key);
      if (name === undefined || name === '<<') continue;
      const valueNode = pair.value;
      if (valueNode && requireStrings) this.requireString(valueNode, `extraArgs value of ${name}`);
      const kr = keyRange(this.ctx, pair);
      this.addWritten(
        {
          name: name.replace(/^--?/, ''),
          writtenAs: name,
          origin: 'extra-args',
          value: valueNode ? (scalarString(this.ctx, valueNode) ?? '') : '',
          range: valueNode ? nodeRange(this.ctx, valueNode) : (kr ?? nodeRange(this.ctx, map)),
          ...(kr ? { keyRange: kr, nameRange: kr } : {}),
        },
        opts,
      );
    }
  }

  /** A list of {name, value} (kubeadm v1beta4 extraArgs). */
  addExtraArgsList(node: unknown, opts?: CollectorOptions): void {
    const seq = asSeq(this.ctx, node);
    if (!seq) return;
    for (const item of limited(this.ctx, this.findings, seq, 'extraArgs')) {
      const namePair = getPairOf(this.ctx, item, 'name');
      const name = stringValue(this.ctx, namePair?.value);
      if (!namePair || !name) continue;
      const valueNode = getPairOf(this.ctx, item, 'value')?.value;
      if (valueNode) this.requireString(valueNode, `extraArgs value of ${name}`);
      const nr = nodeRange(this.ctx, namePair.value);
      this.addWritten(
        {
          name: name.replace(/^--?/, ''),
          writtenAs: name,
          origin: 'extra-args',
          value: valueNode ? (scalarString(this.ctx, valueNode) ?? '') : '',
          range: valueNode ? nodeRange(this.ctx, valueNode) : nodeRange(this.ctx, item),
          keyRange: nr,
          nameRange: verbatimRange(this.ctx, namePair.value, 0, name.length) ?? nr,
        },
        opts,
      );
    }
  }

  /** Every key of an etcd config file, checked against the table with YAML types. */
  addConfigFileMap(map: YAMLMap): void {
    this.checkFileKeys(map, CONFIG_FILE_KEYS, '', 0);
  }

  private checkFileKeys(map: YAMLMap, specs: ReadonlyMap<string, EtcdKeySpec>, prefix: string, depth: number): void {
    const names = prefix === '' ? FILE_NAMES : [...specs.keys()];
    for (const pair of limited(this.ctx, this.findings, mapPairs(this.ctx, map), 'This map', 5000)) {
      const key = keyText(pair.key);
      const kr = keyRange(this.ctx, pair);
      const vr = pair.value ? nodeRange(this.ctx, pair.value) : (kr ?? nodeRange(this.ctx, map));
      if (key === undefined || key === '<<') continue;
      const spec = specs.get(key);
      if (!spec) {
        const near = suggestName(key, names);
        const flagOnly = prefix === '' && FLAG_KEYS.has(key) ? flagOnlyHint(key) : '';
        this.findings.push(
          finding(
            'unknown-config-key',
            kr ?? vr,
            `etcd silently ignores the unknown config-file key \`${prefix}${key}\`.${flagOnly}${near ? ` Did you mean \`${near}\`?` : ' Remove it or fix its name.'}`,
            {
              lesser: true,
              docsUrl: DOCS.configFile,
              fixes: near && kr ? fix(`Rename to ${near}`, kr, near) : undefined,
            },
          ),
        );
        continue;
      }
      this.deprecated(spec, prefix + key, kr ?? vr, kr, (n) => n);
      const y = yamlValue(this.ctx, pair.value);
      if (y.t === 'bool' && !/^(true|false)$/i.test(y.source)) {
        // etcd reads config files as YAML 1.1 (sigs.k8s.io/yaml), where yes/no/on/off are booleans;
        // YAML 1.2 tools (and people) read them as strings.
        const word = y.v ? 'true' : 'false';
        this.findings.push(
          finding(
            'yaml11-boolean',
            vr,
            `\`${y.source}\` is the boolean ${word} for etcd, which reads YAML 1.1; YAML 1.2 tools read it as the string "${y.source}". Write ${word}.`,
            { fixes: fix(`Write ${word}`, vr, word) },
          ),
        );
      }
      const p = checkFileValue(spec, y);
      if (p) {
        const range =
          p.fix !== undefined && spec.kind !== 'object' && y.t === 'seq' && kr ? afterKeyRange(this.ctx, pair) : vr;
        const f = finding('invalid-config-value', vr, p.message, { docsUrl: DOCS.configFile });
        if (p.fix !== undefined) f.fixes = fix(p.fixTitle ?? 'Fix value', range, y.t === 'seq' ? ` ${p.fix}` : p.fix);
        this.findings.push(f);
      }
      if (spec.kind === 'object') {
        const sub = pair.value && isMap(pair.value) ? (pair.value as YAMLMap) : undefined;
        if (sub && spec.properties && depth < 4) {
          this.checkFileKeys(sub, new Map(spec.properties.map((s) => [s.name, s])), `${prefix}${key}.`, depth + 1);
          if (depth === 0) this.addObjectSettings(key, sub);
        }
        continue;
      }
      if (prefix !== '') continue;
      const raw = y.t === 'seq' ? y.items : y.t === 'string' || y.t === 'number' || y.t === 'bool' ? y.v : null;
      this.unsafe(spec, raw, vr);
      const s: EtcdSetting = { flag: spec.name, writtenAs: key, origin: 'config-file', raw, range: vr };
      if (kr) s.keyRange = kr;
      this.push(s);
    }
  }

  /** TLS and socket objects of a config file, as the flags they stand for. */
  private addObjectSettings(key: string, map: YAMLMap): void {
    for (const pair of mapPairs(this.ctx, map)) {
      const sub = keyText(pair.key);
      if (!sub) continue;
      const flag = objectFlag(key, sub);
      if (!flag || !FLAG_KEYS.has(flag)) continue;
      const y = yamlValue(this.ctx, pair.value);
      const raw = y.t === 'seq' ? y.items : y.t === 'string' || y.t === 'number' || y.t === 'bool' ? y.v : null;
      const s: EtcdSetting = {
        flag,
        writtenAs: `${key}.${sub}`,
        origin: 'config-file',
        raw,
        range: pair.value ? nodeRange(this.ctx, pair.value) : nodeRange(this.ctx, pair.key),
      };
      const kr = keyRange(this.ctx, pair);
      if (kr) s.keyRange = kr;
      this.push(s);
    }
  }

  /** Builds the fact: settings plus the values rules use most, resolved as etcd resolves them. */
  build(
    recogniser: RecogniserKind,
    label: string,
    range: Range,
    extra: Partial<Omit<EtcdConfigFact, 'type' | 'recogniser' | 'label' | 'range' | 'settings' | 'documentIndex'>> = {},
  ): EtcdConfigFact {
    const fact: EtcdConfigFact = {
      type: 'etcd-config',
      recogniser,
      documentIndex: this.ctx.index,
      range,
      label,
      settings: this.settings,
      ...extra,
    };
    const hb = effectiveInt(this.settings, 'heartbeat-interval');
    if (hb) fact.heartbeatMs = hb;
    const el = effectiveInt(this.settings, 'election-timeout');
    if (el) fact.electionMs = el;
    const quota = effectiveInt(this.settings, 'quota-backend-bytes');
    if (quota) fact.quotaBackendBytes = quota;
    const name = effectiveSetting(this.settings, 'name');
    if (name && typeof name.raw === 'string' && name.raw !== '') fact.memberName = located(name.raw, name);
    const ic = effectiveSetting(this.settings, 'initial-cluster');
    if (ic && typeof ic.raw === 'string' && ic.raw.trim() !== '') {
      const members = parseInitialCluster(ic.raw);
      fact.initialCluster = located(members, ic);
      if (!fact.memberCount && members.length > 0)
        fact.memberCount = { ...located(members.length, ic), source: 'initial-cluster' };
    }
    this.checkConfigFileFlag();
    return fact;
  }

  /** With --config-file, etcd ignores every other flag and ETCD_* variable. */
  private checkConfigFileFlag(): void {
    const cf = this.settings.find((s) => s.flag === 'config-file' && s.origin !== 'config-file');
    if (!cf) return;
    const others = this.settings.filter((s) => s !== cf && s.flag !== 'config-file' && s.origin !== 'derived');
    if (others.length === 0) return;
    this.findings.push(
      finding(
        'ignored-by-config-file',
        cf.keyRange ?? cf.range,
        `With --config-file, etcd ignores all other flags and ETCD_* variables (${others.length} here, e.g. ${others[0]!.writtenAs}). Move them into the config file.`,
        { docsUrl: DOCS.flags },
      ),
    );
  }
}

function flagOnlyHint(key: string): string {
  if (/^peer-(cert|key|client|trusted|auto|crl|skip)/.test(key))
    return ' In a config file, peer TLS settings go under `peer-transport-security`.';
  if (/^(cert-file|key-file|client-cert|client-key|trusted-ca-file|auto-tls)/.test(key))
    return ' In a config file, client TLS settings go under `client-transport-security`.';
  if (key.startsWith('socket-reuse')) return ' In a config file, use `socket-options`.';
  if (key.startsWith('discovery-')) return ' In a config file, use `discovery-config`.';
  return ` \`${key}\` is a command-line flag only.`;
}

function objectFlag(key: string, sub: string): string | undefined {
  if (key === 'socket-options') return `socket-${sub}`;
  if (key === 'client-transport-security')
    return ['allowed-cn', 'allowed-hostname', 'skip-client-san-verification'].includes(sub) ? undefined : sub;
  if (key === 'peer-transport-security') {
    if (sub === 'allowed-cn') return 'peer-cert-allowed-cn';
    if (sub === 'allowed-hostname') return 'peer-cert-allowed-hostname';
    return `peer-${sub}`;
  }
  return undefined;
}

function afterKeyRange(ctx: DocContext, pair: Pair): Range {
  const [, keyEnd] = nodeOffsets(pair.key);
  const [, valueEnd] = nodeOffsets(pair.value);
  // Replace from just after the `:` to the end of the value, so a block list becomes an inline string.
  const colon = ctx.text.indexOf(':', keyEnd);
  const from = colon >= 0 && colon < valueEnd ? colon + 1 : keyEnd;
  let to = valueEnd;
  while (to > from && /\s/.test(ctx.text[to - 1]!)) to--;
  return offsetRange(ctx.lineCounter, ctx.text, from, to);
}

/** Priority of an origin: explicit settings shadow env vars, which shadow derived defaults. */
function priority(origin: SettingOrigin): number {
  return origin === 'derived' ? 0 : origin === 'env' ? 1 : 2;
}

/** The setting etcd uses for a flag: the last of the highest-priority origin. */
export function effectiveSetting(settings: readonly EtcdSetting[], flag: string): EtcdSetting | undefined {
  let best: EtcdSetting | undefined;
  for (const s of settings) {
    if (s.flag !== flag) continue;
    if (!best || priority(s.origin) >= priority(best.origin)) best = s;
  }
  return best;
}

export function settingInt(s: EtcdSetting): number | undefined {
  if (typeof s.raw === 'number' && Number.isInteger(s.raw)) return s.raw;
  if (typeof s.raw === 'string' && /^\s*-?\d+\s*$/.test(s.raw)) {
    const n = Number(s.raw);
    return Number.isSafeInteger(n) ? n : undefined;
  }
  return undefined;
}

function effectiveInt(settings: readonly EtcdSetting[], flag: string): Located<number> | undefined {
  const s = effectiveSetting(settings, flag);
  if (!s) return undefined;
  const n = settingInt(s);
  return n === undefined ? undefined : located(n, s);
}
