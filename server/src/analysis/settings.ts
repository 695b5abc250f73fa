// Thresholds and per-rule switches of the analysis. Plain data: the language server translates the
// `etcdCapacity.*` editor settings into this shape, the CLI builds it from flags, tests pass partials.
import type { Severity } from './types';

export interface RuleSetting {
  /** `false` silences the rule. */
  enabled?: boolean;
  /** Replaces the rule's own severity. */
  severity?: Severity;
}

export interface AnalysisSettings {
  /** Per rule code: off, or severity override. */
  rules: Record<string, RuleSetting>;
  /** `rtt-above-50ms`: RTT limit (ms) between voting members' sites. */
  rttLimitMs: number;
  /** `arbiter-rtt-above-10ms`: RTT limit (ms) of links to an arbiter site. */
  arbiterRttLimitMs: number;
  /** `slow-fsync` warns above this WAL fsync (mean or p99, ms). */
  fsyncWarnMs: number;
  /** `slow-fsync` informs above this WAL fsync (ms): heavily loaded clusters need ≤ 2 ms. */
  fsyncInfoMs: number;
  /** `too-many-members` fires above this many voting members. */
  maxVotingMembers: number;
  /** RTT assumed for config files without a topology (undefined → RTT rules silent there). */
  defaultRttMs?: number;
}

export const DEFAULT_SETTINGS: AnalysisSettings = Object.freeze({
  rules: Object.freeze({}) as Record<string, RuleSetting>,
  rttLimitMs: 50,
  arbiterRttLimitMs: 10,
  fsyncWarnMs: 10,
  fsyncInfoMs: 2,
  maxVotingMembers: 7,
  defaultRttMs: undefined,
});

function finiteOr(value: unknown, fallback: number): number {
  return typeof value === 'number' && Number.isFinite(value) && value >= 0 ? value : fallback;
}

/** Fills a partial (possibly malformed) settings object with defaults; never throws. */
export function resolveSettings(partial?: Partial<AnalysisSettings> | null): AnalysisSettings {
  const p: Partial<AnalysisSettings> = partial && typeof partial === 'object' ? partial : {};
  const rtt = p.defaultRttMs;
  return {
    rules: p.rules && typeof p.rules === 'object' ? p.rules : {},
    rttLimitMs: finiteOr(p.rttLimitMs, DEFAULT_SETTINGS.rttLimitMs),
    arbiterRttLimitMs: finiteOr(p.arbiterRttLimitMs, DEFAULT_SETTINGS.arbiterRttLimitMs),
    fsyncWarnMs: finiteOr(p.fsyncWarnMs, DEFAULT_SETTINGS.fsyncWarnMs),
    fsyncInfoMs: finiteOr(p.fsyncInfoMs, DEFAULT_SETTINGS.fsyncInfoMs),
    maxVotingMembers: finiteOr(p.maxVotingMembers, DEFAULT_SETTINGS.maxVotingMembers),
    defaultRttMs: typeof rtt === 'number' && Number.isFinite(rtt) && rtt > 0 ? rtt : undefined,
  };
}
