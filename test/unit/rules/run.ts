// Runs the analysis on facts built in a test (no YAML), the same way analyzeFile does after recognising.
import { analyzeRecognised } from '../../../server/src/analysis/analyze';
import type { AnalysisSettings } from '../../../server/src/analysis/settings';
import type { DocumentFact, Finding } from '../../../server/src/analysis/types';
import type { TopologyIndex } from '../../../server/src/analysis/workspace';

export function runFacts(
  facts: DocumentFact[],
  settings?: Partial<AnalysisSettings>,
  options: { workspace?: TopologyIndex; comments?: { line: number; text: string }[]; uri?: string; text?: string } = {},
): Finding[] {
  return analyzeRecognised(
    options.uri ?? 'file:///project/test.yaml',
    options.text ?? '',
    { facts, findings: [], documentCount: 1, comments: options.comments ?? [], docStartLines: [0] },
    settings,
    options.workspace,
  ).findings;
}

export function codes(findings: Finding[]): string[] {
  return findings.map((f) => f.code).sort();
}

export function only(findings: Finding[], code: string): Finding[] {
  return findings.filter((f) => f.code === code);
}
