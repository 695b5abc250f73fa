// Protocol-level tests of the editor features over the built server: hover, inlay hints, code lenses,
// the estimate report, completion, quick fixes and settings that change what hints show.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { CodeAction, CodeLens, CompletionItem, Hover, InlayHint } from 'vscode-languageserver-protocol';
import { LspTestClient } from './lspClient';

const STRETCHED = `apiVersion: etcd-capacity/v1alpha1
kind: EtcdTopology
metadata:
  name: stretched
spec:
  etcd:
    heartbeatIntervalMs: 100
    electionTimeoutMs: 1000
  sites:
    - name: white
    - name: yellow
  links:
    - sites: [white, white]
      rttMs: 20
      jitterMs: 4
    - sites: [white, yellow]
      rttMs: 150
      jitterMs: 20
    - sites: [yellow, yellow]
      rttMs: 10
  members:
    - name: etcd-a
      site: white
      storage: {type: ssd, fsyncMs: 5, fsyncJitterMs: 1}
    - name: etcd-b
      site: white
      storage: {type: ssd, fsyncMs: 5, fsyncJitterMs: 1}
    - name: etcd-c
      site: yellow
      storage: {type: ssd, fsyncMs: 5, fsyncJitterMs: 1}
  clients:
    - site: white
`;
const URI = 'file:///w/stretched.yaml';
const lineOf = (needle: string) => STRETCHED.split('\n').findIndex((l) => l.includes(needle));
const hoverText = (h: Hover | null) =>
  h && typeof h.contents === 'object' && 'value' in h.contents ? h.contents.value : '';

