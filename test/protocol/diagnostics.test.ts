// Protocol-level tests: the built server over stdio JSON-RPC, from initialize to publishDiagnostics.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { pathToFileURL } from 'node:url';
import { LspTestClient } from './lspClient';

const EVEN_TOPOLOGY = `apiVersion: etcd-capacity/v1alpha1
kind: EtcdTopology
metadata:
  name: even
spec:
  sites:
    - name: dc1
  links:
    - sites: [dc1, dc1]
      rttMs: 0.5
  members:
    - name: a
      site: dc1
      storage: {type: nvme, fsyncMs: 0.5}
    - name: b
      site: dc1
      storage: {type: nvme, fsyncMs: 0.5}
`;

const NGINX = `apiVersion: apps/v1
kind: Deployment
metadata:
  name: web
spec:
  replicas: 2
  template:
    spec:
      containers:
        - name: nginx
          image: nginx:1.27
          args: ["--election-timeout=1"]
`;

const codes = (diagnostics: { code?: unknown }[]): string[] => diagnostics.map((d) => String(d.code)).sort();

describe('language server over stdio', () => {
  let client: LspTestClient;
  beforeEach(() => {
    client = new LspTestClient();
  });
  afterEach(async () => {
    await client.dispose();
  });

  it('announces incremental sync and quick fixes', async () => {
    const result = await client.initialize();
    expect(result.capabilities.textDocumentSync).toBe(2);
    expect(result.capabilities.codeActionProvider).toBeTruthy();
  });

  it('publishes coded diagnostics with documentation links on open', async () => {
    await client.initialize();
    const diagnostics = await client.open('file:///w/even.yaml', EVEN_TOPOLOGY);
    const even = diagnostics.find((d) => d.code === 'even-member-count');
    expect(even, JSON.stringify(diagnostics)).toBeDefined();
    expect(even!.source).toBe('etcd-capacity');
    expect(even!.codeDescription?.href).toMatch(/^https:\/\//);
    expect(even!.range.start.line).toBe(10); // the `members` key
  });

  it('stays silent on YAML that does not configure etcd', async () => {
    await client.initialize();
    expect(await client.open('file:///w/web.yaml', NGINX)).toEqual([]);
  });

  it('updates diagnostics after an incremental edit', async () => {
    await client.initialize();
    const uri = 'file:///w/even.yaml';
    expect(codes(await client.open(uri, EVEN_TOPOLOGY))).toContain('even-member-count');
    // Append a third member: the count becomes odd and the finding goes away.
    const lines = EVEN_TOPOLOGY.split('\n').length - 1;
    const third = '    - name: c\n      site: dc1\n      storage: {type: nvme, fsyncMs: 0.5}\n';
    const after = await client.change(uri, [
      { range: { start: { line: lines, character: 0 }, end: { line: lines, character: 0 } }, text: third },
    ]);
    expect(codes(after)).not.toContain('even-member-count');
  });

  it('reports malformed YAML at the error and still analyses the other documents', async () => {
    await client.initialize();
    const text = `${EVEN_TOPOLOGY}---\nkey: [unclosed\n`;
    const diagnostics = await client.open('file:///w/broken.yaml', text);
    expect(codes(diagnostics)).toContain('yaml-syntax');
    expect(codes(diagnostics)).toContain('even-member-count');
    const syntax = diagnostics.find((d) => d.code === 'yaml-syntax')!;
    expect(syntax.range.start.line).toBeGreaterThanOrEqual(EVEN_TOPOLOGY.split('\n').length - 1);
  });

  it('applies settings from workspace/configuration and reacts to changes', async () => {
    await client.initialize();
    const uri = 'file:///w/even.yaml';
    expect(codes(await client.open(uri, EVEN_TOPOLOGY))).toContain('even-member-count');
    client.settings = { rules: { 'even-member-count': 'off' } };
    await client.connection.sendNotification('workspace/didChangeConfiguration', { settings: null });
    const silenced = await client.waitForDiagnostics(uri, (d) => !codes(d).includes('even-member-count'));
    expect(codes(silenced)).not.toContain('even-member-count');
    client.settings = { rules: { 'even-member-count': 'error' } };
    await client.connection.sendNotification('workspace/didChangeConfiguration', { settings: null });
    const escalated = await client.waitForDiagnostics(uri, (d) => d.some((x) => x.code === 'even-member-count'));
    expect(escalated.find((d) => d.code === 'even-member-count')!.severity).toBe(1);
  });

  it('offers a quick fix as a workspace edit without changing the text itself', async () => {
    await client.initialize();
    const uri = 'file:///w/etcd.conf.yml';
    const text = 'name: infra-1\ndata-dir: /var/lib/etcd\nhearbeat-interval: 200\nelection-timeout: 2000\n';
    const diagnostics = await client.open(uri, text);
    const unknown = diagnostics.find((d) => d.code === 'unknown-config-key');
    expect(unknown, JSON.stringify(diagnostics)).toBeDefined();
    const actions = (await client.connection.sendRequest('textDocument/codeAction', {
      textDocument: { uri },
      range: unknown!.range,
      context: { diagnostics: [unknown] },
    })) as { title: string; kind: string; edit: { changes: Record<string, { newText: string }[]> } }[];
    const rename = actions.find((a) => a.edit.changes[uri]?.some((e) => e.newText === 'heartbeat-interval'));
    expect(rename, JSON.stringify(actions)).toBeDefined();
    expect(rename!.kind).toBe('quickfix');
  });

  it('checks a static pod against a topology found in the workspace on disk', async () => {
    const folder = fs.mkdtempSync(path.join(os.tmpdir(), 'etcd-capacity-ws-'));
    fs.writeFileSync(
      path.join(folder, 'topology.yaml'),
      `apiVersion: etcd-capacity/v1alpha1
kind: EtcdTopology
metadata: {name: wan}
spec:
  sites: [{name: east}, {name: west}, {name: south}]
  links:
    - {sites: [east, west], rttMs: 40}
    - {sites: [east, south], rttMs: 30}
    - {sites: [west, south], rttMs: 35}
  members:
    - {name: m1, site: east, storage: {type: nvme, fsyncMs: 0.5}}
    - {name: m2, site: west, storage: {type: nvme, fsyncMs: 0.5}}
    - {name: m3, site: south, storage: {type: nvme, fsyncMs: 0.5}}
`,
    );
    await client.initialize(pathToFileURL(folder).toString());
    const pod = `apiVersion: v1
kind: Pod
metadata: {name: etcd, namespace: kube-system}
spec:
  containers:
    - name: etcd
      image: registry.k8s.io/etcd:3.6.4-0
      command:
        - etcd
        - --name=m1
        - --initial-cluster=m1=https://10.0.0.1:2380,m2=https://10.0.0.2:2380,m3=https://10.0.0.3:2380
        - --election-timeout=300
`;
    const uri = pathToFileURL(path.join(folder, 'etcd.yaml')).toString();
    await client.open(uri, pod);
    // The workspace scan may finish after the first analysis; the server then publishes again.
    const diagnostics = await client.waitForDiagnostics(uri, (d) =>
      d.some((x) => x.code === 'election-timeout-below-10x-rtt'),
    );
    const election = diagnostics.find((d) => d.code === 'election-timeout-below-10x-rtt');
    expect(election, JSON.stringify(diagnostics)).toBeDefined();
    expect(election!.range.start.line).toBe(11);
    fs.rmSync(folder, { recursive: true, force: true });
  });

  it('clears diagnostics when a document closes', async () => {
    await client.initialize();
    const uri = 'file:///w/even.yaml';
    await client.open(uri, EVEN_TOPOLOGY);
    expect(await client.close(uri)).toEqual([]);
  });
});

describe('settings passed at start', () => {
  it('honours initializationOptions.settings from editors without workspace/configuration', async () => {
    const client = new LspTestClient();
    try {
      await client.initialize(null, { settings: { rules: { 'even-member-count': 'off' } } });
      const diagnostics = await client.open('file:///w/even.yaml', EVEN_TOPOLOGY);
      // The test client answers workspace/configuration with {} too: start-up settings must survive that.
      expect(codes(diagnostics)).not.toContain('even-member-count');
    } finally {
      await client.dispose();
    }
  });
});
