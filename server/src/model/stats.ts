// Small, dependency-free numerics: a seeded PRNG, Gamma sampling and the regularised incomplete gamma function.
import { sampleCdf } from './empirical';
import type { Dist } from './types';

/** mulberry32: a 32-bit state PRNG, good enough for Monte Carlo over a few thousand samples, and tiny. */
export function mulberry32(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** FNV-1a hash of a string mixed with a seed: one independent random stream per named random quantity. */
export function streamSeed(key: string, seed: number): number {
  let h = (0x811c9dc5 ^ seed) >>> 0;
  for (let i = 0; i < key.length; i++) {
    h ^= key.charCodeAt(i);
    h = Math.imul(h, 0x01000193) >>> 0;
  }
  return h;
}

/** Above this shape (sd below 0.1 % of the mean) a duration is treated as constant. */
const MAX_SHAPE = 1e6;
/** Below this shape (sd above ~30 × the mean) the shape is clamped: the mean is kept, the sd shrinks. */
const MIN_SHAPE = 1e-3;

/**
 * Gamma(shape k, scale θ) matched to a mean and sd: k = (mean/sd)², θ = sd²/mean; null when the duration is
 * constant (sd = 0, mean = 0, or k above MAX_SHAPE). k is clamped at MIN_SHAPE with θ = mean/k.
 */
export function gammaParams(d: Dist): { shape: number; scale: number } | null {
  if (!(d.mean > 0) || !(d.sd > 0)) return null;
  const shape = (d.mean / d.sd) ** 2;
  if (!(shape <= MAX_SHAPE)) return null;
  if (shape < MIN_SHAPE) return { shape: MIN_SHAPE, scale: d.mean / MIN_SHAPE };
  return { shape, scale: d.mean / shape };
}

/**
 * `n` draws of a non-negative duration with the given mean and sd (Gamma matched to both; sd = 0 → constant),
 * from the stream named `key`. Same key, seed and distribution → identical samples; scaling mean and sd together
 * scales every sample (same shape → same standard draws), so the model is exactly monotone under such changes.
 * Marsaglia & Tsang (2000) with normals from the polar method; shape < 1 via the U^(1/k) boost. The PRNG
 * (mulberry32, as above) is inlined: this loop is most of the model's run time. Samples below `min` become `min`.
 */
export function sampleDist(d: Dist, n: number, key: string, seed: number, min = 0): Float64Array {
  if (d.empirical && d.empirical.length > 0) return sampleCdf(d.empirical, n, key, seed, min);
  const out = new Float64Array(n);
  const params = gammaParams(d);
  if (!params) return out.fill(Math.max(min, d.mean));
  const { shape, scale } = params;
  const boost = shape < 1;
  const dd = (boost ? shape + 1 : shape) - 1 / 3;
  const c = 1 / Math.sqrt(9 * dd);
  const invShape = 1 / shape;
  let state = streamSeed(key, seed) >>> 0;
  let spare = 0;
  let hasSpare = false;
  for (let i = 0; i < n; i++) {
    let g: number;
    for (;;) {
      let x: number;
      if (hasSpare) {
        x = spare;
        hasSpare = false;
      } else {
        let u: number;
        let v: number;
        let s: number;
        do {
          state = (state + 0x6d2b79f5) >>> 0;
          let t = Math.imul(state ^ (state >>> 15), state | 1);
          t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
          u = (2 * ((t ^ (t >>> 14)) >>> 0)) / 4294967296 - 1;
          state = (state + 0x6d2b79f5) >>> 0;
          t = Math.imul(state ^ (state >>> 15), state | 1);
          t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
          v = (2 * ((t ^ (t >>> 14)) >>> 0)) / 4294967296 - 1;
          s = u * u + v * v;
        } while (s >= 1 || s === 0);
        const f = Math.sqrt((-2 * Math.log(s)) / s);
        spare = v * f;
        hasSpare = true;
        x = u * f;
      }
      let w = 1 + c * x;
      if (w <= 0) continue;
      w = w * w * w;
      state = (state + 0x6d2b79f5) >>> 0;
      let t = Math.imul(state ^ (state >>> 15), state | 1);
      t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
      const u = 1 - ((t ^ (t >>> 14)) >>> 0) / 4294967296;
      const x2 = x * x;
      if (u < 1 - 0.0331 * x2 * x2 || Math.log(u) < 0.5 * x2 + dd * (1 - w + Math.log(w))) {
        g = dd * w;
        break;
      }
    }
    if (boost) {
      state = (state + 0x6d2b79f5) >>> 0;
      let t = Math.imul(state ^ (state >>> 15), state | 1);
      t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
      g *= Math.pow(1 - ((t ^ (t >>> 14)) >>> 0) / 4294967296, invShape);
    }
    const x = g * scale;
    out[i] = x > min ? x : min;
  }
  return out;
}

/** Identity of a distribution for caching: mean, sd and the measured points when there are any. */
function distKey(d: Dist): string {
  return d.empirical ? `${d.mean}|${d.sd}|${d.empirical.map((p) => `${p[0]}:${p[1]}`).join(',')}` : `${d.mean}|${d.sd}`;
}

/** A sampler that reuses arrays from `cache` (when given) for the same stream, distribution, size and seed. */
export function cachedSampler(
  n: number,
  seed: number,
  cache?: Map<string, Float64Array>,
): (key: string, d: Dist, min?: number) => Float64Array {
  return (key, d, min = 0) => {
    if (!cache) return sampleDist(d, n, key, seed, min);
    const id = `${key}|${distKey(d)}|${min}|${n}|${seed}`;
    let s = cache.get(id);
    if (!s) {
      s = sampleDist(d, n, key, seed, min);
      cache.set(id, s);
    }
    return s;
  };
}

/** Value at quantile p (0..1) of an ascending-sorted array, linear interpolation between order statistics. */
/**
 * Reorders `order[0..len)` (indices into `keys`) so that `order[k - 1]` is the index of the k-th smallest
 * key (1-based k), every index before it has a key no larger, and returns that index. Quickselect with a
 * median-of-three pivot: O(len) on average, where a partial selection sort to a quorum was O(len²) per
 * sample (cubic in members over every leader's scenarios). Deterministic (no random pivot).
 */
export function selectKth(keys: ArrayLike<number>, order: Int32Array, len: number, k: number): number {
  let lo = 0;
  let hi = len - 1;
  const target = k - 1;
  while (hi > lo) {
    if (hi - lo < 8) {
      // Short ranges: insertion sort.
      for (let a = lo + 1; a <= hi; a++) {
        const v = order[a]!;
        let b = a - 1;
        while (b >= lo && keys[order[b]!]! > keys[v]!) {
          order[b + 1] = order[b]!;
          b--;
        }
        order[b + 1] = v;
      }
      break;
    }
    const mid = (lo + hi) >> 1;
    const a = keys[order[lo]!]!;
    const b = keys[order[mid]!]!;
    const c = keys[order[hi]!]!;
    const pivot = a < b ? (b < c ? b : a < c ? c : a) : a < c ? a : b < c ? c : b;
    let i = lo;
    let j = hi;
    while (i <= j) {
      while (keys[order[i]!]! < pivot) i++;
      while (keys[order[j]!]! > pivot) j--;
      if (i <= j) {
        const t = order[i]!;
        order[i] = order[j]!;
        order[j] = t;
        i++;
        j--;
      }
    }
    if (target <= j) hi = j;
    else if (target >= i) lo = i;
    else break;
  }
  return order[target]!;
}

export function sortedQuantile(sorted: ArrayLike<number>, p: number): number {
  const n = sorted.length;
  if (n === 0) return NaN;
  const h = (n - 1) * p;
  const lo = Math.floor(h);
  const hi = Math.min(n - 1, lo + 1);
  return sorted[lo] + (h - lo) * (sorted[hi] - sorted[lo]);
}

const LANCZOS = [
  0.99999999999980993, 676.5203681218851, -1259.1392167224028, 771.32342877765313, -176.61502916214059,
  12.507343278686905, -0.13857109526572012, 9.9843695780195716e-6, 1.5056327351493116e-7,
];

/** ln Γ(x) for x > 0 (Lanczos, g = 7). */
export function logGamma(x: number): number {
  if (x < 0.5) return Math.log(Math.PI / Math.sin(Math.PI * x)) - logGamma(1 - x);
  x -= 1;
  let a = LANCZOS[0];
  const t = x + 7.5;
  for (let i = 1; i < 9; i++) a += LANCZOS[i] / (x + i);
  return 0.5 * Math.log(2 * Math.PI) + (x + 0.5) * Math.log(t) - t + Math.log(a);
}

/** Regularised lower incomplete gamma P(a, x) and upper Q(a, x) = 1 − P, each accurate in its own tail. */
export function gammaPQ(a: number, x: number): { p: number; q: number } {
  if (x <= 0) return { p: 0, q: 1 };
  const lnPre = a * Math.log(x) - x - logGamma(a);
  if (x < a + 1) {
    // Series for P.
    let sum = 1 / a;
    let term = sum;
    for (let n = 1; n < 1000; n++) {
      term *= x / (a + n);
      sum += term;
      if (Math.abs(term) < Math.abs(sum) * 1e-15) break;
    }
    const p = Math.min(1, sum * Math.exp(lnPre));
    return { p, q: 1 - p };
  }
  // Continued fraction for Q (modified Lentz).
  const tiny = 1e-300;
  let b = x + 1 - a;
  let c = 1 / tiny;
  let d = 1 / b;
  let h = d;
  for (let i = 1; i < 1000; i++) {
    const an = -i * (i - a);
    b += 2;
    d = an * d + b;
    if (Math.abs(d) < tiny) d = tiny;
    c = b + an / c;
    if (Math.abs(c) < tiny) c = tiny;
    d = 1 / d;
    const del = d * c;
    h *= del;
    if (Math.abs(del - 1) < 1e-15) break;
  }
  const q = Math.min(1, Math.exp(lnPre) * h);
  return { p: 1 - q, q };
}

/** P(X > x) for the Gamma matched to `d` (a constant when sd = 0). */
export function survival(d: Dist, x: number): number {
  const params = gammaParams(d);
  if (!params) return x < d.mean ? 1 : 0;
  return gammaPQ(params.shape, x / params.scale).q;
}

/** Quantile p of the Gamma matched to `d` (bisection on the CDF; a constant when sd = 0). */
export function distQuantile(d: Dist, p: number): number {
  if (!gammaParams(d)) return d.mean;
  let lo = 0;
  let hi = d.mean + 10 * d.sd;
  while (1 - survival(d, hi) < p) hi *= 2;
  for (let i = 0; i < 100 && hi - lo > 1e-9 * hi; i++) {
    const mid = (lo + hi) / 2;
    if (1 - survival(d, mid) < p) lo = mid;
    else hi = mid;
  }
  return (lo + hi) / 2;
}

/** Binomial coefficient C(n, k) as a float. */
export function binomial(n: number, k: number): number {
  if (k < 0 || k > n) return 0;
  let r = 1;
  for (let i = 1; i <= Math.min(k, n - k); i++) r = (r * (n - Math.min(k, n - k) + i)) / i;
  return r;
}
