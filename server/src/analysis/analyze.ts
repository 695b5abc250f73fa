// The analysis entry point shared by the language server, the CLI and tests:
// YAML text → recognised facts → rules → settings and suppression comments → findings.
import { buildClusterViews } from './cluster';
import { finding } from './findings';
import { lineStarts } from './lines';
import { recogniseFile, type RecognisedFile } from './recognisers';
import { RULES } from './rules';
import type { RuleContext } from './rules/rule';
import { resolveSettings, type AnalysisSettings } from './settings';
import { isSuppressed, parseSuppressions, scanComments } from './suppression';
import type { DocumentFact, Finding, Range } from './types';
import type { TopologyIndex } from './workspace';

export interface AnalysisResult {
  findings: Finding[];
  facts: DocumentFact[];
  recognised: RecognisedFile;
}

export const ANALYSIS_ERROR = 'analysis-error' as const;
const ORIGIN: Range = { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } };

export function internalError(what: string, error: unknown): Finding {
  const detail = error instanceof Error ? error.message : String(error);
  return finding(
    ANALYSIS_ERROR,
    ORIGIN,
    `etcd-capacity: ${what} failed on this file (${detail}); the other checks still ran. Please report this with the file.`,
  );
}

function validPosition(p: unknown): boolean {
  const pos = p as { line?: unknown; character?: unknown } | undefined;
  return (
    !!pos &&
    Number.isInteger(pos.line) &&
    Number.isInteger(pos.character) &&
    (pos.line as number) >= 0 &&
    (pos.character as number) >= 0
  );
}

/** Runs the rules on already recognised facts (what analyzeFile does after recogniseFile). */
export function analyzeRecognised(
  uri: string,
  text: string,
  recognised: RecognisedFile,
  settings?: Partial<AnalysisSettings>,
  workspace?: TopologyIndex,
): AnalysisResult {
  const resolved = resolveSettings(settings);
  const facts = Array.isArray(recognised?.facts) ? recognised.facts : [];
  const raw: Finding[] = Array.isArray(recognised?.findings) ? [...recognised.findings] : [];

  let starts: number[] | undefined;
  const ctxBase = {
    uri,
    text,
    settings: resolved,
    facts,
    workspace,
    textAt(range: Range): string {
      if (!validPosition(range?.start) || !validPosition(range?.end) || range.start.line !== range.end.line) return '';
      starts ??= lineStarts(text);
      const base = starts[range.start.line];
      if (base === undefined) return '';
      return text.slice(base + range.start.character, base + range.end.character);
    },
  };
  let ctx: RuleContext | undefined;
  try {
    ctx = { ...ctxBase, views: buildClusterViews(uri, facts, resolved, workspace) };
  } catch (error) {
    raw.push(internalError('reading the cluster layout', error));
  }
  if (ctx) {
    for (const rule of RULES) {
      if (resolved.rules[rule.code]?.enabled === false) continue;
      try {
        raw.push(...rule.check(ctx));
      } catch (error) {
        raw.push(internalError(`rule ${rule.code}`, error));
      }
    }
  }

  const comments = Array.isArray(recognised?.comments) ? recognised.comments : scanComments(text);
  const suppressions = parseSuppressions(comments);
  const findings: Finding[] = [];
  for (const f of raw) {
    if (!f || typeof f.code !== 'string') continue;
    const rule = resolved.rules[f.code];
    if (rule?.enabled === false) continue;
    const finding: Finding =
      validPosition(f.range?.start) && validPosition(f.range?.end) ? { ...f } : { ...f, range: ORIGIN };
    if (rule?.severity) finding.severity = rule.severity;
    if (isSuppressed(suppressions, finding)) continue;
    findings.push(finding);
  }
  return { findings, facts, recognised };
}

export function analyzeFile(
  uri: string,
  text: string,
  settings?: Partial<AnalysisSettings>,
  workspace?: TopologyIndex,
): AnalysisResult {
  let recognised: RecognisedFile;
  try {
    recognised = recogniseFile(text);
  } catch (error) {
    recognised = {
      facts: [],
      findings: [internalError('reading the YAML', error)],
      documentCount: 0,
      comments: scanComments(text),
      docStartLines: [],
    };
  }
  return analyzeRecognised(uri, text, recognised, settings, workspace);
}
