// Every shape in which etcd is configured (docs/shapes.md), read from fixtures written after each
// project's documentation and Go types, through analyzeFile to the findings a user sees: member counts,
// timers and quotas at the exact value, and silence for neighbouring settings.
import * as fs from 'node:fs';
import * as path from 'node:path';
import { describe, expect, it } from 'vitest';
import { analyzeFile } from '../../../server/src/analysis/analyze';
import { IncrementalRecogniser } from '../../../server/src/analysis/incremental';
import { recogniseFile } from '../../../server/src/analysis/recognisers';
import type { EtcdConfigFact, Finding } from '../../../server/src/analysis/types';
import { textAt } from './helpers';

const DIR = path.join(__dirname, '../../fixtures/recognisers/shapes');
const read = (name: string): string => fs.readFileSync(path.join(DIR, name), 'utf8');

/** What the user sees: each finding's code, the text it underlines, and its 0-based line. */
function seen(name: string, text = read(name)): { code: string; at: string; line: number }[] {
  return analyzeFile(`file:///${name}`, text).findings.map((f: Finding) => ({
    code: f.code,
    at: textAt(text, f.range),
    line: f.range.start.line,
  }));
}

function facts(name: string, text = read(name)): EtcdConfigFact[] {
  return analyzeFile(`file:///${name}`, text).facts.filter((f): f is EtcdConfigFact => f.type === 'etcd-config');
}

const codes = (name: string, text?: string): string[] => seen(name, text).map((f) => f.code);

describe('Cluster API', () => {
  it('KubeadmControlPlane v1beta2: replicas, list extraArgs; apiServer extraArgs and external endpoints say nothing', () => {
    expect(seen('capi-kcp-v1beta2.yaml')).toEqual([
      { code: 'even-member-count', at: '4', line: 7 },
      { code: 'election-timeout-below-5x-heartbeat', at: '"2000"', line: 30 },
    ]);
    const [kcp, ...others] = facts('capi-kcp-v1beta2.yaml');
    expect(others).toEqual([]); // the external-etcd control plane states no etcd membership
    expect(kcp!.heartbeatMs?.value).toBe(500);
  });

  it('KubeadmControlPlane v1beta1 with a map, and the even-count fix edits replicas', () => {
    const text = [
      'apiVersion: controlplane.cluster.x-k8s.io/v1beta1',
      'kind: KubeadmControlPlane',
      'metadata: {name: cp}',
      'spec:',
      '  replicas: 4',
      '  kubeadmConfigSpec:',
      '    clusterConfiguration:',
      '      etcd:',
      '        local:',
      '          extraArgs:',
      '            heartbeat-interval: "500"',
      '            election-timeout: "5000"',
      '',
    ].join('\n');
    const res = analyzeFile('file:///kcp.yaml', text);
    expect(res.findings.map((f) => f.code)).toEqual(['even-member-count']);
    expect(res.findings[0]!.fixes?.map((f) => f.edits[0]!.newText)).toEqual(['5', '3']);
  });

  it('EtcdadmCluster replicas', () => {
    expect(seen('etcdadm-cluster.yaml')).toEqual([{ code: 'even-member-count', at: '2', line: 7 }]);
  });

  it('RKE2ControlPlane: replicas, embedded-etcd defaults 500/5000, customConfig extraArgs and extraEnv (ETCDCTL_* ignored)', () => {
    expect(seen('rke2-controlplane.yaml')).toEqual([{ code: 'quota-above-8gib', at: '17179869184', line: 28 }]);
    const [f] = facts('rke2-controlplane.yaml');
    expect([f!.memberCount?.value, f!.heartbeatMs?.value, f!.electionMs?.value]).toEqual([3, 500, 5000]);
    expect(f!.settings.filter((s) => s.origin === 'env').map((s) => [s.writtenAs, s.raw])).toEqual([
      ['ETCD_SNAPSHOT_COUNT', '50000'],
    ]);
    expect(
      codes('rke2-controlplane.yaml', read('rke2-controlplane.yaml').replace('replicas: 3', 'replicas: 4')),
    ).toContain('even-member-count');
  });

  it('EKS Anywhere: externalEtcdConfiguration.count on its machine group; stacked etcd on the control plane', () => {
    expect(seen('eks-anywhere.yaml')).toEqual([{ code: 'even-member-count', at: '2', line: 24 }]);
    const [external, stacked] = facts('eks-anywhere.yaml');
    expect(external!.label).toContain('VSphereMachineConfig prod-etcd');
    expect(stacked!.memberCount).toMatchObject({ value: 3, source: 'controlPlaneConfiguration.count (stacked etcd)' });
  });
});

