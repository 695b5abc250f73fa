// etcd refuses to start when 5 × heartbeat-interval > election-timeout (embed.Config.Validate):
//   --election-timeout[%vms] should be at least as 5 times as --heartbeat-interval[%vms]
// Exactly 5× (e.g. OpenShift "Slower": 500/2500) is accepted.
import { finding } from '../findings';
import { ms, replaceFix } from './helpers';
import {
  ELECTION_TO_RTT,
  ETCD_DEFAULT_ELECTION_MS,
  ETCD_DEFAULT_HEARTBEAT_MS,
  ETCD_MAX_ELECTION_MS,
  ETCD_MIN_ELECTION_TO_HEARTBEAT,
  timerChecks,
} from './model';
import { DOCS, type Rule } from './rule';

export const electionTimeoutBelow5xHeartbeat: Rule = {
  code: 'election-timeout-below-5x-heartbeat',
  defaultSeverity: 'error',
  docsUrl: DOCS.configuration,
  description: 'etcd refuses to start when the election timeout is less than 5 × the heartbeat interval.',
  check(ctx) {
    const out = [];
    for (const view of ctx.views.timers) {
      const checks = timerChecks(view);
      if (!checks.electionBelowHeartbeatMinimum) continue;
      const hb = view.heartbeat.value;
      const el = view.election.value;
      const defaultRatio = ETCD_DEFAULT_ELECTION_MS / ETCD_DEFAULT_HEARTBEAT_MS;
      const etcdSays = `--election-timeout[${el}ms] should be at least as 5 times as --heartbeat-interval[${hb}ms]`;
      // etcd's own default ratio is 10×; never suggest above etcd's maximum election timeout.
      const election = Math.min(
        ETCD_MAX_ELECTION_MS,
        Math.max(defaultRatio * hb, view.rtt ? Math.ceil(ELECTION_TO_RTT * view.rtt.rttMs) : 0),
      );
      const heartbeatForElection = Math.floor(el / ETCD_MIN_ELECTION_TO_HEARTBEAT);
      const related = view.heartbeat.located
        ? [{ range: view.heartbeat.located.range, message: `heartbeat interval ${ms(hb)} ms` }]
        : [];
      const fixes = [];
      if (checks.minElectionMs <= ETCD_MAX_ELECTION_MS) {
        const f = replaceFix(
          ctx,
          `Set election timeout to ${ms(election)} ms (10 × heartbeat)`,
          view.election.located,
          election,
        );
        if (f) fixes.push(f);
      }
      if (heartbeatForElection > 0) {
        const f = replaceFix(
          ctx,
          `Set heartbeat to ${heartbeatForElection} ms (election ÷ 5)`,
          view.heartbeat.located,
          heartbeatForElection,
        );
        if (f) fixes.push(f);
      }
      out.push(
        finding(
          electionTimeoutBelow5xHeartbeat,
          view.election.located?.range ?? view.heartbeat.located?.range ?? view.anchor,
          `${view.label}: etcd refuses to start: "${etcdSays}". Set election-timeout to at least ${ms(checks.minElectionMs)} ms ` +
            `(etcd's default ratio is ${defaultRatio} × heartbeat: ${ms(defaultRatio * hb)} ms), or lower heartbeat-interval to ${heartbeatForElection} ms or less.`,
          { related, fixes },
        ),
      );
    }
    return out;
  },
};
