// Completion of etcd config keys, etcd flags and ETCD_* variables, and topology fields, from the schemas
// and the etcd key table; and hover documentation for topology and config-file keys.
import { CompletionItem, CompletionItemKind, Hover, MarkupKind, type Position } from 'vscode-languageserver/node';
import { ENV_NAMES, envToFlag, FLAG_KEYS } from '../analysis/etcdKeys';
import {
  describe,
  ETCD_CONFIG_SCHEMA,
  keyAt,
  keyBeingTyped,
  schemaAt,
  TOPOLOGY_SCHEMA,
  type JsonSchemaNode,
} from '../analysis/schemaDocs';
import { splitLines } from '../analysis/lines';
import type { DocumentFact } from '../analysis/types';

type DocumentKind = 'topology' | 'etcd-config-file' | 'etcd-workload' | 'other';

/** Which kind of document holds `line`, from the facts of the file and where the analysis found its documents. */
function documentKindAt(docStartLines: readonly number[], line: number, facts: DocumentFact[]): DocumentKind {
  let index = 0;
  for (let i = 0; i < docStartLines.length; i++) if (docStartLines[i]! <= line) index = i;
  let kind: DocumentKind = 'other';
  for (const fact of facts) {
    if (fact.documentIndex !== index) continue;
    if (fact.type === 'topology') return 'topology';
    if (fact.type === 'etcd-config')
      kind = fact.recogniser === 'etcd-config-file' ? 'etcd-config-file' : 'etcd-workload';
  }
  return kind;
}

function rootFor(kind: DocumentKind): JsonSchemaNode | undefined {
  if (kind === 'topology') return TOPOLOGY_SCHEMA;
  if (kind === 'etcd-config-file') return ETCD_CONFIG_SCHEMA;
  return undefined;
}

function docs(text: string | undefined) {
  return text ? { kind: MarkupKind.Markdown, value: text } : undefined;
}

export function completions(
  text: string,
  position: Position,
  facts: DocumentFact[],
  docStartLines: readonly number[],
): CompletionItem[] {
  const lines = linesOf(text);
  const before = (lines[position.line] ?? '').slice(0, position.character);
  const kind = documentKindAt(docStartLines, position.line, facts);

  if (kind === 'etcd-workload' || kind === 'etcd-config-file') {
    const flag = /(?:^|[\s"'[,])--([a-z0-9-]*)$/.exec(before);
    if (flag && kind === 'etcd-workload') {
      return [...FLAG_KEYS.values()]
        .filter((spec) => !spec.deprecated)
        .map((spec) => ({
          label: `--${spec.name}`,
          kind: CompletionItemKind.Property,
          insertText: `${spec.name}=`,
          filterText: `--${spec.name}`,
          documentation: docs(spec.description),
        }));
    }
    const env = /\bname:\s*["']?(ETCD_[A-Z0-9_]*)$/.exec(before);
    if (env) {
      return ENV_NAMES.map((name) => ({
        label: name,
        kind: CompletionItemKind.Variable,
        documentation: docs(FLAG_KEYS.get(envToFlag(name) ?? '')?.description),
      }));
    }
  }

  const root = rootFor(kind);
  if (!root) return [];
  const context = keyBeingTyped(lines, position.line, before);
  if (!context) return [];
  const node = schemaAt(root, context.path);
  return Object.entries(node?.properties ?? {}).map(([key, child]) => ({
    label: key,
    kind: CompletionItemKind.Property,
    insertText: `${key}: `,
    documentation: docs(describe(child)),
    tags: child.deprecated ? [1] : undefined,
  }));
}

/** Documentation of the topology field or config-file key under the cursor. */
/** The lines of the last text split (hovers on one version of a large file split it once). */
let split: { text: string; lines: string[] } | undefined;

function linesOf(text: string): string[] {
  if (split?.text !== text) split = { text, lines: splitLines(text) };
  return split.lines;
}

export function keyHover(
  text: string,
  position: Position,
  facts: DocumentFact[],
  docStartLines: readonly number[],
): Hover | undefined {
  const lines = linesOf(text);
  const root = rootFor(documentKindAt(docStartLines, position.line, facts));
  if (!root) return undefined;
  const key = keyAt(lines, position.line, position.character);
  if (!key) return undefined;
  const value = describe(schemaAt(root, [...key.path, key.key]));
  if (!value) return undefined;
  return {
    contents: { kind: MarkupKind.Markdown, value: `**${key.key}**\n\n${value}` },
    range: { start: { line: position.line, character: key.start }, end: { line: position.line, character: key.end } },
  };
}