describe('kind', () => {
  it('reads the ClusterConfiguration inside the block scalar and maps findings to the host line and column', () => {
    const text = read('kind-patches.yaml');
    expect(seen('kind-patches.yaml')).toEqual([
      { code: 'even-member-count', at: 'nodes', line: 18 },
      { code: 'election-timeout-below-5x-heartbeat', at: '"1000"', line: 16 },
      { code: 'quota-above-8gib', at: '"10737418240"', line: 17 },
    ]);
    const [f] = facts('kind-patches.yaml');
    expect(textAt(text, f!.heartbeatMs!.range)).toBe('"300"');
    expect(f!.heartbeatMs!.range.start).toEqual({ line: 15, character: 28 });
    expect(textAt(text, f!.heartbeatMs!.keyRange!)).toBe('heartbeat-interval');
  });

  it('a misspelt flag in a patch is underlined in the host file; kind nodes without control-plane role do not count', () => {
    const text = read('kind-patches.yaml')
      .replace('heartbeat-interval: "300"', 'hearbeat-interval: "300"')
      .replace('- role: control-plane\n- role: control-plane', '- role: control-plane');
    const found = seen('kind.yaml', text);
    expect(found.find((f) => f.code === 'unknown-config-key')).toEqual({
      code: 'unknown-config-key',
      at: 'hearbeat-interval',
      line: 15,
    });
    expect(found.map((f) => f.code)).toContain('single-member');
  });

  it('a patch on a control-plane node is read too; the cluster is counted once', () => {
    const text = read('kind-patches.yaml').replace(
      '- role: control-plane\n- role: control-plane\n',
      '- role: control-plane\n  kubeadmConfigPatches:\n  - |\n    kind: ClusterConfiguration\n    etcd:\n      local:\n        extraArgs:\n          snapshot-count: "nope"\n- role: control-plane\n',
    );
    const found = seen('kind.yaml', text);
    expect(found.filter((f) => f.code === 'even-member-count')).toHaveLength(1);
    expect(found.find((f) => f.code === 'invalid-config-value')).toEqual({
      code: 'invalid-config-value',
      at: '"nope"',
      line: 26,
    });
  });

  it('a folded or quoted patch still yields its findings, at the patch', () => {
    const text =
      'kind: Cluster\napiVersion: kind.x-k8s.io/v1alpha4\nkubeadmConfigPatches:\n- "kind: ClusterConfiguration\\netcd:\\n  local:\\n    extraArgs:\\n      election-timeout: \\"60000\\"\\n"\n';
    const found = seen('kind.yaml', text);
    expect(found.map((f) => [f.code, f.line])).toEqual([
      ['single-member', 2],
      ['election-timeout-too-long', 3],
    ]);
  });
});

