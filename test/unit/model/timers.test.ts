import { describe, expect, it } from 'vitest';
import {
  electionTime,
  heartbeatTimeoutProbability,
  maxVoterRtt,
  recommendedTimers,
  timerSafety,
} from '../../../server/src/model';
import { cluster, member, oneSite, seedCluster } from './fixtures';

const twoSites = (
  rtt: { mean: number; sd: number },
  fsync = { mean: 2, sd: 8 },
  timers = { heartbeatMs: 100, electionMs: 500 },
) =>
  cluster(
    [member('a1', 'A', fsync), member('a2', 'A', fsync), member('b1', 'B', fsync)],
    (a, b) => (a === b ? { mean: 0.5, sd: 0.1 } : rtt),
    timers,
  );

describe('timerSafety', () => {
  it('more RTT jitter means more spurious elections', () => {
    const low = timerSafety(twoSites({ mean: 75, sd: 10 })).spuriousElectionsPerDay;
    const high = timerSafety(twoSites({ mean: 75, sd: 40 })).spuriousElectionsPerDay;
    expect(high).toBeGreaterThan(low);
    expect(high).toBeGreaterThan(1e-6);
  });

  it('a longer RTT means more spurious elections', () => {
    const short = timerSafety(twoSites({ mean: 50, sd: 30 })).spuriousElectionsPerDay;
    const long = timerSafety(twoSites({ mean: 150, sd: 30 })).spuriousElectionsPerDay;
    expect(long).toBeGreaterThan(short);
  });

  it('leader fsync stalls delay heartbeats: a stalling disk makes timeouts likelier', () => {
    const oneWay = { mean: 10, sd: 3 };
    const calm = heartbeatTimeoutProbability(oneWay, { mean: 1, sd: 0.5 }, 100, 1000);
    const stalls = heartbeatTimeoutProbability(oneWay, { mean: 20, sd: 100 }, 100, 1000);
    expect(stalls).toBeGreaterThan(calm);
    expect(stalls).toBeGreaterThan(1e-9);
    expect(stalls).toBeLessThan(1);
    // A longer election timeout is safer.
    expect(heartbeatTimeoutProbability(oneWay, { mean: 20, sd: 100 }, 100, 2000)).toBeLessThan(stalls);
  });

  it('still computes when the election timeout is below 5 × heartbeat, and says why it is invalid', () => {
    const t = timerSafety(twoSites({ mean: 75, sd: 10 }, undefined, { heartbeatMs: 300, electionMs: 1000 }));
    expect(t.valid).toBe(false);
    expect(t.problems.join(' ')).toMatch(/5 × heartbeat/);
    expect(Number.isFinite(t.spuriousElectionsPerDay)).toBe(true);
    expect(t.electionTime.meanMs).toBeGreaterThan(1000);
  });

  it('reports the worst leader, the max voter RTT pair and a sensible election time', () => {
    const t = timerSafety(seedCluster());
    expect(t.valid).toBe(true);
    expect(t.maxVoterRtt).toMatchObject({ a: 'white-1', b: 'yellow-1', meanMs: 75, sdMs: 10 });
    expect(t.maxVoterRtt!.p99Ms).toBeGreaterThan(95);
    expect(t.perLeader.map((l) => l.leader)).toEqual(['white-1', 'white-2', 'yellow-1']);
    expect(t.worstLeader).toBe('yellow-1'); // slowest disk and both followers across the WAN
    // first of two U[1000, 2000) timeouts ≈ 1333, minus ~50 since the last heartbeat, plus vote rounds (~100)
    for (const e of t.electionTimeByLeader) {
      expect(e.possible).toBe(true);
      expect(e.meanMs).toBeGreaterThan(1250);
      expect(e.meanMs).toBeLessThan(1550);
      expect(e.p99Ms).toBeGreaterThan(e.meanMs);
      expect(e.p99Ms).toBeLessThan(2000 + 250);
    }
  });

  it('cannot elect a leader when the survivors are fewer than a quorum', () => {
    const two = oneSite(2);
    expect(electionTime(two, 'm1')).toMatchObject({ possible: false, meanMs: Infinity });
    expect(maxVoterRtt(oneSite(1))).toBeNull();
  });
});

describe('recommendedTimers', () => {
  it('1 ms RTT → etcd defaults 100 / 1000', () => {
    const r = recommendedTimers(oneSite(3, { mean: 1, sd: 0.2 }));
    expect([r.heartbeatMs, r.electionMs]).toEqual([100, 1000]);
  });

  it('150 ms RTT → heartbeat ≈ RTT, election ≥ 10 × p99 RTT and ≥ 5 × heartbeat', () => {
    const c = cluster(
      [
        member('a', 'A', { mean: 1, sd: 0.5 }),
        member('b', 'B', { mean: 1, sd: 0.5 }),
        member('c', 'C', { mean: 1, sd: 0.5 }),
      ],
      (x, y) => (x === y ? { mean: 0.5, sd: 0.1 } : { mean: 150, sd: 20 }),
    );
    const r = recommendedTimers(c);
    expect(r.heartbeatMs).toBe(150);
    expect(r.electionMs).toBeGreaterThanOrEqual(1500);
    expect(r.electionMs).toBeGreaterThanOrEqual(10 * maxVoterRtt(c)!.p99Ms);
    expect(r.electionMs).toBeLessThanOrEqual(2500);
    expect(r.electionMs % 100).toBe(0);
    expect(r.reason).toMatch(/10 × p99 RTT/);
  });

  it('a global RTT is capped at etcd’s 50 s maximum and keeps election ≥ 5 × heartbeat', () => {
    const r = recommendedTimers(
      cluster([member('a', 'A', { mean: 1, sd: 0 }), member('b', 'B', { mean: 1, sd: 0 })], (x, y) =>
        x === y ? { mean: 1, sd: 0 } : { mean: 6000, sd: 500 },
      ),
    );
    expect(r.electionMs).toBe(50000);
    expect(r.heartbeatMs * 5).toBeLessThanOrEqual(r.electionMs);
    expect(r.reason).toMatch(/capped/);
  });
});
