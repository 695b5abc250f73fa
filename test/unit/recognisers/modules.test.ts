// The recognisers' shared helpers, each in the module of its concern.
import { describe, expect, it } from 'vitest';
import { parseFile, type DocContext } from '../../../server/src/analysis/parse';
import { parseInitialCluster } from '../../../server/src/analysis/recognisers/members';
import { isTemplated, shellWords } from '../../../server/src/analysis/recognisers/shellWords';
import { limited, seqStrings } from '../../../server/src/analysis/recognisers/yamlNodes';
import type { Finding } from '../../../server/src/analysis/types';
import { textAt } from './helpers';

function ctxOf(text: string): DocContext {
  const parsed = parseFile(text);
  return { text, lineCounter: parsed.lineCounter, doc: parsed.documents[0]!, index: 0 };
}

describe('shellWords', () => {
  it('splits a script into words with exact ranges, quotes removed, operators kept', () => {
    const text = `c: "etcd --name 'a b' --x=1 && echo ok"\n`;
    const ctx = ctxOf(text);
    const node = (ctx.doc.contents as { items: { value: unknown }[] }).items[0]!.value as never;
    const words = shellWords(ctx, node, "etcd --name 'a b' --x=1 && echo ok");
    expect(words.map((w) => w.text)).toEqual(['etcd', '--name', 'a b', '--x=1', '&&', 'echo', 'ok']);
    expect(textAt(text, words[2]!.range)).toBe('a b');
    expect(textAt(text, words[3]!.sub(4, 5))).toBe('1');
  });

  it('templated values are recognised', () => {
    expect([isTemplated('${X}'), isTemplated('{{ x }}'), isTemplated('500')]).toEqual([true, true, false]);
  });
});

describe('members', () => {
  it('parseInitialCluster keeps first-seen order and merges a name listed twice', () => {
    expect(parseInitialCluster('m1=https://a:2380,m2=https://b:2380,m1=https://c:2380,bad')).toEqual([
      { name: 'm1', peerUrls: ['https://a:2380', 'https://c:2380'] },
      { name: 'm2', peerUrls: ['https://b:2380'] },
    ]);
  });
});

describe('yamlNodes', () => {
  it('limited reports the first item left out; seqStrings with findings is limited too', () => {
    const text = `l: [${Array.from({ length: 5002 }, (_, i) => `i${i}`).join(', ')}]\n`;
    const ctx = ctxOf(text);
    const seq = (ctx.doc.contents as { items: { value: { items: unknown[] } }[] }).items[0]!.value;
    const findings: Finding[] = [];
    expect(limited(ctx, findings, seq, 'l', 3)).toHaveLength(3);
    expect(findings.map((f) => [f.code, textAt(text, f.range)])).toEqual([['analysis-limited', 'i3']]);
    expect(seqStrings(ctx, seq)).toHaveLength(5002); // without findings nothing is cut
    const more: Finding[] = [];
    expect(seqStrings(ctx, seq, more)).toHaveLength(5000);
    expect(more.map((f) => textAt(text, f.range))).toEqual(['i5000']);
  });
});
