// Where a YAML file may be cut into pieces that parse on their own exactly as they do inside the
// file, and the checks on the whole text that come before any parsing (binary, encoding, size).
//
// A `---` at column 0 followed by a space, a tab, a line break or the end of the text always starts
// a document: the `yaml` lexer ends any scalar, flow collection or block at it. So the text from one
// such marker to the next parses alone into the same documents, with the same errors, as inside the
// file. Two exceptions keep a piece attached to what follows it:
// - the text before the first marker (comments, a bare document, `...` lines) joins the first
//   marker's piece, so that errors the parser holds for "the next document" still find it;
// - from the first line that starts with `%` (a directive, whose effect can last over later
//   documents), the rest of the file is one piece.
// Nothing here parses; everything is linear in the text and uses native string search.
import { finding } from './findings';
import type { Finding, Range } from './types';

/**
 * Start offsets of the pieces; always begins with 0. Only pieces that start within MAX_ANALYSED_CHARS
 * are listed (no later one is ever read), so a 100 MB text costs a scan of its first 1.5 MiB.
 */
export function splitDocuments(text: string): number[] {
  const starts = [0];
  // (A directive past the limit changes nothing that is read; slicing a flat string copies nothing.)
  const directive = text.charCodeAt(0) === 37 /* % */ ? 0 : text.slice(0, MAX_ANALYSED_CHARS + 1).indexOf('\n%');
  // A marker at offset 0 has no prefix to carry, so the next marker may start a piece.
  let seenMarker = isMarkerAt(text, 0);
  for (let nl = text.indexOf('\n---'); nl !== -1; nl = text.indexOf('\n---', nl + 4)) {
    const at = nl + 1;
    if (at > MAX_ANALYSED_CHARS) break;
    if (directive !== -1 && at > directive) break;
    if (!isMarkerAt(text, at)) continue;
    if (seenMarker) starts.push(at);
    seenMarker = true;
  }
  return starts;
}

function isMarkerAt(text: string, at: number): boolean {
  if (!text.startsWith('---', at)) return false;
  const c = text.charCodeAt(at + 3);
  return Number.isNaN(c) || c === 32 || c === 9 || c === 10 || c === 13;
}

/** Texts longer than this are analysed up to the last piece that ends within it (about 35,000 lines of Kubernetes
 * YAML). */
export const MAX_ANALYSED_CHARS = 1536 * 1024;

/** Offset up to which the pieces are analysed: all of them, or those that end within MAX_ANALYSED_CHARS. */
export function analysedLength(text: string, starts: number[]): number {
  if (text.length <= MAX_ANALYSED_CHARS) return text.length;
  let cut = 0;
  for (let i = 1; i < starts.length && starts[i]! <= MAX_ANALYSED_CHARS; i++) cut = starts[i]!;
  return cut;
}

/** 0-based line and character of an offset, counting `\n` like the parser's line index. */
export function positionOf(text: string, offset: number): Range['start'] {
  let line = 0;
  let lineStart = 0;
  for (let i = text.indexOf('\n'); i !== -1 && i < offset; i = text.indexOf('\n', i + 1)) {
    line++;
    lineStart = i + 1;
  }
  return { line, character: offset - lineStart };
}

function pointRange(text: string, offset: number): Range {
  const start = positionOf(text, offset);
  return { start, end: { line: start.line, character: start.character + 1 } };
}

/**
 * Binary content: a NUL character, or mostly control and replacement characters at the start.
 * Returns the offset to report at, or -1 for text.
 */
export function binaryOffset(text: string): number {
  const nul = text.indexOf('\u0000');
  if (nul !== -1) return nul;
  const head = Math.min(text.length, 8192);
  let odd = 0;
  let first = -1;
  for (let i = 0; i < head; i++) {
    const c = text.charCodeAt(i);
    if ((c < 32 && c !== 9 && c !== 10 && c !== 13) || c === 0xfffd || c === 0x7f) {
      odd++;
      if (first === -1) first = i;
    }
  }
  return head > 0 && odd / head > 0.1 ? first : -1;
}

export interface TextCheck {
  /** Findings about the text as a whole, reported before any document's. */
  findings: Finding[];
  /** False when the text must not be parsed at all (binary). */
  parse: boolean;
}

/** The checks on the whole text that come before parsing; cheap, never throws. */
export function checkText(text: string, starts: () => number[]): TextCheck {
  const bin = binaryOffset(text);
  if (bin !== -1) {
    return {
      parse: false,
      findings: [
        finding(
          'yaml-syntax',
          pointRange(text, bin),
          'This is not a text YAML file: it contains binary data (NUL or control bytes). Nothing in it was analysed; check that the right file has the .yaml name.',
        ),
      ],
    };
  }
  const findings: Finding[] = [];
  const replacement = text.indexOf('\ufffd');
  if (replacement !== -1) {
    findings.push(
      finding(
        'non-utf8-text',
        pointRange(text, replacement),
        'The file contains U+FFFD replacement characters: it was probably not saved as UTF-8, and bytes that are not UTF-8 were lost. Kubernetes and etcd read YAML as UTF-8; save the file as UTF-8.',
      ),
    );
  }
  if (text.length > MAX_ANALYSED_CHARS) {
    const cut = analysedLength(text, starts());
    const mib = (text.length / (1024 * 1024)).toFixed(1);
    const message =
      cut === 0
        ? `This file is ${mib} MiB; etcd-capacity analyses files up to ${MAX_ANALYSED_CHARS / (1024 * 1024)} MiB and documents that end within that size, and none does here. Nothing was analysed; split the file to review it.`
        : `This file is ${mib} MiB; etcd-capacity analysed only the documents that end within the first ${MAX_ANALYSED_CHARS / (1024 * 1024)} MiB. The documents from here on were not analysed; split the file to review them.`;
    findings.push(finding('analysis-limited', pointRange(text, cut), message));
  }
  return { findings, parse: true };
}
