// network-storage / non-ssd-storage through the real recognisers: the volume behind the data dir,
// claims and classes followed within one file and across files (the CLI's inputs, the server's index).
import * as path from 'node:path';
import { describe, expect, it } from 'vitest';
import { analyzeFile } from '../../../server/src/analysis/analyze';
import { recogniseFile } from '../../../server/src/analysis/recognisers';
import type { Finding } from '../../../server/src/analysis/types';
import { TopologyIndex } from '../../../server/src/analysis/workspace';
import { checkFiles } from '../../../server/src/cli/check';
import { readInputs } from '../../../server/src/cli/inputs';
import { only } from './run';

const WORKSPACE = path.join(__dirname, '../../fixtures/storage-workspace');
const lineOf = (text: string, needle: string) => text.split('\n').findIndex((l) => l.includes(needle));
const storageFindings = (f: Finding[]) => f.filter((x) => x.code === 'network-storage' || x.code === 'non-ssd-storage');

function pod(volume: string, opts: { dataDir?: string; mountPath?: string; extraMounts?: string } = {}): string {
  return `apiVersion: v1
kind: Pod
metadata:
  name: etcd
  namespace: kube-system
spec:
  containers:
    - name: etcd
      image: registry.k8s.io/etcd:3.5.17-0
      command:
        - etcd
${opts.dataDir === undefined ? '' : `        - --data-dir=${opts.dataDir}\n`}      volumeMounts:
${opts.extraMounts ?? ''}        - name: data
          mountPath: ${opts.mountPath ?? '/var/lib/etcd'}
  volumes:
    - name: data
${volume}
`;
}

describe('pod volumes that hold the data dir', () => {
  const cases: [string, string, string, string][] = [
    ['nfs', '      nfs: {server: nfs.example.com, path: /exports/etcd}', 'network-storage', 'nfs:'],
    [
      'iscsi',
      '      iscsi: {targetPortal: 10.0.0.5:3260, iqn: iqn.2001-04.com.example:etcd, lun: 0}',
      'network-storage',
      'iscsi:',
    ],
    ['rbd', '      rbd: {monitors: [10.0.0.1:6789], image: etcd}', 'network-storage', 'rbd:'],
    ['cephfs', '      cephfs: {monitors: [10.0.0.1:6789]}', 'network-storage', 'cephfs:'],
    ['glusterfs', '      glusterfs: {endpoints: glusterfs-cluster, path: etcd}', 'network-storage', 'glusterfs:'],
    [
      'csi efs',
      '      csi:\n        driver: efs.csi.aws.com\n        volumeAttributes: {}',
      'network-storage',
      'driver: efs.csi.aws.com',
    ],
  ];
  for (const [name, volume, code, decidedAt] of cases) {
    it(`${name}: ${code} at the mount of the data dir, related at the volume`, () => {
      const text = pod(volume, { dataDir: '/var/lib/etcd' });
      const f = only(analyzeFile('file:///pod.yaml', text).findings, code);
      expect(f).toHaveLength(1);
      expect(f[0].range.start.line).toBe(lineOf(text, 'mountPath: /var/lib/etcd'));
      expect(f[0].message).toContain('Pod kube-system/etcd');
      expect(f[0].related?.[0].range.start.line).toBe(lineOf(text, decidedAt));
      expect(f[0].related?.[0].uri).toBeUndefined();
    });
  }

  it('hostPath, emptyDir and a local CSI driver are silent', () => {
    for (const v of [
      '      hostPath: {path: /var/lib/etcd}',
      '      emptyDir: {}',
      '      csi: {driver: hostpath.csi.k8s.io}',
    ]) {
      expect(storageFindings(analyzeFile('file:///pod.yaml', pod(v, { dataDir: '/var/lib/etcd' })).findings)).toEqual(
        [],
      );
    }
  });

  it('follows the data dir: an NFS volume mounted elsewhere is not etcd’s disk', () => {
    const text = pod('      nfs: {server: nfs.example.com, path: /backups}', {
      dataDir: '/var/lib/etcd',
      mountPath: '/backups',
    });
    expect(storageFindings(analyzeFile('file:///pod.yaml', text).findings)).toEqual([]);
  });

  it('without --data-dir, a single data volume is the data dir; config and secret volumes do not count', () => {
    const extra = '        - name: certs\n          mountPath: /etc/etcd/pki\n';
    const text = pod(
      '      nfs: {server: nfs.example.com, path: /exports}\n    - name: certs\n      secret: {secretName: etcd-certs}',
      { extraMounts: extra },
    );
    expect(only(analyzeFile('file:///pod.yaml', text).findings, 'network-storage')).toHaveLength(1);
  });

  it('the longest mount path above the data dir wins', () => {
    const extra = '        - name: root\n          mountPath: /var\n';
    const text = pod(
      '      nfs: {server: nfs.example.com, path: /exports}\n    - name: root\n      hostPath: {path: /var}',
      {
        dataDir: '/var/lib/etcd/member',
        extraMounts: extra,
      },
    );
    expect(only(analyzeFile('file:///pod.yaml', text).findings, 'network-storage')).toHaveLength(1);
    const hostOnly = pod(
      '      hostPath: {path: /var/lib/etcd}\n    - name: root\n      nfs: {server: nfs.example.com, path: /exports}',
      {
        dataDir: '/var/lib/etcd/member',
        extraMounts: extra,
      },
    );
    expect(storageFindings(analyzeFile('file:///pod.yaml', hostOnly).findings)).toEqual([]);
  });

  it('a generic ephemeral volume: its claim template’s class decides', () => {
    const volume = `      ephemeral:
        volumeClaimTemplate:
          spec:
            storageClassName: slow
            accessModes: [ReadWriteOnce]`;
    const sc = `---
apiVersion: storage.k8s.io/v1
kind: StorageClass
metadata:
  name: slow
provisioner: pd.csi.storage.gke.io
parameters:
  type: pd-standard
`;
    const text = pod(volume, { dataDir: '/var/lib/etcd' }) + sc;
    const f = only(analyzeFile('file:///pod.yaml', text).findings, 'non-ssd-storage');
    expect(f).toHaveLength(1);
    expect(f[0].range.start.line).toBe(lineOf(text, 'storageClassName: slow'));
    expect(f[0].message).toContain('StorageClass slow (pd.csi.storage.gke.io, type: pd-standard)');
    expect(f[0].related?.map((r) => r.range.start.line)).toEqual([
      lineOf(text, 'provisioner: pd.csi'),
      lineOf(text, 'type: pd-standard'),
    ]);
  });
});

