import { describe, expect, it } from 'vitest';
import {
  cdfFromBuckets,
  cdfFromPercentiles,
  cdfMoments,
  cdfQuantile,
  DEFAULT_REQUEST_FLOOR,
  empiricalDist,
  ModelInputError,
  raftEstimate,
  sampleDist,
  sortedQuantile,
} from '../../../server/src/model';
import { oneSite } from './fixtures';

describe('request floor', () => {
  it('the default floor reproduces a same-host 3-member cluster with fast disks (p50 1.4–1.6 ms, p99 4.3–4.6 ms)', () => {
    const sameHost = oneSite(3, { mean: 0.1, sd: 0.03 }, { mean: 0.15, sd: 0.08 });
    const e = raftEstimate(sameHost, { leader: 'm1', clientSite: 'dc' });
    expect(e.p50Ms).toBeGreaterThan(1.3);
    expect(e.p50Ms).toBeLessThan(1.7);
    expect(e.p99Ms).toBeGreaterThan(3.9);
    expect(e.p99Ms).toBeLessThan(4.9);
    // and near the performance page's 1.6 ms average for one client
    expect(e.meanMs).toBeGreaterThan(1.4);
    expect(e.meanMs).toBeLessThan(2.0);
    expect(e.breakdown.some((t) => t.term.startsWith('request floor'))).toBe(true);
  });

  it('a cluster-supplied floor replaces the default', () => {
    const c = { ...oneSite(3, { mean: 0.1, sd: 0 }, { mean: 0.1, sd: 0 }), requestFloor: { mean: 5, sd: 0 } };
    const e = raftEstimate(c, { leader: 'm1', clientSite: 'dc' });
    expect(e.p50Ms).toBeGreaterThan(5.2);
    expect(e.p50Ms).toBeLessThan(5.5);
    expect(DEFAULT_REQUEST_FLOOR.empirical).toBeDefined();
  });

  it('rejects a malformed empirical distribution', () => {
    const c = {
      ...oneSite(3),
      requestFloor: {
        mean: 1,
        sd: 0,
        empirical: [
          [1, 0.5],
          [0.5, 1],
        ] as [number, number][],
      },
    };
    expect(() => raftEstimate(c, { leader: 'm1', clientSite: 'dc' })).toThrow(ModelInputError);
  });
});

describe('empirical distributions', () => {
  it('histogram buckets: uniform inside a bucket, +Inf bucket one doubling wide', () => {
    // 100 observations: 50 in (0, 1], 40 in (1, 2], 10 above 2
    const cdf = cdfFromBuckets(
      [
        { le: 1, count: 50 },
        { le: 2, count: 90 },
        { le: Infinity, count: 100 },
      ],
      100,
    )!;
    expect(cdf).toEqual([
      [0, 0],
      [1, 0.5],
      [2, 0.9],
      [4, 1],
    ]);
    expect(cdfQuantile(cdf, 0.25)).toBeCloseTo(0.5, 12);
    expect(cdfQuantile(cdf, 0.7)).toBeCloseTo(1.5, 12);
    const m = cdfMoments(cdf);
    expect(m.mean).toBeCloseTo(0.5 * 0.5 + 0.4 * 1.5 + 0.1 * 3, 12);
  });

  it('empty buckets at the bottom are trimmed so the CDF starts at its first mass', () => {
    const cdf = cdfFromBuckets([
      { le: 0.001, count: 0 },
      { le: 0.002, count: 0 },
      { le: 0.004, count: 10 },
      { le: 0.008, count: 10 },
    ])!;
    expect(cdf[0]).toEqual([0.002, 0]);
    expect(cdf[cdf.length - 1]).toEqual([0.004, 1]);
  });

  it('percentiles (fio) with min and max as the ends', () => {
    const cdf = cdfFromPercentiles(
      [
        { p: 0.5, ms: 2 },
        { p: 0.99, ms: 8 },
      ],
      1,
      20,
    )!;
    expect(cdf).toEqual([
      [1, 0],
      [2, 0.5],
      [8, 0.99],
      [20, 1],
    ]);
  });

  it('sampling reproduces the CDF (seeded)', () => {
    const d = empiricalDist([
      [1, 0],
      [2, 0.5],
      [10, 1],
    ]);
    const s = Float64Array.from(sampleDist(d, 20000, 'x', 1)).sort();
    expect(sortedQuantile(s, 0.5)).toBeCloseTo(2, 1);
    expect(sortedQuantile(s, 0.75)).toBeCloseTo(6, 0);
    expect(s[0]).toBeGreaterThanOrEqual(1);
    expect(s[s.length - 1]).toBeLessThanOrEqual(10);
    expect(Array.from(sampleDist(d, 10, 'x', 1))).toEqual(Array.from(sampleDist(d, 10, 'x', 1)));
  });

  it('a measured fsync distribution drives the raft estimate', () => {
    const slowTail = empiricalDist([
      [0.5, 0],
      [1, 0.9],
      [40, 1],
    ]);
    const base = oneSite(3, { mean: 0.2, sd: 0.05 }, { mean: 0.8, sd: 0.1 });
    const tailed = { ...base, members: base.members.map((m) => ({ ...m, fsync: slowTail })) };
    const a = raftEstimate(base, { leader: 'm1', clientSite: 'dc' });
    const b = raftEstimate(tailed, { leader: 'm1', clientSite: 'dc' });
    expect(b.p99Ms).toBeGreaterThan(a.p99Ms + 5);
  });
});
