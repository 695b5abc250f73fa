// Red Hat: an arbiter site should be placed where it provides an RTT below 10 ms, to support a
// low-latency, highly available network during leader elections.
import type { Finding } from '../types';
import { finding } from '../findings';
import { ms } from './helpers';
import { DOCS, type Rule } from './rule';
import { arbiterSites, votingSiteCounts } from './rtt-above-50ms';

export const arbiterRttAbove10ms: Rule = {
  code: 'arbiter-rtt-above-10ms',
  defaultSeverity: 'warning',
  docsUrl: DOCS.redHatLatency,
  description: 'A link to an arbiter site has an RTT above 10 ms.',
  check(ctx) {
    const limit = ctx.settings.arbiterRttLimitMs;
    const out: Finding[] = [];
    for (const t of ctx.views.topologies) {
      const arbiters = arbiterSites(t);
      if (arbiters.size === 0) continue;
      const counts = votingSiteCounts(t);
      for (const link of t.links ?? []) {
        const rtt = link?.rttMs?.value;
        if (!link.sites || !Number.isFinite(rtt) || !(rtt > limit)) continue;
        const [a, b] = link.sites;
        if (a === b) continue;
        const arbiter = arbiters.has(a) ? a : arbiters.has(b) ? b : undefined;
        if (arbiter === undefined) continue;
        const other = arbiter === a ? b : a;
        if ((counts.get(other) ?? 0) === 0 || (counts.get(arbiter) ?? 0) === 0) continue;
        out.push(
          finding(
            arbiterRttAbove10ms,
            link.rttMs.range,
            `RTT ${ms(rtt)} ms between arbiter site ${arbiter} and ${other} is above ${ms(limit)} ms: the arbiter's vote ` +
              `decides elections when a data site is lost, and a slow arbiter makes them slow and flaky. Place the arbiter ` +
              `within ${ms(limit)} ms RTT of both data sites.`,
          ),
        );
      }
    }
    return out;
  },
};
