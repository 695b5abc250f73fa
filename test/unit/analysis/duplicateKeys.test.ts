// The duplicate-key check (one Set per map, parse.ts) finds as many duplicates as the `yaml` library's own
// uniqueKeys check, each on the repeated key, and names the key. Its speed is in `npm run bench:scaling`.
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { parseAllDocuments } from 'yaml';
import { analyzeFile } from '../../../server/src/analysis/analyze';
import { PARSE_OPTIONS, parseFile } from '../../../server/src/analysis/parse';

const URI = 'file:///project/dup.yaml';

function duplicateOffsets(errors: { code: string; pos: [number, number] }[]): number[] {
  return errors.filter((e) => e.code === 'DUPLICATE_KEY').map((e) => e.pos[0]);
}

describe('duplicate keys', () => {
  it('names the key, on the repeated key', () => {
    const text = 'name: a\nheartbeat-interval: 100\nnested:\n  x: 1\n  x: 2\nheartbeat-interval: 200\n';
    const res = analyzeFile(URI, text);
    const dups = res.findings.filter((f) => f.code === 'yaml-syntax' && /Duplicate key/.test(f.message));
    expect(dups.map((f) => f.range.start.line)).toEqual([4, 5]);
    expect(dups[0].message).toContain('"x"');
    expect(dups[1].message).toContain('"heartbeat-interval"');
  });

  it('the same key in different maps, or in flow maps, follows the map', () => {
    const text = 'a: {k: 1, k: 2}\nb: [{k: 1}, {k: 1}]\nc:\n  k: 1\nd:\n  k: 1\n';
    const offsets = duplicateOffsets(parseFile(text).documents[0].errors);
    expect(offsets).toEqual([text.indexOf('k: 2')]);
  });

  it("agrees with the library's own check on generated maps", () => {
    const key = fc.constantFrom(
      'a',
      'b',
      '"a"',
      "'b'",
      '1',
      '01',
      '1.0',
      'true',
      'yes',
      'null',
      '~',
      '.nan',
      '.NaN',
      '<<',
      '? c',
      '[x]',
    );
    const scalar = fc.constantFrom('1', 'x', '{}', '[]', '*r');
    const map = fc
      .array(fc.tuple(key, scalar, fc.boolean()), { maxLength: 12 })
      .map(
        (entries) =>
          'r: &r 1\n' +
          entries.map(([k, v, nested]) => (nested ? `m:\n  ${k}: ${v}\n  ${k}: ${v}\n` : `${k}: ${v}\n`)).join(''),
      );
    fc.assert(
      fc.property(map, (text) => {
        const ours = parseFile(text).documents.flatMap((d) => duplicateOffsets(d.errors));
        const theirs = parseAllDocuments(text, { ...PARSE_OPTIONS, uniqueKeys: true });
        const docs = Array.isArray(theirs) ? theirs : [theirs];
        // The same number of duplicates (the library's offset for a key after a nested map can point
        // into the previous value; ours is always the repeated key itself).
        expect(ours.length).toBe(docs.flatMap((d) => duplicateOffsets(d.errors as never)).length);
        for (const offset of ours) expect(text[offset]).not.toMatch(/\s/);
      }),
      { numRuns: 400 },
    );
  });
});
