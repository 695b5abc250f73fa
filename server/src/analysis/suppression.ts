/**
 * Suppression comments. In any YAML file the analysis reads:
 *
 * ```yaml
 * # etcd-capacity-disable-next-line even-member-count, slow-fsync
 * members:            # ← findings starting on this line with those codes are dropped
 *
 * election-timeout: 900  # etcd-capacity-disable-line election-timeout-below-10x-rtt
 *
 * # etcd-capacity-disable heartbeat-far-from-rtt   ← whole file, these codes
 * # etcd-capacity-disable                          ← whole file, every rule
 * ```
 *
 * - `etcd-capacity-disable-next-line [codes]`: findings that start on the line after the comment.
 * - `etcd-capacity-disable-line [codes]`: findings that start on the comment's own line (a trailing comment).
 * - `etcd-capacity-disable [codes]`: the whole file, wherever the comment stands.
 * - Codes are separated by commas and/or spaces; no code means every rule. Text after ` -- ` is a free
 *   explanation and is ignored (`# etcd-capacity-disable-line slow-fsync -- lab cluster`).
 *
 * Settings can silence a rule everywhere instead: `etcdCapacity.rules: {"slow-fsync": "off"}`.
 */
import { splitLines } from './lines';
import type { Finding } from './types';

export type CodeSet = Set<string> | 'all';

export interface Suppressions {
  file: CodeSet | undefined;
  /** 0-based line → codes suppressed on that line. */
  lines: Map<number, CodeSet>;
}

const DIRECTIVE = /^#?\s*etcd-capacity-(disable-next-line|disable-line|disable)(?=\s|$)(.*)$/;

function parseCodes(rest: string): CodeSet {
  const body = rest.split(/\s--\s|\s--$/)[0] ?? '';
  const codes = body.split(/[\s,]+/).filter((c) => c !== '');
  return codes.length === 0 ? 'all' : new Set(codes);
}

function merge(into: CodeSet | undefined, add: CodeSet): CodeSet {
  if (into === 'all' || add === 'all') return 'all';
  if (!into) return new Set(add);
  for (const c of add) into.add(c);
  return into;
}

export function parseSuppressions(comments: readonly { line: number; text: string }[] | undefined): Suppressions {
  const result: Suppressions = { file: undefined, lines: new Map() };
  for (const comment of comments ?? []) {
    if (!comment || typeof comment.text !== 'string' || !Number.isInteger(comment.line)) continue;
    const match = DIRECTIVE.exec(comment.text.trim());
    if (!match) continue;
    const codes = parseCodes(match[2] ?? '');
    if (match[1] === 'disable') result.file = merge(result.file, codes);
    else {
      const line = match[1] === 'disable-next-line' ? comment.line + 1 : comment.line;
      result.lines.set(line, merge(result.lines.get(line), codes));
    }
  }
  return result;
}

/** YAML comments found by a plain scan, for when the recogniser gives none: `#` at line start or after a blank. */
export function scanComments(text: string): { line: number; text: string }[] {
  const out: { line: number; text: string }[] = [];
  if (!text.includes('etcd-capacity-disable')) return out;
  const lines = splitLines(text);
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i];
    const at = line.search(/(^|\s)#\s*etcd-capacity-disable/);
    if (at < 0) continue;
    out.push({ line: i, text: line.slice(line.indexOf('#', at)) });
  }
  return out;
}

function has(set: CodeSet | undefined, code: string): boolean {
  return set === 'all' || (set !== undefined && set.has(code));
}

export function isSuppressed(s: Suppressions, finding: Finding): boolean {
  if (has(s.file, finding.code)) return true;
  const line = finding.range?.start?.line;
  return typeof line === 'number' && has(s.lines.get(line), finding.code);
}
