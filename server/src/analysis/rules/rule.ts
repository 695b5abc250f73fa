// What a rule is and what it sees. Rules are pure: facts and settings in, findings out.
import type { ClusterViews } from '../cluster';
import type { AnalysisSettings } from '../settings';
import type { DocumentFact, Finding, Range, Severity } from '../types';
import type { TopologyIndex } from '../workspace';
import type { DocsUrl } from '../docs';

export interface RuleContext {
  uri: string;
  /** The document text, for reading what a range holds (quoting of a value a fix replaces). */
  text: string;
  settings: AnalysisSettings;
  facts: DocumentFact[];
  views: ClusterViews;
  workspace?: TopologyIndex;
  /** The text a range covers (single-line ranges; '' when out of bounds). */
  textAt(range: Range): string;
}

export interface Rule {
  code: string;
  /** The severity of its findings; the only other one a finding may have is `lesser`'s. */
  defaultSeverity: Severity;
  /** A milder grade some findings of this rule get, and when (said in the README's table). */
  lesser?: { severity: Severity; when: string };
  docsUrl: DocsUrl;
  description: string;
  check(ctx: RuleContext): Finding[];
}

export { DOCS } from '../docs';
