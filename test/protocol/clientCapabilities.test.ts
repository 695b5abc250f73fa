// What the server asks of the client follows the client's initialize capabilities: refresh requests only
// with refreshSupport, and settings pulled per document (scopeUri) so multi-root workspaces can differ
// per folder. The built server over stdio, as an editor drives it.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { LspTestClient } from './lspClient';
import { TOPOLOGY } from './workspaceFixtures';

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
