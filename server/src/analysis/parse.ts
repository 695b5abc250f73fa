// YAML parsing helpers shared by the recognisers: offsets → 0-based LSP positions, alias-safe
// navigation of `yaml` nodes, and comment collection. Nothing here recurses over a node tree,
// so 10,000-deep input cannot overflow the stack; aliases are resolved at most once per step and
// never expanded (no alias bombs).
//
// Documents are parsed as YAML 1.1, like Kubernetes and etcd do (both read YAML through
// sigs.k8s.io/yaml, i.e. go-yaml v2): `yes`/`on`/`y` are booleans, `010` is octal, `<<` merges, and
// numbers follow go-yaml's own rules (analysis/goYaml.ts), not the YAML 1.1 regexes.
import {
  Composer,
  Document,
  Lexer,
  Parser,
  LineCounter,
  isAlias,
  isMap,
  isPair,
  isScalar,
  isSeq,
  YAMLParseError,
  type Node,
  type Pair,
  type Scalar,
  type YAMLMap,
  type YAMLSeq,
} from 'yaml';
import type { Position, Range } from './types';
import { goYamlTags } from './goYaml';

export type YamlDocument = Document.Parsed;

/** A parsed file: the text, line index and documents. */
export interface ParsedFile {
  text: string;
  lineCounter: LineCounter;
  documents: YamlDocument[];
  /**
   * Syntax errors the parser met before its first document was complete. Inside a larger file they
   * would belong to the document before this text (analysis/documents.ts).
   */
  leadingErrors: number;
}

/** One document of a parsed file, as the recognisers see it. */
export interface DocContext {
  text: string;
  lineCounter: LineCounter;
  doc: YamlDocument;
  index: number;
}

export const PARSE_OPTIONS = {
  version: '1.1' as const,
  // Plain scalars resolve as go-yaml v2 resolves them (analysis/goYaml.ts): `e1`, `.` and `1:20` are
  // strings, `0o17` is 15, `1e400` is a string, dates are strings.
  customTags: goYamlTags,
  // The library's own duplicate-key check compares each key with every earlier one (quadratic in a
  // flat map of 100k keys); duplicateKeyErrors does it with one Set per map.
  uniqueKeys: false,
  prettyErrors: false,
  strict: false,
  keepSourceTokens: false,
};

/**
 * go-yaml v2 refuses an explicitly tagged scalar that is not of its tag's kind (`!!int 1.5`, `!!bool maybe`): the
 * whole file fails to decode in Kubernetes and etcd. `yaml` reads it as a string with an "Unresolved tag" warning;
 * that warning becomes an error here.
 */
function tagErrors(doc: YamlDocument): YAMLParseError[] {
  const out: YAMLParseError[] = [];
  for (let i = doc.warnings.length - 1; i >= 0; i--) {
    const w = doc.warnings[i]!;
    const kind =
      w.code === 'TAG_RESOLVE_FAILED'
        ? /Unresolved tag: tag:yaml\.org,2002:(int|float|bool|null)\b/.exec(w.message)?.[1]
        : undefined;
    if (!kind) continue;
    doc.warnings.splice(i, 1);
    out.unshift(
      new YAMLParseError(
        w.pos,
        'TAG_RESOLVE_FAILED',
        `the value is not a valid !!${kind}: go-yaml (Kubernetes, etcd) cannot decode it and refuses the whole file.`,
      ),
    );
  }
  return out;
}

/**
 * Adds a DUPLICATE_KEY error (the code `yaml` uses) for every map key equal to an earlier scalar key of
 * the same map, naming the key (not its line: a
 * piece's findings must not depend on where the piece sits in the file). Linear: one Set per map, an explicit stack
 * (no recursion), aliases not followed. Equality is `yaml`'s: scalar values compared with ===.
 */
