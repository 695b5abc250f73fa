// Topologies shared by the model tests.
import type { Dist, ModelCluster, ModelMember } from '../../../server/src/model';

/**
 * The seed article's tables (Red Hat "Demystifying etcd"): RTT same location 10±2, white–yellow 75±10,
 * white–green 90±15, yellow–green 80±15. The disk table's values were lost from the text; the step sums imply
 * 5±1 ms for the white members and 10±3 ms for the yellow one (docs/model.md, "Seed derivation").
 * Scenarios B and C: three members over white (2) and yellow (1), the client in white talking to a white follower.
 */
export function seedCluster(): ModelCluster {
  return {
    members: [
      { name: 'white-1', site: 'white', fsync: { mean: 5, sd: 1 } },
      { name: 'white-2', site: 'white', fsync: { mean: 5, sd: 1 } },
      { name: 'yellow-1', site: 'yellow', fsync: { mean: 10, sd: 3 } },
    ],
    links: [
      { a: 'white', b: 'white', rtt: { mean: 10, sd: 2 } },
      { a: 'yellow', b: 'yellow', rtt: { mean: 10, sd: 2 } },
      { a: 'green', b: 'green', rtt: { mean: 10, sd: 2 } },
      { a: 'white', b: 'yellow', rtt: { mean: 75, sd: 10 } },
      { a: 'white', b: 'green', rtt: { mean: 90, sd: 15 } },
      { a: 'yellow', b: 'green', rtt: { mean: 80, sd: 15 } },
    ],
    heartbeatMs: 100,
    electionMs: 1000,
  };
}

export const member = (name: string, site: string, fsync: Dist, learner = false): ModelMember => ({
  name,
  site,
  fsync,
  ...(learner ? { learner } : {}),
});

/** n members in one site, RTT and fsync 1 ms (sd 0.2 unless given). */
export function oneSite(n: number, rtt: Dist = { mean: 1, sd: 0.2 }, fsync: Dist = { mean: 1, sd: 0.2 }): ModelCluster {
  return {
    members: Array.from({ length: n }, (_, i) => member(`m${i + 1}`, 'dc', fsync)),
    links: [{ a: 'dc', b: 'dc', rtt }],
    heartbeatMs: 100,
    electionMs: 1000,
  };
}

/** Members given as [name, site, fsync]; every site pair gets `rtt(a, b)`. */
export function cluster(
  members: ModelMember[],
  rtt: (a: string, b: string) => Dist,
  timers = { heartbeatMs: 100, electionMs: 1000 },
): ModelCluster {
  const sites = [...new Set(members.map((m) => m.site))];
  const links = [];
  for (let i = 0; i < sites.length; i++)
    for (let j = i; j < sites.length; j++) links.push({ a: sites[i], b: sites[j], rtt: rtt(sites[i], sites[j]) });
  return { members, links, ...timers };
}
