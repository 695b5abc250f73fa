// Topology documents as YAML text, through the real recognisers and analyzeFile.
import * as fs from 'node:fs';
import * as path from 'node:path';
import { describe, expect, it } from 'vitest';
import { analyzeFile } from '../../../server/src/analysis/analyze';
import { recogniseFile } from '../../../server/src/analysis/recognisers';
import { TopologyIndex } from '../../../server/src/analysis/workspace';
import { codes, only } from './run';

const EXAMPLES = path.join(__dirname, '../../../examples');
const read = (rel: string) => fs.readFileSync(path.join(EXAMPLES, rel), 'utf8');
const lineOf = (text: string, needle: string) => text.split('\n').findIndex((l) => l.includes(needle));

function topologyYaml(opts: { etcd?: string; sites: string; links: string; members: string }): string {
  return [
    'apiVersion: etcd-capacity/v1alpha1',
    'kind: EtcdTopology',
    'metadata:',
    '  name: t',
    'spec:',
    ...(opts.etcd ? ['  etcd:', opts.etcd] : []),
    '  sites:',
    opts.sites,
    '  links:',
    opts.links,
    '  members:',
    opts.members,
    '',
  ].join('\n');
}

describe('example topologies', () => {
  it('healthy: a single-site LAN cluster at etcd defaults has no findings', () => {
    const topo = read('healthy/cluster.etcd-topology.yaml');
    const index = new TopologyIndex();
    index.update('file:///healthy/cluster.etcd-topology.yaml', recogniseFile(topo).facts);
    expect(analyzeFile('file:///healthy/cluster.etcd-topology.yaml', topo, {}, index).findings).toEqual([]);
    expect(analyzeFile('file:///healthy/etcd.yaml', read('healthy/etcd.yaml'), {}, index).findings).toEqual([]);
  });

  it('stretched two-DC (2+1, 150 ms, iSCSI): site loss, RTT, 10 × RTT, network storage and slow fsync', () => {
    const text = read('stretched-two-dc/stretched-two-dc.etcd-topology.yaml');
    const f = analyzeFile('file:///s.yaml', text).findings;
    expect(codes(f)).toEqual(
      expect.arrayContaining([
        'site-loss-breaks-quorum',
        'rtt-above-50ms',
        'election-timeout-below-10x-rtt',
        'network-storage',
        'slow-fsync',
      ]),
    );
    const loss = only(f, 'site-loss-breaks-quorum');
    expect(loss).toHaveLength(1);
    expect(loss[0].range.start.line).toBe(lineOf(text, '- name: white'));
    expect(loss[0].related).toHaveLength(2);
    const rtt = only(f, 'rtt-above-50ms');
    expect(rtt[0].range.start.line).toBe(lineOf(text, 'rttMs: 150'));
    const ten = only(f, 'election-timeout-below-10x-rtt')[0];
    expect(ten.range.start.line).toBe(lineOf(text, 'electionTimeoutMs: 1000'));
    expect(ten.related?.[0].range.start.line).toBe(lineOf(text, 'rttMs: 150'));
    expect(ten.fixes?.[0].edits[0].newText).toMatch(/^\d+$/);
    expect(Number(ten.fixes?.[0].edits[0].newText)).toBeGreaterThanOrEqual(1500);
    expect(only(f, 'network-storage')[0].range.start.line).toBe(lineOf(text, 'type: iscsi'));
    expect(only(f, 'heartbeat-far-from-rtt')).toEqual([]);
  });

  it('three sites with an arbiter (2+2+1): no site-loss finding; the 25 ms arbiter link and its cloud HDD are reported', () => {
    const text = read('three-site-arbiter/three-site-arbiter.etcd-topology.yaml');
    const f = analyzeFile('file:///a.yaml', text).findings;
    expect(only(f, 'site-loss-breaks-quorum')).toEqual([]);
    expect(only(f, 'rtt-above-50ms')).toEqual([]);
    const arb = only(f, 'arbiter-rtt-above-10ms');
    expect(arb.map((x) => x.range.start.line).sort()).toEqual(
      [lineOf(text, 'rttMs: 25'), lineOf(text, 'rttMs: 22')].sort(),
    );
    expect(only(f, 'non-ssd-storage')[0].range.start.line).toBe(lineOf(text, 'type: cloud-hdd'));
    expect(only(f, 'election-timeout-below-10x-rtt')).toEqual([]);
  });

  it('kubeadm stacked: the static pod is checked against the topology in the other file', () => {
    const topo = read('kubeadm-stacked/topology.etcd-topology.yaml');
    const pod = read('kubeadm-stacked/etcd.yaml');
    const index = new TopologyIndex();
    index.update('file:///k/topology.etcd-topology.yaml', recogniseFile(topo).facts);
    const f = analyzeFile('file:///k/etcd.yaml', pod, {}, index).findings;
    expect(only(f, 'election-timeout-below-5x-heartbeat')).toHaveLength(1);
    const mismatch = only(f, 'timing-mismatch');
    expect(mismatch).toHaveLength(1);
    expect(mismatch[0].message).toContain('election-timeout is 1000 ms but 2500 ms in topology prod-eu1');
    expect(mismatch[0].related?.[0].uri).toBe('file:///k/topology.etcd-topology.yaml');
    expect(mismatch[0].related?.[0].range.start.line).toBe(lineOf(topo, 'electionTimeoutMs: 2500'));
  });
});