describe('installers', () => {
  it('k0s: storage.etcd extraArgs map and rawArgs; spec.api.extraArgs says nothing', () => {
    expect(seen('k0s.yaml')).toEqual([
      { code: 'election-timeout-below-5x-heartbeat', at: '"1000"', line: 18 },
      { code: 'quota-above-8gib', at: '17179869184', line: 20 },
    ]);
    expect(codes('k0s.yaml', read('k0s.yaml').replace('type: etcd', 'type: kine'))).toEqual([]);
    // k0s decodes extraArgs into map[string]string through JSON: an unquoted number is rejected.
    expect(
      codes('k0s.yaml', read('k0s.yaml').replace('heartbeat-interval: "250"', 'heartbeat-interval: 250')),
    ).toContain('invalid-config-value');
  });

  it('k0sctl: controller hosts are the members, the embedded ClusterConfig configures them; workers and api.extraArgs say nothing', () => {
    expect(seen('k0sctl.yaml')).toEqual([
      { code: 'even-member-count', at: 'hosts', line: 7 },
      { code: 'election-timeout-below-5x-heartbeat', at: '"400"', line: 39 },
    ]);
    const [f] = facts('k0sctl.yaml');
    expect(f!.recogniser).toBe('k0s');
    expect(f!.members!.map((m) => m.name.value)).toEqual(['10.0.0.1', 'cp-2']);
    expect(f!.memberCount).toMatchObject({ value: 2, computed: true });
    // Without an embedded config, k0s's defaults run etcd on the controllers: still counted.
    const bare = read('k0sctl.yaml')
      .replace(/ {2}k0s:\n[\s\S]*$/, '')
      .replace('role: worker', 'role: controller');
    expect(seen('k0sctl.yaml', bare)).toEqual([]);
    expect(facts('k0sctl.yaml', bare)[0]!.memberCount?.value).toBe(3);
    // kine instead of etcd: no etcd here.
    expect(seen('k0sctl.yaml', read('k0sctl.yaml').replace('type: etcd', 'type: kine'))).toEqual([]);
    expect(facts('k0sctl.yaml', read('k0sctl.yaml').replace('type: etcd', 'type: kine'))).toEqual([]);
  });

  it('kops: etcdMembers per cluster, instance-group zones as sites, volumeType/volumeIops, manager.env; heartbeatInterval refused', () => {
    expect(seen('kops.yaml')).toEqual([
      { code: 'invalid-config-value', at: 'heartbeatInterval', line: 32 },
      { code: 'even-member-count', at: 'etcdMembers', line: 12 },
      { code: 'non-ssd-storage', at: 'st1', line: 22 },
      { code: 'quota-above-8gib', at: '"10737418240"', line: 30 },
    ]);
    // The HDD volume type of member c: a finding on the value, the member's name as the related location.
    const hdd = analyzeFile('file:///kops.yaml', read('kops.yaml')).findings.find((f) => f.code === 'non-ssd-storage')!;
    expect(hdd.message).toContain('cloud HDD volume type');
    expect(hdd.related?.map((r) => [r.range.start.line, r.message])).toEqual([[21, 'etcd member c: volumeType st1']]);
    const [main, events] = facts('kops.yaml');
    expect(
      main!.members!.map((m) => [
        m.name.value,
        m.group?.value,
        m.site?.value,
        m.volumeType?.value,
        m.volumeIops?.value,
      ]),
    ).toEqual([
      ['a', 'control-plane-us-east-1a', 'us-east-1a', 'gp3', 3000],
      ['b', 'control-plane-us-east-1b', 'us-east-1b', 'gp3', undefined],
      ['c', 'control-plane-us-east-1c', 'us-east-1c', 'st1', undefined],
      ['d', 'control-plane-us-east-1c', 'us-east-1c', undefined, undefined],
    ]);
    expect(events!.memberCount?.value).toBe(3);
    // The site points at the instance group's subnet, in its own document.
    expect(main!.members![0]!.site!.range.start.line).toBe(60);
  });

  it('kops: sites are linked the same way by the incremental recogniser', () => {
    const text = read('kops.yaml');
    expect(new IncrementalRecogniser().recognise(text)).toEqual(recogniseFile(text));
  });

  it('RKE1 cluster.yml: nodes with the etcd role, RKE defaults 500/5000, extra_args; kube-api and ETCDCTL_API say nothing', () => {
    expect(seen('rke1-cluster.yml')).toEqual([
      { code: 'even-member-count', at: 'nodes', line: 1 },
      { code: 'election-timeout-below-5x-heartbeat', at: '1000', line: 20 },
    ]);
    const [f] = facts('rke1-cluster.yml');
    expect(f!.members!.map((m) => m.name.value)).toEqual(['10.0.0.11', 'cp2']);
    expect(f!.settings.filter((s) => s.origin === 'env').map((s) => s.writtenAs)).toEqual(['ETCD_SNAPSHOT_COUNT']);
  });

  it('Rancher provisioning Cluster: etcd machine pools and their quantity; workers do not count', () => {
    expect(seen('rancher-cluster.yaml')).toEqual([
      { code: 'even-member-count', at: '2', line: 21 },
      { code: 'quota-above-8gib', at: '17179869184', line: 16 },
    ]);
    const two = read('rancher-cluster.yaml')
      .replace('etcdRole: false', 'etcdRole: true')
      .replace('quantity: 2', 'quantity: 3');
    const [f] = facts('rancher.yaml', two);
    expect(f!.memberCount).toMatchObject({ value: 8, computed: true });
    expect(analyzeFile('file:///r.yaml', two).findings.find((x) => x.code === 'too-many-members')?.fixes ?? []).toEqual(
      [],
    );
  });

  it('OpenShift install-config: controlPlane.replicas (compute replicas do not count), Standard timers, 8 GiB quota', () => {
    expect(seen('install-config.yaml')).toEqual([{ code: 'even-member-count', at: '4', line: 8 }]);
    const [f] = facts('install-config.yaml');
    expect([f!.heartbeatMs?.value, f!.electionMs?.value, f!.quotaBackendBytes?.value]).toEqual([
      100,
      1000,
      8 * 1024 ** 3,
    ]);
    const azure = read('install-config.yaml').replace(
      'platform:\n  aws:\n    region',
      'platform:\n  azure:\n    region',
    );
    const [a] = facts('ic.yaml', azure);
    expect([a!.heartbeatMs?.value, a!.electionMs?.value]).toEqual([500, 2500]);
    const arbiter =
      read('install-config.yaml').replace('replicas: 4', 'replicas: 2') + 'arbiter:\n  name: arbiter\n  replicas: 1\n';
    expect(codes('ic.yaml', arbiter)).toEqual([]);
  });

  it('kubespray YAML inventory: the etcd group (with its children groups) is the member count', () => {
    expect(seen('kubespray-hosts.yaml')).toEqual([{ code: 'even-member-count', at: 'etcd', line: 17 }]);
    const [f] = facts('kubespray-hosts.yaml');
    expect(f!.members!.map((m) => m.name.value).sort()).toEqual(['node1', 'node2', 'node3', 'node4']);
    expect([f!.heartbeatMs?.value, f!.electionMs?.value]).toEqual([250, 5000]);
  });

  it('kubespray group_vars: etcd_heartbeat_interval, etcd_election_timeout, etcd_quota_backend_bytes, etcd_extra_vars', () => {
    expect(seen('kubespray-group-vars.yml')).toEqual([
      { code: 'election-timeout-below-5x-heartbeat', at: '"1000"', line: 4 },
      { code: 'quota-above-8gib', at: '"10737418240"', line: 5 },
    ]);
    const [f] = facts('kubespray-group-vars.yml');
    expect(f!.settings.find((s) => s.writtenAs === 'ETCD_SNAPSHOT_COUNT')?.raw).toBe('20000');
    // Jinja templates are filled in by Ansible: unknown here, never a false error.
    expect(codes('v.yml', 'etcd_heartbeat_interval: "{{ hb }}"\netcd_election_timeout: "5000"\n')).toEqual([]);
  });
});

