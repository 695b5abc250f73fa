// Measurements → distributions: mean-matched histogram buckets, probe overhead, fio percentiles, and the request
// floor fitted from puts.
import { describe, expect, it } from 'vitest';
import {
  cdfFromBuckets,
  cdfMoments,
  cdfQuantile,
  checkCdf,
  distFromHistogram,
  distFromPercentiles,
  fitRequestFloor,
  LOOPBACK_FLOOR_MS,
  matchCdfMean,
  ModelInputError,
  peerProbeOverheadMs,
  PEER_PROBE_OVERHEAD_MAX_MS,
  raftEstimate,
  rttFromProbe,
  shiftCdf,
  type ModelCluster,
} from '../../../server/src/model';
import { oneSite } from './fixtures';

describe('histograms with a known mean', () => {
  it('a fast disk: every fsync in (0, 1 ms] with mean 0.15 ms is not read as 0.5 ms', () => {
    const d = distFromHistogram(
      [
        { le: 1, count: 100 },
        { le: 2, count: 100 },
        { le: Infinity, count: 100 },
      ],
      100,
      15,
    )!;
    expect(d.mean).toBeCloseTo(0.15, 12);
    expect(cdfMoments(d.empirical).mean).toBeCloseTo(0.15, 9);
    expect(d.empirical).toEqual(
      [
        [0, 0],
        [0.3, 1],
      ].map(([x, p]) => [expect.closeTo(x, 9), p]),
    );
    expect(d.p99).toBeLessThan(0.3);
  });

  it("narrowing keeps each bucket's probability (percentiles stay in their buckets) and is exact on the mean", () => {
    const cdf = cdfFromBuckets(
      [
        { le: 1, count: 50 },
        { le: 2, count: 90 },
        { le: 4, count: 100 },
      ],
      100,
    )!;
    for (const mean of [0.7, 1.0, 1.2, 1.6]) {
      const m = matchCdfMean(cdf, mean);
      expect(checkCdf(m, 'm')).toBeUndefined();
      expect(cdfMoments(m).mean).toBeCloseTo(mean, 9);
      expect(cdfQuantile(m, 0.5)).toBeLessThanOrEqual(1 + 1e-12);
      expect(cdfQuantile(m, 0.9)).toBeGreaterThanOrEqual(1 - 1e-12);
      expect(cdfQuantile(m, 0.9)).toBeLessThanOrEqual(2 + 1e-12);
    }
    // a mean no placement inside the buckets can reach leaves the CDF as it is
    expect(matchCdfMean(cdf, 10)).toBe(cdf);
    expect(matchCdfMean(cdf, 0.4)).toBe(cdf); // below every bucket's low end (0.6)
    expect(distFromHistogram([], 0, 0)).toBeNull();
  });

  it("fio percentiles: linear between them, fio's mean kept", () => {
    const d = distFromPercentiles(
      [
        { p: 0.5, ms: 1 },
        { p: 0.99, ms: 5 },
      ],
      0.2,
      9,
      1.4,
      900,
    )!;
    expect(d.empirical).toEqual([
      [0.2, 0],
      [1, 0.5],
      [5, 0.99],
      [9, 1],
    ]);
    expect(d.mean).toBe(1.4);
    expect(d.p99).toBeCloseTo(5, 12);
  });
});

