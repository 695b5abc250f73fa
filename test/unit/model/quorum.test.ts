import { describe, expect, it } from 'vitest';
import {
  faultTolerance,
  ModelInputError,
  quorumAvailability,
  quorumFacts,
  quorumSize,
} from '../../../server/src/model';
import { cluster, member, oneSite } from './fixtures';

const f1 = { mean: 1, sd: 0 };

describe('quorum arithmetic', () => {
  it('matches the etcd FAQ table for 1..9 members', () => {
    const table = [1, 2, 3, 4, 5, 6, 7, 8, 9].map((n) => [n, quorumSize(n), faultTolerance(n)]);
    expect(table).toEqual([
      [1, 1, 0],
      [2, 2, 0],
      [3, 2, 1],
      [4, 3, 1],
      [5, 3, 2],
      [6, 4, 2],
      [7, 4, 3],
      [8, 5, 3],
      [9, 5, 4],
    ]);
  });

  it('computes quorum availability Σ_{k≥q} C(n,k) p^k (1−p)^(n−k)', () => {
    expect(quorumAvailability(1, 0.9)).toBeCloseTo(0.9, 12);
    // n = 3, q = 2: p³ + 3p²(1−p) = 0.729 + 0.243
    expect(quorumAvailability(3, 0.9)).toBeCloseTo(0.972, 12);
    // n = 5, q = 3: 0.59049 + 0.32805 + 0.0729
    expect(quorumAvailability(5, 0.9)).toBeCloseTo(0.99144, 12);
    // even sizes buy nothing: 4 members (q = 3) are less available than 3
    expect(quorumAvailability(4, 0.9)).toBeCloseTo(0.9477, 12);
    expect(quorumAvailability(4, 0.9)).toBeLessThan(quorumAvailability(3, 0.9));
    expect(quorumAvailability(5, 0.5)).toBeCloseTo(0.5, 12);
    expect(quorumAvailability(7, 1)).toBe(1);
    expect(quorumAvailability(7, 0)).toBe(0);
    expect(() => quorumAvailability(3, 1.5)).toThrow(ModelInputError);
    expect(() => quorumAvailability(0, 0.5)).toThrow(ModelInputError);
  });
});

describe('quorumFacts', () => {
  it('excludes learners from the vote', () => {
    const c = oneSite(3);
    c.members.push(member('learner', 'dc', f1, true));
    const q = quorumFacts(c);
    expect(q).toMatchObject({ votingMembers: 3, learners: 1, quorum: 2, faultTolerance: 1 });
    const lostLearner = q.memberLoss.find((l) => l.lost[0] === 'learner');
    expect(lostLearner).toMatchObject({ hasQuorum: true, remainingVoters: ['m1', 'm2', 'm3'] });
  });

  it('2 + 1 over two sites: losing the 2-member site loses quorum, losing the other does not', () => {
    const c = cluster([member('a1', 'A', f1), member('a2', 'A', f1), member('b1', 'B', f1)], (a, b) => ({
      mean: a === b ? 1 : 20,
      sd: 1,
    }));
    const q = quorumFacts(c);
    expect(q.siteLoss).toEqual([
      { lost: ['A'], remainingVoters: ['b1'], hasQuorum: false, canElectLeader: false, dataSafe: false },
      { lost: ['B'], remainingVoters: ['a1', 'a2'], hasQuorum: true, canElectLeader: true, dataSafe: true },
    ]);
    expect(q.memberLoss.every((l) => l.hasQuorum)).toBe(true);
    expect(q.sitePairLoss).toEqual([
      { lost: ['A', 'B'], remainingVoters: [], hasQuorum: false, canElectLeader: false, dataSafe: false },
    ]);
  });

  it('2 + 2 + 1 over three sites survives any one site but no pair', () => {
    const ms = [
      member('a1', 'A', f1),
      member('a2', 'A', f1),
      member('b1', 'B', f1),
      member('b2', 'B', f1),
      member('c1', 'C', f1),
    ];
    const q = quorumFacts(cluster(ms, () => ({ mean: 5, sd: 1 })));
    expect(q.quorum).toBe(3);
    expect(q.siteLoss.map((l) => l.hasQuorum)).toEqual([true, true, true]);
    expect(q.sitePairLoss.map((l) => [l.lost.join('+'), l.hasQuorum])).toEqual([
      ['A+B', false],
      ['A+C', false],
      ['B+C', false],
    ]);
    expect(q.votersBySite).toEqual({ A: 2, B: 2, C: 1 });
  });

  it('1,000 sites: every site is counted, the worst losses are listed and the rest counted as omitted', () => {
    const ms = [
      ...Array.from({ length: 600 }, (_, i) => member(`big-${i}`, 'big', f1)),
      ...Array.from({ length: 999 }, (_, i) => member(`s${i}-1`, `s${i}`, f1)),
    ];
    ms.push(member('s7-2', 's7', f1));
    const q = quorumFacts({ members: ms, links: [], defaultRtt: f1, heartbeatMs: 100, electionMs: 1000 });
    expect(q.sites).toHaveLength(1000);
    expect(q.votingMembers).toBe(1600);
    expect(q.votersBySite).toMatchObject({ big: 600, s7: 2, s0: 1 });
    expect(q.siteLoss.length).toBeLessThanOrEqual(64);
    // The listed sites are those with the most voters: big and s7 first, then in order of appearance.
    expect(q.siteLoss.slice(0, 2).map((l) => l.lost[0])).toEqual(['big', 's0']);
    expect(q.siteLoss.some((l) => l.lost[0] === 's7')).toBe(true);
    expect(q.siteLoss.every((l) => l.hasQuorum === l.remainingVoters.length >= q.quorum)).toBe(true);
    // The worst pair (the two largest sites) is among the listed pairs.
    const worst = q.sitePairLoss.find((l) => l.lost.join('+') === 'big+s7');
    expect(worst).toMatchObject({ hasQuorum: true });
    expect(worst?.remainingVoters).toHaveLength(1600 - 602);
    expect(q.sitePairLoss.length).toBe(66);
    expect(q.omittedLossOutcomes).toEqual({
      members: 1600 - 64,
      sites: 1000 - q.siteLoss.length,
      sitePairs: (1000 * 999) / 2 - 66,
    });
  });

  it('small clusters list every outcome', () => {
    const q = quorumFacts(oneSite(5));
    expect(q.omittedLossOutcomes).toEqual({ members: 0, sites: 0, sitePairs: 0 });
    expect(q.memberLoss).toHaveLength(5);
  });

  it('rejects a cluster without voting members and negative values', () => {
    expect(() => quorumFacts({ ...oneSite(1), members: [member('l', 'dc', f1, true)] })).toThrow(/no voting members/);
    expect(() => quorumFacts({ ...oneSite(1), members: [member('m', 'dc', { mean: -1, sd: 0 })] })).toThrow(
      ModelInputError,
    );
    expect(() => quorumFacts({ ...oneSite(3), links: [{ a: 'dc', b: 'dc', rtt: { mean: 1, sd: -2 } }] })).toThrow(
      /negative/,
    );
    expect(() => quorumFacts({ ...oneSite(3), heartbeatMs: -5 })).toThrow(ModelInputError);
  });
});
