// Property tests: invariants that must hold for any cluster, not just the hand-made ones.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { quorumAvailability, raftEstimate, type ModelCluster } from '../../../server/src/model';

const dist = (maxMean: number) =>
  fc.record({
    mean: fc.double({ min: 0, max: maxMean, noNaN: true }),
    sd: fc.double({ min: 0, max: maxMean / 2, noNaN: true }),
  });

/** 1–7 members over up to 3 sites, some learners, every site pair linked. */
const clusterArb: fc.Arbitrary<ModelCluster> = fc
  .record({
    members: fc.array(fc.record({ site: fc.constantFrom('A', 'B', 'C'), fsync: dist(20), learner: fc.boolean() }), {
      minLength: 1,
      maxLength: 7,
    }),
    rtts: fc.array(dist(100), { minLength: 6, maxLength: 6 }),
  })
  .map(({ members, rtts }) => {
    const ms = members.map((m, i) => ({ name: `m${i}`, site: m.site, fsync: m.fsync, learner: i > 0 && m.learner }));
    const pairs = [
      ['A', 'A'],
      ['B', 'B'],
      ['C', 'C'],
      ['A', 'B'],
      ['A', 'C'],
      ['B', 'C'],
    ];
    return {
      members: ms,
      links: pairs.map(([a, b], i) => ({ a, b, rtt: rtts[i] })),
      heartbeatMs: 100,
      electionMs: 1000,
    };
  });

const scale = (c: ModelCluster, k: number, what: 'fsync' | 'rtt'): ModelCluster =>
  what === 'fsync'
    ? { ...c, members: c.members.map((m) => ({ ...m, fsync: { mean: m.fsync.mean * k, sd: m.fsync.sd * k } })) }
    : { ...c, links: c.links.map((l) => ({ ...l, rtt: { mean: l.rtt.mean * k, sd: l.rtt.sd * k } })) };

const opts = { samples: 512 };

describe('model properties', () => {
  it('latency is never negative and p50 ≤ p90 ≤ p99', () => {
    fc.assert(
      fc.property(clusterArb, fc.constantFrom('A', 'B', 'C'), (c, site) => {
        const e = raftEstimate(c, { leader: 'm0', clientSite: site }, opts);
        expect(e.meanMs).toBeGreaterThan(0);
        expect(e.p50Ms).toBeGreaterThanOrEqual(0);
        expect(e.p50Ms).toBeLessThanOrEqual(e.p90Ms);
        expect(e.p90Ms).toBeLessThanOrEqual(e.p99Ms);
        for (const b of e.breakdown) expect(b.meanMs).toBeGreaterThanOrEqual(0);
      }),
      { numRuns: 60 },
    );
  });

  it.each([
    ['slower disks (fsync scaled up)', 'fsync', 'A'],
    ['longer links (RTT scaled up)', 'rtt', 'B'],
  ] as const)('%s never make writes faster', (_name, what, clientSite) => {
    fc.assert(
      fc.property(clusterArb, fc.double({ min: 1.01, max: 10, noNaN: true }), (c, k) => {
        const a = raftEstimate(c, { leader: 'm0', clientSite }, opts);
        const b = raftEstimate(scale(c, k, what), { leader: 'm0', clientSite }, opts);
        for (const key of ['meanMs', 'p50Ms', 'p90Ms', 'p99Ms'] as const)
          expect(b[key]).toBeGreaterThanOrEqual(a[key] - 1e-9 * a[key]);
      }),
      { numRuns: 60 },
    );
  });

  it('quorum availability is a probability and grows with member availability', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 9 }),
        fc.double({ min: 0, max: 1, noNaN: true }),
        fc.double({ min: 0, max: 1, noNaN: true }),
        (n, p1, p2) => {
          const [lo, hi] = p1 <= p2 ? [p1, p2] : [p2, p1];
          const a = quorumAvailability(n, lo);
          const b = quorumAvailability(n, hi);
          expect(a).toBeGreaterThanOrEqual(0);
          expect(b).toBeLessThanOrEqual(1);
          expect(b).toBeGreaterThanOrEqual(a - 1e-12);
        },
      ),
    );
  });
});
