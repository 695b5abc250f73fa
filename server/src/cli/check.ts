// `etcd-capacity check PATH...`: the same analysis the editor runs, for CI.
import { analyzeFile } from '../analysis/analyze';
import type { AnalysisSettings } from '../analysis/settings';
import type { TopologyIndex } from '../analysis/workspace';
import { indexTopologies, type InputFile } from './inputs';
import { toSarif, type FileFinding } from './sarif';

export type CheckFormat = 'text' | 'json' | 'sarif';

/** `topologies`: the cross-file index (default: built from the inputs; the editor passes its workspace index). */
export function checkFiles(inputs: InputFile[], settings?: Partial<AnalysisSettings>, topologies: TopologyIndex = indexTopologies(inputs)): FileFinding[] {
  const findings: FileFinding[] = [];
  for (const input of inputs) {
    const result = analyzeFile(input.uri, input.text, settings, topologies);
    const sorted = [...result.findings].sort(
      (a, b) => a.range.start.line - b.range.start.line || a.range.start.character - b.range.start.character,
    );
    for (const finding of sorted) findings.push({ ...finding, file: input.display });
  }
  return findings;
}

export function formatFindings(findings: FileFinding[], format: CheckFormat, toolVersion: string): string {
  switch (format) {
    case 'json':
      return JSON.stringify(
        {
          findings: findings.map((f) => ({
            file: f.file,
            range: f.range,
            severity: f.severity,
            code: f.code,
            message: f.message,
            docsUrl: f.docsUrl,
          })),
        },
        null,
        2,
      );
    case 'sarif':
      return JSON.stringify(toSarif(findings, toolVersion), null, 2);
    case 'text': {
      const lines = findings.map(
        (f) => `${f.file}:${f.range.start.line + 1}:${f.range.start.character + 1} ${f.severity} ${f.code} ${f.message}`,
      );
      const errors = findings.filter((f) => f.severity === 'error').length;
      lines.push(`${findings.length} finding(s), ${errors} error(s)`);
      return lines.join('\n');
    }
  }
}
