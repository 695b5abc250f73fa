import { describe, expect, it } from 'vitest';
import { recogniseFile } from '../../../server/src/analysis/recognisers';
import { configs, fixture, load, r, setting, textAt } from './helpers';

describe('kubeadm static pod', () => {
  const text = fixture('kubeadm-static-pod.yaml');
  const res = recogniseFile(text);
  const [pod] = configs(res.facts);

  it('is one pod fact with every flag and its range', () => {
    expect(configs(res.facts)).toHaveLength(1);
    expect(pod!.recogniser).toBe('pod');
    expect(pod!.label).toBe('Pod kube-system/etcd');
    expect(pod!.settings.filter((s) => s.origin === 'flag')).toHaveLength(20);
    const snap = setting(pod!, 'snapshot-count')[0]!;
    expect(snap.raw).toBe('10000');
    expect(r(snap.range)).toBe('32:23-32:28');
    expect(textAt(text, snap.keyRange!)).toBe('--snapshot-count');
    expect(res.findings).toEqual([]);
  });

  it('resolves member name, initial cluster and member count', () => {
    expect(pod!.memberName?.value).toBe('cp1');
    expect(textAt(text, pod!.memberName!.range)).toBe('cp1');
    expect(pod!.initialCluster?.value.map((m) => m.name)).toEqual(['cp1', 'cp2', 'cp3']);
    expect(pod!.memberCount).toMatchObject({ value: 3, source: 'initial-cluster' });
  });

  it('keeps the ETCD_ env var (flags shadow env; here no flag sets the heartbeat)', () => {
    const hb = setting(pod!, 'heartbeat-interval');
    expect(hb).toHaveLength(1);
    expect(hb[0]).toMatchObject({ origin: 'env', writtenAs: 'ETCD_HEARTBEAT_INTERVAL', raw: '500' });
    expect(pod!.heartbeatMs?.value).toBe(500);
    expect(r(pod!.heartbeatMs!.range)).toBe('37:13-37:18');
  });

  it('lets a flag shadow the env var of the same setting', () => {
    const t = text.replace(
      '    - --snapshot-count=10000\n',
      '    - --snapshot-count=10000\n    - --heartbeat-interval=250\n',
    );
    const [p] = configs(recogniseFile(t).facts);
    expect(p!.heartbeatMs?.value).toBe(250);
  });
});

describe('kubeadm ClusterConfiguration and Cluster API', () => {
  it('v1beta3 extraArgs map', () => {
    const text = fixture('kubeadm-v1beta3.yaml');
    const res = recogniseFile(text);
    const [cc] = configs(res.facts);
    expect(res.documentCount).toBe(2);
    expect(cc!.documentIndex).toBe(1);
    expect(cc!.recogniser).toBe('kubeadm-cluster-configuration');
    expect(cc!.heartbeatMs?.value).toBe(250);
    expect(cc!.electionMs?.value).toBe(2500);
    expect(cc!.quotaBackendBytes?.value).toBe(8589934592);
    expect(textAt(text, cc!.electionMs!.range)).toBe('"2500"');
    expect(textAt(text, cc!.electionMs!.keyRange!)).toBe('election-timeout');
    expect(setting(cc!, 'heartbeat-interval')[0]!.origin).toBe('extra-args');
    expect(res.findings).toEqual([]);
  });

  it('v1beta4 extraArgs list, extraEnvs; external endpoints are not members (no fact)', () => {
    const text = fixture('kubeadm-v1beta4.yaml');
    const res = recogniseFile(text);
    const [local, ...rest] = configs(res.facts);
    expect(rest).toEqual([]);
    expect(local!.heartbeatMs?.value).toBe(250);
    expect(r(local!.heartbeatMs!.range)).toBe('8:13-8:18');
    expect(textAt(text, local!.heartbeatMs!.keyRange!)).toBe('heartbeat-interval');
    expect(setting(local!, 'snapshot-count')[0]).toMatchObject({ origin: 'env', raw: '10000' });
    expect(res.findings).toEqual([]);
  });

  it('reports the wrong extraArgs shape for the apiVersion', () => {
    const text = fixture('kubeadm-v1beta3.yaml').replace(
      'v1beta3\nkind: ClusterConfiguration',
      'v1beta4\nkind: ClusterConfiguration',
    );
    const res = recogniseFile(text);
    expect(res.findings.map((f) => f.code)).toEqual(['invalid-config-value']);
    expect(res.findings[0]!.message).toMatch(/list of \{name, value\}/);
    expect(res.findings[0]!.range.start.line).toBe(12);
  });

  it('KubeadmControlPlane replicas are the member count', () => {
    const [kcp] = configs(load('capi-kcp.yaml').facts);
    expect(kcp!.memberCount).toMatchObject({ value: 3, source: 'KubeadmControlPlane replicas' });
    expect(r(kcp!.memberCount!.range)).toBe('5:12-5:13');
    expect(kcp!.electionMs?.value).toBe(3000);
  });
});

