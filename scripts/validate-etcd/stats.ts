// Small numeric helpers shared by the harness, the delay proxy and the load generator.

/** Nearest-rank percentile (p in [0,100]) of an unsorted sample. */
export function percentile(values: readonly number[], p: number): number {
  if (values.length === 0) return Number.NaN;
  const sorted = [...values].sort((a, b) => a - b);
  const rank = Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1));
  return sorted[rank];
}

export function mean(values: readonly number[]): number {
  if (values.length === 0) return Number.NaN;
  let s = 0;
  for (const v of values) s += v;
  return s / values.length;
}

export function stdev(values: readonly number[]): number {
  if (values.length < 2) return 0;
  const m = mean(values);
  let s = 0;
  for (const v of values) s += (v - m) * (v - m);
  return Math.sqrt(s / (values.length - 1));
}

export interface Summary {
  n: number;
  mean: number;
  sd: number;
  p50: number;
  p90: number;
  p99: number;
  min: number;
  max: number;
}

export function summarize(values: readonly number[]): Summary {
  return {
    n: values.length,
    mean: mean(values),
    sd: stdev(values),
    p50: percentile(values, 50),
    p90: percentile(values, 90),
    p99: percentile(values, 99),
    min: values.length ? Math.min(...values) : Number.NaN,
    max: values.length ? Math.max(...values) : Number.NaN,
  };
}

/** Standard normal sample (Box-Muller). */
function normal(rand: () => number): number {
  let u = 0;
  while (u === 0) u = rand();
  const v = rand();
  return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * v);
}

/** Gamma(shape k, scale 1) sample, Marsaglia-Tsang (k < 1 via the boost u^(1/k)). */
function gammaUnit(k: number, rand: () => number): number {
  if (k < 1) {
    const u = rand() || Number.MIN_VALUE;
    return gammaUnit(k + 1, rand) * Math.pow(u, 1 / k);
  }
  const d = k - 1 / 3;
  const c = 1 / Math.sqrt(9 * d);
  for (;;) {
    const x = normal(rand);
    const v0 = 1 + c * x;
    if (v0 <= 0) continue;
    const v = v0 * v0 * v0;
    const u = rand();
    if (u < 1 - 0.0331 * x * x * x * x) return d * v;
    if (Math.log(u) < 0.5 * x * x + d * (1 - v + Math.log(v))) return d * v;
  }
}

/**
 * A sampler of non-negative durations with the given mean and standard deviation:
 * Gamma(k = (mean/sd)^2, theta = sd^2/mean), or the constant mean when sd is 0.
 */
export function gammaSampler(meanMs: number, sdMs: number, rand: () => number = Math.random): () => number {
  if (meanMs <= 0) return () => 0;
  if (sdMs <= 0) return () => meanMs;
  const k = (meanMs / sdMs) ** 2;
  const theta = (sdMs * sdMs) / meanMs;
  return () => gammaUnit(k, rand) * theta;
}
