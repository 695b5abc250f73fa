import { describe, expect, it } from 'vitest';
import { configs, fixture, load, r, setting, textAt } from './helpers';
import { recogniseFile } from '../../../server/src/analysis/recognisers';

describe('distributions and operators', () => {
  it('Talos: extraArgs map, and the flags Talos forbids', () => {
    const text = fixture('talos-controlplane.yaml');
    const res = recogniseFile(text);
    const [t] = configs(res.facts);
    expect(t!.recogniser).toBe('talos');
    expect(t!.heartbeatMs?.value).toBe(500);
    expect(r(t!.heartbeatMs!.range)).toBe('11:26-11:31');
    expect(t!.electionMs?.value).toBe(5000);
    expect(res.findings.map((f) => [f.code, textAt(text, f.range)])).toEqual([['invalid-config-value', 'data-dir']]);
  });

  it('k3s: derived defaults 500/5000, overridden by etcd-arg; etcd-extra-env', () => {
    const text = fixture('k3s-config.yaml');
    const [k] = configs(recogniseFile(text).facts);
    expect(k!.recogniser).toBe('k3s-rke2');
    expect(k!.heartbeatMs?.value).toBe(500);
    expect(setting(k!, 'heartbeat-interval')[0]!.origin).toBe('derived');
    expect(k!.electionMs?.value).toBe(7500);
    expect(textAt(text, k!.electionMs!.range)).toBe('7500');
    expect(k!.quotaBackendBytes?.value).toBe(8589934592);
    expect(setting(k!, 'snapshot-count')[0]).toMatchObject({ origin: 'env', raw: '20000' });
  });

  it('OpenShift: Slower → 500/2500, backendQuotaGiB → bytes; "" → Standard', () => {
    const text = fixture('openshift-etcd.yaml');
    const [o] = configs(recogniseFile(text).facts);
    expect(o!.heartbeatMs?.value).toBe(500);
    expect(o!.electionMs?.value).toBe(2500);
    expect(textAt(text, o!.electionMs!.range)).toBe('Slower');
    expect(o!.quotaBackendBytes?.value).toBe(12 * 1024 ** 3);
    const [std] = configs(recogniseFile(text.replace('Slower', '""')).facts);
    expect([std!.heartbeatMs?.value, std!.electionMs?.value]).toEqual([100, 1000]);
    const bad = recogniseFile(text.replace('Slower', 'Fast').replace('12', '4'));
    expect(bad.findings.map((f) => f.code)).toEqual(['invalid-config-value', 'invalid-config-value']);
  });

  it('bitnami values: replicaCount, extraEnvVars, persistence.storageClass', () => {
    const text = fixture('bitnami-values.yaml');
    const res = recogniseFile(text);
    const [b] = configs(res.facts);
    expect(b!.recogniser).toBe('bitnami-helm-values');
    expect(b!.memberCount).toMatchObject({ value: 3, source: 'replicaCount' });
    expect(r(b!.memberCount!.range)).toBe('0:14-0:15');
    expect(b!.heartbeatMs?.value).toBe(150);
    expect(b!.electionMs?.value).toBe(1500);
    expect(b!.storage?.[0]?.described.value).toBe('fast-nfs');
    expect(res.findings).toEqual([]); // ETCD_ON_K8S is the image's own variable
  });

  it('bitnami values nested under etcd: of an umbrella chart', () => {
    const text =
      'etcd:\n  replicaCount: 2\n  extraEnvVars:\n    - name: ETCD_QUOTA_BACKEND_BYTES\n      value: "4294967296"\n';
    const [b] = configs(recogniseFile(text).facts);
    expect(b!.memberCount?.value).toBe(2);
    expect(b!.quotaBackendBytes?.value).toBe(4294967296);
  });

  it('EtcdCluster CRs (CoreOS, etcd-io, improbable) and Gardener Etcd', () => {
    const res = load('etcd-crs.yaml');
    const facts = configs(res.facts);
    expect(facts.map((f) => [f.documentIndex, f.memberCount?.value, f.memberCount?.source])).toEqual([
      [0, 3, 'EtcdCluster size'],
      [1, 4, 'EtcdCluster size'],
      [2, 5, 'EtcdCluster replicas'],
      [3, 3, 'Etcd replicas'],
    ]);
    expect(facts[0]!.electionMs?.value).toBe(15000);
    expect(facts[1]!.heartbeatMs?.value).toBe(200);
    expect(facts.map((f) => f.storage?.[0]?.described.value)).toEqual(['ceph-block', 'gp3', 'standard', 'default']);
    expect(facts[3]!.quotaBackendBytes?.value).toBe(8 * 1024 ** 3);
    expect(res.findings).toEqual([]);
  });
});
