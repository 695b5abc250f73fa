// What the server asks of the client follows the client's initialize capabilities: refresh requests only
// with refreshSupport, and settings pulled per document (scopeUri) so multi-root workspaces can differ
// per folder. The built server over stdio, as an editor drives it.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { LspTestClient } from './lspClient';
import { TOPOLOGY } from './workspaceFixtures';

const EVEN_TOPOLOGY = `apiVersion: etcd-capacity/v1alpha1
kind: EtcdTopology
metadata: {name: even}
spec:
  sites: [{name: dc1}]
  links: [{sites: [dc1, dc1], rttMs: 0.5}]
  members:
    - {name: a, site: dc1, storage: {type: nvme, fsyncMs: 0.5}}
    - {name: b, site: dc1, storage: {type: nvme, fsyncMs: 0.5}}
    - {name: c, site: dc1, storage: {type: nvme, fsyncMs: 0.5}}
    - {name: d, site: dc1, storage: {type: nvme, fsyncMs: 0.5}}
`;

const codes = (d: { code?: unknown }[]) => d.map((x) => x.code);

describe('requests that depend on client capabilities', () => {
  let client: LspTestClient;
  beforeEach(() => {
    client = new LspTestClient();
  });
  afterEach(async () => {
    await client.dispose();
  });

  it('sends no inlay hint or code lens refresh to a client without refreshSupport', async () => {
    await client.initialize();
    const uri = 'file:///w/topology.yaml';
    await client.open(uri, TOPOLOGY);
    // A settings change re-publishes the document; any refresh is sent before that publication.
    const republished = client.nextDiagnostics(uri);
    await client.connection.sendNotification('workspace/didChangeConfiguration', { settings: null });
    await republished;
    expect(client.refreshRequests).toEqual([]);
  });

  it('sends both refreshes to a client that declares refreshSupport', async () => {
    await client.initialize(null, undefined, {
      workspace: { inlayHint: { refreshSupport: true }, codeLens: { refreshSupport: true } },
    });
    const uri = 'file:///w/topology.yaml';
    await client.open(uri, TOPOLOGY);
    const republished = client.nextDiagnostics(uri);
    await client.connection.sendNotification('workspace/didChangeConfiguration', { settings: null });
    await republished;
    expect(client.refreshRequests).toContain('workspace/inlayHint/refresh');
    expect(client.refreshRequests).toContain('workspace/codeLens/refresh');
  });

  it('sends only the refresh the client supports', async () => {
    await client.initialize(null, undefined, { workspace: { codeLens: { refreshSupport: true } } });
    const uri = 'file:///w/topology.yaml';
    await client.open(uri, TOPOLOGY);
    const republished = client.nextDiagnostics(uri);
    await client.connection.sendNotification('workspace/didChangeConfiguration', { settings: null });
    await republished;
    expect(client.refreshRequests).toContain('workspace/codeLens/refresh');
    expect(client.refreshRequests).not.toContain('workspace/inlayHint/refresh');
  });
});

describe('settings per resource (multi-root)', () => {
  let client: LspTestClient;
  beforeEach(() => {
    client = new LspTestClient();
  });
  afterEach(async () => {
    await client.dispose();
  });

  const folderA = 'file:///ws/a';
  const folderB = 'file:///ws/b';
  const inA = `${folderA}/topology.yaml`;
  const inB = `${folderB}/topology.yaml`;

  it('asks for settings with the document as scopeUri and applies each folder its own', async () => {
    client.settingsFor = (scopeUri) =>
      scopeUri?.startsWith(`${folderB}/`) ? { rules: { 'even-member-count': 'off' } } : {};
    await client.initialize(null, undefined, { folders: [folderA, folderB] });
    expect(codes(await client.open(inA, EVEN_TOPOLOGY))).toContain('even-member-count');
    expect(codes(await client.open(inB, EVEN_TOPOLOGY))).not.toContain('even-member-count');
    expect(client.configurationItems.map((i) => i.scopeUri)).toEqual(expect.arrayContaining([inA, inB]));
  });

  it('pulls each document again on didChangeConfiguration', async () => {
    let offIn = folderB;
    client.settingsFor = (scopeUri) =>
      scopeUri?.startsWith(`${offIn}/`) ? { rules: { 'even-member-count': 'off' } } : {};
    await client.initialize(null, undefined, { folders: [folderA, folderB] });
    expect(codes(await client.open(inA, EVEN_TOPOLOGY))).toContain('even-member-count');
    expect(codes(await client.open(inB, EVEN_TOPOLOGY))).not.toContain('even-member-count');
    offIn = folderA;
    await client.connection.sendNotification('workspace/didChangeConfiguration', { settings: null });
    await client.waitForDiagnostics(inA, (d) => !codes(d).includes('even-member-count'));
    await client.waitForDiagnostics(inB, (d) => codes(d).includes('even-member-count'));
  });
});

describe('learning of settings changes', () => {
  let client: LspTestClient;
  beforeEach(() => {
    client = new LspTestClient();
  });
  afterEach(async () => {
    await client.dispose();
  });

  it('registers for didChangeConfiguration and pulls the settings again when it arrives', async () => {
    await client.initialize();
    const uri = 'file:///w/even.yaml';
    expect(codes(await client.open(uri, EVEN_TOPOLOGY))).toContain('even-member-count');
    expect(client.registrations.map((r) => r.method)).toContain('workspace/didChangeConfiguration');
    const pulled = client.configurationItems.length;
    client.settings = { rules: { 'even-member-count': 'off' } };
    await client.connection.sendNotification('workspace/didChangeConfiguration', { settings: null });
    await client.waitForDiagnostics(uri, (d) => !codes(d).includes('even-member-count'));
    expect(client.configurationItems.length).toBeGreaterThan(pulled);
  });

  it('without dynamic registration registers nothing yet still pulls settings and re-pulls on a change', async () => {
    client.settings = { rules: { 'even-member-count': 'off' } };
    await client.initialize(null, undefined, { workspace: { didChangeConfiguration: { dynamicRegistration: false } } });
    const uri = 'file:///w/even.yaml';
    expect(codes(await client.open(uri, EVEN_TOPOLOGY))).not.toContain('even-member-count');
    expect(client.registrations.map((r) => r.method)).not.toContain('workspace/didChangeConfiguration');
    client.settings = {};
    await client.connection.sendNotification('workspace/didChangeConfiguration', { settings: null });
    await client.waitForDiagnostics(uri, (d) => codes(d).includes('even-member-count'));
  });
});
