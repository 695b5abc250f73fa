// The `etcdCapacity.*` editor settings and their translation into analysis settings.
import type { AnalysisSettings } from '../analysis/settings';
import { resolveSettings } from '../analysis/settings';
import type { Severity } from '../analysis/types';

/** What a client sends for the `etcdCapacity` configuration section (all optional). */
export interface EditorSettings {
  /** Per rule code: `off`, or a severity that replaces the rule's own. */
  rules?: Record<string, 'off' | Severity | 'default'>;
  thresholds?: {
    rttLimitMs?: number;
    arbiterRttLimitMs?: number;
    fsyncWarnMs?: number;
    fsyncInfoMs?: number;
    maxVotingMembers?: number;
  };
  /** RTT assumed for etcd files that no topology describes; absent or 0 leaves RTT rules silent there. */
  defaultRttMs?: number;
  /** Which estimate the inline hints show. */
  estimateModel?: 'raft' | 'sequential';
}

const SEVERITIES = new Set<string>(['error', 'warning', 'information', 'hint']);

/**
 * The editor's `etcdCapacity` section in the analysis' shape; resolveSettings validates it (anything
 * malformed in users' JSON falls back to the default instead of failing).
 */
export function toAnalysisSettings(editor: EditorSettings | null | undefined): AnalysisSettings {
  const source: EditorSettings = editor && typeof editor === 'object' ? editor : {};
  const thresholds = source.thresholds && typeof source.thresholds === 'object' ? source.thresholds : {};
  const rules: AnalysisSettings['rules'] = {};
  if (source.rules && typeof source.rules === 'object') {
    for (const [code, choice] of Object.entries(source.rules)) {
      if (choice === 'off') rules[code] = { enabled: false };
      else if (typeof choice === 'string' && SEVERITIES.has(choice)) rules[code] = { severity: choice as Severity };
    }
  }
  return resolveSettings({
    rules,
    rttLimitMs: thresholds.rttLimitMs,
    arbiterRttLimitMs: thresholds.arbiterRttLimitMs,
    fsyncWarnMs: thresholds.fsyncWarnMs,
    fsyncInfoMs: thresholds.fsyncInfoMs,
    maxVotingMembers: thresholds.maxVotingMembers,
    defaultRttMs: source.defaultRttMs,
  });
}