describe('cloud parameters', () => {
  const sts = (className: string, sc: string) => `apiVersion: apps/v1
kind: StatefulSet
metadata: {name: etcd}
spec:
  template:
    spec:
      containers:
        - name: etcd
          image: quay.io/coreos/etcd:v3.5.17
          command: [etcd, --data-dir=/data]
          volumeMounts: [{name: data, mountPath: /data}]
  volumeClaimTemplates:
    - metadata: {name: data}
      spec: {storageClassName: ${className}}
---
${sc}`;
  const sc = (provisioner: string, params: string) =>
    `apiVersion: storage.k8s.io/v1\nkind: StorageClass\nmetadata: {name: c}\nprovisioner: ${provisioner}\nparameters:\n${params}\n`;
  it.each([
    ['ebs.csi.aws.com', '  type: st1', 'non-ssd-storage'],
    ['ebs.csi.aws.com', '  type: sc1', 'non-ssd-storage'],
    ['kubernetes.io/gce-pd', '  type: pd-standard', 'non-ssd-storage'],
    ['disk.csi.azure.com', '  skuName: Standard_LRS', 'non-ssd-storage'],
    ['kubernetes.io/azure-disk', '  storageaccounttype: Standard_LRS', 'non-ssd-storage'],
    ['ebs.csi.aws.com', '  type: gp3', ''],
    ['disk.csi.azure.com', '  skuName: Premium_LRS', ''],
    ['rbd.csi.ceph.com', '  pool: rbd', 'network-storage'],
  ])('%s %s → %s', (provisioner, params, code) => {
    const f = storageFindings(analyzeFile('file:///sts.yaml', sts('c', sc(provisioner, params))).findings);
    expect(f.map((x) => x.code)).toEqual(code ? [code] : []);
  });
});

