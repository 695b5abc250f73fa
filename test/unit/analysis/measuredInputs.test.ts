// Measured distributions and provenance in an EtcdTopology: recognised, carried into the model, reported as measured.
import { describe, expect, it } from 'vitest';
import { analyzeFile } from '../../../server/src/analysis/analyze';
import { estimateFacts, isFailed, type SubjectEstimate } from '../../../server/src/analysis/estimates';
import { topologyToModel } from '../../../server/src/analysis/modelInput';
import type { TopologyFact } from '../../../server/src/analysis/types';
import { raftEstimate } from '../../../server/src/model';

const INTER_SITE_ONLY = `apiVersion: etcd-capacity/v1alpha1
kind: EtcdTopology
metadata: {name: three-zones}
spec:
  sites: [{name: a}, {name: b}, {name: c}]
  links:
    - {sites: [a, b], rttMs: 2}
    - {sites: [a, c], rttMs: 2}
    - {sites: [b, c], rttMs: 2}
  members:
    - {name: m1, site: a, storage: {type: ssd, fsyncMs: 1}}
    - {name: m2, site: b, storage: {type: ssd, fsyncMs: 1}}
    - {name: m3, site: c, storage: {type: ssd, fsyncMs: 1}}
  clients: [{site: a}]
`;

const MEASURED = `apiVersion: etcd-capacity/v1alpha1
kind: EtcdTopology
metadata: {name: measured}
spec:
  sites: [{name: dc}]
  links:
    - sites: [dc, dc]
      rttMs: 0.3
      jitterMs: 0.1
      rttDistribution: [[0.1, 0], [0.2, 0.4], [0.4, 0.9], [0.8, 1]]
      source: {kind: measured, from: "cap/etcd-1.metrics etcd_network_peer_round_trip_time_seconds", at: "2026-12-01T10:00:00Z"}
  members:
    - name: m1
      site: dc
      storage:
        type: ssd
        fsyncMs: 1.2
        fsyncDistribution: [[0.5, 0], [1, 0.6], [2, 0.95], [16, 1]]
        source: {kind: measured, from: "cap/m1.metrics etcd_disk_wal_fsync_duration_seconds", at: "2026-12-01T10:00:00Z"}
    - {name: m2, site: dc, storage: {type: ssd, fsyncMs: 1}}
    - {name: m3, site: dc, storage: {type: ssd}}
  requestFloor:
    meanMs: 2
    distribution: [[1, 0], [2, 0.6], [6, 1]]
    source: {kind: measured, from: "cap/puts.json less the modelled network and disk terms"}
  observed: {leaderChanges: 1, windowSeconds: 3600, leaderChangesPerDay: 24, dbSizeBytes: 20000000, quotaBytes: 2147483648}
`;

function topologyOf(text: string): {
  facts: ReturnType<typeof analyzeFile>['facts'];
  findings: ReturnType<typeof analyzeFile>['findings'];
  t: TopologyFact;
} {
  const { facts, findings } = analyzeFile('file:///t.yaml', text);
  return { facts, findings, t: facts.find((f) => f.type === 'topology') as TopologyFact };
}

describe('measured inputs', () => {
  it('a topology with only RTTs between sites is estimated, the RTT inside each site marked as assumed', () => {
    const { facts } = topologyOf(INTER_SITE_ONLY);
    const [outcome] = estimateFacts('file:///t.yaml', facts);
    expect(isFailed(outcome)).toBe(false);
    const e = outcome as SubjectEstimate;
    expect(e.subject.assumptions.filter((a) => a.startsWith('RTT inside'))).toHaveLength(3);
    expect(e.subject.inputs?.find((i) => i.input === 'RTT inside a')?.origin).toBe('assumed');
    // client in a talks to m1 over the assumed LAN RTT (0.5 ms): p50 a few ms, not tens
    expect(e.headline.raft.p50Ms).toBeGreaterThan(2);
    expect(e.headline.raft.p50Ms).toBeLessThan(8);
  });

  it('distributions, floor and observations are recognised without findings and reach the model', () => {
    const { t, findings } = topologyOf(MEASURED);
    // m3 has no fsyncMs on purpose (the schema asks for it; the estimate assumes its storage class's figure)
    expect(findings.filter((f) => f.severity === 'error').map((f) => f.message)).toEqual([
      'spec.members.2.storage needs `fsyncMs`.',
    ]);
    expect(t.links[0].rttDistribution).toHaveLength(4);
    expect(t.links[0].source?.kind).toBe('measured');
    expect(t.members[0].fsyncDistribution?.[3]).toEqual([16, 1]);
    expect(t.observed?.leaderChangesPerDay).toBe(24);
    const model = topologyToModel(t);
    expect(model.links[0].rtt.empirical).toEqual(t.links[0].rttDistribution);
    expect(model.members[0].fsync.empirical).toBeDefined();
    expect(model.members[1].fsync.empirical).toBeUndefined();
    expect(model.requestFloor?.mean).toBe(2);
    // The measured floor (mean 2 ms, up to 6 ms) moves the estimate above the default floor's.
    const withDefaultFloor = raftEstimate({ ...model, requestFloor: undefined }, { leader: 'm1', clientSite: 'dc' });
    const measured = raftEstimate(model, { leader: 'm1', clientSite: 'dc' });
    expect(measured.p99Ms).toBeGreaterThan(withDefaultFloor.p99Ms);
  });

  it('the estimate says which inputs are measured and which are assumed', () => {
    const { facts } = topologyOf(MEASURED);
    const e = estimateFacts('file:///t.yaml', facts)[0] as SubjectEstimate;
    const origin = Object.fromEntries((e.subject.inputs ?? []).map((i) => [i.input, i.origin]));
    expect(origin).toMatchObject({
      'RTT dc–dc': 'measured',
      'fsync m1': 'measured',
      'fsync m2': 'given',
      'fsync m3': 'assumed',
      'request floor': 'measured',
    });
    expect(e.subject.measured?.[0]).toContain('2026-12-01T10:00:00Z');
  });

  it('a malformed distribution is a schema error on it and the model falls back to mean and sd', () => {
    const bad = MEASURED.replace('[[0.1, 0], [0.2, 0.4], [0.4, 0.9], [0.8, 1]]', '[[0.4, 0], [0.2, 0.5]]');
    const { t, findings } = topologyOf(bad);
    expect(findings.some((f) => f.code === 'schema' && /ascend|probability 1/.test(f.message))).toBe(true);
    expect(t.links[0].rttDistribution).toBeUndefined();
  });
});
