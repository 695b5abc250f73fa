// Command lines as words with ranges: YAML list items as they are, or a string split as a shell would
// (simple quoting), so that a flag inside `sh -c "..."` or a compose `command:` string is underlined exactly.
import { nodeRange, offsetRange, verbatimStart, type DocContext, type Node } from '../parse';
import type { Range } from '../types';

/** One argument of a command line with its range, and ranges of parts of it. */
export interface ArgItem {
  text: string;
  range: Range;
  /** Range of text[from, to) when it can be located exactly, else the whole item range. */
  sub(from: number, to: number): Range;
  /** The YAML scalar the argument is (absent for a word split out of one). */
  node?: Node;
}

export function argItem(ctx: DocContext, node: Node, text: string): ArgItem {
  const range = nodeRange(ctx, node);
  const start = verbatimStart(ctx, node);
  return {
    text,
    range,
    node,
    sub: (from, to) => (start === undefined ? range : offsetRange(ctx.lineCounter, ctx.text, start + from, start + to)),
  };
}

/** Splits a shell command string into words with ranges (no quotes or escapes beyond simple quoting). */
export function shellWords(ctx: DocContext, node: Node, text: string): ArgItem[] {
  const start = verbatimStart(ctx, node);
  const whole = nodeRange(ctx, node);
  const out: ArgItem[] = [];
  const re = /"([^"]*)"|'([^']*)'|([^\s"';&|]+)|([;&|]+)/g;
  for (const m of text.matchAll(re)) {
    if (m[4]) {
      out.push({ text: m[4], range: whole, sub: () => whole });
      continue;
    }
    const word = m[1] ?? m[2] ?? m[3] ?? '';
    const off = (m.index ?? 0) + (m[3] !== undefined ? 0 : 1);
    const mk = (from: number, to: number): Range =>
      start === undefined ? whole : offsetRange(ctx.lineCounter, ctx.text, start + off + from, start + off + to);
    out.push({ text: word, range: mk(0, word.length), sub: mk });
  }
  return out;
}

/** A value another tool fills in before etcd sees it (Jinja `{{ }}`, compose `${VAR}`): unknown here. */
export function isTemplated(text: string): boolean {
  return text.includes('{{') || text.includes('${');
}