function addDuplicateKeyErrors(doc: YamlDocument): YamlDocument {
  const found: YAMLParseError[] = tagErrors(doc);
  const stack: unknown[] = [doc.contents];
  while (stack.length > 0) {
    const node = stack.pop();
    if (isMap(node)) {
      const seen = new Map<unknown, Scalar>();
      for (const pair of node.items) {
        const key = pair.key;
        if (isScalar(key) && !Number.isNaN(key.value)) {
          const first = seen.get(key.value);
          if (first === undefined) seen.set(key.value, key);
          else if (key.range) {
            const name = JSON.stringify(String(key.value)).slice(0, 80);
            found.push(
              new YAMLParseError(
                [key.range[0], key.range[0] + 1],
                'DUPLICATE_KEY',
                `Map keys must be unique: key ${name} appears earlier in this map.`,
              ),
            );
          }
        } else if (key && typeof key === 'object') stack.push(key);
        stack.push(pair.value);
      }
    } else if (isSeq(node)) {
      for (const item of node.items) stack.push(item);
    }
  }
  if (found.length > 0) {
    // Keep the errors in source order, as the library reported them.
    const all = [...doc.errors, ...found].map((e, i) => ({ e, i }));
    all.sort((a, b) => (a.e.pos?.[0] ?? 0) - (b.e.pos?.[0] ?? 0) || a.i - b.i);
    doc.errors.splice(0, doc.errors.length, ...all.map((x) => x.e));
  }
  return doc;
}

/** Parses every document of `text`; never throws (a failure yields no documents). */
export function parseFile(text: string): ParsedFile {
  // The line index is built from the text itself: the parser's own LineCounter callback misses
  // line breaks inside tokens it cannot make sense of, which shifts every later position.
  const lineCounter = new LineCounter();
  lineCounter.addNewLine(0);
  for (let i = text.indexOf('\n'); i >= 0; i = text.indexOf('\n', i + 1)) lineCounter.addNewLine(i + 1);
  const documents: YamlDocument[] = [];
  let leadingErrors = 0;
  let seenDocument = false;
  try {
    // parseAllDocuments, token by token, to see where errors arrive.
    const composer = new Composer(PARSE_OPTIONS);
    for (const token of new Parser().parse(text)) {
      if (token.type === 'document') seenDocument = true;
      else if (token.type === 'error' && !seenDocument) leadingErrors++;
      for (const doc of composer.next(token)) documents.push(addDuplicateKeyErrors(doc as YamlDocument));
    }
    for (const doc of composer.end()) documents.push(addDuplicateKeyErrors(doc as YamlDocument));
  } catch {
    documents.length = 0;
  }
  return { text, lineCounter, documents, leadingErrors };
}

export function clampOffset(text: string, offset: number): number {
  if (!Number.isFinite(offset) || offset < 0) return 0;
  return offset > text.length ? text.length : offset;
}

/** 0-based position of a character offset. */
export function positionAt(lineCounter: LineCounter, text: string, offset: number): Position {
  const p = lineCounter.linePos(clampOffset(text, offset));
  return { line: p.line - 1, character: p.col - 1 };
}

export function offsetRange(lineCounter: LineCounter, text: string, start: number, end: number): Range {
  const s = clampOffset(text, start);
  const e = clampOffset(text, Math.max(start, end));
  return { start: positionAt(lineCounter, text, s), end: positionAt(lineCounter, text, e) };
}

/** Range of a node's value (not including trailing comments), or an empty range at 0. */
export function nodeRange(ctx: DocContext, node: unknown): Range {
  const [start, end] = nodeOffsets(node);
  // Block collections end after their last line break: stop at the last character of the value.
  let e = Math.min(end, ctx.text.length);
  while (e > start && /\s/.test(ctx.text[e - 1]!)) e--;
  return offsetRange(ctx.lineCounter, ctx.text, start, e);
}

export function nodeOffsets(node: unknown): [number, number] {
  const r = (node as { range?: [number, number, number] | null } | null | undefined)?.range;
  if (!r) return [0, 0];
  return [r[0], r[1]];
}

/** Range of a document's contents (or the document start when empty). */
export function documentRange(ctx: DocContext): Range {
  const c = ctx.doc.contents;
  if (c) return nodeRange(ctx, c);
  const r = ctx.doc.range;
  return offsetRange(ctx.lineCounter, ctx.text, r?.[0] ?? 0, r?.[0] ?? 0);
}

/** Follows an alias once; an alias to an alias (or an unresolvable one) yields undefined. */
export function deref(ctx: DocContext, node: unknown): Node | undefined {
  if (node === null || node === undefined) return undefined;
  if (isAlias(node)) {
    const target = resolveAlias(ctx.doc, node.source, node.range?.[0] ?? Number.MAX_SAFE_INTEGER);
    if (!target || isAlias(target)) return undefined;
    return target;
  }
  if (isMap(node) || isSeq(node) || isScalar(node)) return node as Node;
  return undefined;
}

