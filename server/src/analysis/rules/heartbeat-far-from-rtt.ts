// etcd tuning guide: the heartbeat interval should be around the maximum average RTT between members,
// "normally around 0.5-1.5x the round-trip time".
//
// Design choice: a heartbeat BELOW 0.5 × RTT always fires (heartbeats queue up behind the round trip).
// A heartbeat ABOVE 1.5 × RTT fires only when the heartbeat is also above etcd's 100 ms default: on a LAN
// (RTT ≈ 1 ms) the default 100 ms is what etcd ships and what everyone runs, and lowering it to 1–2 ms
// would only burn CPU and bandwidth. Above the default, a long heartbeat delays failure detection and
// leader-lease checks for no benefit, which is worth saying.
import { ETCD_DEFAULT_HEARTBEAT_MS, timerChecks } from './model';
import { finding } from '../findings';
import { compact, linkRelated, ms, replaceFix, rttSource } from './helpers';
import { DOCS, type Rule } from './rule';

export const heartbeatFarFromRtt: Rule = {
  code: 'heartbeat-far-from-rtt',
  defaultSeverity: 'information',
  docsUrl: DOCS.tuning,
  description: 'The heartbeat interval should be about 0.5–1.5 × the largest RTT between voting members.',
  check(ctx) {
    const out = [];
    for (const view of ctx.views.timers) {
      const checks = timerChecks(view).rtt;
      if (!checks || checks.heartbeat === 'ok') continue;
      const hb = view.heartbeat.value;
      const tooLow = checks.heartbeat === 'low';
      const rec = checks.recommended;
      const suggested = checks.suggestedHeartbeatMs;
      const why = tooLow
        ? `below 0.5 × the largest RTT between voting members, ${rttSource(view)}: heartbeats are sent faster than they can be answered`
        : `above 1.5 × the largest RTT between voting members, ${rttSource(view)}, and above etcd's ${ETCD_DEFAULT_HEARTBEAT_MS} ms default: a failed leader is noticed later than necessary`;
      const electionNote =
        rec && rec.electionMs !== view.election.value ? ` with election-timeout ${ms(rec.electionMs)} ms` : '';
      out.push(
        finding(
          heartbeatFarFromRtt,
          view.heartbeat.located?.range ?? view.anchor,
          `${view.label}: heartbeat interval ${ms(hb)} ms${view.heartbeat.located ? '' : ' (etcd default)'} is ${why}. ` +
            `Set heartbeat-interval to about ${ms(suggested)} ms${electionNote} (etcd: 0.5–1.5 × RTT).`,
          {
            related: linkRelated(view),
            fixes: compact([
              suggested * 5 <= view.election.value
                ? replaceFix(ctx, `Set heartbeat to ${ms(suggested)} ms`, view.heartbeat.located, suggested)
                : undefined,
            ]),
          },
        ),
      );
    }
    return out;
  },
};