describe('editor features over stdio', () => {
  let client: LspTestClient;
  beforeEach(async () => {
    client = new LspTestClient();
    const init = await client.initialize();
    expect(init.capabilities.hoverProvider).toBe(true);
    expect(init.capabilities.inlayHintProvider).toBeTruthy();
    expect(init.capabilities.codeLensProvider).toBeTruthy();
    expect(init.capabilities.completionProvider).toBeTruthy();
    await client.open(URI, STRETCHED);
  });
  afterEach(async () => {
    await client.dispose();
  });

  const request = <T>(method: string, params: unknown) => client.connection.sendRequest(method, params) as Promise<T>;

  it('hovers the election timeout with the RTT it is judged against and recommended values', async () => {
    const line = lineOf('electionTimeoutMs');
    const hover = await request<Hover | null>('textDocument/hover', {
      textDocument: { uri: URI },
      position: {
        line,
        character: lineOf('electionTimeoutMs') >= 0 ? STRETCHED.split('\n')[line].indexOf('1000') + 1 : 0,
      },
    });
    const text = hoverText(hover);
    // The link the election-timeout-below-10x-rtt finding names, with its verdict.
    expect(text).toMatch(
      /largest RTT between voting members: 150 ms \((white ↔ yellow|yellow ↔ white)\) — election is 6\.7× RTT \(etcd: ≥ 10×\) ✗/,
    );
    expect(text).toMatch(/Recommended: heartbeat \*\*\d+ ms\*\*, election timeout \*\*\d+ ms\*\*/);
    expect(text).toMatch(/spurious elections: .* per day/);
  });

  it('hovers a member with what losing it does and a site with its quorum outcome', async () => {
    const line = lineOf('name: etcd-c');
    const member = await request<Hover | null>('textDocument/hover', {
      textDocument: { uri: URI },
      position: { line, character: STRETCHED.split('\n')[line].indexOf('etcd-c') + 2 },
    });
    expect(hoverText(member)).toContain('member etcd-c');
    expect(hoverText(member)).toContain('quorum kept');
    const siteLine = lineOf('- name: white');
    const site = await request<Hover | null>('textDocument/hover', {
      textDocument: { uri: URI },
      position: { line: siteLine, character: STRETCHED.split('\n')[siteLine].indexOf('white') + 1 },
    });
    expect(hoverText(site)).toContain('site white');
    expect(hoverText(site)).toContain('quorum lost');
  });

  it('hovers the topology name with write latency percentiles and a breakdown', async () => {
    const hover = await request<Hover | null>('textDocument/hover', {
      textDocument: { uri: URI },
      position: { line: lineOf('name: stretched'), character: 10 },
    });
    const text = hoverText(hover);
    expect(text).toMatch(/write p50 ≈ [\d.]+ ms · p99 ≈ [\d.]+ ms/);
    expect(text).toContain('| term | mean | share |');
    expect(text).toContain('quorum 2 of 3 · survives 1');
  });

  it('documents a topology key from the schema on hover', async () => {
    const line = lineOf('jitterMs: 20');
    const hover = await request<Hover | null>('textDocument/hover', {
      textDocument: { uri: URI },
      position: { line, character: STRETCHED.split('\n')[line].indexOf('jitterMs') + 2 },
    });
    expect(hoverText(hover)).toMatch(/\*\*jitterMs\*\*/);
    expect(hoverText(hover).toLowerCase()).toContain('standard deviation');
  });

  it('shows inlay hints: timers against 10×RTT, quorum at members, link shares', async () => {
    const hints = await request<InlayHint[]>('textDocument/inlayHint', {
      textDocument: { uri: URI },
      range: { start: { line: 0, character: 0 }, end: { line: 200, character: 0 } },
    });
    const labels = hints.map((h) => `${h.position.line}:${String(h.label)}`);
    const election = lineOf('electionTimeoutMs');
    expect(
      labels.some((l) => l.startsWith(`${election}:< 10×RTT (1500 ms) ✗ use ≥`)),
      labels.join('\n'),
    ).toBe(true);
    expect(labels).toContain(`${lineOf('members:')}:quorum 2 of 3 · survives 1`);
    const quorumHint = hints.find((h) => String(h.label).startsWith('quorum'))!;
    expect(quorumHint.position.character).toBe('  members:'.length); // after the colon
    const share = labels.find((l) => l.startsWith(`${lineOf('rttMs: 150')}:`));
    expect(share).toMatch(/\d+% of write p50/);
    // Only hints inside the requested range come back.
    const none = await request<InlayHint[]>('textDocument/inlayHint', {
      textDocument: { uri: URI },
      range: { start: { line: 0, character: 0 }, end: { line: 2, character: 0 } },
    });
    expect(none).toEqual([]);
  });

  it('puts a code lens above the topology that opens the full estimate', async () => {
    const lenses = await request<CodeLens[]>('textDocument/codeLens', { textDocument: { uri: URI } });
    expect(lenses).toHaveLength(2);
    expect(lenses[0].command?.title).toMatch(
      /^etcd: write p50 ≈ [\d.]+ ms · p99 ≈ [\d.]+ ms · quorum 2 of 3 · survives 1 · inputs: 0 measured, \d+ assumed$/,
    );
    expect(lenses[0].command?.command).toBe('etcdCapacity.showEstimate');
    const report = await request<string | null>('etcdCapacity/estimateReport', {
      uri: lenses[0].command!.arguments![0],
      index: lenses[0].command!.arguments![1],
    });
    expect(report).toContain('# etcd capacity estimate: topology stretched');
    expect(report).toContain('## Failures');
    expect(report).toMatch(/\| white \| .*quorum lost/);
    expect(report).toContain('## Disks');
  });

  it('puts a capacity report lens beside it, and serves the report page for the webview', async () => {
    const lenses = await request<CodeLens[]>('textDocument/codeLens', { textDocument: { uri: URI } });
    expect(lenses[1].command).toEqual({
      title: 'capacity report',
      command: 'etcdCapacity.showReport',
      arguments: [URI],
    });
    const html = await request<string | null>('etcdCapacity/capacityReport', {
      uri: URI,
      cspSource: 'https://*.vscode-cdn.net',
    });
    expect(html).toMatch(
      /<meta http-equiv="Content-Security-Policy" content="default-src 'none'; script-src 'nonce-[^']+'; style-src 'nonce-[^']+'; img-src data: https:\/\/\*\.vscode-cdn\.net">/,
    );
    expect(html).toContain('Cluster stretched');
    expect(html).toContain('class="failure-matrix"');
    // Findings link back to their line through the page script's message, not a URL.
    expect(html).toMatch(/<a href="#" data-file="[^"]+" data-line="\d+"/);
    expect(
      await request<string | null>('etcdCapacity/capacityReport', { uri: 'file:///never/opened.yaml', cspSource: '' }),
    ).toBeNull();
  });

  it("shows, in an etcd configuration's report, the cluster of the topology that describes its members", async () => {
    const config = 'file:///w/etcd.conf.yml';
    await client.open(
      config,
      'name: etcd-a\ninitial-cluster: etcd-a=https://10.0.0.1:2380,etcd-b=https://10.0.0.2:2380,etcd-c=https://10.0.0.3:2380\nheartbeat-interval: 100\nelection-timeout: 1000\n',
    );
    const html = (await request<string | null>('etcdCapacity/capacityReport', { uri: config, cspSource: '' }))!;
    expect(html).toContain('<title>etcd capacity report: etcd.conf.yml</title>');
    expect(html).toContain('Cluster stretched');
    expect(html).toMatch(/2 file\(s\): etcd\.conf\.yml, stretched\.yaml/);
  });

  it('completes topology fields inside a member entry', async () => {
    const lines = STRETCHED.split('\n');
    const line = lineOf('storage: {type: ssd, fsyncMs: 5, fsyncJitterMs: 1}');
    // Type a new key in the first member entry.
    const edited = [...lines.slice(0, line + 1), '      le', ...lines.slice(line + 1)].join('\n');
    await client.change(URI, [{ text: edited } as never]);
    const items = await request<CompletionItem[]>('textDocument/completion', {
      textDocument: { uri: URI },
      position: { line: line + 1, character: 8 },
    });
    expect(items.map((i) => i.label)).toEqual(expect.arrayContaining(['name', 'site', 'learner', 'storage']));
    expect(items.map((i) => i.label)).not.toContain('rttMs');
  });

  it('offers to make an even membership odd, and to suppress the finding', async () => {
    const text = STRETCHED.replace(
      '    - name: etcd-c\n      site: yellow\n      storage: {type: ssd, fsyncMs: 5, fsyncJitterMs: 1}\n',
      '',
    );
    const diagnostics = await client.change(URI, [{ text } as never]);
    const even = diagnostics.find((d) => d.code === 'even-member-count');
    expect(even).toBeDefined();
    const actions = await request<CodeAction[]>('textDocument/codeAction', {
      textDocument: { uri: URI },
      range: even!.range,
      context: { diagnostics: [even] },
    });
    const titles = actions.map((a) => a.title);
    expect(titles.some((t) => t.startsWith('Add a member entry'))).toBe(true);
    expect(titles).toContain('Remove member etcd-b');
    expect(titles).toContain('Suppress even-member-count on this line');
    // Apply "add a member" and the finding goes away.
    const add = actions.find((a) => a.title.startsWith('Add a member entry'))!;
    const edit = add.edit!.changes![URI][0];
    const lines = text.split('\n');
    const at = edit.range.start;
    lines[at.line] = lines[at.line].slice(0, at.character) + edit.newText + lines[at.line].slice(at.character);
    const after = await client.change(URI, [{ text: lines.join('\n') } as never]);
    expect(after.map((d) => d.code)).not.toContain('even-member-count');
    // Apply the suppression comment instead on the original text.
    await client.change(URI, [{ text } as never]);
    const suppress = actions.find((a) => a.title === 'Suppress even-member-count on this line')!;
    const s = suppress.edit!.changes![URI][0];
    const slines = text.split('\n');
    slines.splice(s.range.start.line, 0, s.newText.replace(/\n$/, ''));
    const suppressed = await client.change(URI, [{ text: slines.join('\n') } as never]);
    expect(suppressed.map((d) => d.code)).not.toContain('even-member-count');
  });

  it('switches hints and lenses to the sequential model when the setting asks', async () => {
    client.settings = { estimateModel: 'sequential' };
    await client.connection.sendNotification('workspace/didChangeConfiguration', { settings: null });
    // The server re-reads settings, then re-publishes diagnostics for open documents.
    await client.nextDiagnostics(URI);
    const lenses = await request<CodeLens[]>('textDocument/codeLens', { textDocument: { uri: URI } });
    expect(lenses[0].command?.title).toMatch(/^etcd: write ≈ \d+ ms ± \d+ ms \(sequential\)/);
  });
});