describe('topology YAML edge cases', () => {
  it('learners do not make an even membership odd or vice versa', () => {
    const text = topologyYaml({
      sites: '    - name: dc1',
      links: '    - sites: [dc1, dc1]\n      rttMs: 0.5',
      members:
        ['a', 'b', 'c'].map((n) => `    - name: ${n}\n      site: dc1`).join('\n') +
        '\n    - name: d\n      site: dc1\n      learner: true',
    });
    expect(only(analyzeFile('file:///t.yaml', text).findings, 'even-member-count')).toEqual([]);
    const four = text.replace('      learner: true', '      learner: false');
    const f = only(analyzeFile('file:///t.yaml', four).findings, 'even-member-count');
    expect(f).toHaveLength(1);
    expect(f[0].range.start.line).toBe(lineOf(four, '  members:'));
  });

  it('OpenShift "Slower" timers (500/2500, exactly 5 ×) are accepted', () => {
    const text = topologyYaml({
      etcd: '    heartbeatIntervalMs: 500\n    electionTimeoutMs: 2500',
      sites: '    - name: dc1',
      links: '    - sites: [dc1, dc1]\n      rttMs: 1',
      members: ['a', 'b', 'c'].map((n) => `    - name: ${n}\n      site: dc1`).join('\n'),
    });
    const f = analyzeFile('file:///t.yaml', text).findings;
    expect(only(f, 'election-timeout-below-5x-heartbeat')).toEqual([]);
  });

  it('a next-line suppression on a link hides its RTT finding', () => {
    const text = read('stretched-two-dc/stretched-two-dc.etcd-topology.yaml').replace(
      '      rttMs: 150',
      '      # etcd-capacity-disable-next-line rtt-above-50ms\n      rttMs: 150',
    );
    const f = analyzeFile('file:///s.yaml', text).findings;
    expect(only(f, 'rtt-above-50ms')).toEqual([]);
    expect(only(f, 'site-loss-breaks-quorum')).toHaveLength(1);
  });
});

describe('OpenShift Etcd operator resource', () => {
  const etcdCr = (spec: string) =>
    `apiVersion: operator.openshift.io/v1\nkind: Etcd\nmetadata:\n  name: cluster\nspec:\n${spec}\n`;

  it('"Slower" (500/2500, exactly 5 ×) raises no timer error', () => {
    const f = analyzeFile('file:///etcd-cr.yaml', etcdCr('  controlPlaneHardwareSpeed: Slower')).findings;
    expect(only(f, 'election-timeout-below-5x-heartbeat')).toEqual([]);
    expect(only(f, 'election-timeout-too-long')).toEqual([]);
  });

  it('backendQuotaGiB above 8 warns on that value, without a fix (the operator never decreases it)', () => {
    const text = etcdCr('  backendQuotaGiB: 12');
    const f = only(analyzeFile('file:///etcd-cr.yaml', text).findings, 'quota-above-8gib');
    expect(f).toHaveLength(1);
    expect(f[0].severity).toBe('warning');
    expect(f[0].range.start.line).toBe(lineOf(text, 'backendQuotaGiB'));
    expect(f[0].message).toContain('12 GiB');
    expect(f[0].message).toContain('cannot lower backendQuotaGiB');
    expect(f[0].fixes).toBeUndefined();
    expect(
      only(analyzeFile('file:///etcd-cr.yaml', etcdCr('  backendQuotaGiB: 8')).findings, 'quota-above-8gib'),
    ).toEqual([]);
  });
});
