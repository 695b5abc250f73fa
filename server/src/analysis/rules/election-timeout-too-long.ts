// etcd refuses to start when election-timeout > 50000 ms, ETCD_MAX_ELECTION_MS (embed.Config.Validate):
//   --election-timeout[%vms] is too long, and should be set less than 50000ms
import { ETCD_MAX_ELECTION_MS, safeRecommendedTimers, timerChecks } from './model';
import { finding } from '../findings';
import { ms, replaceFix } from './helpers';
import { DOCS, type Rule } from './rule';

export const electionTimeoutTooLong: Rule = {
  code: 'election-timeout-too-long',
  defaultSeverity: 'error',
  docsUrl: DOCS.configuration,
  description: `etcd refuses to start with an election timeout above ${ETCD_MAX_ELECTION_MS} ms.`,
  check(ctx) {
    const out = [];
    for (const view of ctx.views.timers) {
      const el = view.election.value;
      if (!timerChecks(view).electionTooLong) continue;
      const rec = safeRecommendedTimers(view.model)?.electionMs;
      const target =
        rec !== undefined && rec <= ETCD_MAX_ELECTION_MS && rec >= timerChecks(view).minElectionMs
          ? rec
          : ETCD_MAX_ELECTION_MS;
      out.push(
        finding(
          electionTimeoutTooLong,
          view.election.located?.range ?? view.anchor,
          `${view.label}: etcd refuses to start: "--election-timeout[${el}ms] is too long, and should be set less than ${ETCD_MAX_ELECTION_MS}ms". ` +
            `Set election-timeout to ${ms(target)} ms or less.`,
          {
            fixes: [replaceFix(ctx, `Set election timeout to ${ms(target)} ms`, view.election.located, target)].filter(
              (f) => f !== undefined,
            ),
          },
        ),
      );
    }
    return out;
  },
};
