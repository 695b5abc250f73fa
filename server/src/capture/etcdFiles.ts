// The JSON files of a capture: `etcdctl member list -w json`, `etcdctl endpoint status --cluster -w json`,
// `fio --output-format=json`, and `puts.json`. Pure parsing; every problem is a message naming the file.
// etcd's member IDs are uint64 and often above 2^53: JSON.parse would round them, so every integer of 16 or more
// digits is quoted in the raw text before parsing and IDs are carried as decimal strings.

export interface CaptureMember {
  /** Decimal, exactly as etcd prints it. */
  id: string;
  /** Hex, as etcd labels peers (`To="…"`) and logs them. */
  idHex: string;
  name: string;
  peerURLs: string[];
  clientURLs: string[];
  learner: boolean;
}

export interface EndpointStatus {
  endpoint: string;
  memberId: string;
  leaderId?: string;
  dbSizeBytes?: number;
  dbSizeInUseBytes?: number;
  raftTerm?: number;
  version?: string;
}

export interface FioResult {
  /** fdatasync latency (`jobs[0].sync.lat_ns`), ms. */
  sync?: FioLatency;
  /** write completion latency (`jobs[0].write.clat_ns`), ms. */
  write?: FioLatency;
  /** fio's `timestamp` (ISO), when it ran. */
  at?: string;
  jobName?: string;
}

export interface FioLatency {
  count: number;
  minMs: number;
  maxMs: number;
  meanMs: number;
  /** `{p: 0..1, ms}` ascending. */
  percentiles: { p: number; ms: number }[];
}

export interface Puts {
  via: string;
  latenciesMs: number[];
  at?: string;
}

export type Parsed<T> = { ok: true; value: T } | { ok: false; error: string };

/** Most puts read from puts.json. */
export const MAX_PUTS = 1_000_000;

/** Quotes every bare integer of 16+ digits outside strings, so uint64 IDs survive JSON.parse exactly. */
export function quoteBigIntegers(text: string): string {
  let out = '';
  let i = 0;
  let last = 0;
  while (i < text.length) {
    const c = text.charCodeAt(i);
    if (c === 34) {
      // a string: skip to its closing quote
      i++;
      while (i < text.length && text.charCodeAt(i) !== 34) i += text.charCodeAt(i) === 92 ? 2 : 1;
      i++;
      continue;
    }
    if (c >= 48 && c <= 57) {
      let j = i;
      while (j < text.length && /[0-9.eE+-]/.test(text[j])) j++;
      const token = text.slice(i, j);
      const prev = text[i - 1];
      if (/^\d{16,}$/.test(token) && prev !== '.' && prev !== '-') {
        out += text.slice(last, i) + `"${token}"`;
        last = j;
      }
      i = j;
      continue;
    }
    i++;
  }
  return out + text.slice(last);
}

function parseJson(text: string, file: string): Parsed<unknown> {
  try {
    return { ok: true, value: JSON.parse(quoteBigIntegers(text)) };
  } catch (error) {
    return { ok: false, error: `${file}: not JSON (${(error as Error).message})` };
  }
}

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

/** A uint64 ID as a decimal string (from a quoted big integer, a small number or a decimal string). */
function idString(v: unknown): string | undefined {
  if (typeof v === 'string' && /^\d{1,20}$/.test(v) && BigInt(v) < 2n ** 64n) return BigInt(v).toString();
  if (typeof v === 'number' && Number.isSafeInteger(v) && v >= 0) return String(v);
  return undefined;
}

const strings = (v: unknown): string[] => (Array.isArray(v) ? v.filter((s): s is string => typeof s === 'string') : []);

export function parseMemberList(text: string, file = 'members.json'): Parsed<CaptureMember[]> {
  const json = parseJson(text, file);
  if (!json.ok) return json;
  const list = isObject(json.value) ? json.value.members : undefined;
  if (!Array.isArray(list))
    return { ok: false, error: `${file}: no "members" list (expected the output of etcdctl member list -w json)` };
  const members: CaptureMember[] = [];
  for (const [i, m] of list.entries()) {
    const id = isObject(m) ? idString(m.ID) : undefined;
    if (!isObject(m) || id === undefined) return { ok: false, error: `${file}: members[${i}] has no numeric ID` };
    members.push({
      id,
      idHex: BigInt(id).toString(16),
      name: typeof m.name === 'string' ? m.name : '',
      peerURLs: strings(m.peerURLs),
      clientURLs: strings(m.clientURLs),
      learner: m.isLearner === true,
    });
  }
  if (members.length === 0) return { ok: false, error: `${file}: the member list is empty` };
  return { ok: true, value: members };
}

