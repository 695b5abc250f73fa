import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { recogniseFile, classifyProvisioner, classifyStorageType } from '../../../server/src/analysis/recognisers';
import type { Range } from '../../../server/src/analysis/types';
import { configs, fixture, load, storageClasses, textAt } from './helpers';

describe('StorageClasses', () => {
  it('classifies provisioners with parameters', () => {
    const res = load('storageclasses.yaml');
    expect(storageClasses(res.facts).map((s) => [s.name.value, s.provisioner.value, s.risk])).toEqual([
      ['fast-nfs', 'nfs.csi.k8s.io', 'network-filesystem'],
      ['throughput', 'ebs.csi.aws.com', 'cloud-hdd'],
      ['gp3', 'ebs.csi.aws.com', 'cloud-ssd'],
      ['lvms-hdd', 'topolvm.io', 'hdd'],
      ['ceph-block', 'rbd.csi.ceph.com', 'network-block'],
      ['azure-std', 'disk.csi.azure.com', 'cloud-hdd'],
    ]);
    const text = fixture('storageclasses.yaml');
    expect(textAt(text, storageClasses(res.facts)[0]!.provisioner.range)).toBe('nfs.csi.k8s.io');
  });

  it('exports the classifiers', () => {
    expect(classifyProvisioner('pd.csi.storage.gke.io', { type: 'pd-standard' })).toBe('cloud-hdd');
    expect(classifyProvisioner('pd.csi.storage.gke.io', { type: 'pd-ssd' })).toBe('cloud-ssd');
    expect(classifyProvisioner('example.com/unknown')).toBe('unknown');
    expect(
      ['nvme', 'ssd', 'pmem', 'hdd', 'nfs', 'iscsi', 'ceph-rbd', 'cephfs', 'san', 'nas', 'cloud-ssd', 'cloud-hdd'].map(
        classifyStorageType,
      ),
    ).toEqual([
      'local',
      'local',
      'local',
      'hdd',
      'network-filesystem',
      'network-block',
      'network-block',
      'network-filesystem',
      'network-block',
      'network-filesystem',
      'cloud-ssd',
      'cloud-hdd',
    ]);
  });
});