describe('Helm values of charts embedding etcd', () => {
  it('the etcd: sub-chart with replicaCount, extraEnvVars and persistence', () => {
    expect(seen('helm-umbrella-values.yaml')).toEqual([{ code: 'quota-above-8gib', at: '"17179869184"', line: 12 }]);
    const [f] = facts('helm-umbrella-values.yaml');
    expect([f!.memberCount?.value, f!.heartbeatMs?.value, f!.electionMs?.value]).toEqual([3, 500, 2500]);
    expect(f!.storage?.[0]?.described.value).toBe('fast-ssd');
  });

  it('an override file that sets only etcd.replicaCount', () => {
    expect(seen('helm-override.yaml')).toEqual([{ code: 'even-member-count', at: '4', line: 2 }]);
  });

  it('keys that only look similar say nothing: etcdOperator, externalEtcd, a disabled sub-chart, an etcd client', () => {
    expect(seen('helm-lookalikes.yaml')).toEqual([]);
    expect(seen('helm-client.yaml')).toEqual([]);
    expect(facts('helm-lookalikes.yaml')).toEqual([]);
  });

  it('an enabled sub-chart counts even with client keys beside it (older APISIX values)', () => {
    const text = read('helm-client.yaml').replace('  prefix: /apisix', '  prefix: /apisix\n  enabled: true');
    expect(seen('apisix.yaml', text)).toEqual([{ code: 'even-member-count', at: '2', line: 4 }]);
  });
});

