// Inlay hints at the values that matter: timers against the RTT, the quorum at member lists, and each
// link's share of the write latency. Thin text over the rules' timer checks and the shared estimates.
import { InlayHint, InlayHintKind } from 'vscode-languageserver/node';
import type { RttView, TimerView } from '../analysis/cluster';
import type { EstimateOutcome } from '../analysis/estimates';
import { isFailed, linkShares } from '../analysis/estimates';
import { timerChecks } from '../analysis/timerChecks';
import type { Located, Range } from '../analysis/types';
import { ETCD_MAX_ELECTION_MS } from '../model';
import { intersects } from './positions';
import { ms, percent, quorumText, type EstimateModelChoice } from './estimateText';

function hint(at: Range, label: string, tooltip?: string): InlayHint {
  return { position: at.end, label, kind: InlayHintKind.Parameter, paddingLeft: true, tooltip };
}

/** Where the RTT the timers are judged against comes from, for a tooltip. */
function rttTooltip(rtt: RttView): string {
  if (!rtt.link) return `RTT ${ms(rtt.rttMs)} assumed (etcdCapacity.defaultRttMs)`;
  const [a, b] = rtt.link.sites;
  return `largest RTT between voters: ${ms(rtt.rttMs)} (${a === b ? `within ${a}` : `${a} ↔ ${b}`})`;
}

// The checks are the rules' (analysis/timerChecks.ts): a hint only words their verdict.
function electionHint(view: TimerView, value: Located<number>): InlayHint | undefined {
  const c = timerChecks(view);
  if (!c.valid) return undefined;
  if (c.electionBelowHeartbeatMinimum)
    return hint(value.range, `< 5×heartbeat (${ms(c.minElectionMs)}) ✗ etcd refuses`);
  if (c.electionTooLong) return hint(value.range, `> ${ms(ETCD_MAX_ELECTION_MS)} ✗ etcd refuses`);
  if (!c.rtt) return hint(value.range, `≥ 5×heartbeat ✓`);
  const r = c.rtt;
  return r.electionBelowMinimum
    ? hint(value.range, `< 10×RTT (${ms(r.minElectionMs)}) ✗ use ≥ ${r.suggestedElectionMs} ms`, rttTooltip(r.rtt))
    : hint(value.range, `≥ 10×RTT (${ms(r.minElectionMs)}) ✓`, rttTooltip(r.rtt));
}

function heartbeatHint(view: TimerView, value: Located<number>): InlayHint | undefined {
  const r = timerChecks(view).rtt;
  if (!r) return undefined;
  return hint(
    value.range,
    `${r.heartbeatRatio.toFixed(1)}×RTT (${ms(r.rtt.rttMs)}) ${r.heartbeat === 'ok' ? '✓' : '✗'}`,
    rttTooltip(r.rtt),
  );
}

export function inlayHints(outcomes: EstimateOutcome[], visible: Range, model: EstimateModelChoice): InlayHint[] {
  const hints: InlayHint[] = [];
  const push = (h: InlayHint | undefined) => {
    if (h && intersects({ start: h.position, end: h.position }, visible)) hints.push(h);
  };
  for (const outcome of outcomes) {
    if (isFailed(outcome)) continue;
    const fact = outcome.subject.fact;
    if (!intersects(fact.range, visible)) continue;
    const e = outcome;
    const timers = outcome.subject.timerView;
    if (timers && fact.electionMs) push(electionHint(timers, fact.electionMs));
    if (timers && fact.heartbeatMs) push(heartbeatHint(timers, fact.heartbeatMs));
    if (fact.type === 'topology') {
      // After `members:`, not between the key and its colon.
      const key = fact.membersKeyRange;
      if (key)
        push(hint({ start: key.start, end: { line: key.end.line, character: key.end.character + 1 } }, quorumText(e)));
      const p50 = e.headline.raft.p50Ms;
      for (const share of linkShares(e)) {
        push(hint(share.link.rttMs.range, `${percent(share.shareOfP50)} of write p50 (${ms(p50)})`));
      }
    } else {
      const count = fact.initialCluster ?? fact.memberCount;
      if (count) push(hint(count.range, quorumText(e)));
      if (fact.memberName && model === 'sequential') {
        push(
          hint(
            fact.memberName.range,
            `write ≈ ${ms(e.headline.sequential.meanMs)} ± ${ms(e.headline.sequential.jitterMs)}`,
          ),
        );
      }
    }
  }
  return hints;
}
