// Value checks for etcd settings, by the kind in the key table: one set of rules for the string
// forms (flags, env vars, extraArgs, k3s etcd-arg) and one for typed config-file YAML.
import { closest, distance } from 'fastest-levenshtein';
import type { EtcdKeySpec } from '../etcdKeys';
import { goInteger, goParseInteger } from '../goYaml';

const DURATION_UNITS: Record<string, number> = {
  ns: 1,
  us: 1e3,
  µs: 1e3,
  μs: 1e3,
  ms: 1e6,
  s: 1e9,
  m: 60e9,
  h: 3600e9,
};
const DURATION_RE = /^[+-]?((\d+(\.\d*)?|\.\d+)(ns|us|µs|μs|ms|s|m|h))+$/;
const DURATION_PART_RE = /(\d+(?:\.\d*)?|\.\d+)(ns|us|µs|μs|ms|s|m|h)/g;

/** A Go `time.ParseDuration` string in nanoseconds, or undefined when Go would reject it. */
export function goDurationNs(text: string): number | undefined {
  const s = text.trim();
  if (s === '0' || s === '+0' || s === '-0') return 0;
  if (!DURATION_RE.test(s)) return undefined;
  let total = 0;
  for (const m of s.matchAll(DURATION_PART_RE)) total += Number(m[1]) * (DURATION_UNITS[m[2]!] ?? 0);
  total = Math.round(total);
  return s.startsWith('-') ? -total : total;
}

/** The nearest known name, when close enough to be a typo. */
export function suggestName(name: string, candidates: readonly string[], maxDistance?: number): string | undefined {
  if (candidates.length === 0 || name.length === 0 || name.length > 200) return undefined;
  const best = closest(name, candidates as string[]);
  const d = distance(name, best);
  const limit = maxDistance ?? Math.max(2, Math.floor(name.length / 5));
  return d > 0 && d <= limit ? best : undefined;
}

const GO_BOOL = /^(1|t|T|TRUE|true|True|0|f|F|FALSE|false|False)$/;
const URL_RE = /^(https?|unixs?):\/\/[^\s,]+$/;

/** etcd 3.6 server feature gates (server/features/etcd_features.go) plus the k8s component-base meta gates. */
export const FEATURE_GATES = [
  'StopGRPCServiceOnDefrag',
  'InitialCorruptCheck',
  'CompactHashCheck',
  'TxnModeWriteWithSharedBuffer',
  'LeaseCheckpoint',
  'LeaseCheckpointPersist',
  'SetMemberLocalAddr',
  'AllAlpha',
  'AllBeta',
];

export interface ValueProblem {
  message: string;
  /** Replacement text for the value, when there is an obvious one. */
  fix?: string;
  fixTitle?: string;
}

function msFix(spec: EtcdKeySpec, value: string): ValueProblem | undefined {
  if (spec.unit !== 'ms') return undefined;
  const ns = goDurationNs(value);
  if (ns === undefined || ns <= 0 || ns % 1e6 !== 0) return undefined;
  const ms = String(ns / 1e6);
  return {
    message: `\`${spec.name}\` is a plain number of milliseconds, not a duration: write ${ms}.`,
    fix: ms,
    fixTitle: `Write ${ms} (milliseconds)`,
  };
}

function checkUrls(spec: EtcdKeySpec, value: string): ValueProblem | undefined {
  if (value.trim() === '') return undefined;
  const bad = value.split(',').find((u) => !URL_RE.test(u.trim()));
  if (bad === undefined) return undefined;
  return {
    message: `\`${spec.name}\` must be comma-separated URLs such as https://10.0.0.1:2380; \`${bad}\` is not one (scheme http, https, unix or unixs).`,
  };
}

function checkEnum(spec: EtcdKeySpec, value: string): ValueProblem | undefined {
  if (!spec.enum || spec.enum.includes(value)) return undefined;
  const near = suggestName(
    value,
    spec.enum.filter((e) => e !== ''),
    3,
  );
  const shown = spec.enum.map((e) => (e === '' ? '""' : e)).join(', ');
  return {
    message: `\`${spec.name}\` must be one of ${shown}; etcd refuses to start with \`${value}\`.${near ? ` Did you mean \`${near}\`?` : ''}`,
    ...(near ? { fix: near, fixTitle: `Change to ${near}` } : {}),
  };
}

function checkRetention(value: string): ValueProblem | undefined {
  if (/^\d+$/.test(value.trim()) || goDurationNs(value) !== undefined) return undefined;
  return {
    message: `\`auto-compaction-retention\` must be a number of hours ("1") or a Go duration ("30m"); etcd refuses to start with \`${value}\`.`,
  };
}

