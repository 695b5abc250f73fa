// etcd refuses to start with a zero heartbeat or election timeout (embed.Config.Validate):
//   --heartbeat-interval must be >0 (set to %dms)      --election-timeout must be >0 (set to %dms)
// Negative values never parse as etcd's unsigned flags; they are reported here as well.
import { finding } from '../findings';
import { replaceFix } from './helpers';
import { ETCD_DEFAULT_ELECTION_MS as ELECTION, ETCD_DEFAULT_HEARTBEAT_MS as HEARTBEAT } from './model';
import { DOCS, type Rule } from './rule';

export const timerZero: Rule = {
  code: 'timer-zero',
  defaultSeverity: 'error',
  docsUrl: DOCS.configuration,
  description: 'etcd refuses to start with a heartbeat interval or election timeout of 0.',
  check(ctx) {
    const out = [];
    for (const view of ctx.views.timers) {
      const hb = view.heartbeat;
      const el = view.election;
      if (hb.located && Number.isFinite(hb.value) && hb.value <= 0) {
        out.push(
          finding(
            timerZero,
            hb.located.range,
            `${view.label}: etcd refuses to start: "--heartbeat-interval must be >0 (set to ${hb.value}ms)". Set heartbeat-interval to ${HEARTBEAT} ms (etcd's default) or about your largest RTT.`,
            {
              fixes: [replaceFix(ctx, `Set heartbeat to ${HEARTBEAT} ms`, hb.located, HEARTBEAT)!],
            },
          ),
        );
      }
      if (el.located && Number.isFinite(el.value) && el.value <= 0) {
        out.push(
          finding(
            timerZero,
            el.located.range,
            `${view.label}: etcd refuses to start: "--election-timeout must be >0 (set to ${el.value}ms)". Set election-timeout to ${ELECTION} ms (etcd's default) or 10 × your largest RTT.`,
            {
              fixes: [replaceFix(ctx, `Set election timeout to ${ELECTION} ms`, el.located, ELECTION)!],
            },
          ),
        );
      }
    }
    return out;
  },
};