describe('workloads', () => {
  it('StatefulSet with sh -c: flags inside the script string, replicas, volumeClaimTemplates', () => {
    const text = fixture('statefulset.yaml');
    const res = recogniseFile(text);
    const [sts] = configs(res.facts);
    expect(sts!.recogniser).toBe('workload');
    expect(sts!.memberCount).toMatchObject({ value: 4, source: 'StatefulSet replicas' });
    expect(sts!.heartbeatMs?.value).toBe(250);
    expect(textAt(text, sts!.heartbeatMs!.range)).toBe('250');
    expect(sts!.electionMs?.value).toBe(1250);
    expect(textAt(text, sts!.electionMs!.range)).toBe('1250');
    expect(sts!.storage).toEqual([
      {
        described: {
          value: 'fast-nfs',
          range: { start: { line: 21, character: 24 }, end: { line: 21, character: 32 } },
        },
        risk: 'unknown',
        describedAs: 'storage-class-name',
      },
    ]);
  });

  it('an nginx Deployment and an etcdctl backup container yield nothing', () => {
    const res = load('nginx-deployment.yaml');
    expect(res.facts).toEqual([]);
    expect(res.findings).toEqual([]);
  });

  it('unknown flag: error with suggestion and a rename fix on the flag name only', () => {
    const text = fixture('kubeadm-static-pod.yaml').replace('--snapshot-count=10000', '--snapshot-cout=10000');
    const res = recogniseFile(text);
    expect(res.findings).toHaveLength(1);
    const f = res.findings[0]!;
    expect(f).toMatchObject({ code: 'unknown-config-key', severity: 'error' });
    expect(f.message).toContain('`snapshot-count`');
    expect(textAt(text, f.range)).toBe('snapshot-cout');
    expect(f.fixes![0]!.edits[0]!.newText).toBe('snapshot-count');
  });

  it('invalid flag values: a duration for a millisecond flag gets a fix; bad URLs; bad booleans', () => {
    const text = `apiVersion: v1
kind: Pod
metadata: {name: e}
spec:
  containers:
  - name: etcd
    image: quay.io/coreos/etcd:v3.5.17
    args: ["--heartbeat-interval=100ms", "--listen-peer-urls=10.0.0.1:2380", "--strict-reconfig-check=yes", "--grpc-keepalive-timeout=20"]
    env:
    - {name: ETCD_ELECTION_TIMOUT, value: "1000"}
    - {name: ETCD_ROOT_PASSWORD, value: secret}
`;
    const res = recogniseFile(text);
    const codes = res.findings.map((f) => `${f.code}:${textAt(text, f.range)}`);
    expect(codes).toEqual([
      'unknown-config-key:ETCD_ELECTION_TIMOUT',
      'invalid-config-value:100ms',
      'invalid-config-value:10.0.0.1:2380',
      'invalid-config-value:yes',
      'invalid-config-value:20',
    ]);
    expect(res.findings[1]!.fixes![0]!.edits[0]!.newText).toBe('100');
  });
});
