// The Prometheus text exposition format (what etcd's /metrics serves), parsed into samples, and etcd's
// histograms read from it in milliseconds. Pure: text in, data out; never throws on any text.

export interface Sample {
  name: string;
  labels: Record<string, string>;
  value: number;
}

/** A histogram in milliseconds: cumulative buckets (`le` ms, +Inf last), `_sum` in ms and `_count`. */
export interface MsHistogram {
  buckets: { le: number; count: number }[];
  sumMs: number;
  count: number;
}

/** Lines read from one scrape at most (etcd's own /metrics is a few thousand). */
export const MAX_METRIC_LINES = 200_000;

const NAME = /^[a-zA-Z_:][a-zA-Z0-9_:]*/;

function parseValue(text: string): number | undefined {
  if (text === '+Inf' || text === 'Inf') return Infinity;
  if (text === '-Inf') return -Infinity;
  if (text === 'NaN') return NaN;
  if (!/^[-+]?(\d+\.?\d*|\.\d+)([eE][-+]?\d+)?$/.test(text)) return undefined;
  return Number(text);
}

/** Labels `{a="x",b="y"}` starting at `i` (the `{`); returns the labels and the index after `}`, or a problem. */
function parseLabels(line: string, i: number): { labels: Record<string, string>; end: number } | string {
  const labels: Record<string, string> = {};
  let j = i + 1;
  for (;;) {
    while (line[j] === ' ' || line[j] === ',') j++;
    if (line[j] === '}') return { labels, end: j + 1 };
    const m = NAME.exec(line.slice(j));
    if (!m) return 'a label name was expected';
    j += m[0].length;
    while (line[j] === ' ') j++;
    if (line[j] !== '=' || line[j + 1] !== '"') return `label ${m[0]} has no ="value"`;
    j += 2;
    let value = '';
    for (;;) {
      const c = line[j];
      if (c === undefined) return `label ${m[0]}'s value is not closed`;
      if (c === '"') break;
      if (c === '\\') {
        const n = line[j + 1];
        value += n === 'n' ? '\n' : (n ?? '');
        j += 2;
      } else {
        value += c;
        j++;
      }
    }
    j++;
    if (m[0] !== '__proto__') labels[m[0]] = value;
  }
}

/** Every sample of a scrape; lines that are not samples are reported (first 5) and skipped. */
export function parsePrometheusText(text: string): { samples: Sample[]; problems: string[] } {
  const samples: Sample[] = [];
  const problems: string[] = [];
  let bad = 0;
  const lines = text.split('\n');
  if (lines.length > MAX_METRIC_LINES)
    problems.push(`more than ${MAX_METRIC_LINES} lines: only the first ${MAX_METRIC_LINES} are read`);
  for (let n = 0; n < Math.min(lines.length, MAX_METRIC_LINES); n++) {
    const line = lines[n].trim();
    if (line === '' || line.startsWith('#')) continue;
    const problem = (why: string): void => {
      if (++bad <= 5) problems.push(`line ${n + 1}: ${why}: ${line.slice(0, 80)}`);
    };
    const m = NAME.exec(line);
    if (!m) {
      problem('not a metric sample');
      continue;
    }
    let rest = m[0].length;
    let labels: Record<string, string> = {};
    if (line[rest] === '{') {
      const l = parseLabels(line, rest);
      if (typeof l === 'string') {
        problem(l);
        continue;
      }
      labels = l.labels;
      rest = l.end;
    }
    const parts = line.slice(rest).trim().split(/\s+/);
    const value = parts[0] === undefined ? undefined : parseValue(parts[0]);
    if (value === undefined || parts.length > 2) {
      problem('no numeric value');
      continue;
    }
    samples.push({ name: m[0], labels, value });
  }
  if (bad > 5) problems.push(`${bad - 5} more malformed line(s)`);
  return { samples, problems };
}

const toMs = (seconds: number): number => Number((seconds * 1000).toPrecision(12));

function labelKey(labels: Record<string, string>, without: string): string {
  return JSON.stringify(
    Object.entries(labels)
      .filter(([k]) => k !== without)
      .sort(([a], [b]) => (a < b ? -1 : 1)),
  );
}

/**
 * Histograms of a metric measured in seconds, one per distinct label set besides `le` (e.g. per `To` peer), in
 * milliseconds. A series without `_count` or with no buckets is left out.
 */
export function secondsHistograms(
  samples: readonly Sample[],
  name: string,
): Map<string, { labels: Record<string, string>; histogram: MsHistogram }> {
  const out = new Map<string, { labels: Record<string, string>; histogram: MsHistogram & { hasCount: boolean } }>();
  const get = (labels: Record<string, string>) => {
    const key = labelKey(labels, 'le');
    let h = out.get(key);
    if (!h) {
      const own = { ...labels };
      delete own.le;
      h = { labels: own, histogram: { buckets: [], sumMs: 0, count: 0, hasCount: false } };
      out.set(key, h);
    }
    return h.histogram;
  };
  for (const s of samples) {
    if (s.name === `${name}_bucket` && s.labels.le !== undefined) {
      const le = parseValue(s.labels.le);
      if (le !== undefined && !Number.isNaN(le) && Number.isFinite(s.value) && s.value >= 0)
        get(s.labels).buckets.push({ le: le === Infinity ? Infinity : toMs(le), count: s.value });
    } else if (s.name === `${name}_sum` && Number.isFinite(s.value)) get(s.labels).sumMs = toMs(s.value);
    else if (s.name === `${name}_count` && Number.isFinite(s.value) && s.value >= 0) {
      const h = get(s.labels);
      h.count = s.value;
      h.hasCount = true;
    }
  }
  const result = new Map<string, { labels: Record<string, string>; histogram: MsHistogram }>();
  for (const [key, { labels, histogram }] of out) {
    if (!histogram.hasCount || histogram.buckets.length === 0) continue;
    histogram.buckets.sort((a, b) => a.le - b.le);
    result.set(key, {
      labels,
      histogram: { buckets: histogram.buckets, sumMs: histogram.sumMs, count: histogram.count },
    });
  }
  return result;
}

/** The one unlabelled (or first) value of a gauge or counter. */
export function scalar(samples: readonly Sample[], name: string): number | undefined {
  const s = samples.find((x) => x.name === name && Number.isFinite(x.value));
  return s?.value;
}

/**
 * What was observed between two scrapes (as Prometheus' rate() does): after − before per bucket, sum and count.
 * Undefined when a counter went down (the member restarted in between), so the caller can say so.
 */
export function histogramDifference(after: MsHistogram, before: MsHistogram | undefined): MsHistogram | undefined {
  if (!before) return after;
  const prev = new Map(before.buckets.map((b) => [b.le, b.count]));
  const buckets = after.buckets.map((b) => ({ le: b.le, count: b.count - (prev.get(b.le) ?? 0) }));
  const count = after.count - before.count;
  if (count < 0 || buckets.some((b) => b.count < 0)) return undefined;
  return { buckets, sumMs: Math.max(0, after.sumMs - before.sumMs), count };
}
