// YAML helpers the recognisers share on top of parse.ts: values and parts of values with their
// ranges, list items, typed scalars, and the limit on how many items are read (always reported).
import {
  asSeq,
  deref,
  getPair,
  isMap,
  isPair,
  isScalar,
  isSeq,
  nodeRange,
  offsetRange,
  scalarString,
  verbatimStart,
  type DocContext,
  type Node,
  type Pair,
} from '../parse';
import type { Finding, Located, Range } from '../types';
import { finding } from '../findings';
import type { YamlValue } from './values';

/**
 * The first `max` items of a list (or pairs of a map), with an `analysis-limited` finding at the first
 * item left out: a recogniser never drops items silently (a user would read the silence as approval).
 */
export function limited<T>(
  ctx: DocContext,
  findings: Finding[],
  list: { items: T[] } | T[],
  what: string,
  max = 2000,
): T[] {
  const items = Array.isArray(list) ? list : list.items;
  if (items.length <= max) return items;
  const first = items[max];
  const range = nodeRange(ctx, isPair(first) ? first.key : first);
  // A list read more than once (a pod's volumes, once per etcd container) is reported once.
  const reported = findings.some(
    (f) =>
      f.code === 'analysis-limited' &&
      f.range.start.line === range.start.line &&
      f.range.start.character === range.start.character,
  );
  if (!reported) {
    findings.push(
      finding(
        'analysis-limited',
        range,
        `${what} has ${items.length} entries; etcd-capacity read the first ${max}. The entries from here on were not analysed.`,
      ),
    );
  }
  return items.slice(0, max);
}

/** The items of the list at `node` (none when it is not a list), reported past `max` as `limited` does. */
export function listItems(ctx: DocContext, findings: Finding[], node: unknown, what: string, max = 2000): unknown[] {
  const seq = asSeq(ctx, node);
  return seq ? limited(ctx, findings, seq, what, max) : [];
}

/** The value node of `key` in a map item (alias-safe). */
export function getValue(ctx: DocContext, item: unknown, key: string): Node | undefined {
  const p = getPairOf(ctx, item, key);
  return p?.value ? (p.value as Node) : undefined;
}

export function getPairOf(ctx: DocContext, item: unknown, key: string): Pair | undefined {
  return getPair(ctx, item, key);
}

/** Range of a part [from, to) of a scalar's text, when the scalar is written verbatim. */
export function verbatimRange(ctx: DocContext, node: unknown, from: number, to: number): Range | undefined {
  const start = verbatimStart(ctx, node);
  if (start === undefined) return undefined;
  return offsetRange(ctx.lineCounter, ctx.text, start + from, start + to);
}

export function yamlValue(ctx: DocContext, node: unknown): YamlValue {
  if (node === null || node === undefined) return { t: 'null' };
  const n = deref(ctx, node);
  if (!n) return { t: 'other' };
  if (isMap(n)) return { t: 'map' };
  if (isSeq(n)) return { t: 'seq', items: n.items.map((i) => scalarString(ctx, i)) };
  if (isScalar(n)) {
    const v = n.value;
    const source = scalarString(ctx, n) ?? '';
    if (v === null || v === undefined) return { t: 'null' };
    if (typeof v === 'string') return { t: 'string', v, source: v };
    if (typeof v === 'number') return { t: 'number', v, source };
    if (typeof v === 'boolean') return { t: 'bool', v, source };
  }
  return { t: 'other' };
}

export function located<T>(value: T, s: { range: Range; keyRange?: Range }): Located<T> {
  const l: Located<T> = { value, range: s.range };
  if (s.keyRange) l.keyRange = s.keyRange;
  return l;
}

/** The scalar items of a list as text; with `findings`, items past the limit are reported. */
export function seqStrings(ctx: DocContext, node: unknown, findings?: Finding[]): { text: string; node: Node }[] {
  const seq = asSeq(ctx, node);
  if (!seq) return [];
  const out: { text: string; node: Node }[] = [];
  for (const item of findings ? limited(ctx, findings, seq, 'This list', 5000) : seq.items) {
    const t = scalarString(ctx, item);
    if (t !== undefined) out.push({ text: t, node: item as Node });
  }
  return out;
}
