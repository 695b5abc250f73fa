// etcd refuses to start when election-timeout > 50000 ms (embed.Config.Validate):
//   --election-timeout[%vms] is too long, and should be set less than 50000ms
import { safeRecommendedTimers } from './model';
import { finding } from '../findings';
import { ms, replaceFix } from './helpers';
import { DOCS, type Rule } from './rule';

export const MAX_ELECTION_MS = 50000;

export const electionTimeoutTooLong: Rule = {
  code: 'election-timeout-too-long',
  defaultSeverity: 'error',
  docsUrl: DOCS.configuration,
  description: 'etcd refuses to start with an election timeout above 50000 ms.',
  check(ctx) {
    const out = [];
    for (const view of ctx.views.timers) {
      const el = view.election.value;
      if (!Number.isFinite(el) || el <= MAX_ELECTION_MS) continue;
      const rec = safeRecommendedTimers(view.model)?.electionMs;
      const target = rec !== undefined && rec <= MAX_ELECTION_MS && rec >= 5 * view.heartbeat.value ? rec : MAX_ELECTION_MS;
      out.push(
        finding(
          electionTimeoutTooLong,
          view.election.located?.range ?? view.anchor,
          `${view.label}: etcd refuses to start: "--election-timeout[${el}ms] is too long, and should be set less than ${MAX_ELECTION_MS}ms". ` +
            `Set election-timeout to ${ms(target)} ms or less.`,
          { fixes: [replaceFix(ctx, `Set election timeout to ${ms(target)} ms`, view.election.located, target)].filter((f) => f !== undefined) },
        ),
      );
    }
    return out;
  },
};
