// The real server over stdio: a failing or malformed request is answered and logged, never fatal, and
// generated files with edit sequences give exactly the diagnostics a fresh analysis gives.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { analyzeFile } from '../../server/src/analysis/analyze';
import { toDiagnostic } from '../../server/src/protocol/convert';
import { applyEdit, edit, yamlFile } from '../support/yamlArbitraries';
import { LspTestClient } from './lspClient';

const CONFIG = 'name: etcd-a\nheartbeat-interval: 100\nelection-timeout: 400\n';

let client: LspTestClient;
beforeAll(async () => {
  client = new LspTestClient();
  await client.initialize();
});
afterAll(async () => {
  await client.dispose();
});

describe('a failing request never takes the server down', () => {
  it('answers malformed requests and keeps analysing', async () => {
    const uri = 'file:///robust/config.yaml';
    await client.open(uri, CONFIG);
    const c = client.connection;
    const answer = (method: string, params: unknown) =>
      c.sendRequest(method, params).then(
        (result) => ({ result }),
        (error: { code?: number }) => ({ error: error.code }),
      );
    // Bogus URIs and positions, missing and wrong-typed params, a document that was never opened.
    const replies = await Promise.all([
      answer('textDocument/hover', { textDocument: { uri: 'not a uri at all' }, position: { line: 0, character: 0 } }),
      answer('textDocument/hover', { textDocument: { uri }, position: { line: -5, character: 1e9 } }),
      answer('textDocument/hover', { textDocument: { uri }, position: { line: 'x', character: null } }),
      answer('textDocument/hover', null),
      answer('textDocument/completion', { textDocument: { uri }, position: { line: 99999, character: -1 } }),
      answer('textDocument/inlayHint', { textDocument: { uri }, range: null }),
      answer('textDocument/codeAction', {
        textDocument: { uri },
        range: null,
        context: { diagnostics: [{ code: 1 }] },
      }),
      answer('textDocument/codeLens', { textDocument: { uri: 'file:///never/opened.yaml' } }),
      answer('etcdCapacity/estimateReport', { uri, index: { not: 'a number' } }),
      answer('etcdCapacity/estimateReport', 'garbage'),
    ]);
    expect(replies).toHaveLength(10);
    // Every request got an answer (a result or a JSON-RPC error), and the server is still analysing.
    for (const r of replies) expect('result' in r || 'error' in r).toBe(true);
    const diagnostics = await client.change(uri, [{ text: `${CONFIG}quota-backend-bytes: 99999999999999999999999\n` }]);
    expect(diagnostics.map((d) => d.code)).toContain('invalid-config-value');
    const hover = await c.sendRequest('textDocument/hover', {
      textDocument: { uri },
      position: { line: 1, character: 3 },
    });
    expect(hover).not.toBeNull();
  });

  it('a didChange whose version is not an integer is ignored with a logged reason, never echoed', async () => {
    const uri = 'file:///robust/version.yaml';
    await client.open(uri, CONFIG);
    const versions: unknown[] = [];
    const next = client.waitForDiagnostics(uri, (_d, v) => {
      versions.push(v);
      return v === 2;
    });
    await client.connection.sendNotification('textDocument/didChange', {
      textDocument: { uri, version: 'abc' },
      contentChanges: [{ text: 'broken: [\n' }],
    });
    // The next valid edit applies to the text before the refused one.
    const lines = CONFIG.split('\n').length - 1;
    const diagnostics = await client.change(uri, [
      {
        range: { start: { line: lines, character: 0 }, end: { line: lines, character: 0 } },
        text: 'quota-backend-bytes: 99999999999999999999999\n',
      },
    ]);
    await next;
    expect(versions).not.toContain('abc');
    expect(diagnostics.map((d) => d.code)).toContain('invalid-config-value');
    expect(diagnostics.map((d) => d.code)).not.toContain('yaml-syntax');
    expect(client.logs.some((l) => /didChange ignored: .*version must be an integer, got "abc"/.test(l))).toBe(true);
  });

  it('positions are clamped at the boundary: a diagnostic at line -1 gets no edit at a negative line', async () => {
    const uri = 'file:///robust/config.yaml';
    const at = { line: -1, character: -4 };
    const actions = (await client.connection.sendRequest('textDocument/codeAction', {
      textDocument: { uri },
      range: { start: at, end: at },
      context: {
        diagnostics: [
          { range: { start: at, end: at }, code: 'election-timeout-too-short', source: 'etcd-capacity', message: 'x' },
        ],
      },
    })) as { edit?: { changes?: Record<string, { range: { start: { line: number; character: number } } }[]> } }[];
    const edits = actions.flatMap((a) => Object.values(a.edit?.changes ?? {}).flat());
    expect(edits.length).toBeGreaterThan(0);
    for (const e of edits) {
      expect(e.range.start.line).toBeGreaterThanOrEqual(0);
      expect(e.range.start.character).toBeGreaterThanOrEqual(0);
    }
    // A position that is not numbers at all is Invalid params (-32602), with the reason logged.
    const error = await client.connection
      .sendRequest('textDocument/hover', { textDocument: { uri }, position: { line: 'x', character: null } })
      .then(
        () => undefined,
        (e: { code?: number }) => e.code,
      );
    expect(error).toBe(-32602);
    expect(client.logs.some((l) => /textDocument\/hover ignored: .*is not a pair of numbers/.test(l))).toBe(true);
  });

  it('logs the failure it answered', async () => {
    await client.connection
      .sendRequest('textDocument/codeAction', {
        textDocument: { uri: 'file:///robust/config.yaml' },
        range: null,
        context: null,
      })
      .catch(() => undefined);
    expect(client.logs.some((l) => /codeAction failed/.test(l))).toBe(true);
  });
});

