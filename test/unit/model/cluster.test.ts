import { describe, expect, it } from 'vitest';
import {
  DISK_CLASS_DEFAULTS,
  DISK_CLASSES,
  diskSensitivity,
  estimateCluster,
  ModelInputError,
  SERVER_WRITE_CEILING_PER_S,
  throughput,
} from '../../../server/src/model';
import { member, oneSite, seedCluster } from './fixtures';

describe('estimateCluster', () => {
  it('one scenario per voting leader × client site with a voter (default clients)', () => {
    const c = seedCluster();
    c.members.push(member('learner', 'green', { mean: 1, sd: 0 }, true));
    const e = estimateCluster(c);
    expect(e).toMatchObject({ votingMembers: 3, learners: 1, quorum: 2, faultTolerance: 1 });
    expect(e.scenarios.map((s) => `${s.leader}@${s.clientSite}→${s.via}`)).toEqual([
      'white-1@white→white-1',
      'white-1@yellow→yellow-1',
      'white-2@white→white-2',
      'white-2@yellow→yellow-1',
      'yellow-1@white→white-1',
      'yellow-1@yellow→yellow-1',
    ]);
    for (const s of e.scenarios) {
      expect(s.raft.p50Ms).toBeLessThanOrEqual(s.raft.p90Ms);
      expect(s.raft.p90Ms).toBeLessThanOrEqual(s.raft.p99Ms);
      expect(s.writesPerSecond).toBeCloseTo(1000 / s.raft.meanMs, 9);
      expect(s.sequential.meanMs).toBeGreaterThan(s.raft.meanMs);
    }
    // Scenario C of the seed is one of them.
    expect(e.scenarios[4].sequential).toEqual({ meanMs: 660, jitterMs: 94 });
    expect(e.recommendedTimers.heartbeatMs).toBe(100);
  });

  it('uses given clients, including a site without members and an explicit via', () => {
    const e = estimateCluster(seedCluster(), [{ site: 'green' }, { site: 'white', via: 'white-2' }]);
    expect(e.scenarios).toHaveLength(6);
    expect(e.scenarios[0]).toMatchObject({ leader: 'white-1', clientSite: 'green', via: 'white-1' });
    expect(e.scenarios[1]).toMatchObject({ leader: 'white-1', clientSite: 'white', via: 'white-2' });
    expect(() => estimateCluster(seedCluster(), [{ site: 'white', via: 'ghost' }])).toThrow(ModelInputError);
  });

  it('is deterministic', () => {
    expect(JSON.stringify(estimateCluster(seedCluster()))).toBe(JSON.stringify(estimateCluster(seedCluster())));
  });
});

describe('diskSensitivity', () => {
  it('splits the fsync share off and estimates every disk class', () => {
    const d = diskSensitivity(oneSite(3), { leader: 'm1', clientSite: 'dc' });
    expect(d.fsyncShareMean).toBeGreaterThan(0.2);
    expect(d.fsyncShareMean).toBeLessThan(0.6);
    expect(d.fsyncShareP50).toBeGreaterThan(0.2);
    expect(d.zeroFsyncMeanMs).toBeLessThan(d.meanMs);
    expect(d.byClass.map((b) => b.diskClass)).toEqual(DISK_CLASSES);
    expect(DISK_CLASSES).toEqual([
      'pmem',
      'nvme',
      'ssd',
      'hdd',
      'san',
      'iscsi',
      'nas',
      'nfs',
      'ceph-rbd',
      'cephfs',
      'cloud-ssd',
      'cloud-hdd',
    ]);
    const by = Object.fromEntries(d.byClass.map((b) => [b.diskClass, b.p50Ms]));
    expect(by.pmem).toBeLessThanOrEqual(by.nvme);
    expect(by.nvme).toBeLessThanOrEqual(by.ssd);
    expect(by.ssd).toBeLessThan(by['cloud-ssd']);
    expect(by['cloud-ssd']).toBeLessThan(by.hdd);
    for (const k of DISK_CLASSES) expect(DISK_CLASS_DEFAULTS[k].source.length).toBeGreaterThan(10);
  });

  it('is zero when the disks are free', () => {
    const c = oneSite(3, { mean: 1, sd: 0.2 }, { mean: 0, sd: 0 });
    expect(diskSensitivity(c, { leader: 'm1', clientSite: 'dc' }).fsyncShareMean).toBe(0);
  });

  it('a WAN cluster is dominated by the network', () => {
    const d = diskSensitivity(seedCluster(), { leader: 'yellow-1', clientSite: 'white' });
    expect(d.fsyncShareMean).toBeLessThan(0.1);
  });
});

describe('throughput', () => {
  it('one client: 1000 / mean; N clients: linear until the stated ceiling', () => {
    const t1 = throughput({ meanMs: 4 }, 1);
    expect(t1.oneClientWritesPerSecond).toBe(250);
    expect(t1.writesPerSecond).toBe(250);
    expect(t1.limitedBy).toBe('latency');
    expect(throughput({ meanMs: 4 }, 100).writesPerSecond).toBe(25000);
    const many = throughput({ meanMs: 4 }, 10000);
    expect(many.writesPerSecond).toBe(SERVER_WRITE_CEILING_PER_S);
    expect(many.limitedBy).toBe('ceiling');
    expect(many.assumption).toMatch(/N \/ latency/);
    expect(many.assumption).toMatch(/fsync/);
    expect(() => throughput({ meanMs: 0 }, 1)).toThrow(ModelInputError);
    expect(() => throughput({ meanMs: 1 }, -1)).toThrow(ModelInputError);
  });
});
