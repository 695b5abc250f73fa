import { describe, expect, it } from 'vitest';
import { config, topology } from './facts';
import { only, runFacts } from './run';

const lan = (names: string[], extra: { learners?: string[] } = {}) =>
  topology({
    name: 'lan',
    sites: ['dc1'],
    links: [{ sites: ['dc1', 'dc1'], rttMs: 0.4 }],
    members: [
      ...names.map((name) => ({ name, site: 'dc1', storage: 'nvme', fsyncMs: 0.5 })),
      ...(extra.learners ?? []).map((name) => ({ name, site: 'dc1', learner: true })),
    ],
    membersLine: 12,
  });

describe('even-member-count', () => {
  it('fires on four voting members, on the members key', () => {
    const f = only(runFacts([lan(['a', 'b', 'c', 'd'])]), 'even-member-count');
    expect(f).toHaveLength(1);
    expect(f[0].severity).toBe('warning');
    expect(f[0].message).toContain('4 voting members');
    expect(f[0].message).toContain('quorum is 3');
    expect(f[0].message).toMatch(/Use 3 or 5 voting members/);
    expect(f[0].range.start).toEqual({ line: 12, character: 2 });
  });

  it('is silent for three voting members', () => {
    expect(only(runFacts([lan(['a', 'b', 'c'])]), 'even-member-count')).toEqual([]);
  });

  it('excludes learners: 3 voters + 1 learner is odd', () => {
    expect(only(runFacts([lan(['a', 'b', 'c'], { learners: ['d'] })]), 'even-member-count')).toEqual([]);
  });

  it('excludes learners: 4 voters + 1 learner is even', () => {
    const f = only(runFacts([lan(['a', 'b', 'c', 'd'], { learners: ['e'] })]), 'even-member-count');
    expect(f).toHaveLength(1);
    expect(f[0].message).toContain('learners excluded: 1');
    expect(f[0].related?.[0].message).toContain('e is a learner');
  });

  it('fires on a four-entry initial-cluster, on that value', () => {
    const f = only(
      runFacts([config({ name: 'cp1', initialCluster: ['cp1', 'cp2', 'cp3', 'cp4'], initialClusterLine: 20 })]),
      'even-member-count',
    );
    expect(f).toHaveLength(1);
    expect(f[0].range.start).toEqual({ line: 20, character: 17 });
  });

  it('fires on a stated member count (replicaCount: 2)', () => {
    const f = only(runFacts([config({ memberCount: 2, memberCountLine: 4 })]), 'even-member-count');
    expect(f).toHaveLength(1);
    expect(f[0].range.start.line).toBe(4);
    expect(f[0].message).toMatch(/survives 0 failures/);
  });
});

describe('single-member', () => {
  it('warns on a topology with one voting member', () => {
    const f = only(runFacts([lan(['a'], { learners: ['b'] })]), 'single-member');
    expect(f).toHaveLength(1);
    expect(f[0].severity).toBe('warning');
    expect(f[0].message).toMatch(/tolerates no failure/);
    expect(f[0].message).toMatch(/3 voting members/);
  });

  it('informs on a one-member etcd config (development)', () => {
    const f = only(runFacts([config({ memberCount: 1, memberCountLine: 2 })]), 'single-member');
    expect(f).toHaveLength(1);
    expect(f[0].severity).toBe('information');
  });

  it('is silent for three members', () => {
    expect(only(runFacts([lan(['a', 'b', 'c'])]), 'single-member')).toEqual([]);
  });
});

describe('too-many-members', () => {
  it('fires above 7 voting members', () => {
    const f = only(runFacts([lan(['a', 'b', 'c', 'd', 'e', 'f', 'g', 'h', 'i'])]), 'too-many-members');
    expect(f).toHaveLength(1);
    expect(f[0].severity).toBe('warning');
    expect(f[0].message).toContain('9 voting members');
    expect(f[0].message).toContain('Keep 7 voting members');
  });

  it('does not count learners', () => {
    const f = only(runFacts([lan(['a', 'b', 'c', 'd', 'e', 'f', 'g'], { learners: ['h', 'i'] })]), 'too-many-members');
    expect(f).toEqual([]);
  });

  it('follows settings.maxVotingMembers', () => {
    expect(only(runFacts([lan(['a', 'b', 'c', 'd', 'e'])], { maxVotingMembers: 3 }), 'too-many-members')).toHaveLength(
      1,
    );
    expect(only(runFacts([lan(['a', 'b', 'c', 'd', 'e'])]), 'too-many-members')).toEqual([]);
  });
});
