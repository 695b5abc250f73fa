import { describe, expect, it } from 'vitest';
import { config, storageClass, topology } from './facts';
import { only, runFacts } from './run';

const twoSites = topology({
  name: 'stretched',
  sites: [
    { name: 'white', line: 10 },
    { name: 'yellow', line: 11 },
  ],
  links: [
    { sites: ['white', 'white'], rttMs: 1 },
    { sites: ['yellow', 'yellow'], rttMs: 1 },
    { sites: ['white', 'yellow'], rttMs: 150, line: 20 },
  ],
  members: [
    { name: 'etcd-a', site: 'white', line: 30 },
    { name: 'etcd-b', site: 'white', line: 31 },
    { name: 'etcd-c', site: 'yellow', line: 32 },
  ],
});

const metroWithArbiter = (arbiterRtt: number) =>
  topology({
    name: 'metro',
    sites: ['north', 'south', { name: 'arbiter', arbiter: true }],
    links: [
      { sites: ['north', 'north'], rttMs: 0.5 },
      { sites: ['south', 'south'], rttMs: 0.5 },
      { sites: ['north', 'south'], rttMs: 8 },
      { sites: ['north', 'arbiter'], rttMs: arbiterRtt, line: 40 },
      { sites: ['south', 'arbiter'], rttMs: 6, line: 41 },
    ],
    members: [
      { name: 'n1', site: 'north' },
      { name: 'n2', site: 'north' },
      { name: 's1', site: 'south' },
      { name: 's2', site: 'south' },
      { name: 'tie', site: 'arbiter' },
    ],
  });

describe('rtt-above-50ms', () => {
  it('fires on a 150 ms link between voting members, on the rttMs value', () => {
    const f = only(runFacts([twoSites]), 'rtt-above-50ms');
    expect(f).toHaveLength(1);
    expect(f[0].severity).toBe('warning');
    expect(f[0].message).toContain('RTT 150 ms between sites white and yellow is above 50 ms');
    expect(f[0].message).toContain('election-timeout to at least 1500 ms');
    expect(f[0].range.start).toEqual({ line: 20, character: 13 });
  });

  it('is silent at 8 ms, and follows settings.rttLimitMs', () => {
    expect(only(runFacts([metroWithArbiter(5)]), 'rtt-above-50ms')).toEqual([]);
    expect(
      only(runFacts([metroWithArbiter(5)], { rttLimitMs: 5 }), 'rtt-above-50ms').map((f) => f.range.start.line).length,
    ).toBe(2); // north↔south 8 ms and south↔arbiter 6 ms (arbiter limit 10 is not stricter than 5)
  });
});

describe('arbiter-rtt-above-10ms', () => {
  it('fires on a 25 ms link to the arbiter site', () => {
    const f = only(runFacts([metroWithArbiter(25)]), 'arbiter-rtt-above-10ms');
    expect(f).toHaveLength(1);
    expect(f[0].severity).toBe('warning');
    expect(f[0].message).toContain('RTT 25 ms between arbiter site arbiter and north is above 10 ms');
    expect(f[0].range.start.line).toBe(40);
  });

  it('is silent when the arbiter is within 10 ms', () => {
    expect(only(runFacts([metroWithArbiter(9)]), 'arbiter-rtt-above-10ms')).toEqual([]);
  });
});

describe('site-loss-breaks-quorum', () => {
  it('fires for 2+1 across two sites, on the site holding the majority, with its members related', () => {
    const f = only(runFacts([twoSites]), 'site-loss-breaks-quorum');
    expect(f).toHaveLength(1);
    expect(f[0].severity).toBe('warning');
    expect(f[0].message).toContain('Losing site white (2 voting members of 3) leaves 1, below the quorum of 2');
    expect(f[0].message).toContain('Add a third site');
    expect(f[0].range.start.line).toBe(10);
    expect(f[0].related?.map((r) => r.range.start.line)).toEqual([30, 31]);
  });

  it('is silent for 2+2+1 across three sites with an arbiter', () => {
    expect(only(runFacts([metroWithArbiter(5)]), 'site-loss-breaks-quorum')).toEqual([]);
  });

  it('is silent for a single-site cluster', () => {
    const t = topology({
      sites: ['dc1'],
      links: [{ sites: ['dc1', 'dc1'], rttMs: 0.3 }],
      members: [
        { name: 'a', site: 'dc1' },
        { name: 'b', site: 'dc1' },
        { name: 'c', site: 'dc1' },
      ],
    });
    expect(only(runFacts([t]), 'site-loss-breaks-quorum')).toEqual([]);
  });

  it('does not count a learner as the third site', () => {
    const t = topology({
      sites: ['a', 'b'],
      links: [{ sites: ['a', 'b'], rttMs: 2 }],
      members: [
        { name: 'a1', site: 'a' },
        { name: 'a2', site: 'a' },
        { name: 'b1', site: 'b' },
        { name: 'b2', site: 'b', learner: true },
      ],
    });
    expect(only(runFacts([t]), 'site-loss-breaks-quorum')).toHaveLength(1);
  });
});

