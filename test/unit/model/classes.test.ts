// Interchangeable members (same site, same fsync, voters) are simulated once per class and the result reused:
// the figures must be exactly those of running every scenario, and the number of runs must not grow with members.
import { describe, expect, it } from 'vitest';
import {
  electionTime,
  estimateCluster,
  monteCarloRuns,
  raftEstimate,
  timerSafety,
  voters,
  type ModelCluster,
} from '../../../server/src/model';
import { member, seedCluster } from './fixtures';

/** n members spread over three sites (as scripts/bench/scaling.ts builds them), one fsync per site. */
function threeSites(n: number): ModelCluster {
  const sites = ['a', 'b', 'c'];
  const fsync = [
    { mean: 2, sd: 0.5 },
    { mean: 3, sd: 1 },
    { mean: 5, sd: 2 },
  ];
  return {
    members: Array.from({ length: n }, (_, i) => member(`m${i + 1}`, sites[i % 3], fsync[i % 3])),
    // Within a site 0.5 ± 0.1 ms; a–b 8 ± 2, a–c 20 ± 4, b–c 15 ± 3.
    links: [
      ...sites.map((s) => ({ a: s, b: s, rtt: { mean: 0.5, sd: 0.1 } })),
      ...(
        [
          ['a', 'b', 8, 2],
          ['a', 'c', 20, 4],
          ['b', 'c', 15, 3],
        ] as const
      ).map(([a, b, mean, sd]) => ({ a, b, rtt: { mean, sd } })),
    ],
    heartbeatMs: 100,
    electionMs: 1000,
  };
}

/** Mixed classes: two fsyncs in one site, a learner, a measured CDF, members of one class not adjacent. */
function mixed(): ModelCluster {
  const c = seedCluster();
  const cdf = {
    mean: 5,
    sd: 1,
    empirical: [
      [3, 0],
      [5, 0.5],
      [9, 1],
    ] as [number, number][],
  };
  c.members = [
    member('w1', 'white', { mean: 5, sd: 1 }),
    member('y1', 'yellow', { mean: 10, sd: 3 }),
    member('w2', 'white', { mean: 5, sd: 1 }),
    member('w3', 'white', { mean: 7, sd: 2 }),
    member('g1', 'green', cdf),
    member('w4', 'white', { mean: 5, sd: 1 }),
    member('g2', 'green', cdf),
    member('l1', 'white', { mean: 5, sd: 1 }, true),
    member('y2', 'yellow', { mean: 10, sd: 3 }),
  ];
  c.defaultRtt = { mean: 40, sd: 8 };
  return c;
}

describe('class reuse in estimates', () => {
  it('gives exactly the figures of running every scenario (three sites)', () => {
    const c = threeSites(12);
    expect(estimateCluster(c)).toEqual(estimateCluster(c, undefined, { reuseClasses: false }));
  });

  it('gives exactly the figures of running every scenario (mixed classes, explicit via, a client site without members)', () => {
    const c = mixed();
    const clients = [
      { site: 'white' },
      { site: 'green', via: 'g2' },
      { site: 'white', via: 'w2' },
      { site: 'elsewhere' },
    ];
    const reused = estimateCluster(c, clients, { cdfPoints: 11 });
    const direct = estimateCluster(c, clients, { cdfPoints: 11, reuseClasses: false });
    expect(reused).toEqual(direct);
    expect(reused.scenarios).toHaveLength(voters(c).length * clients.length);
  });

  it('figures depend on the class, not the name: renamed members lead with the same figures', () => {
    const c = threeSites(9);
    const renamed: ModelCluster = { ...c, members: c.members.map((m) => ({ ...m, name: `x-${m.name}` })) };
    const a = raftEstimate(c, { leader: 'm4', clientSite: 'c' });
    const b = raftEstimate(renamed, { leader: 'x-m4', clientSite: 'c' });
    expect(b.p50Ms).toBe(a.p50Ms);
    expect(b.p99Ms).toBe(a.p99Ms);
    expect(b.breakdown.map((t) => t.meanMs)).toEqual(a.breakdown.map((t) => t.meanMs));
    // m1 and m4 are both in site a with the same disk: the same run, other names in the breakdown.
    const other = raftEstimate(c, { leader: 'm1', clientSite: 'c' });
    expect([other.meanMs, other.p50Ms, other.p90Ms, other.p99Ms]).toEqual([a.meanMs, a.p50Ms, a.p90Ms, a.p99Ms]);
    expect(other.leader).toBe('m1');
    expect(other.breakdown.some((t) => t.term.startsWith('quorum replication: m1 → '))).toBe(true);
    expect(other.breakdown.some((t) => t.term.includes('m4 →'))).toBe(false);
  });

  it('election times: the memo gives what each failed leader gives alone', () => {
    for (const c of [threeSites(12), mixed()]) {
      const safety = timerSafety(c);
      const alone = voters(c).map((m) => electionTime(c, m.name));
      expect(safety.electionTimeByLeader).toEqual(alone);
    }
  });

  it('48 members in 3 sites: Monte Carlo runs are at most classes × client sites, not members × clients', () => {
    const c = threeSites(48);
    const raft0 = monteCarloRuns.raft;
    const e = estimateCluster(c);
    const raftRuns = monteCarloRuns.raft - raft0;
    expect(e.scenarios).toHaveLength(48 * 3);
    expect(raftRuns).toBeLessThanOrEqual(3 * 3);
    const election0 = monteCarloRuns.election;
    const t = timerSafety(c);
    expect(t.electionTimeByLeader).toHaveLength(48);
    expect(monteCarloRuns.election - election0).toBeLessThanOrEqual(3);
  });
});
