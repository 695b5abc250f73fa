// An edit storm (issue 13: 1,000 quick edits once gave 994 publications and RSS 89 → 1,091 MB): edits that arrive
// while an analysis is pending are coalesced, so only the newest version is analysed and published, and what is
// published for it equals a fresh analysis of the final text.
import { afterEach, describe, expect, it } from 'vitest';
import { analyzeFile } from '../../server/src/analysis/analyze';
import { LspTestClient } from './lspClient';

const EDITS = 1000;

/** A 5,000-line manifest: one etcd static pod with an even member count, then 490 unrelated documents. */
function manifest(): string {
  const pod = [
    'apiVersion: v1',
    'kind: Pod',
    'metadata: {name: etcd, namespace: kube-system}',
    'spec:',
    '  containers:',
    '    - name: etcd',
    '      image: registry.k8s.io/etcd:3.5.12-0',
    '      command: [etcd, --name=a, "--initial-cluster=a=http://a:2380,b=http://b:2380"]',
    '# edits land on the next line',
    '# ',
  ];
  const filler: string[] = [];
  for (let i = 0; filler.length + pod.length < 4990; i++)
    filler.push(
      '---',
      'apiVersion: v1',
      'kind: ConfigMap',
      `metadata: {name: cm-${i}}`,
      'data:',
      `  key: value-${i}`,
      '  other: x',
      '  more: y',
      '  last: z',
    );
  return [...pod, ...filler].join('\n') + '\n';
}

describe('an edit storm', () => {
  let client: LspTestClient | undefined;
  afterEach(async () => {
    await client?.dispose();
  });

  it(`${EDITS} quick edits are published for a handful of versions, the last one exactly`, async () => {
    client = new LspTestClient();
    await client.initialize();
    const uri = 'file:///storm/etcd.yaml';
    let text = manifest();
    const first = await client.open(uri, text);
    expect(first.map((d) => String(d.code))).toContain('even-member-count');
    const line = text.split('\n').indexOf('# ');
    // Every edit sent at once, as a fast typist with a slow server would: one character appended to a comment.
    const sent: Promise<void>[] = [];
    for (let v = 2; v <= EDITS + 1; v++) {
      const character = 2 + (v - 2);
      sent.push(
        client.connection.sendNotification('textDocument/didChange', {
          textDocument: { uri, version: v },
          contentChanges: [{ range: { start: { line, character }, end: { line, character } }, text: 'x' }],
        }),
      );
    }
    await Promise.all(sent);
    const lines = text.split('\n');
    lines[line] = '# ' + 'x'.repeat(EDITS);
    text = lines.join('\n');
    const last = await client.waitForDiagnostics(uri, (_d, version) => version === EDITS + 1, 60_000);
    const versions = (client.published.get(uri) ?? []).slice(1);
    // Coalesced: far fewer publications than edits, in increasing version order, ending at the newest.
    expect(versions.length).toBeLessThanOrEqual(EDITS / 20);
    expect(versions).toEqual([...versions].sort((a, b) => (a ?? 0) - (b ?? 0)));
    expect(versions[versions.length - 1]).toBe(EDITS + 1);
    // And what was published for the newest version is the analysis of the final text.
    const fresh = analyzeFile(uri, text)
      .findings.map((f) => `${f.code}@${f.range.start.line}:${f.range.start.character}`)
      .sort();
    expect(last.map((d) => `${String(d.code)}@${d.range.start.line}:${d.range.start.character}`).sort()).toEqual(fresh);
  }, 120_000);
});
