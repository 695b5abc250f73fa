// Estimates per topology and per etcd configuration: the shared model fed from facts, with assumptions stated.
import { describe, expect, it } from 'vitest';
import { analyzeFile } from '../../../server/src/analysis/analyze';
import { estimateFacts, isFailed, linkShares, type SubjectEstimate } from '../../../server/src/analysis/estimates';
import { TopologyIndex } from '../../../server/src/analysis/workspace';
import { raftEstimate } from '../../../server/src/model';
import { topologyToModel } from '../../../server/src/analysis/modelInput';

const TOPOLOGY = `apiVersion: etcd-capacity/v1alpha1
kind: EtcdTopology
metadata: {name: two-sites}
spec:
  sites: [{name: a}, {name: b}, {name: c}]
  links:
    - {sites: [a, a], rttMs: 1}
    - {sites: [a, b], rttMs: 30, jitterMs: 3}
    - {sites: [a, c], rttMs: 40, jitterMs: 3}
    - {sites: [b, c], rttMs: 35, jitterMs: 3}
  members:
    - {name: m1, site: a, storage: {type: nvme, fsyncMs: 0.5}}
    - {name: m2, site: b, storage: {type: nvme, fsyncMs: 0.5}}
    - {name: m3, site: c, storage: {type: nvme, fsyncMs: 0.5}}
  clients:
    - site: a
`;

function estimates(text: string, uri = 'file:///t.yaml', index?: TopologyIndex) {
  const { facts } = analyzeFile(uri, text, undefined, index);
  return estimateFacts(uri, facts, undefined, index);
}