describe('storage rules', () => {
  const withStorage = (
    storage: string,
    risk: Parameters<typeof topology>[0]['members'][number]['risk'],
    extra: { fsyncMs?: number; fsyncP99Ms?: number } = {},
  ) =>
    topology({
      sites: ['dc1'],
      links: [{ sites: ['dc1', 'dc1'], rttMs: 0.3 }],
      members: [
        { name: 'a', site: 'dc1', storage: 'nvme', risk: 'local' },
        { name: 'b', site: 'dc1', storage: 'nvme', risk: 'local' },
        { name: 'c', site: 'dc1', storage, risk, line: 50, ...extra },
      ],
    });

  it('network-storage fires on iSCSI and NFS members, on storage.type', () => {
    const f = only(runFacts([withStorage('iscsi', 'network-block')]), 'network-storage');
    expect(f).toHaveLength(1);
    expect(f[0].severity).toBe('warning');
    expect(f[0].message).toContain('member c: storage "iscsi" is network-attached block storage');
    expect(f[0].message).toContain('local SSD or NVMe');
    expect(f[0].range.start).toEqual({ line: 50, character: 50 });
    expect(only(runFacts([withStorage('nfs', 'network-filesystem')]), 'network-storage')[0].message).toContain(
      'network file system',
    );
  });

  it('network-storage follows a config’s storage to a StorageClass of the same file by name', () => {
    const c = config({ label: 'StatefulSet etcd', storage: [{ described: 'nfs-client', risk: 'unknown', line: 12 }] });
    const f = only(
      runFacts([c, storageClass('nfs-client', 'nfs.csi.k8s.io', 'network-filesystem', 30)]),
      'network-storage',
    );
    expect(f).toHaveLength(1);
    expect(f[0].range.start.line).toBe(12);
    expect(f[0].related?.[0].range.start.line).toBe(30);
    expect(f[0].related?.[0].message).toContain('nfs.csi.k8s.io');
  });

  it('non-ssd-storage fires on HDD and cloud HDD, not on SSD', () => {
    expect(only(runFacts([withStorage('hdd', 'hdd')]), 'non-ssd-storage')).toHaveLength(1);
    const cloud = only(runFacts([withStorage('cloud-hdd', 'cloud-hdd')]), 'non-ssd-storage');
    expect(cloud[0].message).toContain('cloud HDD');
    expect(only(runFacts([withStorage('ssd', 'local')]), 'non-ssd-storage')).toEqual([]);
    expect(only(runFacts([withStorage('ssd', 'local')]), 'network-storage')).toEqual([]);
  });

  it('slow-fsync warns above 10 ms, informs above 2 ms, is silent below', () => {
    const warn = only(runFacts([withStorage('ssd', 'local', { fsyncMs: 12 })]), 'slow-fsync');
    expect(warn).toHaveLength(1);
    expect(warn[0].severity).toBe('warning');
    expect(warn[0].message).toContain('WAL fsync mean 12 ms is above 10 ms');
    expect(warn[0].range.start).toEqual({ line: 50, character: 70 });
    const p99 = only(runFacts([withStorage('ssd', 'local', { fsyncMs: 3, fsyncP99Ms: 14 })]), 'slow-fsync');
    expect(p99[0].message).toContain('p99 14 ms');
    expect(p99[0].range.start.character).toBe(80);
    const info = only(runFacts([withStorage('ssd', 'local', { fsyncMs: 5 })]), 'slow-fsync');
    expect(info[0].severity).toBe('information');
    expect(info[0].message).toContain('≤ 2 ms');
    expect(only(runFacts([withStorage('ssd', 'local', { fsyncMs: 1.5 })]), 'slow-fsync')).toEqual([]);
  });
});

