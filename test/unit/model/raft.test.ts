import { describe, expect, it } from 'vitest';
import {
  BACKEND_BATCH_INTERVAL_MS,
  BACKEND_COMMIT_CPU_MS,
  ModelInputError,
  raftEstimate,
  sequentialEstimate,
} from '../../../server/src/model';
import { cluster, member, oneSite, seedCluster } from './fixtures';

const fixed = (mean: number) => ({ mean, sd: 0 });
/** A constant request floor, so the exact-formula tests see the network and disk terms alone. */
const CONST_MS = 0.25;
/** Mean wait for a backend commit of constant length D: P(inside) = D / interval, mean residual D / 2. */
const backendWaitMean = (fsyncMs: number) => {
  const d = 2 * fsyncMs + BACKEND_COMMIT_CPU_MS;
  return (d / BACKEND_BATCH_INTERVAL_MS) * (d / 2);
};

describe('raftEstimate', () => {
  it('three members in one site, 1 ms RTT and fsync: a few ms', () => {
    const e = raftEstimate(oneSite(3), { leader: 'm1', clientSite: 'dc' });
    expect(e.via).toBe('m1');
    // client RTT 1 + commit ≈ 2nd smallest of {fsync_L 1, RTT+fsync 2, 2} ≈ 2 + constants
    expect(e.p50Ms).toBeGreaterThan(2.5);
    expect(e.p50Ms).toBeLessThan(5);
    expect(e.p50Ms).toBeLessThanOrEqual(e.p90Ms);
    expect(e.p90Ms).toBeLessThanOrEqual(e.p99Ms);
    expect(e.writesPerSecond).toBeCloseTo(1000 / e.meanMs, 9);
  });

  it('constant inputs give the exact formula', () => {
    const wan: Record<string, number> = { 'A|B': 10, 'A|C': 30, 'B|C': 20 };
    const c = {
      ...cluster([member('a', 'A', fixed(1)), member('b', 'B', fixed(2)), member('c', 'C', fixed(3))], (x, y) =>
        fixed(x === y ? 0.5 : (wan[`${x}|${y}`] ?? 0)),
      ),
      requestFloor: fixed(CONST_MS),
    };
    const e = raftEstimate(c, { leader: 'a', clientSite: 'A' });
    // commit = 2nd smallest of {a: 1, b: 10 + 2, c: 30 + 3} = 12. The apply waits for a's backend commit
    // (2 × 1 ms fsync + CPU) in a small share of samples only, so the median is the exact formula.
    expect(e.p50Ms).toBeCloseTo(0.5 + CONST_MS + 12, 9);
    expect(e.meanMs).toBeCloseTo(0.5 + CONST_MS + 12 + backendWaitMean(1), 1);
    // via b (client in B): + ½·20? no: forward b → a is ½ RTT(A,B) = 5; b persisted at 5 + 2 = 7 < commit 12;
    // commit notice ½ RTT = 5 → ready at 17.
    const f = raftEstimate(c, { leader: 'a', clientSite: 'B' });
    expect(f.via).toBe('b');
    expect(f.p50Ms).toBeCloseTo(0.5 + CONST_MS + 5 + 12 + 5, 9);
    expect(f.dominant).toBe('quorum replication: a → b RTT + fsync');
  });

  it('a client on a follower pays about one extra RTT (forward + commit notice)', () => {
    const c = oneSite(3, { mean: 1, sd: 0.2 });
    const viaLeader = raftEstimate(c, { leader: 'm1', clientSite: 'dc', via: 'm1' });
    const viaFollower = raftEstimate(c, { leader: 'm1', clientSite: 'dc', via: 'm2' });
    const extra = viaFollower.meanMs - viaLeader.meanMs;
    expect(extra).toBeGreaterThan(0.8);
    expect(extra).toBeLessThan(1.4);
    expect(viaFollower.breakdown.map((b) => b.term)).toContain('forward m2 → m1');
    expect(viaFollower.breakdown.map((b) => b.term)).toContain('commit notice m1 → m2');
  });

  it('five members commit on the second-fastest follower', () => {
    const ms = [
      member('l', 'L', fixed(1)),
      member('f1', 'S1', fixed(0)),
      member('f2', 'S2', fixed(0)),
      member('f3', 'S3', fixed(0)),
      member('f4', 'S4', fixed(0)),
    ];
    const rtt: Record<string, number> = { S1: 10, S2: 20, S3: 30, S4: 40 };
    const c = {
      ...cluster(ms, (a, b) => fixed(a === b ? 1 : a === 'L' ? rtt[b] : b === 'L' ? rtt[a] : 50)),
      requestFloor: fixed(CONST_MS),
    };
    const e = raftEstimate(c, { leader: 'l', clientSite: 'L' });
    expect(e.p50Ms).toBeCloseTo(1 + CONST_MS + 20, 9);
    expect(e.dominant).toBe('quorum replication: l → f2 RTT + fsync');
  });

  it('an apply that lands in a backend commit waits for it (bbolt commits every 100 ms, two fsyncs)', () => {
    const slow = oneSite(3, fixed(1), fixed(10));
    const e = raftEstimate(slow, { leader: 'm1', clientSite: 'dc' });
    const commitMs = 2 * 10 + BACKEND_COMMIT_CPU_MS;
    // P(wait) = 20.3 %: the median barely moves, p90 and p99 carry a residual uniform in [0, commitMs].
    expect(e.p99Ms - e.p50Ms).toBeGreaterThan(0.8 * commitMs);
    expect(e.p99Ms - e.p50Ms).toBeLessThan(commitMs);
    expect(e.meanMs - e.p50Ms).toBeCloseTo(backendWaitMean(10), 0);
    expect(e.breakdown.some((t) => t.term.startsWith("wait for m1's backend commit"))).toBe(true);
  });

  it('a slow learner does not change the latency', () => {
    const base = oneSite(3);
    const withLearner = { ...base, members: [...base.members, member('slow-learner', 'dc', fixed(1000), true)] };
    expect(raftEstimate(withLearner, { leader: 'm1', clientSite: 'dc' })).toEqual(
      raftEstimate(base, { leader: 'm1', clientSite: 'dc' }),
    );
  });

  it('one slow follower out of three does not slow commits; two slow members do', () => {
    const fast = oneSite(3);
    const oneSlow = {
      ...fast,
      members: fast.members.map((m) => (m.name === 'm3' ? { ...m, fsync: { mean: 50, sd: 5 } } : m)),
    };
    const twoSlow = {
      ...fast,
      members: fast.members.map((m) => (m.name !== 'm1' ? { ...m, fsync: { mean: 50, sd: 5 } } : m)),
    };
    const s = { leader: 'm1', clientSite: 'dc' };
    const f = raftEstimate(fast, s).p50Ms;
    expect(raftEstimate(oneSlow, s).p50Ms).toBeCloseTo(f, 0);
    expect(raftEstimate(twoSlow, s).p50Ms).toBeGreaterThan(f + 45);
  });

  it('is deterministic and its breakdown adds up to the mean', () => {
    const s = { leader: 'yellow-1', clientSite: 'white' };
    const a = raftEstimate(seedCluster(), s);
    expect(raftEstimate(seedCluster(), s)).toEqual(a);
    const total = a.breakdown.reduce((x, b) => x + b.meanMs, 0);
    expect(total).toBeCloseTo(a.meanMs, 6);
    expect(a.breakdown.reduce((x, b) => x + b.share, 0)).toBeCloseTo(1, 9);
    expect(a.breakdown[0].term).toBe('client (white) → white-1 (white) and reply');
  });

  it('is far below the seed’s sequential sum for the same topology (parallel replication, quorum not all)', () => {
    const s = { leader: 'yellow-1', clientSite: 'white' };
    const raft = raftEstimate(seedCluster(), s);
    // 10 (client) + 37.5 forward + 75 + 5 (quorum via white-1) + 37.5 notice ≈ 165
    expect(raft.meanMs).toBeGreaterThan(150);
    expect(raft.meanMs).toBeLessThan(175);
    expect(raft.meanMs).toBeLessThan(sequentialEstimate(seedCluster(), s).meanMs / 3);
  });

  it('p99 is stable across seeds to about 1 %', () => {
    const s = { leader: 'white-1', clientSite: 'yellow' };
    const p99 = [1, 2, 3, 4].map((seed) => raftEstimate(seedCluster(), s, { seed }).p99Ms);
    expect(Math.max(...p99) / Math.min(...p99)).toBeLessThan(1.03);
  });

  it('rejects unknown names and learners as leader or via', () => {
    const c = seedCluster();
    expect(() => raftEstimate(c, { leader: 'nope', clientSite: 'white' })).toThrow(ModelInputError);
    expect(() => raftEstimate(c, { leader: 'white-1', clientSite: 'white', via: 'nope' })).toThrow(
      /unknown via member "nope"/,
    );
    const l = { ...c, members: [...c.members, member('learn', 'white', fixed(1), true)] };
    expect(() => raftEstimate(l, { leader: 'learn', clientSite: 'white' })).toThrow(/learner/);
    expect(() => raftEstimate(l, { leader: 'white-1', clientSite: 'white', via: 'learn' })).toThrow(/learner/);
    expect(() => raftEstimate({ ...c, links: [] }, { leader: 'white-1', clientSite: 'white' })).toThrow(/no RTT/);
  });
});
