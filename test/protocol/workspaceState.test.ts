// Cross-file state that follows the workspace: closing a document drops what it shared (back to the
// file on disk), and watched-file notifications for topology, StorageClass and claim files re-publish
// the open documents that depend on them. The built server over stdio, as an editor drives it.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { pathToFileURL } from 'node:url';
import { LspTestClient } from './lspClient';
import { ETCD_CONF, TOPOLOGY } from './workspaceFixtures';

const STATEFULSET = `apiVersion: apps/v1
kind: StatefulSet
metadata: {name: etcd, namespace: db}
spec:
  replicas: 3
  template:
    spec:
      containers:
        - name: etcd
          image: quay.io/coreos/etcd:v3.5.17
          command: [etcd, --data-dir=/data]
          volumeMounts: [{name: data, mountPath: /data}]
  volumeClaimTemplates:
    - metadata: {name: data}
      spec: {storageClassName: etcd-disk}
`;

const storageClass = (provisioner: string) => `apiVersion: storage.k8s.io/v1
kind: StorageClass
metadata: {name: etcd-disk}
provisioner: ${provisioner}
`;

const has = (code: string) => (d: { code?: unknown }[]) => d.some((x) => x.code === code);
const lacks = (code: string) => (d: { code?: unknown }[]) => !d.some((x) => x.code === code);

describe('state that follows the workspace', () => {
  let client: LspTestClient;
  let folder: string;
  beforeEach(() => {
    client = new LspTestClient();
    folder = fs.mkdtempSync(path.join(os.tmpdir(), 'etcd-capacity-ws-'));
  });
  afterEach(async () => {
    await client.dispose();
    fs.rmSync(folder, { recursive: true, force: true });
  });

  it('closing an untitled topology drops its RTTs: the 10×RTT finding disappears from etcd.conf.yml', async () => {
    await client.initialize(pathToFileURL(folder).toString());
    const conf = pathToFileURL(path.join(folder, 'etcd.conf.yml')).toString();
    expect((await client.open(conf, ETCD_CONF)).filter((d) => d.code === 'election-timeout-below-10x-rtt')).toEqual([]);
    const untitled = 'untitled:Untitled-1';
    await client.open(untitled, TOPOLOGY);
    await client.waitForDiagnostics(conf, has('election-timeout-below-10x-rtt'));
    await client.close(untitled);
    const after = await client.waitForDiagnostics(conf, lacks('election-timeout-below-10x-rtt'));
    expect(after.map((d) => d.code)).not.toContain('election-timeout-below-10x-rtt');
  });

  it('closing a topology file falls back to its text on disk', async () => {
    const topologyPath = path.join(folder, 'topology.yaml');
    fs.writeFileSync(topologyPath, TOPOLOGY);
    await client.initialize(pathToFileURL(folder).toString());
    const conf = pathToFileURL(path.join(folder, 'etcd.conf.yml')).toString();
    await client.open(conf, ETCD_CONF);
    await client.waitForDiagnostics(conf, has('election-timeout-below-10x-rtt'));
    // The editor's unsaved text says LAN RTTs; closing without saving brings back the file's WAN RTTs.
    const topology = pathToFileURL(topologyPath).toString();
    await client.open(topology, TOPOLOGY.replace(/rttMs: \d+/g, 'rttMs: 0.5'));
    await client.waitForDiagnostics(conf, lacks('election-timeout-below-10x-rtt'));
    await client.close(topology);
    await client.waitForDiagnostics(conf, has('election-timeout-below-10x-rtt'));
  });

  it('registers for watched files and re-publishes dependants when a StorageClass file changes on disk', async () => {
    const classPath = path.join(folder, 'storageclass.yaml');
    fs.writeFileSync(classPath, storageClass('ebs.csi.aws.com'));
    await client.initialize(pathToFileURL(folder).toString());
    const sts = pathToFileURL(path.join(folder, 'statefulset.yaml')).toString();
    await client.open(sts, STATEFULSET);
    // The workspace scan runs after `initialized`; wait for the registration it is preceded by.
    await client.waitForDiagnostics(sts, lacks('network-storage'));
    const classUri = pathToFileURL(classPath).toString();

    fs.writeFileSync(classPath, storageClass('nfs.csi.k8s.io'));
    await client.connection.sendNotification('workspace/didChangeWatchedFiles', {
      changes: [{ uri: classUri, type: 2 }],
    });
    const network = await client.waitForDiagnostics(sts, has('network-storage'));
    const finding = network.find((d) => d.code === 'network-storage')!;
    expect(finding.range.start.line).toBe(
      STATEFULSET.split('\n').findIndex((l) => l.includes('storageClassName: etcd-disk')),
    );
    expect(finding.relatedInformation?.[0]?.location.uri).toBe(classUri);

    fs.rmSync(classPath);
    await client.connection.sendNotification('workspace/didChangeWatchedFiles', {
      changes: [{ uri: classUri, type: 3 }],
    });
    await client.waitForDiagnostics(sts, lacks('network-storage'));

    fs.writeFileSync(classPath, storageClass('cephfs.csi.ceph.com'));
    await client.connection.sendNotification('workspace/didChangeWatchedFiles', {
      changes: [{ uri: classUri, type: 1 }],
    });
    await client.waitForDiagnostics(sts, has('network-storage'));

    const watch = client.registrations.find((r) => r.method === 'workspace/didChangeWatchedFiles');
    expect(watch?.registerOptions).toEqual({ watchers: [{ globPattern: '**/*.{yaml,yml}' }] });
  });
});