describe('files', () => {
  it('multi-document file with one broken document: the others are still analysed', () => {
    const res = load('multi-doc-broken.yaml');
    expect(res.documentCount).toBe(3);
    expect(res.facts.map((f) => [f.type, f.documentIndex])).toEqual([
      ['etcd-config', 0],
      ['storage-class', 2],
    ]);
    const syntax = res.findings.filter((f) => f.code === 'yaml-syntax');
    expect(syntax.length).toBeGreaterThan(0);
    expect(syntax.every((f) => f.severity === 'error' && f.range.start.line >= 6 && f.range.start.line <= 8)).toBe(
      true,
    );
  });

  it('topology comment → topologyRef on that document only', () => {
    const text =
      'name: a\nheartbeat-interval: 100 # etcd-capacity: topology=prod\nelection-timeout: 1000\n---\nname: b\nheartbeat-interval: 100\nelection-timeout: 1000\n';
    const res = recogniseFile(text);
    const [a, b] = configs(res.facts);
    expect(a!.topologyRef?.value).toBe('prod');
    expect(textAt(text, a!.topologyRef!.range)).toBe('prod');
    expect(b!.topologyRef).toBeUndefined();
    expect(res.comments).toEqual([{ line: 1, text: '# etcd-capacity: topology=prod' }]);
  });

  it('BOM, CRLF, duplicate keys, aliases and merge keys', () => {
    const text =
      '\ufeffname: a\r\nheartbeat-interval: &hb 100\r\nelection-timeout: 1000\r\nelection-timeout: 2000\r\nsnapshot-count: *hb\r\n';
    const res = recogniseFile(text);
    const [c] = configs(res.facts);
    expect(c!.heartbeatMs?.value).toBe(100);
    expect(
      res.findings.some((f) => f.code === 'yaml-syntax' && f.severity === 'warning' && /Duplicate/.test(f.message)),
    ).toBe(true);
    expect(c!.settings.find((s) => s.flag === 'snapshot-count')!.raw).toBe(100);
  });

  it('alias bombs are not expanded and deep nesting does not overflow', () => {
    const bomb = ['a: &a [x, x, x, x, x, x, x, x, x, x]'];
    for (let i = 1; i < 30; i++)
      bomb.push(
        `${String.fromCharCode(97 + (i % 26))}${i}: &a${i} [*${i === 1 ? 'a' : `a${i - 1}`}, *${i === 1 ? 'a' : `a${i - 1}`}, *${i === 1 ? 'a' : `a${i - 1}`}]`,
      );
    // Completing at all is the assertion (an expanded bomb or a recursion would hang or overflow);
    // how fast is measured by `npm run bench`, not here.
    recogniseFile(
      ['apiVersion: etcd-capacity/v1alpha1', 'kind: EtcdTopology', 'metadata: {name: x}', ...bomb].join('\n'),
    );
    recogniseFile('['.repeat(10000) + ']'.repeat(10000));
    recogniseFile(Array.from({ length: 2000 }, (_, i) => `${' '.repeat(i)}- `).join('\n'));
  });

  it('recognises every document of a 5,000-line multi-document file', () => {
    const doc = fixture('kubeadm-static-pod.yaml');
    const big = Array.from({ length: 110 }, () => doc).join('---\n');
    const res = recogniseFile(big);
    expect(configs(res.facts)).toHaveLength(110);
  });

  it('never throws and every range lies inside the text (property test)', () => {
    const pieces = fc.constantFrom(
      'apiVersion: v1\n',
      'kind: Pod\n',
      'kind: EtcdTopology\n',
      'apiVersion: etcd-capacity/v1alpha1\n',
      'kind: StorageClass\n',
      'provisioner: nfs.csi.k8s.io\n',
      'spec:\n',
      '  containers:\n',
      '  - name: etcd\n',
      '    command: [etcd, --name=a, --heartbeat-interval]\n',
      '    env: [{name: ETCD_X, value: 1}]\n',
      'name: a\n',
      'heartbeat-interval: 100\n',
      'election-timeout: "x"\n',
      'initial-cluster: a=b\n',
      '---\n',
      '- a\n',
      '[\n',
      '{a: *b}\n',
      '&x a: *x\n',
      '\t\n',
      '# etcd-capacity: topology=t\n',
      'etcd-arg: [x=1, heartbeat-interval=5]\n',
      '  sites: [{name: 1}]\n',
      '  members: {}\n',
      'replicaCount: yes\n',
      'extraEnvVars: [1, {name: ETCD_NAME}]\n',
      '\ufeff',
      '\r\n',
      '"',
      "'",
      ': :\n',
    );
    fc.assert(
      fc.property(
        fc.oneof(
          fc.array(pieces, { maxLength: 30 }).map((a) => a.join('')),
          fc.string({ maxLength: 200 }),
        ),
        (text) => {
          const res = recogniseFile(text);
          const lines = text.split('\n');
          const inside = (rg: Range) =>
            [rg.start, rg.end].every(
              (p) => p.line >= 0 && p.line < lines.length && p.character >= 0 && p.character <= lines[p.line]!.length,
            );
          for (const f of res.findings) {
            expect(inside(f.range)).toBe(true);
            for (const fix of f.fixes ?? []) for (const e of fix.edits) expect(inside(e.range)).toBe(true);
          }
          for (const fact of res.facts) {
            expect(inside(fact.range)).toBe(true);
            if (fact.type === 'etcd-config') for (const s of fact.settings) expect(inside(s.range)).toBe(true);
          }
        },
      ),
      { numRuns: 400 },
    );
  });
});
