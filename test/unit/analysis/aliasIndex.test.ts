// deref resolves aliases from a per-document anchor index; it must agree with the library's own
// Alias.resolve (closest preceding anchor, redefinitions, anchors on keys, sequences and scalars).
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { isAlias, isMap, isSeq, type Node } from 'yaml';
import { deref, parseFile, type DocContext } from '../../../server/src/analysis/parse';

function aliasesOf(node: unknown, out: Node[] = []): Node[] {
  const stack: unknown[] = [node];
  while (stack.length > 0) {
    const n = stack.pop();
    if (isAlias(n)) out.push(n as unknown as Node);
    else if (isMap(n)) for (const p of n.items) stack.push(p.key, p.value);
    else if (isSeq(n)) stack.push(...n.items);
  }
  return out;
}

function contexts(text: string): DocContext[] {
  const parsed = parseFile(text);
  return parsed.documents.map((doc, index) => ({ text, lineCounter: parsed.lineCounter, doc, index }));
}

const anchorName = fc.constantFrom('a', 'b', 'defaults', 'x1');
const line = fc.oneof(
  fc.tuple(fc.nat(40), anchorName).map(([k, a]) => `k${k}: &${a} v${k}`),
  fc.tuple(fc.nat(40), anchorName).map(([k, a]) => `m${k}: &${a}\n  inner${k}: 1`),
  fc.tuple(fc.nat(40), anchorName).map(([k, a]) => `r${k}: *${a}`),
  fc.tuple(fc.nat(40), anchorName).map(([k, a]) => `s${k}:\n  - &${a} item\n  - *${a}`),
  fc.tuple(fc.nat(40), anchorName).map(([k, a]) => `? &${a} key${k}\n: *${a}`),
  fc.constant('---'),
);

describe('alias resolution through the anchor index', () => {
  it('agrees with yaml Alias.resolve on generated documents', () => {
    fc.assert(
      fc.property(fc.array(line, { maxLength: 30 }), (lines) => {
        const text = lines.join('\n') + '\n';
        for (const ctx of contexts(text)) {
          for (const alias of aliasesOf(ctx.doc.contents)) {
            let expected: unknown;
            try {
              expected = (alias as unknown as { resolve(d: unknown): unknown }).resolve(ctx.doc);
            } catch {
              expected = undefined;
            }
            if (isAlias(expected)) expected = undefined;
            expect(deref(ctx, alias)).toBe(expected);
          }
        }
      }),
      { numRuns: 2000 },
    );
  });

  it('a redefined anchor: each alias takes the closest definition before it', () => {
    const [ctx] = contexts('a: &x one\nb: *x\nc: &x two\nd: *x\n');
    const aliases = aliasesOf(ctx!.doc.contents);
    const values = aliases.map((a) => (deref(ctx!, a) as unknown as { value: unknown }).value).sort();
    expect(values).toEqual(['one', 'two']);
  });

  it('an alias before its anchor or to an unknown anchor resolves to nothing', () => {
    const [ctx] = contexts('b: *x\nc: &x two\nd: *nope\n');
    const aliases = aliasesOf(ctx!.doc.contents);
    expect(aliases.map((a) => deref(ctx!, a))).toEqual([undefined, undefined]);
  });
});