describe('estimates', () => {
  it('estimates a topology with the model, headline = fastest leader for the first client', () => {
    const [outcome] = estimates(TOPOLOGY);
    expect(isFailed(outcome)).toBe(false);
    const e = outcome as SubjectEstimate;
    expect(e.cluster.quorum).toBe(2);
    expect(e.headline.clientSite).toBe('a');
    expect(e.headline.leader).toBe('m1');
    // The very same number the model gives for that scenario: one shared model.
    const direct = raftEstimate(topologyToModel(e.subject.topology!), { leader: 'm1', clientSite: 'a' });
    expect(e.headline.raft.p50Ms).toBeCloseTo(direct.p50Ms, 6);
    expect(e.worst.raft.p50Ms).toBeGreaterThan(e.headline.raft.p50Ms);
    // Nothing in the file is measured; what it leaves unsaid is listed as assumed.
    expect(e.subject.measured).toEqual([]);
    for (const a of e.subject.assumptions) expect(a).toMatch(/^(RTT inside [abc] |request floor )/);
    expect(e.subject.assumptions.some((a) => a.startsWith('request floor'))).toBe(true);
  });

  it('attributes write latency to the link on the commit path', () => {
    const e = estimates(TOPOLOGY)[0] as SubjectEstimate;
    const shares = new Map(linkShares(e).map((s) => [s.link.sites.join('-'), s.shareOfP50]));
    // Leader m1 in a commits with the nearer follower m2 (30 ms): that link dominates; b–c does not matter.
    expect(shares.get('a-b')!).toBeGreaterThan(0.5);
    expect(shares.get('b-c')!).toBeLessThan(0.05);
  });

  it('estimates a static pod from the topology that names its members', () => {
    const index = new TopologyIndex();
    index.update('file:///topo.yaml', analyzeFile('file:///topo.yaml', TOPOLOGY).facts);
    const pod = `apiVersion: v1
kind: Pod
metadata: {name: etcd, namespace: kube-system}
spec:
  containers:
    - name: etcd
      image: registry.k8s.io/etcd:3.6.4-0
      command: [etcd, --name=m2, --election-timeout=2000]
`;
    const [outcome] = estimates(pod, 'file:///pod.yaml', index);
    const e = outcome as SubjectEstimate;
    expect(e.subject.kind).toBe('config');
    expect(e.subject.topology?.name.value).toBe('two-sites');
    expect(e.subject.model.electionMs).toBe(2000);
    // Nothing in the file is measured; what it leaves unsaid is listed as assumed.
    expect(e.subject.measured).toEqual([]);
    for (const a of e.subject.assumptions) expect(a).toMatch(/^(RTT inside [abc] |request floor )/);
    expect(e.subject.assumptions.some((a) => a.startsWith('request floor'))).toBe(true);
    expect(e.cluster.votingMembers).toBe(3);
  });

  it('states its assumptions for a configuration that no topology describes', () => {
    const config = `name: solo\ndata-dir: /var/lib/etcd\nlisten-peer-urls: http://10.0.0.1:2380\ninitial-cluster: solo=http://10.0.0.1:2380,b=http://10.0.0.2:2380,c=http://10.0.0.3:2380\n`;
    const e = estimates(config)[0] as SubjectEstimate;
    expect(e.cluster.votingMembers).toBe(3);
    expect(e.subject.assumptions.join(' ')).toMatch(/RTT 0\.5 ± 0\.15 ms between members/);
    expect(e.headline.raft.p50Ms).toBeLessThan(10);
  });

  describe('a configuration no topology describes: one model input, whether or not defaultRttMs is set', () => {
    // The member's own name is listed again in initial-cluster, as every real config does.
    const config = [
      'name: m1',
      'initial-cluster: m1=https://10.0.0.1:2380,m2=https://10.0.0.2:2380,m3=https://10.0.0.3:2380',
      'heartbeat-interval: 100',
      'election-timeout: 1000',
      '',
    ].join('\n');
    const run = (defaultRttMs?: number) => {
      const uri = 'file:///etcd.conf.yml';
      const { facts } = analyzeFile(uri, config, { defaultRttMs });
      return estimateFacts(uri, facts, { defaultRttMs })[0]!;
    };

    it.each([undefined, 0, 20])('counts m1 once with defaultRttMs %s', (defaultRttMs) => {
      const e = run(defaultRttMs);
      expect(isFailed(e), isFailed(e) ? e.error : '').toBe(false);
      expect(e.subject.model.members.map((m) => m.name)).toEqual(['m1', 'm2', 'm3']);
      expect((e as SubjectEstimate).cluster.votingMembers).toBe(3);
    });

    it('assumes the same fsync (by storage type) and says what it assumed', () => {
      const without = run(undefined);
      const withRtt = run(20);
      expect(withRtt.subject.model.members.map((m) => m.fsync)).toEqual(
        without.subject.model.members.map((m) => m.fsync),
      );
      expect(withRtt.subject.model.links).toEqual([{ a: 'site', b: 'site', rtt: { mean: 20, sd: 0 } }]);
      expect(withRtt.subject.assumptions.join(' ')).toMatch(/RTT 20 ms between members \(etcdCapacity\.defaultRttMs\)/);
      const fsync = without.subject.model.members[0]!.fsync;
      for (const e of [without, withRtt])
        expect(e.subject.assumptions).toContain(`WAL fsync ${fsync.mean} ± ${fsync.sd} ms (typical SSD storage)`);
    });

    it('takes fsync from the storage behind the data directory', () => {
      const pod = [
        'apiVersion: v1',
        'kind: Pod',
        'metadata: {name: etcd-m1, namespace: kube-system}',
        'spec:',
        '  containers:',
        '  - name: etcd',
        '    image: registry.k8s.io/etcd:3.5.15-0',
        '    command: [etcd, --name=m1, --data-dir=/var/lib/etcd, "--initial-cluster=m1=https://a:2380,m2=https://b:2380,m3=https://c:2380"]',
        '    volumeMounts: [{name: data, mountPath: /var/lib/etcd}]',
        '  volumes:',
        '  - name: data',
        '    nfs: {server: nas, path: /etcd}',
        '',
      ].join('\n');
      const fsyncs = [undefined, 20].map((defaultRttMs) => {
        const { facts } = analyzeFile('file:///pod.yaml', pod, { defaultRttMs });
        const e = estimateFacts('file:///pod.yaml', facts, { defaultRttMs })[0]!;
        expect(e.subject.model.members).toHaveLength(3);
        return e.subject.model.members[0]!.fsync;
      });
      expect(fsyncs[1]).toEqual(fsyncs[0]);
      expect(fsyncs[0]!.mean).toBeGreaterThan(2);
    });
  });

  it('reports a model failure instead of throwing', () => {
    const broken = TOPOLOGY.replace('- {name: m3, site: c', '- {name: m3, site: nowhere');
    const outcome = estimates(broken)[0];
    expect(isFailed(outcome)).toBe(true);
  });

  it('is silent for YAML without etcd', () => {
    expect(estimates('apiVersion: v1\nkind: ConfigMap\ndata: {a: b}\n')).toEqual([]);
  });
});