interface AnchorDefinition {
  start: number;
  node: Node;
}

// `Alias.resolve` walks the whole document per alias, so a compose file with 1,000 `<<: *defaults`
// costs 1,000 walks; one walk per document builds this index instead.
const anchorIndexes = new WeakMap<YamlDocument, Map<string, AnchorDefinition[]>>();

function anchorIndex(doc: YamlDocument): Map<string, AnchorDefinition[]> {
  let index = anchorIndexes.get(doc);
  if (index) return index;
  index = new Map();
  const stack: unknown[] = [doc.contents];
  while (stack.length > 0) {
    const n = stack.pop();
    if (!n || typeof n !== 'object') continue;
    if (isMap(n) || isSeq(n) || isScalar(n)) {
      const anchor = (n as Node).anchor;
      if (anchor) {
        const list = index.get(anchor) ?? [];
        list.push({ start: (n as Node).range?.[0] ?? 0, node: n as Node });
        index.set(anchor, list);
      }
    }
    if (isMap(n)) {
      for (let i = n.items.length - 1; i >= 0; i--) stack.push(n.items[i]!.value, n.items[i]!.key);
    } else if (isSeq(n)) {
      for (let i = n.items.length - 1; i >= 0; i--) stack.push(n.items[i]);
    }
  }
  for (const list of index.values()) list.sort((a, b) => a.start - b.start);
  anchorIndexes.set(doc, index);
  return index;
}

/** The latest definition of `anchor` before `offset` (YAML: an alias refers to the closest preceding anchor). */
function resolveAlias(doc: YamlDocument, anchor: string, offset: number): Node | undefined {
  const list = anchorIndex(doc).get(anchor);
  if (!list) return undefined;
  let lo = 0;
  let hi = list.length - 1;
  let found: AnchorDefinition | undefined;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    if (list[mid]!.start < offset) {
      found = list[mid];
      lo = mid + 1;
    } else hi = mid - 1;
  }
  return found?.node;
}

export function asMap(ctx: DocContext, node: unknown): YAMLMap | undefined {
  const n = deref(ctx, node);
  return n && isMap(n) ? (n as YAMLMap) : undefined;
}

export function asSeq(ctx: DocContext, node: unknown): YAMLSeq | undefined {
  const n = deref(ctx, node);
  return n && isSeq(n) ? (n as YAMLSeq) : undefined;
}

export function asScalar(ctx: DocContext, node: unknown): Scalar | undefined {
  const n = deref(ctx, node);
  return n && isScalar(n) ? (n as Scalar) : undefined;
}

/** The text of a key node: scalar keys only (`<<` merge keys come back as `<<`). */
export function keyText(node: unknown): string | undefined {
  if (!isScalar(node)) return undefined;
  const v = node.value;
  if (typeof v === 'symbol') return '<<';
  if (v === null || v === undefined) return '';
  if (typeof v === 'object') return undefined;
  return String(v);
}

/** The pairs of a map, with `<<: *anchor` merges folded in (one level, earlier keys win as in YAML 1.1). */
export function mapPairs(ctx: DocContext, map: YAMLMap): Pair[] {
  const own: Pair[] = [];
  let merged: Pair[] | undefined;
  for (const item of map.items) {
    if (!isPair(item)) continue;
    if (keyText(item.key) === '<<' && (isAlias(item.value) || isMap(item.value) || isSeq(item.value))) {
      const sources = isSeq(item.value) ? item.value.items : [item.value];
      for (const src of sources.slice(0, 16)) {
        const m = asMap(ctx, src);
        if (m) for (const p of m.items) if (isPair(p) && keyText(p.key) !== '<<') (merged ??= []).push(p as Pair);
      }
      continue;
    }
    own.push(item as Pair);
  }
  if (!merged) return own;
  const seen = new Set(own.map((p) => keyText(p.key)));
  for (const p of merged) {
    const k = keyText(p.key);
    if (k !== undefined && !seen.has(k)) {
      seen.add(k);
      own.push(p);
    }
  }
  return own;
}

