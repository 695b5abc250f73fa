// The timer judgements, made once: the rules report them and the views (inlay hints, hover) show them.
// etcd refuses an election timeout below 5 × the heartbeat or above 50000 ms (embed.Config.Validate);
// its tuning guide asks for an election timeout of at least 10 × the RTT and a heartbeat of 0.5–1.5 × the
// RTT. A heartbeat above 1.5 × RTT is only judged above etcd's 100 ms default (heartbeat-far-from-rtt.ts).
import {
  ETCD_DEFAULT_HEARTBEAT_MS,
  ETCD_MAX_ELECTION_MS,
  ETCD_MIN_ELECTION_TO_HEARTBEAT,
  recommendedTimers,
  timersForRtt,
  type RecommendedTimers,
} from '../model';
import type { ModelCluster } from '../model/types';
import type { RttView, TimerView } from './cluster';

export const ELECTION_TO_RTT = 10;
const HEARTBEAT_TO_RTT = { low: 0.5, high: 1.5 } as const;

export interface RttChecks {
  /** The RTT judged against: the slowest link between voting members, or `defaultRttMs`. */
  rtt: RttView;
  /** 10 × the RTT. */
  minElectionMs: number;
  electionBelowMinimum: boolean;
  /** What to set the election timeout to when it is below the minimum (within etcd's limits). */
  suggestedElectionMs: number;
  /** False when even etcd's maximum election timeout is below 10 × the RTT. */
  absorbed: boolean;
  heartbeatRatio: number;
  heartbeat: 'low' | 'high' | 'ok';
  /** What to set the heartbeat to when it is not ok. */
  suggestedHeartbeatMs: number;
  recommended?: RecommendedTimers;
}

export interface TimerChecks {
  /** Both timers are finite and above 0 (timer-zero reports the others; the other checks skip them). */
  valid: boolean;
  /** 5 × the heartbeat: etcd refuses an election timeout below it. */
  minElectionMs: number;
  electionBelowHeartbeatMinimum: boolean;
  /** Above etcd's maximum election timeout, which it refuses. */
  electionTooLong: boolean;
  /** Judgements against the RTT; absent when no RTT is known (no topology describes it, no defaultRttMs). */
  rtt?: RttChecks;
}

/** Recommended timers from the model, or none when the model cannot use this (half-typed) input. */
export function safeRecommendedTimers(cluster: ModelCluster | undefined): RecommendedTimers | undefined {
  if (!cluster) return undefined;
  try {
    return recommendedTimers(cluster);
  } catch {
    return undefined;
  }
}

export function timerChecks(view: TimerView): TimerChecks {
  const hb = view.heartbeat.value;
  const el = view.election.value;
  const valid = Number.isFinite(hb) && Number.isFinite(el) && hb > 0 && el > 0;
  const minElectionMs = ETCD_MIN_ELECTION_TO_HEARTBEAT * hb;
  const checks: TimerChecks = {
    valid,
    minElectionMs,
    electionBelowHeartbeatMinimum: valid && minElectionMs > el,
    electionTooLong: Number.isFinite(el) && el > ETCD_MAX_ELECTION_MS,
  };
  const rttMs = view.rtt?.rttMs;
  if (!valid || !view.rtt || rttMs === undefined || !(rttMs > 0)) return checks;
  const recommended = safeRecommendedTimers(view.model);
  const limits = timersForRtt(rttMs);
  const heartbeatRatio = hb / rttMs;
  const heartbeat =
    heartbeatRatio < HEARTBEAT_TO_RTT.low
      ? 'low'
      : heartbeatRatio > HEARTBEAT_TO_RTT.high && hb > ETCD_DEFAULT_HEARTBEAT_MS
        ? 'high'
        : 'ok';
  checks.rtt = {
    rtt: view.rtt,
    minElectionMs: ELECTION_TO_RTT * rttMs,
    electionBelowMinimum: el < ELECTION_TO_RTT * rttMs,
    suggestedElectionMs: Math.min(
      ETCD_MAX_ELECTION_MS,
      Math.max(recommended?.electionMs ?? limits.electionMs, limits.electionMs, minElectionMs),
    ),
    absorbed: limits.absorbed,
    heartbeatRatio,
    heartbeat,
    suggestedHeartbeatMs: recommended?.heartbeatMs ?? limits.heartbeatMs,
    ...(recommended ? { recommended } : {}),
  };
  return checks;
}
