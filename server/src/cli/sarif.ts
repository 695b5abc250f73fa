// SARIF 2.1.0 output for code-scanning tools (GitHub, Azure DevOps, IDE viewers).
import * as path from 'node:path';
import { pathToFileURL } from 'node:url';
import type * as Sarif from 'sarif';
import type { Finding, Severity } from '../analysis/types';
import { RULES } from '../analysis/rules';

export interface FileFinding extends Finding {
  file: string;
}

/**
 * A SARIF `artifactLocation.uri` (an RFC 3986 URI reference, §3.10.2): a `file:` URL for an absolute
 * path, else a relative reference whose segments are percent-encoded, so that a space, `#`, `%`, `?`
 * or a non-ASCII letter in a file name is read back as the same file (a `:` in the first segment
 * would otherwise read as a scheme).
 */
export function artifactUri(file: string): string {
  if (path.isAbsolute(file)) return pathToFileURL(file).href;
  return file
    .split(path.sep === '\\' ? /[\\/]/ : '/')
    .map(encodeURIComponent)
    .join('/');
}

const LEVEL: Record<Severity, Sarif.Result.level> = {
  error: 'error',
  warning: 'warning',
  information: 'note',
  hint: 'note',
};

export function toSarif(findings: FileFinding[], toolVersion: string): Sarif.Log {
  const rules: Sarif.ReportingDescriptor[] = RULES.map((rule) => ({
    id: rule.code,
    name: rule.code,
    shortDescription: { text: rule.description },
    helpUri: rule.docsUrl,
    defaultConfiguration: { level: LEVEL[rule.defaultSeverity] },
  }));
  const ruleIndex = new Map(rules.map((r, i) => [r.id, i]));
  const results: Sarif.Result[] = findings.map((f) => {
    const result: Sarif.Result = {
      ruleId: f.code,
      level: LEVEL[f.severity],
      message: { text: f.message },
      locations: [
        {
          physicalLocation: {
            artifactLocation: { uri: artifactUri(f.file) },
            // SARIF lines and columns are 1-based; columns count UTF-16 code units, as LSP characters do.
            region: {
              startLine: f.range.start.line + 1,
              startColumn: f.range.start.character + 1,
              endLine: f.range.end.line + 1,
              endColumn: f.range.end.character + 1,
            },
          },
        },
      ],
    };
    const index = ruleIndex.get(f.code);
    if (index !== undefined) result.ruleIndex = index;
    return result;
  });
  return {
    $schema: 'https://json.schemastore.org/sarif-2.1.0.json',
    version: '2.1.0',
    runs: [
      {
        tool: {
          driver: {
            name: 'etcd-capacity',
            version: toolVersion,
            informationUri: 'https://etcd.io/docs/v3.6/tuning/',
            rules,
          },
        },
        columnKind: 'utf16CodeUnits',
        results,
      },
    ],
  };
}