function checkFeatureGates(value: string): ValueProblem | undefined {
  if (value.trim() === '') return undefined;
  for (const part of value.split(',')) {
    const m = /^\s*([A-Za-z0-9]+)\s*=\s*(\S*)\s*$/.exec(part);
    if (!m)
      return { message: `\`feature-gates\` takes comma-separated Name=true|false pairs; \`${part}\` is not one.` };
    if (!GO_BOOL.test(m[2]!)) return { message: `Feature gate \`${m[1]}\` needs true or false, not \`${m[2]}\`.` };
    if (!FEATURE_GATES.includes(m[1]!)) {
      const near = suggestName(m[1]!, FEATURE_GATES);
      return {
        message: `etcd does not know the feature gate \`${m[1]}\` and refuses to start.${near ? ` Did you mean \`${near}\`?` : ''}`,
      };
    }
  }
  return undefined;
}

/**
 * Whether encoding/json can unmarshal this YAML number into a Go int64 (`int`) or uint64 (`uint`) after
 * sigs.k8s.io/yaml: an integer literal keeps its exact value (go-yaml reads up to uint64), a float is written back
 * as its integral digits below 1e21 and in exponent form above, which no integer field accepts.
 */
function fitsGoInteger(source: string, value: number, kind: 'int' | 'uint'): boolean {
  let n = goInteger(source);
  if (n === undefined) {
    if (!Number.isInteger(value) || Math.abs(value) >= 1e21) return false;
    n = BigInt(value);
  }
  return kind === 'int' ? n >= -(2n ** 63n) && n < 2n ** 63n : n >= 0n && n < 2n ** 64n;
}

/** Checks a setting written as a string (flag, env var, extraArgs value). */
export function checkStringValue(spec: EtcdKeySpec, value: string): ValueProblem | undefined {
  switch (spec.kind) {
    case 'bool':
      return GO_BOOL.test(value)
        ? undefined
        : { message: `\`${spec.name}\` takes true or false; etcd refuses to start with \`${value}\`.` };
    case 'uint':
    case 'int': {
      const text = value.trim();
      const n = goParseInteger(text, spec.kind === 'uint');
      if (n !== undefined) {
        if (spec.minimum !== undefined && n < BigInt(spec.minimum))
          return { message: `\`${spec.name}\` must be at least ${spec.minimum}; etcd refuses ${value}.` };
        return undefined;
      }
      if (spec.kind === 'uint' && /^-[0-9]/.test(text))
        return { message: `\`${spec.name}\` cannot be negative; etcd refuses to start with \`${value}\`.` };
      if (/^[+-]?[1-9][0-9_]*$/.test(text) && text.replace(/[^0-9]/g, '').length >= 19)
        return {
          message: `\`${spec.name}\` is too large: ${text} does not fit etcd's 64-bit integer and etcd refuses to start with it.`,
        };
      return (
        msFix(spec, value) ?? {
          message: `\`${spec.name}\` takes ${spec.kind === 'uint' ? 'a non-negative whole number' : 'a whole number'}${spec.unit ? ` (${spec.unit})` : ''}; etcd refuses to start with \`${value}\`.`,
        }
      );
    }
    case 'duration':
      return goDurationNs(value) !== undefined
        ? undefined
        : {
            message: `\`${spec.name}\` takes a Go duration with a unit such as 5s, 100ms or 10m; etcd refuses to start with \`${value}\`${/^\d+$/.test(value) ? ' (missing unit)' : ''}.`,
          };
    case 'urls':
      return checkUrls(spec, value);
    case 'enum':
      return checkEnum(spec, value);
    case 'retention':
      return checkRetention(value);
    case 'csv':
      return spec.name === 'feature-gates' ? checkFeatureGates(value) : undefined;
    default:
      return undefined;
  }
}

/** What a YAML scalar is, as Go's json.Unmarshal would see it after sigs.k8s.io/yaml. */
export type YamlValue =
  | { t: 'null' }
  | { t: 'string'; v: string; source: string }
  | { t: 'number'; v: number; source: string }
  | { t: 'bool'; v: boolean; source: string }
  | { t: 'seq'; items: (string | undefined)[] }
  | { t: 'map' }
  | { t: 'other' };

function quote(s: string): string {
  return JSON.stringify(s);
}

