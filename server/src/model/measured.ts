// Measurements → model distributions (docs/calibration.md): etcd's histograms (WAL fsync, peer RTT probe) and
// fio's percentiles become Dists carrying an empirical CDF. calibrate calls these; the estimate then samples them.
import { LOOPBACK_FLOOR_MS, PEER_PROBE_OVERHEAD_MAX_MS } from './calibration';
import {
  cdfFromBuckets,
  cdfFromPercentiles,
  cdfMoments,
  cdfQuantile,
  matchCdfMean,
  shiftCdf,
  type CumulativeBucket,
} from './empirical';
import type { Dist, EmpiricalCdf } from './types';

export interface MeasuredDist extends Dist {
  empirical: EmpiricalCdf;
  p50: number;
  p99: number;
  count: number;
}

function measured(cdf: EmpiricalCdf, mean: number, count: number): MeasuredDist {
  return {
    mean,
    sd: cdfMoments(cdf).sd,
    empirical: cdf,
    p50: cdfQuantile(cdf, 0.5),
    p99: cdfQuantile(cdf, 0.99),
    count,
  };
}

/**
 * A histogram (cumulative buckets in ms, `_sum` in ms, `_count`) as a distribution: the buckets' CDF, uniform
 * inside a bucket, narrowed so its mean is the exact `_sum/_count` (matchCdfMean). Null without observations.
 */
export function distFromHistogram(
  buckets: readonly CumulativeBucket[],
  count: number,
  sumMs: number,
): MeasuredDist | null {
  if (!(count > 0)) return null;
  const cdf = cdfFromBuckets(buckets, count);
  if (!cdf) return null;
  const mean = sumMs / count;
  return measured(matchCdfMean(cdf, mean), mean, count);
}

/** fio's latency percentiles (`{p, ms}`) with its min and max as a distribution; its mean is fio's. */
export function distFromPercentiles(
  percentiles: readonly { p: number; ms: number }[],
  minMs: number,
  maxMs: number,
  meanMs: number,
  count: number,
): MeasuredDist | null {
  const cdf = cdfFromPercentiles(percentiles, minMs, maxMs);
  return cdf ? measured(cdf, meanMs, count) : null;
}

/**
 * The probe overhead to take out of every peer RTT reading of a capture: the smallest link's probe mean less the
 * loopback floor (that link is taken to be next to zero), at most PEER_PROBE_OVERHEAD_MAX_MS, never negative.
 */
export function peerProbeOverheadMs(smallestProbeMeanMs: number): number {
  if (!Number.isFinite(smallestProbeMeanMs)) return 0;
  return Math.max(0, Math.min(PEER_PROBE_OVERHEAD_MAX_MS, smallestProbeMeanMs - LOOPBACK_FLOOR_MS));
}

/** A peer RTT probe distribution less the probe overhead, nothing below the loopback floor. */
export function rttFromProbe(probe: MeasuredDist, overheadMs: number): MeasuredDist {
  const cdf = shiftCdf(probe.empirical, overheadMs, LOOPBACK_FLOOR_MS);
  return measured(cdf, Math.max(LOOPBACK_FLOOR_MS, probe.mean - overheadMs), probe.count);
}