describe('docker-compose', () => {
  it('services sharing an initial-cluster are one cluster: one member-count finding; anchors and << merges', () => {
    const found = seen('docker-compose.yaml');
    expect(found.filter((f) => f.code === 'even-member-count')).toEqual([
      {
        code: 'even-member-count',
        at: 'etcd1=http://etcd1:2380,etcd2=http://etcd2:2380,etcd3=http://etcd3:2380,etcd4=http://etcd4:2380',
        line: 5,
      },
    ]);
    expect(found.filter((f) => f.code === 'election-timeout-below-5x-heartbeat').map((f) => f.at)).toEqual([
      '400',
      '400',
      '400',
      '400',
    ]);
    const services = facts('docker-compose.yaml');
    expect(services.map((f) => f.memberName?.value)).toEqual(['etcd1', 'etcd2', 'etcd3', 'etcd4']);
    expect(services.map((f) => !!f.membershipStatedBy)).toEqual([false, true, true, true]);
    // etcdctl and the app are not etcd members; ETCDCTL_API is not an etcd setting.
    expect(services.flatMap((f) => f.settings.map((s) => s.writtenAs)).filter((w) => w.startsWith('ETCDCTL'))).toEqual(
      [],
    );
  });

  it('a command string is split into flags with exact ranges', () => {
    const text = read('docker-compose.yaml');
    const [etcd1] = facts('docker-compose.yaml');
    expect(textAt(text, etcd1!.memberName!.range)).toBe('etcd1');
    expect(etcd1!.memberName!.range.start.line).toBe(12);
    const bad = text.replace('--listen-peer-urls http', '--listen-peer-url http');
    expect(seen('c.yaml', bad).find((f) => f.code === 'unknown-config-key')).toEqual({
      code: 'unknown-config-key',
      at: 'listen-peer-url',
      line: 12,
    });
  });

  it('an environment list on an etcd image; ${VAR} interpolation is unknown, not an error', () => {
    expect(seen('docker-compose-env-list.yaml')).toEqual([{ code: 'quota-above-8gib', at: '10737418240', line: 7 }]);
  });
});

describe('limits are reported, never silent', () => {
  it('a compose environment list longer than the limit says where reading stopped', () => {
    const env = Array.from({ length: 2001 }, (_, i) => `      - FOO_${i}=x`).join('\n');
    const text = `services:\n  etcd:\n    image: quay.io/coreos/etcd:v3.5.17\n    environment:\n${env}\n      - ETCD_QUOTA_BACKEND_BYTES=1\n`;
    const found = seen('big.yaml', text);
    expect(found.filter((f) => f.code === 'analysis-limited')).toEqual([
      { code: 'analysis-limited', at: 'FOO_2000=x', line: 2004 },
    ]);
  });

  it('a topology with more members than read, and a kops cluster with more etcdMembers than read', () => {
    const members = Array.from({ length: 1001 }, (_, i) => `    - {name: m${i}, site: a}`).join('\n');
    const topology = `apiVersion: etcd-capacity/v1alpha1\nkind: EtcdTopology\nmetadata: {name: t}\nspec:\n  sites: [{name: a}]\n  links: [{sites: [a, a], rttMs: 1}]\n  members:\n${members}\n`;
    // These members give more than 100 schema errors: past 100, one notice says the rest are unlisted.
    expect(seen('t.yaml', topology).filter((f) => f.code === 'analysis-limited')).toEqual([
      { code: 'analysis-limited', at: '{name: m100, site: a}', line: 107 },
      { code: 'analysis-limited', at: '{name: m1000, site: a}', line: 1007 },
    ]);
    const kopsMembers = Array.from({ length: 101 }, (_, i) => `    - {name: m${i}, instanceGroup: ig}`).join('\n');
    const kops = `apiVersion: kops.k8s.io/v1alpha2\nkind: Cluster\nmetadata: {name: c}\nspec:\n  etcdClusters:\n  - name: main\n    etcdMembers:\n${kopsMembers}\n`;
    const limitedKops = seen('k.yaml', kops).filter((f) => f.code === 'analysis-limited');
    expect(limitedKops).toEqual([{ code: 'analysis-limited', at: '{name: m100, instanceGroup: ig}', line: 107 }]);
  });

  it('an extraArgs map longer than read, and more YAML errors than listed', () => {
    const args = Array.from({ length: 2001 }, (_, i) => `      x${i}: "1"`).join('\n');
    const talos = `machine: {type: controlplane}\ncluster:\n  etcd:\n    extraArgs:\n${args}\n`;
    const limitedArgs = seen('talos.yaml', talos).filter((f) => f.code === 'analysis-limited');
    expect(limitedArgs.map((f) => [f.at, f.line])).toEqual([['x2000', 2004]]);
    const duplicates = 'a: 1\n'.repeat(61); // 60 duplicate keys
    const found = seen('dup.yaml', duplicates);
    expect(found.filter((f) => f.code === 'yaml-syntax')).toHaveLength(50);
    expect(found.filter((f) => f.code === 'analysis-limited').map((f) => f.line)).toEqual([51]);
  });
});

