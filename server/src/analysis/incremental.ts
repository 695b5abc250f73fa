// Incremental recognition for the language server: the text is cut into pieces that parse alone
// exactly as inside the file (documents.ts), each piece's facts, findings and comments are cached by
// its text, and a new version of the file re-parses only the pieces whose text changed. Cached
// results are shifted by the line where their piece starts now and by the number of documents
// before it. The result is identical to `recogniseFile` of the whole text (test/unit/analysis/
// incremental.test.ts checks that on generated texts and edit sequences).
import { analysedLength, binaryOffset, checkText, MAX_ANALYSED_CHARS, splitDocuments } from './documents';
import {
  attachTopologyRefs,
  linkFacts,
  recognisePiece,
  type RecognisedFile,
  type RecognisedPiece,
} from './recognisers';
import type { DocumentFact, Finding } from './types';
import { withLoneCrAsLf } from './lines';

interface PieceEntry {
  piece: RecognisedPiece;
  /** The last `recognise` call that used this piece (older ones are dropped). */
  generation: number;
  /** Line breaks in the piece's text. */
  lines: number;
  /** The piece's results placed at `lineOffset` / `docOffset` (the last placement asked for). */
  placed?: {
    lineOffset: number;
    docOffset: number;
    facts: DocumentFact[];
    findings: Finding[];
    comments: { line: number; text: string }[];
    docStartLines: number[];
  };
}

/** Shifts every `{line, character}` in plain data by `delta` lines; copies what it changes, shares the rest. */
function shiftLines<T>(value: T, delta: number): T {
  if (delta === 0 || value === null || typeof value !== 'object') return value;
  if (Array.isArray(value)) return value.map((v) => shiftLines(v, delta)) as T;
  const proto = Object.getPrototypeOf(value);
  if (proto !== Object.prototype && proto !== null) return value; // Date, bigint wrappers...: values, not positions
  const obj = value as Record<string, unknown>;
  if (typeof obj.line === 'number' && typeof obj.character === 'number') {
    return { ...obj, line: obj.line + delta } as T;
  }
  const out: Record<string, unknown> = {};
  for (const key of Object.keys(obj)) {
    // `raw` is the YAML value as written: user data, never a position.
    out[key] = key === 'raw' ? obj[key] : shiftLines(obj[key], delta);
  }
  return out as T;
}

function countLines(text: string): number {
  let n = 0;
  for (let i = text.indexOf('\n'); i !== -1; i = text.indexOf('\n', i + 1)) n++;
  return n;
}

/** A flat copy of a string, so a cache key does not keep the whole file text it was sliced from alive. */
function ownCopy(s: string): string {
  return s.length < 16 ? s : Buffer.from(s, 'utf16le').toString('utf16le');
}

export interface IncrementalStats {
  pieces: number;
  parsed: number;
}

export class IncrementalRecogniser {
  /** Cached pieces by text: `middle` ones clamp into the next piece's `---`, `last` ones at their own end. */
  private middle = new Map<string, PieceEntry>();
  private last = new Map<string, PieceEntry>();
  private generation = 0;
  /** The piece looked at last to decide where the one before it ends (saves looking it up twice). */
  private ahead: { text: string; from: number; to: number; entry: PieceEntry } | undefined;
  private parsedNow = 0;
  /** Where the last unfinished `warm` of this text stopped (a piece index). */
  private warmed: { text: string; next: number; starts: number[]; length: number } | undefined;
  /** What the last `recognise` did (for the benchmark and tests). */
  stats: IncrementalStats = { pieces: 0, parsed: 0 };

  /**
   * Recognises pieces not yet cached, in order, until `deadline` (a `performance.now()` value) has
   * passed; returns true when every piece of `text` is cached. Lets a caller spread the first
   * analysis of a huge file over several turns of the event loop.
   */
  warm(text: string, deadline: number): boolean {
    // The next slice of the same text goes on where the last one stopped, with the same layout,
    // rather than scanning the text and looking up every piece already parsed again (quadratic over
    // the slices of a large file).
    let warmed = this.warmed?.text === text ? this.warmed : undefined;
    if (!warmed) {
      // Binary text is never parsed (checkText): nothing to warm, as `recognise` answers at once.
      if (binaryOffset(text) !== -1) return true;
      warmed = { text, next: 0, ...this.layout(text) };
    }
    const { starts, length } = warmed;
    let i = warmed.next;
    while (i < starts.length && starts[i]! < length) {
      // At least one piece per call, so that even a deadline already passed makes progress.
      if (i > warmed.next && performance.now() > deadline) {
        this.ahead = undefined;
        this.warmed = { ...warmed, next: i };
        return false;
      }
      i = this.entry(text, starts, i, length).next;
    }
    this.ahead = undefined;
    this.warmed = undefined;
    return true;
  }

