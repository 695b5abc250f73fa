// Measured distributions: a piecewise-linear CDF built from histogram buckets (etcd's /metrics) or from
// percentiles (fio). Between two points the probability is spread uniformly (linear interpolation of the CDF),
// which is what "somewhere inside this bucket" means when nothing else is known; see docs/calibration.md.
import { mulberry32, streamSeed } from './stats';
import type { Dist, EmpiricalCdf } from './types';

/** A cumulative bucket count: `count` observations at or below `le` ms (Prometheus `_bucket{le}`). */
export interface CumulativeBucket {
  le: number;
  count: number;
}

/**
 * A CDF from cumulative histogram buckets. The lowest bucket starts at `lowMs` (0 for etcd's histograms);
 * observations above the last finite bound (the `+Inf` bucket) are placed in one more bucket as wide as the
 * ratio of the last two bounds (etcd's buckets double), since nothing else bounds them. Null without data.
 */
export function cdfFromBuckets(buckets: readonly CumulativeBucket[], total?: number, lowMs = 0): EmpiricalCdf | null {
  const finite = buckets.filter((b) => Number.isFinite(b.le) && Number.isFinite(b.count)).sort((a, b) => a.le - b.le);
  const n = total ?? Math.max(0, ...finite.map((b) => b.count));
  if (!(n > 0) || finite.length === 0) return null;
  const points: [number, number][] = [[lowMs, 0]];
  let last = 0;
  for (const b of finite) {
    const p = Math.min(1, Math.max(last, b.count / n));
    if (b.le <= lowMs) continue;
    points.push([b.le, p]);
    last = p;
  }
  if (last < 1) {
    const top = finite[finite.length - 1].le;
    const prev = finite.length > 1 ? finite[finite.length - 2].le : top / 2;
    points.push([top * Math.max(2, top / Math.max(prev, 1e-12)), 1]);
  }
  return trimCdf(points);
}

/** A CDF from percentiles `{p (0..1), ms}` with the observed minimum and maximum as its ends. */
export function cdfFromPercentiles(
  percentiles: readonly { p: number; ms: number }[],
  minMs: number,
  maxMs: number,
): EmpiricalCdf | null {
  const points: [number, number][] = [[minMs, 0]];
  for (const q of [...percentiles].sort((a, b) => a.p - b.p)) {
    if (!Number.isFinite(q.ms) || !(q.p > 0 && q.p < 1)) continue;
    const [x, p] = points[points.length - 1];
    points.push([Math.max(x, q.ms), Math.max(p, q.p)]);
  }
  points.push([Math.max(maxMs, points[points.length - 1][0]), 1]);
  return points.every((pt) => Number.isFinite(pt[0]) && pt[0] >= 0) ? trimCdf(points) : null;
}

/** Drops flat runs at both ends (buckets nobody fell into) so the CDF starts at its first mass. */
function trimCdf(points: [number, number][]): EmpiricalCdf {
  let start = 0;
  while (start + 1 < points.length && points[start + 1][1] <= 0) start++;
  let end = points.length - 1;
  while (end - 1 > start && points[end - 1][1] >= 1) end--;
  return points.slice(start, end + 1);
}

/** Value at probability u (0..1) of a piecewise-linear CDF (inverse CDF, linear inside a segment). */
export function cdfQuantile(cdf: EmpiricalCdf, u: number): number {
  if (cdf.length === 1) return cdf[0][0];
  let lo = 0;
  let hi = cdf.length - 1;
  while (hi - lo > 1) {
    const mid = (lo + hi) >> 1;
    if (cdf[mid][1] < u) lo = mid;
    else hi = mid;
  }
  const [x0, p0] = cdf[lo];
  const [x1, p1] = cdf[hi];
  return p1 > p0 ? x0 + ((u - p0) / (p1 - p0)) * (x1 - x0) : x1;
}

/**
 * `n` draws from a measured CDF by inversion: a uniform draw from the stream `key` (mulberry32 seeded by the
 * stream's name, as every other quantity of the model), then linear interpolation inside its segment.
 * Samples below `min` become `min`.
 */
export function sampleCdf(cdf: EmpiricalCdf, n: number, key: string, seed: number, min = 0): Float64Array {
  const out = new Float64Array(n);
  const next = mulberry32(streamSeed(key, seed));
  for (let i = 0; i < n; i++) {
    const x = cdfQuantile(cdf, next());
    out[i] = x > min ? x : min;
  }
  return out;
}

/** Mean and sd of the distribution a CDF describes (uniform inside each segment). */
export function cdfMoments(cdf: EmpiricalCdf): { mean: number; sd: number } {
  let m1 = 0;
  let m2 = 0;
  for (let i = 1; i < cdf.length; i++) {
    const [x0, p0] = cdf[i - 1];
    const [x1, p1] = cdf[i];
    const w = p1 - p0;
    m1 += (w * (x0 + x1)) / 2;
    m2 += (w * (x0 * x0 + x0 * x1 + x1 * x1)) / 3;
  }
  if (cdf.length === 1) return { mean: cdf[0][0], sd: 0 };
  return { mean: m1, sd: Math.sqrt(Math.max(0, m2 - m1 * m1)) };
}