/** The pair for `key` in a map (merge-aware), if any. */
export function getPair(ctx: DocContext, node: unknown, key: string): Pair | undefined {
  const map = asMap(ctx, node);
  if (!map) return undefined;
  for (const item of map.items) if (isPair(item) && keyText(item.key) === key) return item as Pair;
  for (const p of mapPairs(ctx, map)) if (keyText(p.key) === key) return p;
  return undefined;
}

/** The value node at a key path (each step alias-resolved once). */
export function getIn(ctx: DocContext, node: unknown, ...path: (string | number)[]): Node | undefined {
  let cur: Node | undefined = deref(ctx, node);
  for (const step of path) {
    if (!cur) return undefined;
    if (typeof step === 'number') {
      const seq = asSeq(ctx, cur);
      cur = seq ? deref(ctx, seq.items[step]) : undefined;
    } else {
      const pair = getPair(ctx, cur, step);
      cur = pair ? deref(ctx, pair.value) : undefined;
    }
  }
  return cur;
}

/** A scalar's value as a string: strings as they are, numbers and booleans as their source text. */
export function scalarString(ctx: DocContext, node: unknown): string | undefined {
  const s = asScalar(ctx, node);
  if (!s) return undefined;
  const v = s.value;
  if (typeof v === 'string') return v;
  if (v === null || v === undefined) return undefined;
  if (typeof v === 'number' || typeof v === 'boolean' || typeof v === 'bigint') {
    const src = (s as Scalar & { source?: string }).source;
    return typeof src === 'string' && src.length > 0 ? src : String(v);
  }
  return undefined;
}

/** A scalar string value only (not numbers or booleans). */
export function stringValue(ctx: DocContext, node: unknown): string | undefined {
  const s = asScalar(ctx, node);
  return s && typeof s.value === 'string' ? s.value : undefined;
}

export function numberValue(ctx: DocContext, node: unknown): number | undefined {
  const s = asScalar(ctx, node);
  if (!s) return undefined;
  if (typeof s.value === 'number' && Number.isFinite(s.value)) return s.value;
  if (typeof s.value === 'string' && /^\s*-?\d+(\.\d+)?\s*$/.test(s.value)) return Number(s.value);
  return undefined;
}

/**
 * Where the text of a scalar's value starts in the source, when the value is written verbatim
 * (plain, or quoted without escapes on one line), so that a part of it can be underlined or edited.
 */
export function verbatimStart(ctx: DocContext, node: unknown): number | undefined {
  const s = asScalar(ctx, node);
  if (!s || !s.range || typeof s.value !== 'string') return undefined;
  const [start, end] = s.range;
  const src = ctx.text.slice(start, end);
  if (s.type === 'PLAIN' && src === s.value) return start;
  if ((s.type === 'QUOTE_DOUBLE' || s.type === 'QUOTE_SINGLE') && src.slice(1, -1) === s.value) return start + 1;
  return undefined;
}

/** Every comment in the text with its 0-based line; block scalar contents are not comments. */
export function collectComments(text: string, lineCounter: LineCounter): { line: number; text: string }[] {
  const out: { line: number; text: string }[] = [];
  if (!text.includes('#')) return out;
  let offset = 0;
  let afterScalarMarker = false;
  try {
    for (const token of new Lexer().lex(text)) {
      // Control tokens (document start, scalar marker, flow end) are not in the source.
      if (token.length === 1 && (token === '\u0002' || token === '\u0018' || token === '\u001f')) {
        afterScalarMarker = token === '\u001f';
        continue;
      }
      if (!afterScalarMarker && token.charCodeAt(0) === 35 /* # */) {
        out.push({ line: positionAt(lineCounter, text, offset).line, text: token });
      }
      afterScalarMarker = false;
      offset += token.length;
    }
  } catch {
    // The lexer does not throw on malformed input; keep what was collected if it ever does.
  }
  return out;
}

/** Range of a pair's key, when the key is a node with a range. */
export function keyRange(ctx: DocContext, pair: Pair): Range | undefined {
  return isScalar(pair.key) || isMap(pair.key) || isSeq(pair.key) ? nodeRange(ctx, pair.key) : undefined;
}

export { isMap, isPair, isScalar, isSeq };
export type { Node, Pair, YAMLMap };
