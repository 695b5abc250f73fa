// Inlay hints at the values that matter: timers against the RTT, the quorum at member lists, and each
// link's share of the write latency. Thin text over the shared estimates.
import { InlayHint, InlayHintKind } from 'vscode-languageserver/node';
import type { EstimateOutcome, SubjectEstimate } from '../analysis/estimates';
import { isFailed, linkShares } from '../analysis/estimates';
import type { Located, Range } from '../analysis/types';
import { intersects } from './positions';
import { ms, percent, quorumText, type EstimateModelChoice } from './estimateText';

function hint(at: Range, label: string, tooltip?: string): InlayHint {
  return { position: at.end, label, kind: InlayHintKind.Parameter, paddingLeft: true, tooltip };
}

function electionHint(e: SubjectEstimate, value: Located<number>): InlayHint {
  const rtt = e.timers.maxVoterRtt;
  const min5 = e.timers.heartbeatMs * 5;
  if (value.value < min5) return hint(value.range, `< 5×heartbeat (${ms(min5)}) ✗ etcd refuses`);
  if (!rtt) return hint(value.range, `≥ 5×heartbeat ✓`);
  const needed = 10 * rtt.meanMs;
  return value.value >= needed
    ? hint(value.range, `≥ 10×RTT (${ms(needed)}) ✓`, `largest RTT between voters: ${ms(rtt.meanMs)} (${rtt.a} ↔ ${rtt.b})`)
    : hint(value.range, `< 10×RTT (${ms(needed)}) ✗ use ≥ ${e.timers.recommended.electionMs} ms`);
}

function heartbeatHint(e: SubjectEstimate, value: Located<number>): InlayHint | undefined {
  const rtt = e.timers.maxVoterRtt;
  if (!rtt || rtt.meanMs <= 0) return undefined;
  const ratio = value.value / rtt.meanMs;
  const ok = ratio >= 0.5 && (ratio <= 1.5 || value.value <= 100);
  return hint(value.range, `${ratio.toFixed(1)}×RTT (${ms(rtt.meanMs)}) ${ok ? '✓' : '✗'}`);
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
    if (fact.electionMs) push(electionHint(e, fact.electionMs));
    if (fact.heartbeatMs) push(heartbeatHint(e, fact.heartbeatMs));
    if (fact.type === 'topology') {
      // After `members:`, not between the key and its colon.
      const key = fact.membersKeyRange;
      if (key) push(hint({ start: key.start, end: { line: key.end.line, character: key.end.character + 1 } }, quorumText(e)));
      const p50 = e.headline.raft.p50Ms;
      for (const share of linkShares(e)) {
        push(hint(share.link.rttMs.range, `${percent(share.shareOfP50)} of write p50 (${ms(p50)})`));
      }
    } else {
      const count = fact.initialCluster ?? fact.memberCount;
      if (count) push(hint(count.range, quorumText(e)));
      if (fact.memberName && model === 'sequential') {
        push(hint(fact.memberName.range, `write ≈ ${ms(e.headline.sequential.meanMs)} ± ${ms(e.headline.sequential.jitterMs)}`));
      }
    }
  }
  return hints;
}
