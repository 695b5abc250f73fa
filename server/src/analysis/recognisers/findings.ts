// Findings built by the recognisers: one constructor, the documentation links they cite.
import type { Finding, Range, Severity, SuggestedEdit } from '../types';

export const FLAGS_DOCS = 'https://etcd.io/docs/v3.6/op-guide/configuration/#command-line-flags';
export const CONFIG_FILE_DOCS = 'https://etcd.io/docs/v3.6/op-guide/configuration/#configuration-file';
export const UNSAFE_DOCS = 'https://etcd.io/docs/v3.6/op-guide/configuration/#unsafe-features';
export const YAML_DOCS = 'https://yaml.org/spec/1.2.2/';
export const LIMIT_DOCS = 'https://etcd.io/docs/v3.6/op-guide/configuration/';

export function makeFinding(
  code: string,
  severity: Severity,
  message: string,
  range: Range,
  docsUrl: string,
  fixes?: SuggestedEdit[],
): Finding {
  const f: Finding = { code, severity, message, range, docsUrl };
  if (fixes && fixes.length) f.fixes = fixes;
  return f;
}

/** A quick fix that replaces `range` by `newText`. */
export function fix(title: string, range: Range, newText: string): SuggestedEdit[] {
  return [{ title, edits: [{ range, newText }] }];
}