describe('peer RTT probe overhead', () => {
  it('is the smallest link less the loopback floor, capped, never negative', () => {
    expect(peerProbeOverheadMs(0.144)).toBeCloseTo(0.094, 12); // idle loopback (test/fixtures/capture)
    expect(peerProbeOverheadMs(2.8)).toBeCloseTo(2.75, 12); // the validation lab's links with no delay
    expect(peerProbeOverheadMs(32)).toBe(PEER_PROBE_OVERHEAD_MAX_MS); // a WAN-only cluster loses at most the cap
    expect(peerProbeOverheadMs(0.01)).toBe(0);
    expect(peerProbeOverheadMs(Infinity)).toBe(0);
  });

  it('shifts the whole distribution; what falls below the loopback floor becomes a step there', () => {
    // the lab: a no-delay link reading 2.5–3.3 ms and a 30 ms link reading 32–34 ms
    const lan = distFromHistogram(
      [
        { le: 1.6, count: 0 },
        { le: 3.2, count: 10 },
        { le: Infinity, count: 10 },
      ],
      10,
      28,
    )!;
    const wan = distFromHistogram(
      [
        { le: 25.6, count: 0 },
        { le: 51.2, count: 10 },
        { le: Infinity, count: 10 },
      ],
      10,
      330,
    )!;
    const overhead = peerProbeOverheadMs(Math.min(lan.mean, wan.mean));
    expect(overhead).toBeCloseTo(2.75, 9);
    const l = rttFromProbe(lan, overhead);
    const w = rttFromProbe(wan, overhead);
    expect(l.mean).toBeCloseTo(LOOPBACK_FLOOR_MS, 9);
    expect(w.mean).toBeCloseTo(30.25, 9);
    expect(checkCdf(l.empirical, 'l')).toBeUndefined();
    expect(l.empirical[0][0]).toBe(LOOPBACK_FLOOR_MS);
    expect(cdfQuantile(w.empirical, 0.5)).toBeGreaterThan(27);
    expect(cdfQuantile(w.empirical, 0.5)).toBeLessThan(34);
    expect(
      shiftCdf(
        [
          [1, 0],
          [2, 1],
        ],
        5,
        0.05,
      ),
    ).toEqual([[0.05, 1]]);
  });
});

describe('request floor from puts', () => {
  const cluster: ModelCluster = oneSite(3, { mean: 0.15, sd: 0.05 }, { mean: 0.4, sd: 0.3 });
  // puts of a same-host cluster: p50 ≈ 1.5 ms with a tail to ≈ 4.5 ms (docs/validation.md's measured figures)
  const puts = Array.from({ length: 1000 }, (_, i) => {
    const u = (i + 0.5) / 1000;
    return u < 0.5 ? 1.0 + u : u < 0.9 ? 1.5 + (u - 0.5) * 3 : 2.7 + (u - 0.9) * 19;
  });

  it('the fitted floor makes the estimate reproduce the measured p50 and p99', () => {
    const fit = fitRequestFloor(cluster, { leader: 'm1', clientSite: 'dc' }, puts);
    expect(checkCdf(fit.cdf, 'floor')).toBeUndefined();
    expect(fit.measured.p50Ms).toBeCloseTo(1.5, 1);
    expect(Math.abs(fit.fitted.p50Ms - fit.measured.p50Ms)).toBeLessThan(0.1 * fit.measured.p50Ms);
    expect(Math.abs(fit.fitted.p99Ms - fit.measured.p99Ms)).toBeLessThan(0.1 * fit.measured.p99Ms);
    // the floor is what is left once the modelled terms are out: below the puts, above zero
    expect(fit.floor.mean).toBeLessThan(fit.measured.meanMs - fit.modelledWithoutFloorMeanMs + 0.2);
    expect(fit.floor.mean).toBeGreaterThan(0.5);
    const e = raftEstimate({ ...cluster, requestFloor: fit.floor }, { leader: 'm1', clientSite: 'dc' });
    expect(e.p50Ms).toBeCloseTo(fit.fitted.p50Ms, 9);
  });

  it('a slower modelled disk leaves a smaller floor for the same puts', () => {
    const slow = oneSite(3, { mean: 0.15, sd: 0.05 }, { mean: 0.9, sd: 0.3 });
    const a = fitRequestFloor(cluster, { leader: 'm1', clientSite: 'dc' }, puts);
    const b = fitRequestFloor(slow, { leader: 'm1', clientSite: 'dc' }, puts);
    expect(b.floor.mean).toBeLessThan(a.floor.mean);
  });

  it('needs enough puts', () => {
    expect(() => fitRequestFloor(cluster, { leader: 'm1', clientSite: 'dc' }, [1, 2, 3])).toThrow(ModelInputError);
  });
});
