// The one way to build a finding: its code, severity and documentation link come from the rule that
// reports it (a registered rule, or one of the recognisers' codes in rules/passthrough.ts).
import type { DocsUrl } from './docs';
import { PASSTHROUGH, type PassthroughCode } from './rules/passthrough';
import type { Rule } from './rules/rule';
import type { Finding, Range, RelatedLocation, SuggestedEdit } from './types';

export interface FindingExtras {
  related?: RelatedLocation[];
  fixes?: SuggestedEdit[];
  /** The rule's registered milder grade (`Rule.lesser`) instead of its default severity. */
  lesser?: boolean;
  /** A more specific page from the table than the rule's own (the kubeadm or Talos reference). */
  docsUrl?: DocsUrl;
}

export function finding(
  rule: Rule | PassthroughCode,
  range: Range,
  message: string,
  extra: FindingExtras = {},
): Finding {
  const r = typeof rule === 'string' ? PASSTHROUGH[rule] : rule;
  if (extra.lesser && !r.lesser) throw new Error(`rule ${r.code} registers no lesser severity`);
  const severity = extra.lesser ? r.lesser!.severity : r.defaultSeverity;
  const f: Finding = { code: r.code, severity, message, range, docsUrl: extra.docsUrl ?? r.docsUrl };
  if (extra.related && extra.related.length > 0) f.related = extra.related;
  if (extra.fixes && extra.fixes.length > 0) f.fixes = extra.fixes;
  return f;
}

/** A quick fix that replaces `range` by `newText`. */
export function fix(title: string, range: Range, newText: string): SuggestedEdit[] {
  return [{ title, edits: [{ range, newText }] }];
}
