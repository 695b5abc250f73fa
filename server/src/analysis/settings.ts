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

type Threshold = 'rttLimitMs' | 'arbiterRttLimitMs' | 'fsyncWarnMs' | 'fsyncInfoMs' | 'maxVotingMembers';

/** The smallest value each threshold accepts (the extension manifest declares the same minimums). */
export const SETTING_MINIMUMS: Readonly<Record<Threshold, number>> = Object.freeze({
  rttLimitMs: 0,
  arbiterRttLimitMs: 0,
  fsyncWarnMs: 0,
  fsyncInfoMs: 0,
  maxVotingMembers: 1,
});

function threshold(p: Partial<AnalysisSettings>, key: Threshold): number {
  const value: unknown = p[key];
  return typeof value === 'number' && Number.isFinite(value) && value >= SETTING_MINIMUMS[key]
    ? value
    : DEFAULT_SETTINGS[key];
}

/**
 * The one validation of settings (the language server's editor settings, the CLI and tests all come
 * here): fills a partial, possibly malformed settings object with defaults; never throws.
 */
export function resolveSettings(partial?: Partial<AnalysisSettings> | null): AnalysisSettings {
  const p: Partial<AnalysisSettings> = partial && typeof partial === 'object' ? partial : {};
  const rtt = p.defaultRttMs;
  return {
    rules: p.rules && typeof p.rules === 'object' ? p.rules : {},
    rttLimitMs: threshold(p, 'rttLimitMs'),
    arbiterRttLimitMs: threshold(p, 'arbiterRttLimitMs'),
    fsyncWarnMs: threshold(p, 'fsyncWarnMs'),
    fsyncInfoMs: threshold(p, 'fsyncInfoMs'),
    maxVotingMembers: threshold(p, 'maxVotingMembers'),
    defaultRttMs: typeof rtt === 'number' && Number.isFinite(rtt) && rtt > 0 ? rtt : undefined,
  };
}