export function parseEndpointStatus(text: string, file = 'status.json'): Parsed<EndpointStatus[]> {
  const json = parseJson(text, file);
  if (!json.ok) return json;
  const list = Array.isArray(json.value) ? json.value : [json.value];
  const out: EndpointStatus[] = [];
  for (const [i, e] of list.entries()) {
    const status = isObject(e) && isObject(e.Status) ? e.Status : undefined;
    const header = status && isObject(status.header) ? status.header : undefined;
    const memberId = idString(header?.member_id);
    if (!isObject(e) || !status || memberId === undefined)
      return {
        ok: false,
        error: `${file}: entry ${i} has no Status.header.member_id (expected etcdctl endpoint status --cluster -w json)`,
      };
    const num = (v: unknown): number | undefined =>
      typeof v === 'number' && Number.isFinite(v) && v >= 0 ? v : undefined;
    const leaderId = idString(status.leader);
    out.push({
      endpoint: typeof e.Endpoint === 'string' ? e.Endpoint : '',
      memberId,
      ...(leaderId && leaderId !== '0' ? { leaderId } : {}),
      ...(num(status.dbSize) !== undefined ? { dbSizeBytes: num(status.dbSize) } : {}),
      ...(num(status.dbSizeInUse) !== undefined ? { dbSizeInUseBytes: num(status.dbSizeInUse) } : {}),
      ...(num(status.raftTerm) !== undefined ? { raftTerm: num(status.raftTerm) } : {}),
      ...(typeof status.version === 'string' ? { version: status.version } : {}),
    });
  }
  return { ok: true, value: out };
}

function fioLatency(v: unknown): FioLatency | undefined {
  if (!isObject(v)) return undefined;
  const ns = (x: unknown): number | undefined =>
    typeof x === 'number' && Number.isFinite(x) && x >= 0 ? x / 1e6 : undefined;
  const count = typeof v.N === 'number' ? v.N : 0;
  const [minMs, maxMs, meanMs] = [ns(v.min), ns(v.max), ns(v.mean)];
  if (!(count > 0) || minMs === undefined || maxMs === undefined || meanMs === undefined) return undefined;
  const percentiles: { p: number; ms: number }[] = [];
  if (isObject(v.percentile)) {
    for (const [k, x] of Object.entries(v.percentile)) {
      const p = Number(k) / 100;
      const ms = ns(x);
      if (p > 0 && p < 1 && ms !== undefined) percentiles.push({ p, ms });
    }
  }
  percentiles.sort((a, b) => a.p - b.p);
  return { count, minMs, maxMs, meanMs, percentiles };
}

export function parseFio(text: string, file = 'fio.json'): Parsed<FioResult> {
  // fio may print notes before its JSON (e.g. "note: both iodepth >= 1 and synchronous I/O engine…")
  const start = text.indexOf('{');
  const json = parseJson(start > 0 ? text.slice(start) : text, file);
  if (!json.ok) return json;
  const job = isObject(json.value) && Array.isArray(json.value.jobs) ? json.value.jobs[0] : undefined;
  if (!isObject(job)) return { ok: false, error: `${file}: no jobs (expected fio --output-format=json)` };
  const sync = isObject(job.sync) ? fioLatency(job.sync.lat_ns) : undefined;
  const write = isObject(job.write) ? fioLatency(job.write.clat_ns) : undefined;
  if (!sync && !write)
    return { ok: false, error: `${file}: job ${String(job.jobname ?? 0)} has neither sync nor write latencies` };
  const ts =
    isObject(json.value) && typeof json.value.timestamp === 'number'
      ? new Date(json.value.timestamp * 1000)
      : undefined;
  return {
    ok: true,
    value: {
      ...(sync ? { sync } : {}),
      ...(write ? { write } : {}),
      ...(ts && !Number.isNaN(ts.getTime()) ? { at: ts.toISOString() } : {}),
      ...(typeof job.jobname === 'string' ? { jobName: job.jobname } : {}),
    },
  };
}

export function parsePuts(text: string, file = 'puts.json'): Parsed<Puts> {
  const json = parseJson(text, file);
  if (!json.ok) return json;
  const v = json.value;
  if (!isObject(v) || typeof v.via !== 'string' || v.via === '' || !Array.isArray(v.latenciesMs))
    return { ok: false, error: `${file}: expected {"via": "<member name>", "latenciesMs": [...]}` };
  if (v.latenciesMs.length > MAX_PUTS) return { ok: false, error: `${file}: more than ${MAX_PUTS} latencies` };
  const bad = v.latenciesMs.findIndex((x) => typeof x !== 'number' || !Number.isFinite(x) || x < 0);
  if (bad >= 0)
    return { ok: false, error: `${file}: latenciesMs[${bad}] is not a non-negative number of milliseconds` };
  if (v.latenciesMs.length === 0) return { ok: false, error: `${file}: latenciesMs is empty` };
  return {
    ok: true,
    value: { via: v.via, latenciesMs: v.latenciesMs as number[], ...(typeof v.at === 'string' ? { at: v.at } : {}) },
  };
}
