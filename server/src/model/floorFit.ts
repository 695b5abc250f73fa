// The request floor a set of measured puts shows once the modelled network and disk terms are taken out.
// Sequential puts measure  latency = client RTT + floor + ready(via) + backend wait  (raft.ts). Everything but the
// floor is modelled from the capture's own RTT and fsync distributions, so the floor is the distribution that,
// added to those terms, reproduces the measured percentiles. It is found by quantile matching (docs/calibration.md):
// start from measured − modelled-without-floor at each probability, then repeat
//   F(p) ← F(p) + (measured(p) − estimate with F (p))
// a few times (the floor is independent of the other terms, so a quantile of the sum is not the sum of quantiles;
// the correction converges in a few rounds). F is kept ascending and non-negative by isotonic regression.
import { raftEstimate } from './raft';
import { sortedQuantile } from './stats';
import { empiricalDist } from './empirical';
import { ModelInputError } from './errors';
import type { Dist, EmpiricalCdf, ModelCluster, WriteScenario } from './types';

/**
 * Probabilities at which the floor is fitted. The extremes are left out (a sample's minimum and maximum are set by
 * the other terms' tails as much as by the floor); the CDF starts at the 2 % point and ends one 95→99 % step above
 * the 99 % point.
 */
export const FLOOR_FIT_PROBABILITIES: readonly number[] = [
  0.02, 0.05, 0.1, 0.2, 0.3, 0.4, 0.5, 0.6, 0.7, 0.8, 0.9, 0.95, 0.98, 0.99,
];

/** Rounds of correction after the first guess. */
export const FLOOR_FIT_ROUNDS = 12;

/** Fewest puts a floor is fitted from (fewer say nothing about a p99). */
export const FLOOR_FIT_MIN_PUTS = 20;

export interface FloorFit {
  floor: Dist;
  cdf: EmpiricalCdf;
  puts: number;
  measured: { p50Ms: number; p99Ms: number; meanMs: number };
  /** The estimate of the same scenario with the fitted floor. */
  fitted: { p50Ms: number; p99Ms: number; meanMs: number };
  /** Mean of the modelled network and disk terms (the estimate with a zero floor). */
  modelledWithoutFloorMeanMs: number;
}

export function fitRequestFloor(
  cluster: ModelCluster,
  scenario: WriteScenario,
  latenciesMs: readonly number[],
): FloorFit {
  const sorted = Float64Array.from(latenciesMs.filter((v) => Number.isFinite(v) && v >= 0)).sort();
  if (sorted.length < FLOOR_FIT_MIN_PUTS)
    throw new ModelInputError(
      `a request floor needs at least ${FLOOR_FIT_MIN_PUTS} measured puts (got ${sorted.length})`,
    );
  const ps = FLOOR_FIT_PROBABILITIES;
  const measured = ps.map((p) => sortedQuantile(sorted, p));
  const estimate = (floor: Dist) => raftEstimate({ ...cluster, requestFloor: floor }, scenario, { quantiles: ps });
  const without = estimate({ mean: 0, sd: 0 });
  let f = ascending(measured.map((m, i) => m - (without.quantiles as number[])[i]));
  for (let round = 0; round < FLOOR_FIT_ROUNDS; round++) {
    const e = estimate(empiricalDist(toCdf(f)));
    f = ascending(f.map((v, i) => v + measured[i] - (e.quantiles as number[])[i]));
  }
  const cdf = toCdf(f);
  const floor = empiricalDist(cdf);
  const fitted = estimate(floor);
  let sum = 0;
  for (const v of sorted) sum += v;
  return {
    floor,
    cdf,
    puts: sorted.length,
    measured: { p50Ms: sortedQuantile(sorted, 0.5), p99Ms: sortedQuantile(sorted, 0.99), meanMs: sum / sorted.length },
    fitted: { p50Ms: fitted.p50Ms, p99Ms: fitted.p99Ms, meanMs: fitted.meanMs },
    modelledWithoutFloorMeanMs: without.meanMs,
  };
}

/**
 * The closest ascending, non-negative sequence (least squares: pool-adjacent-violators), rounded to the
 * microsecond. A running maximum would let one high low quantile lift every quantile above it (the sum of
 * independent terms is narrower than the sum of their quantiles, so the first guess is often not ascending).
 */
function ascending(values: number[]): number[] {
  const blocks: { sum: number; n: number }[] = [];
  for (const v of values) {
    blocks.push({ sum: Math.max(0, v), n: 1 });
    while (
      blocks.length > 1 &&
      blocks[blocks.length - 2].sum / blocks[blocks.length - 2].n >
        blocks[blocks.length - 1].sum / blocks[blocks.length - 1].n
    ) {
      const last = blocks.pop()!;
      blocks[blocks.length - 1].sum += last.sum;
      blocks[blocks.length - 1].n += last.n;
    }
  }
  const out: number[] = [];
  for (const b of blocks) for (let i = 0; i < b.n; i++) out.push(Math.round((b.sum / b.n) * 1000) / 1000);
  return out;
}

function toCdf(values: number[]): EmpiricalCdf {
  const n = values.length;
  const top = values[n - 1] + Math.max(0, values[n - 1] - values[n - 3]);
  return [[values[0], 0], ...values.map((v, i) => [v, FLOOR_FIT_PROBABILITIES[i]] as const), [top, 1]];
}