  /** The facts, findings and comments of `text`, as `recogniseFile(text)` gives them. Never throws. */
  recognise(input: string): RecognisedFile {
    const text = withLoneCrAsLf(input);
    let split: number[] | undefined;
    const pieceStarts = (): number[] => (split ??= splitDocuments(text));
    const check = checkText(text, pieceStarts);
    if (!check.parse) return { facts: [], findings: check.findings, documentCount: 0, comments: [], docStartLines: [] };
    const layout = this.layout(text, pieceStarts());

    this.generation++;
    this.parsedNow = 0;
    const facts: DocumentFact[] = [];
    const findings: Finding[] = [...check.findings];
    const comments: { line: number; text: string }[] = [];
    const docStartLines: number[] = [];
    const pieceLines: { start: number; line: number }[] = [];
    let lineOffset = 0;
    let docOffset = 0;
    const { length, starts } = layout;
    for (let i = 0; i < starts.length && starts[i]! < length;) {
      const { entry, next } = this.entry(text, starts, i, length);
      const placed = this.place(entry, lineOffset, docOffset);
      for (const f of placed.facts) facts.push(f);
      for (const f of placed.findings) findings.push(f);
      for (const c of placed.comments) comments.push(c);
      for (const l of placed.docStartLines) docStartLines.push(l);
      pieceLines.push({ start: starts[i]!, line: lineOffset });
      lineOffset += entry.lines;
      docOffset += entry.piece.documentCount;
      i = next;
    }
    // Keep only the pieces of this version: memory stays proportional to the open text.
    for (const map of [this.middle, this.last]) {
      for (const [key, entry] of map) if (entry.generation !== this.generation) map.delete(key);
    }
    this.stats = { pieces: pieceLines.length, parsed: this.parsedNow };
    this.ahead = undefined;
    this.warmed = undefined;

    const lineText = (line: number): string => {
      let p = 0;
      while (p + 1 < pieceLines.length && pieceLines[p + 1]!.line <= line) p++;
      let offset = pieceLines[p]?.start ?? 0;
      for (let l = pieceLines[p]?.line ?? 0; l < line && offset !== -1; l++) {
        const nl = text.indexOf('\n', offset);
        offset = nl === -1 ? -1 : nl + 1;
      }
      if (offset === -1) return '';
      const end = text.indexOf('\n', offset);
      return text.slice(offset, end === -1 ? text.length : end);
    };
    return {
      facts: attachTopologyRefs(lineText, comments, docStartLines, linkFacts(facts)),
      findings,
      documentCount: docOffset,
      comments,
      docStartLines,
    };
  }

  private layout(text: string, starts = splitDocuments(text)): { starts: number[]; length: number } {
    const length = text.length > MAX_ANALYSED_CHARS ? analysedLength(text, starts) : text.length;
    return { starts, length };
  }

  /** The cached (or newly recognised) piece of text[from, to); `to` at the text's end makes it the last. */
  private lookup(text: string, from: number, to: number): PieceEntry {
    const ahead = this.ahead;
    if (ahead && ahead.text === text && ahead.from === from && ahead.to === to) return ahead.entry;
    const isLast = to === text.length;
    const slice = text.slice(from, to);
    const map = isLast ? this.last : this.middle;
    let entry = map.get(slice);
    if (!entry) {
      const key = ownCopy(slice);
      // A piece other than the last is parsed with the `---` that follows it in the file.
      entry = { piece: recognisePiece(key, !isLast), lines: countLines(key), generation: 0 };
      map.set(key, entry);
      this.parsedNow++;
    }
    entry.generation = this.generation;
    return entry;
  }

  /**
   * The piece starting at `starts[i]`, and the index of the piece after it. Pieces are joined when
   * the first would run on into the next (an open quote or flow collection), or when the next one
   * begins with syntax errors the whole file's parser would give to the document before it.
   */
  private entry(text: string, starts: number[], i: number, length: number): { entry: PieceEntry; next: number } {
    const from = starts[i]!;
    const end = (j: number): number => {
      const s = starts[j];
      return s !== undefined && s < length ? s : length;
    };
    // The join grows by 1, 2, 4, ... pieces: an open quote that runs to the end of a file of n pieces
    // costs about two parses of the rest, not n parses of growing length (quadratic time and memory).
    // A join larger than the smallest that works is still a piece that parses as inside the file.
    for (let j = i + 1, step = 1; ; j += step, step *= 2) {
      const to = end(j);
      const entry = this.lookup(text, from, to);
      if (to < length) {
        if (entry.piece.runsOn) continue;
        const next = this.lookup(text, to, end(j + 1));
        this.ahead = { text, from: to, to: end(j + 1), entry: next };
        if (next.piece.leadingErrors > 0) continue;
      }
      return { entry, next: j };
    }
  }

  private place(entry: PieceEntry, lineOffset: number, docOffset: number): NonNullable<PieceEntry['placed']> {
    const p = entry.placed;
    if (p && p.lineOffset === lineOffset && p.docOffset === docOffset) return p;
    const { piece } = entry;
    const facts = piece.facts.map((f) => {
      const shifted = shiftLines(f, lineOffset);
      const copy = shifted === f ? { ...f } : shifted;
      copy.documentIndex = f.documentIndex + docOffset;
      return copy;
    });
    const placed = {
      lineOffset,
      docOffset,
      facts,
      findings: shiftLines(piece.findings, lineOffset),
      comments:
        lineOffset === 0 ? piece.comments : piece.comments.map((c) => ({ line: c.line + lineOffset, text: c.text })),
      docStartLines: lineOffset === 0 ? piece.docStartLines : piece.docStartLines.map((l) => l + lineOffset),
    };
    entry.placed = placed;
    return placed;
  }
}