describe('storage and schema limits are reported, once', () => {
  const limitedAt = (name: string, text: string) =>
    seen(name, text)
      .filter((f) => f.code === 'analysis-limited')
      .map((f) => [f.at, f.line]);

  it('a pod with more volumes and mounts than read, two etcd containers: one notice per list', () => {
    const volumes = Array.from({ length: 201 }, (_, i) => `      - {name: v${i}, emptyDir: {}}`).join('\n');
    const mounts = Array.from({ length: 201 }, (_, i) => `          - {name: v${i}, mountPath: /m${i}}`).join('\n');
    const container = (n: string) =>
      `      - name: ${n}\n        image: quay.io/coreos/etcd:v3.5.17\n        command: [etcd, --data-dir=/m0]\n        volumeMounts:\n${mounts}\n`;
    const text = `apiVersion: v1\nkind: Pod\nmetadata: {name: p}\nspec:\n  containers:\n${container('a')}${container('b')}  volumes:\n${volumes}\n`;
    const found = limitedAt('pod.yaml', text);
    const mountLine = 9 + 200; // the first container's 201st mount
    expect(found).toContainEqual(['{name: v200, mountPath: /m200}', mountLine]);
    expect(found.filter(([at]) => at === '{name: v200, emptyDir: {}}')).toHaveLength(1);
    expect(found).toHaveLength(3); // each container's mounts, and the pod's volumes once
  });

  it('a StatefulSet with more volumeClaimTemplates than read', () => {
    const templates = Array.from({ length: 51 }, (_, i) => `  - metadata: {name: t${i}}`).join('\n');
    const text = `apiVersion: apps/v1\nkind: StatefulSet\nmetadata: {name: s}\nspec:\n  replicas: 3\n  template:\n    spec:\n      containers:\n      - name: etcd\n        image: quay.io/coreos/etcd:v3.5.17\n        command: [etcd]\n  volumeClaimTemplates:\n${templates}\n`;
    expect(limitedAt('sts.yaml', text)).toEqual([['metadata: {name: t50}', 12 + 50]]);
  });

  it('a StorageClass with more parameters than read', () => {
    const params = Array.from({ length: 201 }, (_, i) => `  p${i}: "x"`).join('\n');
    const text = `apiVersion: storage.k8s.io/v1\nkind: StorageClass\nmetadata: {name: sc}\nprovisioner: ebs.csi.aws.com\nparameters:\n${params}\n`;
    expect(limitedAt('sc.yaml', text)).toEqual([['p200', 5 + 200]]);
  });

  it('a topology with more schema errors than listed', () => {
    const members = Array.from({ length: 120 }, (_, i) => `    - {name: m${i}, site: a, bogus: 1}`).join('\n');
    const text = `apiVersion: etcd-capacity/v1alpha1\nkind: EtcdTopology\nmetadata: {name: t}\nspec:\n  sites: [{name: a}]\n  links: [{sites: [a, a], rttMs: 1}]\n  members:\n${members}\n`;
    const found = analyzeFile('file:///t.yaml', text).findings;
    expect(found.filter((f) => f.code === 'schema')).toHaveLength(100);
    const notice = found.filter((f) => f.code === 'analysis-limited');
    expect(notice).toHaveLength(1);
    expect(notice[0]!.message).toMatch(/schema errors; the first 100 were checked and listed/);
    expect(notice[0]!.range.start.line).toBeGreaterThan(7); // on a member, past the ones reported
  });
});
