// The `etcdCapacity.*` editor settings and their translation into analysis settings.
import type { AnalysisSettings } from '../analysis/settings';
import { DEFAULT_SETTINGS } from '../analysis/settings';
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

function positive(value: unknown, fallback: number): number {
  return typeof value === 'number' && Number.isFinite(value) && value > 0 ? value : fallback;
}

/** Settings come from users' JSON: anything malformed falls back to the default instead of failing. */
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
  const defaultRtt = source.defaultRttMs;
  return {
    ...DEFAULT_SETTINGS,
    rules,
    rttLimitMs: positive(thresholds.rttLimitMs, DEFAULT_SETTINGS.rttLimitMs),
    arbiterRttLimitMs: positive(thresholds.arbiterRttLimitMs, DEFAULT_SETTINGS.arbiterRttLimitMs),
    fsyncWarnMs: positive(thresholds.fsyncWarnMs, DEFAULT_SETTINGS.fsyncWarnMs),
    fsyncInfoMs: positive(thresholds.fsyncInfoMs, DEFAULT_SETTINGS.fsyncInfoMs),
    maxVotingMembers: positive(thresholds.maxVotingMembers, DEFAULT_SETTINGS.maxVotingMembers),
    defaultRttMs: typeof defaultRtt === 'number' && defaultRtt > 0 ? defaultRtt : undefined,
  };
}
