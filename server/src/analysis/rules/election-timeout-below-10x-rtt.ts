// etcd tuning guide: the election timeout should be at least 10 times the round-trip time between members
// (Red Hat: "at least 10 times the RTT value" to absorb network variance). Judged against the largest
// mean RTT between voting members, from the topology that describes the member (or settings.defaultRttMs).
import { ELECTION_TO_RTT, ETCD_MAX_ELECTION_MS, timerChecks } from './model';
import { finding } from '../findings';
import { compact, linkRelated, ms, replaceFix, rttSource } from './helpers';
import { DOCS, type Rule } from './rule';

export const electionTimeoutBelow10xRtt: Rule = {
  code: 'election-timeout-below-10x-rtt',
  defaultSeverity: 'warning',
  docsUrl: DOCS.tuning,
  description: 'The election timeout should be at least 10 × the largest RTT between voting members.',
  check(ctx) {
    const out = [];
    for (const view of ctx.views.timers) {
      const checks = timerChecks(view).rtt;
      if (!checks?.electionBelowMinimum) continue;
      const rec = checks.recommended;
      const minimum = Math.min(ETCD_MAX_ELECTION_MS, Math.ceil(checks.minElectionMs));
      const election = checks.suggestedElectionMs;
      const todo = checks.absorbed
        ? `Set election-timeout to at least ${ms(minimum)} ms`
        : `No election timeout etcd accepts (at most ${ms(ETCD_MAX_ELECTION_MS)} ms) is 10 × this RTT: bring the voting members within ${ms(ETCD_MAX_ELECTION_MS / ELECTION_TO_RTT)} ms of each other, or keep only learners in the distant site; meanwhile set election-timeout to ${ms(minimum)} ms`;
      const heartbeat = rec?.heartbeatMs;
      const both =
        heartbeat !== undefined && view.heartbeat.located && heartbeat !== view.heartbeat.value && rec
          ? {
              title: `Set heartbeat to ${ms(heartbeat)} ms and election timeout to ${ms(rec.electionMs)} ms`,
              edits: compact([
                replaceFix(ctx, '', view.heartbeat.located, heartbeat)?.edits[0],
                replaceFix(ctx, '', view.election.located, rec.electionMs)?.edits[0],
              ]),
            }
          : undefined;
      const advice =
        heartbeat !== undefined && rec
          ? ` (recommended for this topology: heartbeat ${ms(heartbeat)} ms, election ${ms(rec.electionMs)} ms${rec.reason ? ` — ${rec.reason}` : ''})`
          : '';
      out.push(
        finding(
          electionTimeoutBelow10xRtt,
          view.election.located?.range ?? view.anchor,
          `${view.label}: election timeout ${ms(view.election.value)} ms${view.election.located ? '' : ' (etcd default)'} ` +
            `is below 10 × the largest RTT between voting members, ${rttSource(view)}: followers may start ` +
            `elections on a slow round trip. ${todo}${advice}.`,
          {
            related: linkRelated(view),
            fixes: compact([
              replaceFix(ctx, `Set election timeout to ${ms(election)} ms`, view.election.located, election),
              both && both.edits.length === 2 ? both : undefined,
            ]),
          },
        ),
      );
    }
    return out;
  },
};