/** A Dist carrying a measured CDF; mean and sd are the CDF's own unless given (e.g. an exact `_sum/_count`). */
export function empiricalDist(cdf: EmpiricalCdf, mean?: number): Dist {
  const m = cdfMoments(cdf);
  return { mean: mean ?? m.mean, sd: m.sd, empirical: cdf };
}

/** A problem with the points (undefined when fine): they must be finite, non-negative, ascending in both coordinates
 * and end at probability 1. */
export function checkCdf(cdf: EmpiricalCdf, what: string): string | undefined {
  if (!Array.isArray(cdf) || cdf.length === 0) return `${what}: empirical distribution has no points`;
  let prev: readonly [number, number] = [0, 0];
  for (const pt of cdf as readonly unknown[]) {
    if (!Array.isArray(pt) || pt.length !== 2 || !pt.every((v) => typeof v === 'number' && Number.isFinite(v))) {
      return `${what}: empirical points must be [ms, probability] pairs of finite numbers`;
    }
    const point = pt as unknown as readonly [number, number];
    if (point[0] < 0 || point[1] < 0 || point[1] > 1)
      return `${what}: empirical point [${point[0]}, ${point[1]}] out of range`;
    if (point[0] < prev[0] || point[1] < prev[1]) return `${what}: empirical points must ascend`;
    prev = point;
  }
  if (Math.abs(prev[1] - 1) > 1e-9) return `${what}: empirical distribution must end at probability 1`;
  return undefined;
}

/**
 * The CDF of histogram buckets corrected to a known mean (`_sum/_count`). A bucket only says its observations lie
 * somewhere in (lo, hi]; spreading them over the whole bucket can miss the exact mean by half a bucket (etcd's WAL
 * histogram puts every fsync of a fast disk in (0, 1 ms], a uniform mean of 0.5 ms when the disk averages 0.15).
 * One parameter t in (0, 1] narrows every segment to the part of width t·(hi − lo) at its low end (mean below the
 * CDF's) or its high end (mean above), t solved so the mean is exact. Segments keep their probability, so the
 * percentiles stay inside their buckets. Returned unchanged when the mean is already right or out of reach.
 */
export function matchCdfMean(cdf: EmpiricalCdf, mean: number): EmpiricalCdf {
  if (cdf.length < 2 || !Number.isFinite(mean) || mean < 0) return cdf;
  let atLow = 0; // mean if every segment's mass sat at its low end
  let widthMass = 0; // Σ w·(hi − lo)
  for (let i = 1; i < cdf.length; i++) {
    const w = cdf[i][1] - cdf[i - 1][1];
    atLow += w * cdf[i - 1][0];
    widthMass += w * (cdf[i][0] - cdf[i - 1][0]);
  }
  const current = atLow + widthMass / 2;
  if (widthMass <= 0 || Math.abs(mean - current) <= 1e-12 * Math.max(1, mean)) return cdf;
  const low = mean < current;
  // low end: mean = atLow + t·W/2; high end: mean = atLow + W − t·W/2
  const t = low ? (2 * (mean - atLow)) / widthMass : (2 * (atLow + widthMass - mean)) / widthMass;
  if (!(t > 0 && t <= 1)) return cdf;
  const points: [number, number][] = [[cdf[0][0], cdf[0][1]]];
  for (let i = 1; i < cdf.length; i++) {
    const [x0, p0] = cdf[i - 1];
    const [x1, p1] = cdf[i];
    if (p1 <= p0 || x1 <= x0) {
      points.push([x1, p1]);
      continue;
    }
    const cut = low ? x0 + t * (x1 - x0) : x1 - t * (x1 - x0);
    if (low) points.push([cut, p1], [x1, p1]);
    else points.push([cut, p0], [x1, p1]);
  }
  return trimCdf(points);
}

/**
 * A CDF moved left by `by` ms (a constant overhead taken out of every observation), values below `min` put at
 * `min` (their probability becomes a step there), e.g. etcd's peer RTT probe less its HTTP handling.
 */
export function shiftCdf(cdf: EmpiricalCdf, by: number, min = 0): EmpiricalCdf {
  const points: [number, number][] = [];
  for (let i = 0; i < cdf.length; i++) {
    const [x, p] = cdf[i];
    const shifted = x - by;
    if (shifted >= min) {
      if (points.length === 0 && i > 0) {
        // the segment crossing `min`: its probability below `min` becomes a step at `min`
        const [x0, p0] = cdf[i - 1];
        const at = x - x0 > 0 ? p0 + ((min + by - x0) / (x - x0)) * (p - p0) : p0;
        points.push([min, 0], [min, at]);
      }
      points.push([shifted, p]);
    }
  }
  if (points.length === 0) return [[min, 1]];
  return trimCdf(points);
}
