// Red Hat: in a healthy cluster the RTT between members should be below 50 ms (p99 of
// etcd_network_peer_round_trip_time_seconds), to keep the cluster stable and avoid frequent elections.
// Judged on each link between two sites that both hold voting members (a site's own link when it holds two).
// Links to an arbiter site are left to `arbiter-rtt-above-10ms` when its limit is the stricter one.
import { votingMembers } from '../cluster';
import type { Finding, TopologyFact } from '../types';
import { finding } from '../findings';
import { ms } from './helpers';
import { timersForRtt } from './model';
import { DOCS, type Rule } from './rule';

export function votingSiteCounts(t: TopologyFact): Map<string, number> {
  const counts = new Map<string, number>();
  for (const m of votingMembers(t)) {
    const site = m.site?.value;
    if (typeof site === 'string') counts.set(site, (counts.get(site) ?? 0) + 1);
  }
  return counts;
}

export function arbiterSites(t: TopologyFact): Set<string> {
  return new Set(
    (t.sites ?? []).filter((s) => s?.arbiter === true && typeof s.name?.value === 'string').map((s) => s.name.value),
  );
}

export const rttAbove50ms: Rule = {
  code: 'rtt-above-50ms',
  defaultSeverity: 'warning',
  docsUrl: DOCS.redHatLatency,
  description: 'A link between voting members has an RTT above 50 ms.',
  check(ctx) {
    const limit = ctx.settings.rttLimitMs;
    const arbiterStricter = ctx.settings.arbiterRttLimitMs <= limit;
    const out: Finding[] = [];
    for (const t of ctx.views.topologies) {
      const counts = votingSiteCounts(t);
      const arbiters = arbiterSites(t);
      for (const link of t.links ?? []) {
        const rtt = link?.rttMs?.value;
        if (!link.sites || !Number.isFinite(rtt) || !(rtt > limit)) continue;
        const [a, b] = link.sites;
        const voting = a === b ? (counts.get(a) ?? 0) >= 2 : (counts.get(a) ?? 0) > 0 && (counts.get(b) ?? 0) > 0;
        if (!voting) continue;
        if (arbiterStricter && (arbiters.has(a) || arbiters.has(b))) continue;
        const timers = timersForRtt(rtt);
        const stretch = timers.absorbed
          ? `if you must stretch, raise election-timeout to at least ${ms(timers.electionMs)} ms and heartbeat to about ${ms(timers.heartbeatMs)} ms`
          : `no etcd timer setting absorbs this RTT (10 × RTT is above etcd's maximum election timeout of ${ms(timers.electionMs)} ms)`;
        const where = a === b ? `within site ${a}` : `between sites ${a} and ${b}`;
        out.push(
          finding(
            rttAbove50ms,
            link.rttMs.range,
            `RTT ${ms(rtt)} ms ${where} is above ${ms(limit)} ms: every commit waits for this round trip and ` +
              `leader elections become frequent. Keep voting members within ${ms(limit)} ms of each other — place ` +
              `the members in closer sites, or keep only learners in the distant one; ${stretch}.`,
          ),
        );
      }
    }
    return out;
  },
};
