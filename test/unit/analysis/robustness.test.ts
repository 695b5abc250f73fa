// Bad input cannot break the analysis: property tests over generated YAML and edit sequences (the
// analysis itself and the server's incremental cache), and the named hostile inputs of the issue, each
// answered with a clear finding. How fast each is answered is measured by `npm run bench`
// (docs/performance.md), not asserted here.
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { analyzeFile, type AnalysisResult } from '../../../server/src/analysis/analyze';
import { MAX_ANALYSED_CHARS } from '../../../server/src/analysis/documents';
import { RULES } from '../../../server/src/analysis/rules';
import type { Range } from '../../../server/src/analysis/types';
import { AnalysisCache } from '../../../server/src/protocol/analysisCache';
import { applyEdit, edit, yamlFile } from '../../support/yamlArbitraries';

const URI = 'file:///project/file.yaml';

/**
 * Line lengths as an editor counts lines (`\r\n`, a lone `\r` and `\n` each end one), with the `\r` of
 * a `\r\n` counted in its line: a syntax error may point at it (editors clamp that to the line's end).
 */
function lineLengths(text: string): number[] {
  return text.split(/\n|\r(?!\n)/).map((l) => l.length);
}

/** Every range of every finding (and its fixes and related places) lies inside the text. */
function expectInside(text: string, result: AnalysisResult): void {
  const lengths = lineLengths(text);
  const inside = (r: Range): boolean =>
    [r.start, r.end].every(
      (p) =>
        Number.isInteger(p.line) &&
        p.line >= 0 &&
        p.line < lengths.length &&
        p.character >= 0 &&
        p.character <= lengths[p.line]!,
    ) &&
    (r.start.line < r.end.line || (r.start.line === r.end.line && r.start.character <= r.end.character));
  for (const f of result.findings) {
    expect(inside(f.range), `${f.code} ${JSON.stringify(f.range)}`).toBe(true);
    for (const fix of f.fixes ?? []) for (const e of fix.edits) if (!e.uri) expect(inside(e.range)).toBe(true);
    for (const rel of f.related ?? []) if (!rel.uri) expect(inside(rel.range)).toBe(true);
  }
}

// Thousands of generated runs: the timeout guards against a stall, it does not measure speed (a busy
// 2-core CI machine takes several times a quiet one's figure).
describe('analysis never breaks (property tests)', { timeout: 240_000 }, () => {
  it('never throws, ranges lie inside the text, the same text gives the same findings', () => {
    fc.assert(
      fc.property(yamlFile, (text) => {
        const first = analyzeFile(URI, text);
        expectInside(text, first);
        expect(analyzeFile(URI, text).findings).toStrictEqual(first.findings);
      }),
      { numRuns: 3000 },
    );
  });

  it('arbitrary strings, also with control characters and lone surrogates', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'binary', maxLength: 300 }), (text) => {
        expectInside(text, analyzeFile(URI, text));
      }),
      { numRuns: 1500 },
    );
  });

  it("the server's cache after every edit equals a fresh analysis of the text", () => {
    fc.assert(
      fc.property(yamlFile, fc.array(edit, { minLength: 1, maxLength: 5 }), (start, edits) => {
        const cache = new AnalysisCache();
        let text = start;
        let version = 1;
        expect(cache.get(URI, version, text).findings).toStrictEqual(analyzeFile(URI, text).findings);
        for (const e of edits) {
          text = applyEdit(text, e).text;
          version++;
          const cached = cache.get(URI, version, text);
          const fresh = analyzeFile(URI, text);
          expect(cached.findings).toStrictEqual(fresh.findings);
          expect(cached.facts).toStrictEqual(fresh.facts);
          expectInside(text, cached);
        }
      }),
      { numRuns: 1000 },
    );
  });
});

const codes = (r: AnalysisResult) => r.findings.map((f) => f.code);