// The timeouts guard against a stall (before: 5.9 s for the NUL file, never for 100 MB); the figures
// are in docs/performance.md.
describe('binary and very large documents are answered without parsing them whole', () => {
  it('a 1 MB document with a NUL at its very end is binary, as for the CLI', async () => {
    const uri = 'file:///robust/nul-at-end.yaml';
    const diagnostics = await client.open(uri, `${'key: value\n'.repeat(100_000)}\u0000`);
    expect(diagnostics.map((d) => [d.code, d.range.start.line])).toEqual([['yaml-syntax', 100_000]]);
    expect(diagnostics[0]!.message).toMatch(/not a text YAML file/);
    await client.close(uri);
  });

  it('a 100 MB didOpen gets the analysis-limited diagnostic', async () => {
    const uri = 'file:///robust/huge.yaml';
    const doc = 'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: x\ndata:\n  a: b\n---\n';
    const text = doc.repeat(Math.ceil(100e6 / doc.length));
    await client.connection.sendNotification('textDocument/didOpen', {
      textDocument: { uri, languageId: 'yaml', version: 1, text },
    });
    const diagnostics = await client.waitForDiagnostics(uri, (_d, v) => v === 1, 60_000);
    expect(diagnostics.map((d) => d.code)).toEqual(['analysis-limited']);
    expect(diagnostics[0]!.message).toMatch(
      /This file is 95\.4 MiB; etcd-capacity analysed only the documents that end within the first 1\.5 MiB/,
    );
    await client.close(uri);
  }, 90_000);
});

// Thousands of generated runs: the timeout guards against a stall, it does not measure speed (a busy
// 2-core CI machine takes several times a quiet one's figure).
describe('generated files and edits through the server (property test)', { timeout: 240_000 }, () => {
  it('after open and every incremental edit, the diagnostics equal a fresh analysis', async () => {
    let n = 0;
    await fc.assert(
      fc.asyncProperty(yamlFile, fc.array(edit, { minLength: 1, maxLength: 4 }), async (start, edits) => {
        const uri = `file:///robust/gen-${n++}.yaml`;
        const expected = (text: string) => analyzeFile(uri, text).findings.map((f) => toDiagnostic(uri, f));
        expect(await client.open(uri, start)).toEqual(expected(start));
        let doc = TextDocument.create(uri, 'yaml', 1, start);
        for (const e of edits) {
          const { start: from, end: to } = applyEdit(doc.getText(), e);
          const range = { start: doc.positionAt(from), end: doc.positionAt(to) };
          // The editor's text after the edit (a position inside a CRLF is moved before it).
          doc = TextDocument.update(doc, [{ range, text: e.insert }], doc.version + 1);
          expect(await client.change(uri, [{ range, text: e.insert }])).toEqual(expected(doc.getText()));
        }
        await client.close(uri);
      }),
      { numRuns: 150 },
    );
  });
});