/** Checks a config-file value (typed YAML) against the key's kind. */
export function checkFileValue(spec: EtcdKeySpec, y: YamlValue): ValueProblem | undefined {
  const name = spec.name;
  if (y.t === 'null') return undefined;
  const stringKinds = ['string', 'enum', 'urls', 'csv', 'retention'];
  if (stringKinds.includes(spec.kind)) {
    if (y.t === 'string') {
      if (spec.kind === 'csv' && spec.name === 'feature-gates') return checkFeatureGates(y.v);
      return spec.kind === 'string' || spec.kind === 'csv' ? undefined : checkStringValue(spec, y.v);
    }
    if (y.t === 'seq' && (spec.kind === 'urls' || spec.kind === 'csv')) {
      const parts = y.items.filter((i): i is string => i !== undefined);
      return {
        message: `\`${name}\` is one comma-separated string in an etcd config file, not a YAML list; etcd fails to unmarshal the file and refuses to start.`,
        fix: quote(parts.join(',')),
        fixTitle: 'Join into one comma-separated string',
      };
    }
    if (y.t === 'number' || y.t === 'bool') {
      const why =
        spec.kind === 'retention'
          ? '`auto-compaction-retention` must be a string in a config file (an unquoted number fails to unmarshal): quote it'
          : `\`${name}\` must be a string; etcd fails to unmarshal an unquoted ${y.t === 'number' ? 'number' : 'boolean'}: quote it`;
      return { message: `${why}.`, fix: quote(y.source), fixTitle: `Quote as ${quote(y.source)}` };
    }
    return { message: `\`${name}\` must be a string; etcd fails to unmarshal anything else and refuses to start.` };
  }
  switch (spec.kind) {
    case 'bool':
      if (y.t === 'bool') return undefined;
      if (y.t === 'string' && /^(true|false)$/i.test(y.v))
        return {
          message: `\`${name}\` must be an unquoted boolean; the string ${quote(y.v)} fails to unmarshal.`,
          fix: y.v.toLowerCase(),
          fixTitle: `Write ${y.v.toLowerCase()} without quotes`,
        };
      return { message: `\`${name}\` must be true or false.` };
    case 'uint':
    case 'int':
      if (y.t === 'number') {
        if (!Number.isInteger(y.v))
          return { message: `\`${name}\` must be a whole number; ${y.source} fails to unmarshal.` };
        if (spec.kind === 'uint' && y.v < 0)
          return { message: `\`${name}\` cannot be negative; etcd fails to unmarshal ${y.source}.` };
        if (!fitsGoInteger(y.source, y.v, spec.kind))
          return {
            message: `\`${name}\` is too large: ${y.source} does not fit etcd's 64-bit integer and fails to unmarshal.`,
          };
        if (spec.minimum !== undefined && y.v < spec.minimum)
          return { message: `\`${name}\` must be at least ${spec.minimum}; etcd refuses ${y.source}.` };
        return undefined;
      }
      if (y.t === 'string') {
        if (/^[+-]?\d+$/.test(y.v.trim()))
          return {
            message: `\`${name}\` must be an unquoted number; the string ${quote(y.v)} fails to unmarshal.`,
            fix: y.v.trim(),
            fixTitle: `Write ${y.v.trim()} without quotes`,
          };
        const ms = msFix(spec, y.v);
        if (ms) return ms;
      }
      return { message: `\`${name}\` must be a whole number${spec.unit ? ` (${spec.unit})` : ''}.` };
    case 'duration': {
      if (y.t === 'number') {
        if (Number.isInteger(y.v)) return undefined;
        return { message: `\`${name}\` must be a whole number of nanoseconds in a config file.` };
      }
      if (y.t === 'string') {
        const ns = goDurationNs(y.v);
        if (ns !== undefined)
          return {
            message: `In an etcd config file \`${name}\` takes integer nanoseconds, not ${quote(y.v)} (etcd fails to unmarshal it): write ${ns}.`,
            fix: String(ns),
            fixTitle: `Write ${ns} (nanoseconds = ${y.v})`,
          };
      }
      return {
        message: `\`${name}\` must be an integer number of nanoseconds in a config file (e.g. 5000000000 for 5s).`,
      };
    }
    case 'list':
      if (y.t === 'seq') return undefined;
      if (y.t === 'string') {
        const parts = y.v
          .split(',')
          .map((p) => p.trim())
          .filter((p) => p !== '');
        return {
          message: `\`${name}\` is a YAML list in an etcd config file; a string fails to unmarshal.`,
          fix: `[${parts.map(quote).join(', ')}]`,
          fixTitle: 'Write as a YAML list',
        };
      }
      return {
        message: `\`${name}\` must be a YAML list of strings; etcd fails to unmarshal anything else and refuses to start.`,
      };
    case 'object':
      return y.t === 'map'
        ? undefined
        : {
            message: `\`${name}\` must be a map of its sub-keys; etcd fails to unmarshal anything else and refuses to start.`,
          };
    default:
      return undefined;
  }
}