describe('across files', () => {
  it('the CLI resolves claims and classes among all files of a directory; an unused class stays silent', () => {
    const findings = checkFiles(readInputs([WORKSPACE]));
    const storage = findings.filter((f) => f.code === 'network-storage' || f.code === 'non-ssd-storage');
    const summary = storage.map((f) => `${path.basename(f.file)}:${f.range.start.line} ${f.code}`).sort();
    expect(summary).toEqual(['pod-claim.yaml:24 network-storage', 'statefulset-default.yaml:19 non-ssd-storage']);
    const onPod = storage.find((f) => f.file.endsWith('pod-claim.yaml'))!;
    expect(onPod.message).toContain('PersistentVolumeClaim etcd-data → StorageClass shared-nfs (nfs.csi.k8s.io)');
    expect(onPod.related?.map((r) => path.basename(r.uri ?? ''))).toEqual(['claims.yaml', 'storageclasses.yaml']);
    const onSts = storage.find((f) => f.file.endsWith('statefulset-default.yaml'))!;
    expect(onSts.message).toContain('default StorageClass throughput-hdd (ebs.csi.aws.com, type: st1)');
    // Nothing is reported in the StorageClass or claim files themselves.
    expect(findings.filter((f) => f.file.endsWith('storageclasses.yaml') || f.file.endsWith('claims.yaml'))).toEqual(
      [],
    );
  });

  it('the same files given one by one resolve nothing (nothing is guessed without the class)', () => {
    const [podFile] = readInputs([path.join(WORKSPACE, 'pod-claim.yaml')]);
    expect(storageFindings(analyzeFile(podFile!.uri, podFile!.text).findings)).toEqual([]);
  });

  it('a claim with storageClassName "" is a pre-bound volume: silent; a claim without one gets the default class', () => {
    const [claims, classes] = readInputs([
      path.join(WORKSPACE, 'claims.yaml'),
      path.join(WORKSPACE, 'storageclasses.yaml'),
    ]);
    const index = new TopologyIndex();
    index.update(claims!.uri, recogniseFile(claims!.text).facts);
    index.update(classes!.uri, recogniseFile(classes!.text).facts);
    const podWith = (claim: string) =>
      pod(`      persistentVolumeClaim: {claimName: ${claim}}`, { dataDir: '/var/lib/etcd' }).replace(
        'namespace: kube-system',
        'namespace: db',
      );
    expect(storageFindings(analyzeFile('file:///p.yaml', podWith('etcd-prebound'), {}, index).findings)).toEqual([]);
    expect(
      storageFindings(analyzeFile('file:///p.yaml', podWith('etcd-default'), {}, index).findings).map((f) => f.code),
    ).toEqual(['non-ssd-storage']);
    // A claim of another namespace is not this pod's claim.
    const otherNs = podWith('etcd-data').replace('namespace: db', 'namespace: other');
    expect(storageFindings(analyzeFile('file:///p.yaml', otherNs, {}, index).findings)).toEqual([]);
  });

  it('the file’s own StorageClass wins over an older indexed copy of the same file', () => {
    const uri = 'file:///sts.yaml';
    const text = `apiVersion: apps/v1
kind: StatefulSet
metadata: {name: etcd}
spec:
  template:
    spec:
      containers:
        - {name: etcd, image: quay.io/coreos/etcd:v3.5.17, command: [etcd]}
  volumeClaimTemplates:
    - metadata: {name: data}
      spec: {storageClassName: c}
---
apiVersion: storage.k8s.io/v1
kind: StorageClass
metadata: {name: c}
provisioner: PROVISIONER
`;
    const index = new TopologyIndex();
    index.update(uri, recogniseFile(text.replace('PROVISIONER', 'nfs.csi.k8s.io')).facts);
    expect(
      storageFindings(analyzeFile(uri, text.replace('PROVISIONER', 'ebs.csi.aws.com'), {}, index).findings),
    ).toEqual([]);
  });
});

describe('kops and other cloud volume types', () => {
  it('classifyCloudVolumeType: st1, sc1, magnetic standard, pd-standard, Standard_LRS/ZRS are HDD; gp2/gp3/io1/io2, pd-ssd/balanced, Premium/StandardSSD SSD; others unknown', async () => {
    const { classifyCloudVolumeType } = await import('../../../server/src/analysis/recognisers');
    expect(['st1', 'SC1', 'standard'].map(classifyCloudVolumeType)).toEqual(['cloud-hdd', 'cloud-hdd', 'cloud-hdd']);
    expect(['gp2', 'gp3', 'io1', 'io2'].map(classifyCloudVolumeType)).toEqual([
      'cloud-ssd',
      'cloud-ssd',
      'cloud-ssd',
      'cloud-ssd',
    ]);
    // kops on GCP and Azure names their disk types the same way.
    expect(['pd-standard', 'Standard_LRS', 'standard_zrs'].map(classifyCloudVolumeType)).toEqual([
      'cloud-hdd',
      'cloud-hdd',
      'cloud-hdd',
    ]);
    expect(
      ['pd-balanced', 'pd-ssd', 'hyperdisk-balanced', 'Premium_LRS', 'StandardSSD_LRS', 'UltraSSD_LRS'].map(
        classifyCloudVolumeType,
      ),
    ).toEqual(Array(6).fill('cloud-ssd'));
    expect(classifyCloudVolumeType('magnetic-ish')).toBe('unknown');
  });
});

describe('Helm values persistence', () => {
  const values = (persistence: string) => `replicaCount: 3
auth:
  rbac:
    create: false
extraEnvVars:
  - name: ETCD_HEARTBEAT_INTERVAL
    value: "100"
${persistence}
`;
  const index = () => {
    const i = new TopologyIndex();
    const [classes] = readInputs([path.join(WORKSPACE, 'storageclasses.yaml')]);
    i.update(classes!.uri, recogniseFile(classes!.text).facts);
    return i;
  };
  const run = (persistence: string) =>
    storageFindings(analyzeFile('file:///values.yaml', values(persistence), {}, index()).findings).map((f) => f.code);

  it('a named class resolves in another file; no class means the default class; "-" and enabled: false are silent', () => {
    expect(run('persistence:\n  storageClass: shared-nfs\n  size: 8Gi')).toEqual(['network-storage']);
    expect(run('persistence:\n  size: 8Gi')).toEqual(['non-ssd-storage']);
    expect(run('persistence:\n  storageClass: ""')).toEqual(['non-ssd-storage']);
    expect(run('persistence:\n  storageClass: "-"')).toEqual([]);
    expect(run('persistence:\n  enabled: false')).toEqual([]);
    expect(run('persistence:\n  storageClass: fast')).toEqual([]);
  });
});
