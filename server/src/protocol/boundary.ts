// LSP-level checks on each incoming message, before any handler sees it (the transport's `check`).
// - Document sync: a didOpen or didChange whose version is not an integer, or whose uri or text is
//   not a string, is dropped with a logged reason: the version would otherwise be echoed back in
//   publishDiagnostics ("abc"), and a document without text cannot be analysed.
// - Positions: every `{line, character}` in a request's or notification's params is made a valid
//   LSP position (integers from 0 to 2^31 - 1; a negative line becomes 0), so no handler computes
//   an edit or a range at line -1; a position whose line or character is not a number makes a
//   request an Invalid params error.
import type { Message } from 'vscode-jsonrpc/node';
import { INVALID_PARAMS, type CheckResult } from './transport';

const MAX_UINTEGER = 2 ** 31 - 1;
/** Objects looked at per message; params deeper or larger than this are passed on unclamped. */
const WALK_BUDGET = 100_000;

function shown(value: unknown): string {
  const s = JSON.stringify(value) ?? String(value);
  return s.length > 60 ? `${s.slice(0, 57)}...` : s;
}

function clampInteger(n: number): number {
  return Math.min(MAX_UINTEGER, Math.max(0, Math.trunc(n)));
}

/**
 * Clamps every position in `params` in place; returns a description of the first position that is
 * not numeric, or undefined. Strings are never walked, so a huge document text costs nothing.
 */
export function clampPositions(params: unknown): string | undefined {
  const stack: unknown[] = [params];
  let budget = WALK_BUDGET;
  while (stack.length > 0 && budget-- > 0) {
    const value = stack.pop();
    if (typeof value !== 'object' || value === null) continue;
    if (Array.isArray(value)) {
      for (const v of value) if (typeof v === 'object' && v !== null) stack.push(v);
      continue;
    }
    const obj = value as Record<string, unknown>;
    if ('line' in obj && 'character' in obj) {
      if (
        typeof obj.line !== 'number' ||
        !Number.isFinite(obj.line) ||
        typeof obj.character !== 'number' ||
        !Number.isFinite(obj.character)
      ) {
        return `position ${shown(obj)} is not a pair of numbers`;
      }
      obj.line = clampInteger(obj.line);
      obj.character = clampInteger(obj.character);
      continue;
    }
    for (const key of Object.keys(obj)) {
      const v = obj[key];
      if (typeof v === 'object' && v !== null) stack.push(v);
    }
  }
  return undefined;
}

function documentProblem(method: string, params: unknown): string | undefined {
  const td = (params as { textDocument?: { uri?: unknown; version?: unknown; text?: unknown } } | null)?.textDocument;
  if (typeof td !== 'object' || td === null) return `${method} without a textDocument`;
  if (typeof td.uri !== 'string') return `${method} textDocument.uri must be a string, got ${shown(td.uri)}`;
  if (!Number.isInteger(td.version))
    return `${method} for ${td.uri}: version must be an integer, got ${shown(td.version)}`;
  if (method === 'textDocument/didOpen' && typeof td.text !== 'string') {
    return `${method} for ${td.uri}: text must be a string, got ${shown(td.text)}`;
  }
  if (method === 'textDocument/didChange') {
    const changes = (params as { contentChanges?: unknown }).contentChanges;
    if (!Array.isArray(changes)) return `${method} for ${td.uri}: contentChanges must be an array`;
    for (const c of changes as { text?: unknown }[]) {
      if (typeof c !== 'object' || c === null || typeof c.text !== 'string') {
        return `${method} for ${td.uri}: each content change needs a text string, got ${shown(c)}`;
      }
    }
  }
  return undefined;
}

/** The server's boundary check: drop or answer what no handler should see, clamp positions in the rest. */
export function checkMessage(message: Message): CheckResult {
  const m = message as { method?: unknown; id?: unknown; params?: unknown };
  if (typeof m.method !== 'string') return { message };
  if (m.method === 'textDocument/didOpen' || m.method === 'textDocument/didChange') {
    const problem = documentProblem(m.method, m.params);
    if (problem) return { reject: problem };
  }
  if (m.method === 'textDocument/didOpen') return { message }; // no positions; only a (large) text
  const problem = clampPositions(m.params);
  if (problem) return { reject: `${m.method}: ${problem}`, code: INVALID_PARAMS };
  return { message };
}
