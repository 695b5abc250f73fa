// A cluster spread over sites must keep a quorum when any one site is lost (etcd failure modes: a
// majority failure stops writes). Two sites with 2+1 members cannot: losing the larger site leaves 1 of 3.
// Fires on each site whose loss leaves fewer voting members than the quorum; only for topologies whose
// voting members span at least two sites (a single-site cluster makes no claim about site failure).
import { votingMembers } from '../cluster';
import type { Finding } from '../types';
import { finding } from '../findings';
import type { QuorumFacts } from '../../model';
import { topologyToModel } from '../modelInput';
import { quorumFacts } from './model';
import { plural } from './membership';
import { DOCS, type Rule } from './rule';
import { votingSiteCounts } from './rtt-above-50ms';

export const siteLossBreaksQuorum: Rule = {
  code: 'site-loss-breaks-quorum',
  defaultSeverity: 'warning',
  docsUrl: DOCS.failures,
  description: 'Losing one site leaves fewer voting members than a quorum.',
  check(ctx) {
    const out: Finding[] = [];
    for (const t of ctx.views.topologies) {
      if (votingSiteCounts(t).size < 2) continue;
      let facts: QuorumFacts;
      try {
        facts = quorumFacts(topologyToModel(t));
      } catch {
        continue; // the model rejects the topology (unnamed member, no site…): schema findings say why
      }
      const n = facts.votingMembers;
      const q = facts.quorum;
      const sitesWithVoters = facts.sites.filter((s) => (facts.votersBySite[s] ?? 0) > 0).length;
      const voting = votingMembers(t);
      // From the per-site counts, not facts.siteLoss (which lists a bounded number of sites); at most
      // two sites can each hold more than the fault tolerance, so the per-finding work below is bounded.
      for (const site of facts.sites) {
        const count = facts.votersBySite[site] ?? 0;
        const left = n - count;
        if (left >= q) continue;
        const siteFact = (t.sites ?? []).find((s) => s?.name?.value === site);
        const members = voting.filter((m) => m.site?.value === site);
        const range = siteFact?.name?.range ?? members[0]?.site?.range ?? t.name.range;
        const advice =
          sitesWithVoters === 2
            ? `Add a third site so that no site holds ${q} or more voting members: e.g. 1+1+1 for 3 members or ` +
              `2+2+1 for 5 (the third can be a small arbiter site).`
            : `Spread the members so no site holds more than ${facts.faultTolerance} of the ${n} voting members.`;
        out.push(
          finding(
            siteLossBreaksQuorum,
            range,
            `Losing site ${site} (${plural(count, 'voting member')} of ${n}) leaves ${left}, below the quorum of ${q}: ` +
              `etcd stops accepting writes until the site returns. ${advice}`,
            {
              related: members.map((m) => ({ range: m.name.range, message: `${m.name.value} (voting) is in ${site}` })),
            },
          ),
        );
      }
    }
    return out;
  },
};