describe('named hostile inputs get a clear answer', () => {
  it('alias bomb ("billion laughs"): aliases are not expanded; the values are reported as not numbers', () => {
    const lines = ['x-lol:', '  a: &a ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]'];
    for (let i = 1; i < 12; i++) {
      const prev = i === 1 ? 'a' : `a${i - 1}`;
      lines.push(`  b${i}: &a${i} [${Array.from({ length: 9 }, () => `*${prev}`).join(',')}]`);
    }
    lines.push('name: etcd-a', 'heartbeat-interval: *a11', 'election-timeout: 1000', 'snapshot-count: *a11');
    const res = analyzeFile(URI, `${lines.join('\n')}\n`);
    expect(res.findings.find((f) => f.code === 'invalid-config-value')?.message).toMatch(/heartbeat-interval/);
  });

  it('a 10 MB file: the documents past 1.5 MiB are not analysed, and an information finding says so', () => {
    const doc =
      '---\napiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: padding\ndata:\n  key: "a value that makes the file large"\n';
    const text = doc.repeat(Math.ceil((10 * 1024 * 1024) / doc.length));
    const res = analyzeFile(URI, text);
    const limited = res.findings.find((f) => f.code === 'analysis-limited')!;
    expect(limited.severity).toBe('information');
    expect(limited.message).toMatch(/10\.0 MiB.*1\.5 MiB/);
    expect(res.recognised.documentCount).toBeLessThan(text.length / doc.length);
    expect(text.split('\n').slice(0, limited.range.start.line).join('\n').length).toBeLessThanOrEqual(
      MAX_ANALYSED_CHARS,
    );
  });

  it('a binary file renamed .yaml: one yaml-syntax error, nothing parsed', () => {
    const png = Buffer.from([
      0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13, 0x49, 0x48, 0x44, 0x52, 0xff, 0xd8,
    ]).toString('utf8');
    const res = analyzeFile(URI, png.repeat(100));
    expect(codes(res)).toEqual(['yaml-syntax']);
    expect(res.findings[0]!.message).toMatch(/not a text YAML file/);
    // Mostly control characters without a NUL is binary too.
    expect(analyzeFile(URI, '\u0001\u0002\u0003\u0004'.repeat(50)).findings[0]!.message).toMatch(
      /not a text YAML file/,
    );
  });

  it('10,000-deep nesting: a clear yaml-syntax finding, no stack overflow', () => {
    const flow = analyzeFile(URI, `a: ${'['.repeat(10000)}${']'.repeat(10000)}\n`);
    expect(flow.findings.some((f) => f.code === 'yaml-syntax' && /nests too deeply/.test(f.message))).toBe(true);
    const block = Array.from({ length: 10000 }, (_, i) => `${' '.repeat(i % 200)}- `).join('\n');
    // Block nesting 200 deep, repeated: valid YAML with nothing etcd in it, so no finding (and no overflow).
    expect(analyzeFile(URI, block).findings).toEqual([]);
  });

  it('a BOM: the findings are those of the file without it, at the same places', () => {
    const text = 'name: etcd-a\nheartbeat-interval: 100\nelection-timeout: 400\n';
    const plain = analyzeFile(URI, text).findings;
    expect(plain.map((f) => f.code)).toContain('election-timeout-below-5x-heartbeat');
    expect(analyzeFile(URI, `\ufeff${text}`).findings.map((f) => [f.code, f.range.start.line])).toEqual(
      plain.map((f) => [f.code, f.range.start.line]),
    );
  });

  it('CRLF: the same findings on the same lines and columns as LF', () => {
    const text = 'name: etcd-a\nheartbeat-interval: 100\nelection-timeout: 400\n';
    const lf = analyzeFile(URI, text).findings;
    expect(analyzeFile(URI, text.replace(/\n/g, '\r\n')).findings.map((f) => [f.code, f.range])).toEqual(
      lf.map((f) => [f.code, f.range]),
    );
  });

  it('tabs as indentation: a yaml-syntax error on that line', () => {
    const res = analyzeFile(URI, 'name: a\nheartbeat-interval: 100\n\telection-timeout: 1000\n');
    const f = res.findings.find((x) => x.code === 'yaml-syntax')!;
    expect(f.message).toMatch(/Tabs/);
    expect(f.range.start.line).toBe(2);
  });

  it('duplicate keys: a warning that etcd keeps the last value', () => {
    const res = analyzeFile(URI, 'name: a\nheartbeat-interval: 100\nheartbeat-interval: 200\nelection-timeout: 1000\n');
    expect(res.findings.find((f) => f.code === 'yaml-syntax')?.message).toMatch(
      /Duplicate key.*keep only the last value/,
    );
  });

  it('a document with only a comment: nothing to report, and nothing breaks', () => {
    expect(analyzeFile(URI, '# just a comment\n').findings).toEqual([]);
    expect(
      analyzeFile(URI, '---\n# just a comment\n---\nname: a\nheartbeat-interval: 100\nelection-timeout: 1000\n')
        .findings,
    ).toEqual([]);
  });

  it('non-UTF-8 bytes: a warning that the file was not saved as UTF-8', () => {
    const latin1 = Buffer.from('name: caf\xe9\nheartbeat-interval: 100\nelection-timeout: 1000\n', 'latin1').toString(
      'utf8',
    );
    const f = analyzeFile(URI, latin1).findings.find((x) => x.code === 'non-utf8-text')!;
    expect(f.message).toMatch(/not saved as UTF-8/);
    expect(f.range.start).toEqual({ line: 0, character: 9 });
  });

  it('numbers too large for a double or for int64: invalid-config-value', () => {
    const file = analyzeFile(
      URI,
      'name: a\nheartbeat-interval: 100\nelection-timeout: 1000\nquota-backend-bytes: 99999999999999999999999\nsnapshot-count: 1e400\n',
    );
    const messages = file.findings.filter((f) => f.code === 'invalid-config-value').map((f) => f.message);
    expect(messages.some((m) => /quota-backend-bytes.*64-bit/.test(m))).toBe(true);
    expect(messages.some((m) => /snapshot-count/.test(m))).toBe(true);
    const flag = analyzeFile(
      URI,
      'apiVersion: v1\nkind: Pod\nmetadata: {name: etcd}\nspec:\n  containers:\n  - name: etcd\n    command: [etcd, --quota-backend-bytes=99999999999999999999999]\n',
    );
    expect(flag.findings.some((f) => f.code === 'invalid-config-value' && /64-bit/.test(f.message))).toBe(true);
  });

  it('YAML 1.1 booleans (yes/on): a hint that etcd reads them as booleans, with a fix', () => {
    const res = analyzeFile(
      URI,
      'name: a\nheartbeat-interval: 100\nelection-timeout: 1000\nstrict-reconfig-check: on\nclient-transport-security:\n  client-cert-auth: yes\n',
    );
    const hints = res.findings.filter((f) => f.code === 'yaml11-boolean');
    expect(hints.map((h) => h.range.start.line)).toEqual([3, 5]);
    expect(hints[0]!.fixes![0]!.edits[0]!.newText).toBe('true');
    // A string setting written as yes is an error: etcd fails to unmarshal it.
    const name = analyzeFile(URI, 'name: yes\nheartbeat-interval: 100\nelection-timeout: 1000\n');
    expect(name.findings.some((f) => f.code === 'invalid-config-value' && /name/.test(f.message))).toBe(true);
  });

  it('every code the analysis can report is registered with a docs link', () => {
    const registered = new Map(RULES.map((r) => [r.code, r.docsUrl]));
    for (const code of ['non-utf8-text', 'analysis-limited', 'yaml11-boolean', 'yaml-syntax'])
      expect(registered.get(code)).toMatch(/^https:\/\//);
  });
});