describe('quota-above-8gib', () => {
  it('fires above 8 GiB with a fix to 8589934592', () => {
    const f = only(runFacts([config({ quotaBackendBytes: 12884901888, quotaLine: 10 })]), 'quota-above-8gib');
    expect(f).toHaveLength(1);
    expect(f[0].severity).toBe('warning');
    expect(f[0].message).toContain('12 GiB');
    expect(f[0].message).toContain('8589934592');
    expect(f[0].range.start).toEqual({ line: 10, character: 21 });
    expect(f[0].fixes?.[0].edits[0].newText).toBe('8589934592');
  });

  it('keeps the quotes of a quoted value in the fix', () => {
    const text = 'x\n  value: "12884901888"\n';
    const c = config({ quotaBackendBytes: 12884901888 });
    c.quotaBackendBytes!.range = { start: { line: 1, character: 9 }, end: { line: 1, character: 22 } };
    const f = only(runFacts([c], {}, { text }), 'quota-above-8gib');
    expect(f[0].fixes?.[0].edits[0].newText).toBe('"8589934592"');
  });

  it('is silent at exactly 8 GiB', () => {
    expect(only(runFacts([config({ quotaBackendBytes: 8589934592 })]), 'quota-above-8gib')).toEqual([]);
  });
});

describe('default-member-name', () => {
  it('fires when the name is left "default" in a multi-member initial-cluster', () => {
    const f = only(
      runFacts([config({ name: 'default', nameLine: 2, initialCluster: ['a', 'b', 'c'] })]),
      'default-member-name',
    );
    expect(f).toHaveLength(1);
    expect(f[0].range.start.line).toBe(2);
    expect(f[0].message).toContain('(a, b, c)');
  });

  it('fires when an etcd config file has no name', () => {
    const f = only(
      runFacts([config({ initialCluster: ['a', 'b', 'c'], initialClusterLine: 4 })]),
      'default-member-name',
    );
    expect(f).toHaveLength(1);
    expect(f[0].range.start.line).toBe(4);
  });

  it('is silent for kubeadm (which sets --name itself), named members and single-member clusters', () => {
    expect(
      only(
        runFacts([config({ recogniser: 'kubeadm-cluster-configuration', initialCluster: ['a', 'b', 'c'] })]),
        'default-member-name',
      ),
    ).toEqual([]);
    expect(only(runFacts([config({ name: 'a', initialCluster: ['a', 'b', 'c'] })]), 'default-member-name')).toEqual([]);
    expect(only(runFacts([config({ name: 'default', initialCluster: ['default'] })]), 'default-member-name')).toEqual(
      [],
    );
  });
});

describe('advice never exceeds what etcd accepts', () => {
  const far = topology({
    name: 'far',
    sites: ['a', 'b', 'c'],
    links: [
      { sites: ['a', 'b'], rttMs: 1e9, line: 20 },
      { sites: ['a', 'c'], rttMs: 1e9 },
      { sites: ['b', 'c'], rttMs: 1e9 },
    ],
    members: [
      { name: 'm1', site: 'a' },
      { name: 'm2', site: 'b' },
      { name: 'm3', site: 'c' },
    ],
  });

  it('an RTT beyond what any election timeout absorbs: no advice above 50000 ms / 10000 ms', () => {
    const findings = runFacts([far]);
    const numbers = findings.flatMap((f) =>
      [...f.message.matchAll(/(\d+) ms/g)].map((m) => Number(m[1])).filter((n) => n !== 1e9),
    );
    expect(numbers.length).toBeGreaterThan(0);
    expect(Math.max(...numbers)).toBeLessThanOrEqual(50000);
    expect(only(findings, 'election-timeout-below-10x-rtt')[0]!.message).toContain('No election timeout etcd accepts');
    expect(only(findings, 'rtt-above-50ms')[0]!.message).toContain('no etcd timer setting absorbs this RTT');
    expect(only(findings, 'heartbeat-far-from-rtt')[0]!.message).toContain('about 10000 ms');
    for (const f of findings)
      for (const fix of f.fixes ?? []) for (const e of fix.edits) expect(Number(e.newText)).toBeLessThanOrEqual(50000);
  });
});
