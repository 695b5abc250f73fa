// Conversions from analysis findings (plain data) to LSP protocol objects.
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
