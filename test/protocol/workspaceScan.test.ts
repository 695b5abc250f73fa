// The workspace scan after `initialized` runs without blocking requests: in a workspace of 4,000
// generated YAML files a hover sent while the scan reports itself running is answered before the scan
// finishes, a topology found late re-publishes the open document that uses it, and a limit that stops
// the scan is said in the log and in the scan notification. Behaviour only: no timing is asserted.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { pathToFileURL } from 'node:url';
import type { Hover } from 'vscode-languageserver-protocol';
import { LspTestClient } from './lspClient';
import { ETCD_CONF, TOPOLOGY } from './workspaceFixtures';

interface ScanStatus {
  state: 'scanning' | 'done' | 'failed';
  files: number;
  shared: number;
  limits: string[];
}

/** A Deployment, a ConfigMap and (every tenth file) a StorageClass: what a monorepo's manifests look like. */
function manifest(i: number): string {
  const deployment = `apiVersion: apps/v1
kind: Deployment
metadata: {name: app-${i}, namespace: team-${i % 40}}
spec:
  replicas: ${1 + (i % 3)}
  template:
    spec:
      containers:
        - name: app
          image: registry.example/app:${i}
          args: [--port=${8000 + (i % 100)}]
`;
  const configMap = `---\napiVersion: v1\nkind: ConfigMap\nmetadata: {name: cfg-${i}}\ndata: {key: "value-${i}"}\n`;
  const storageClass =
    i % 10 === 0
      ? `---\napiVersion: storage.k8s.io/v1\nkind: StorageClass\nmetadata: {name: class-${i}}\nprovisioner: ebs.csi.aws.com\n`
      : '';
  return deployment + configMap + storageClass;
}

function writeWorkspace(root: string, files: number): void {
  for (let i = 0; i < files; i++) {
    const dir = path.join(root, `team-${i % 40}`, `svc-${Math.floor(i / 40) % 25}`);
    fs.mkdirSync(dir, { recursive: true });
    fs.writeFileSync(path.join(dir, `m-${i}.yaml`), manifest(i));
  }
}

const has = (code: string) => (d: { code?: unknown }[]) => d.some((x) => x.code === code);

describe('workspace scan off the event loop', () => {
  let client: LspTestClient;
  let folder: string;
  let scans: ScanStatus[];
  let scanDone: Promise<ScanStatus>;
  beforeEach(() => {
    client = new LspTestClient();
    folder = fs.mkdtempSync(path.join(os.tmpdir(), 'etcd-capacity-scan-'));
    scans = [];
    scanDone = new Promise((resolve) =>
      client.connection.onNotification('etcdCapacity/workspaceScan', (s: ScanStatus) => {
        scans.push(s);
        if (s.state !== 'scanning') resolve(s);
      }),
    );
  });
  afterEach(async () => {
    await client.dispose();
    fs.rmSync(folder, { recursive: true, force: true });
  });

  it('answers a hover sent while 4,000 files are scanned before the scan ends, then re-publishes with a topology found late', async () => {
    writeWorkspace(folder, 4000);
    // Last in the scan's sorted order: found only at the very end.
    fs.mkdirSync(path.join(folder, 'zzz'));
    fs.writeFileSync(path.join(folder, 'zzz', 'wan.etcd-topology.yaml'), TOPOLOGY);
    const scanning = new Promise<void>((resolve) =>
      client.connection.onNotification('window/logMessage', (p: { message: string }) => {
        client.logs.push(p.message);
        if (p.message.startsWith('workspace scan: started')) resolve();
      }),
    );
    await client.initialize(pathToFileURL(folder).toString());
    await scanning;
    const events: string[] = [];
    void scanDone.then(() => events.push('scan done'));

    const conf = pathToFileURL(path.join(folder, 'etcd.conf.yml')).toString();
    await client.connection.sendNotification('textDocument/didOpen', {
      textDocument: { uri: conf, languageId: 'yaml', version: 1, text: ETCD_CONF },
    });
    const hover = await client.connection.sendRequest<Hover | null>('textDocument/hover', {
      textDocument: { uri: conf },
      position: { line: 2, character: 3 },
    });
    events.push('hover');
    expect(hover).not.toBeNull();
    expect(events).toEqual(['hover']); // the scan was still running when the hover was answered

    const done = await scanDone;
    expect(events).toEqual(['hover', 'scan done']);
    expect(done).toMatchObject({ state: 'done', files: 4001, limits: [] });
    expect(done.shared).toBe(401); // 400 StorageClass files and the topology
    expect(client.logs.some((l) => /workspace scan: done: 4001 YAML file\(s\) read/.test(l))).toBe(true);
    // The topology found last gives the config its RTTs: 300 ms is below 10 × the 40 ms link.
    await client.waitForDiagnostics(conf, has('election-timeout-below-10x-rtt'));
  });

  it('says in the log and the scan notification when the depth limit stopped it', async () => {
    let deep = folder;
    for (let level = 0; level < 40; level++) deep = path.join(deep, `d${level}`);
    fs.mkdirSync(deep, { recursive: true });
    fs.writeFileSync(path.join(deep, 'wan.etcd-topology.yaml'), TOPOLOGY);
    fs.writeFileSync(path.join(folder, 'top.yaml'), manifest(1));
    await client.initialize(pathToFileURL(folder).toString());
    const done = await scanDone;
    expect(done.state).toBe('done');
    expect(done.files).toBe(1);
    expect(done.limits).toEqual([expect.stringMatching(/deeper than 32 levels not walked/)]);
    // The log message is sent before the notification, on the same connection.
    expect(client.logs.some((l) => /workspace scan limited: .*deeper than 32 levels/.test(l))).toBe(true);
  });
});
