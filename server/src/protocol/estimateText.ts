// Short texts about estimates, shared by hover, inlay hints, code lenses and the estimate report,
// so every view words a number the same way.
import type { ClusterScenario, LossOutcome } from '../model';
import type { EstimateOutcome, SubjectEstimate } from '../analysis/estimates';
import { isFailed } from '../analysis/estimates';

export type EstimateModelChoice = 'raft' | 'sequential';

/** 0.42 ms, 3.1 ms, 45 ms, 1.2 s: enough digits to compare, no more. */
export function ms(value: number): string {
  if (!Number.isFinite(value)) return '—';
  if (value >= 10000) return `${(value / 1000).toFixed(1)} s`;
  if (value >= 100) return `${Math.round(value)} ms`;
  if (value >= 10) return `${value.toFixed(0)} ms`;
  if (value >= 1) return `${value.toFixed(1)} ms`;
  return `${value.toFixed(2)} ms`;
}

export function perSecond(value: number): string {
  if (!Number.isFinite(value)) return '—';
  return value >= 100 ? `${Math.round(value).toLocaleString('en-US')}/s` : `${value.toFixed(1)}/s`;
}

export function percent(share: number): string {
  return `${Math.round(share * 100)}%`;
}

export function perDay(value: number): string {
  if (value === 0) return '0';
  if (value < 0.001) return '< 0.001';
  return value >= 10 ? value.toFixed(0) : value.toPrecision(2);
}

export function quorumText(e: SubjectEstimate): string {
  const c = e.cluster;
  const learners = c.learners > 0 ? ` (+${c.learners} learner${c.learners > 1 ? 's' : ''})` : '';
  return `quorum ${c.quorum} of ${c.votingMembers}${learners} · survives ${c.faultTolerance}`;
}

/** "p50 ≈ 3.1 ms · p99 ≈ 7.4 ms" (raft) or "≈ 335 ms ± 54 ms (sequential)". */
export function latencyText(s: ClusterScenario, model: EstimateModelChoice): string {
  if (model === 'sequential') return `write ≈ ${ms(s.sequential.meanMs)} ± ${ms(s.sequential.jitterMs)} (sequential)`;
  return `write p50 ≈ ${ms(s.raft.p50Ms)} · p99 ≈ ${ms(s.raft.p99Ms)}`;
}

export function scenarioText(s: ClusterScenario): string {
  const via = s.via === s.leader ? `to leader ${s.leader}` : `via ${s.via}, leader ${s.leader}`;
  return `client in ${s.clientSite} ${via}`;
}

/** The one-line summary a code lens shows. */
export function lensTitle(outcome: EstimateOutcome, model: EstimateModelChoice): string {
  if (isFailed(outcome)) return `etcd: no estimate — ${outcome.error}`;
  return `etcd: ${latencyText(outcome.headline, model)} · ${quorumText(outcome)}${originsText(outcome)}`;
}

/** " · 3 measured, 2 assumed inputs" when a topology's inputs are known (from the estimate subject). */
function originsText(outcome: EstimateOutcome): string {
  const inputs = outcome.subject.inputs;
  if (!inputs) return '';
  const measured = inputs.filter((i) => i.origin === 'measured').length;
  const assumed = inputs.filter((i) => i.origin === 'assumed').length;
  return ` · inputs: ${measured} measured, ${assumed} assumed`;
}

export function lossText(outcome: LossOutcome): string {
  if (outcome.hasQuorum) return `${outcome.remainingVoters.length} voters remain: quorum kept, writes continue`;
  return `${outcome.remainingVoters.length} voter(s) remain: **quorum lost**, etcd stops accepting writes`;
}

/** Markdown table of the headline scenario's latency terms, largest first. */
export function breakdownTable(s: ClusterScenario, limit = 6): string {
  const terms = [...s.raft.breakdown].sort((a, b) => b.meanMs - a.meanMs).slice(0, limit);
  const rows = terms.map((t) => `| ${t.term} | ${ms(t.meanMs)} | ${percent(t.share)} |`);
  return ['| term | mean | share |', '|---|---:|---:|', ...rows].join('\n');
}
