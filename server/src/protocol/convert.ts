// Conversions from analysis findings (plain data) to LSP protocol objects.
import { LINE_BREAK, splitLines } from '../analysis/lines';
import {
  CodeAction,
  CodeActionKind,
  Diagnostic,
  DiagnosticSeverity,
  TextEdit,
  WorkspaceEdit,
} from 'vscode-languageserver/node';
import type { Finding, Severity } from '../analysis/types';

export const DIAGNOSTIC_SOURCE = 'etcd-capacity';

const SEVERITY: Record<Severity, DiagnosticSeverity> = {
  error: DiagnosticSeverity.Error,
  warning: DiagnosticSeverity.Warning,
  information: DiagnosticSeverity.Information,
  hint: DiagnosticSeverity.Hint,
};

export function toDiagnostic(uri: string, finding: Finding): Diagnostic {
  const diagnostic: Diagnostic = {
    range: finding.range,
    severity: SEVERITY[finding.severity],
    code: finding.code,
    codeDescription: { href: finding.docsUrl },
    source: DIAGNOSTIC_SOURCE,
    message: finding.message,
  };
  if (finding.related?.length) {
    diagnostic.relatedInformation = finding.related.map((r) => ({
      location: { uri: r.uri ?? uri, range: r.range },
      message: r.message,
    }));
  }
  return diagnostic;
}

/** Quick fixes the analysis suggested, as workspace edits the user may pick. Nothing is applied without that. */
export function toCodeActions(uri: string, finding: Finding, diagnostic: Diagnostic): CodeAction[] {
  return (finding.fixes ?? []).map((fix, index) => {
    const changes: Record<string, TextEdit[]> = {};
    for (const edit of fix.edits) {
      const target = edit.uri ?? uri;
      (changes[target] ??= []).push(TextEdit.replace(edit.range, edit.newText));
    }
    const edit: WorkspaceEdit = { changes };
    return {
      title: fix.title,
      kind: CodeActionKind.QuickFix,
      diagnostics: [diagnostic],
      isPreferred: index === 0,
      edit,
    };
  });
}

/**
 * "Suppress on this line" and "in this file" for any of our diagnostics: a comment the analysis honours
 * (see analysis/suppression.ts). The line comment goes above the finding's line with its indentation.
 */
export function suppressionActions(uri: string, text: string, diagnostic: Diagnostic): CodeAction[] {
  const code = typeof diagnostic.code === 'string' ? diagnostic.code : undefined;
  if (!code) return [];
  const line = diagnostic.range.start.line;
  const lineText = splitLines(text)[line] ?? '';
  const nl = LINE_BREAK.exec(text)?.[0] ?? '\n';
  const indent = /^\s*/.exec(lineText)?.[0] ?? '';
  const start = { line, character: 0 };
  const top = { line: 0, character: 0 };
  const make = (title: string, at: { line: number; character: number }, newText: string): CodeAction => ({
    title,
    kind: CodeActionKind.QuickFix,
    diagnostics: [diagnostic],
    edit: { changes: { [uri]: [TextEdit.insert(at, newText)] } },
  });
  return [
    make(`Suppress ${code} on this line`, start, `${indent}# etcd-capacity-disable-next-line ${code}${nl}`),
    make(`Suppress ${code} in this file`, top, `# etcd-capacity-disable ${code}${nl}`),
  ];
}
