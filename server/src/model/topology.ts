// Input validation and look-ups shared by every estimate: members by name, RTT between sites, the member a client uses.
import { ModelInputError } from './errors';
import { checkCdf } from './empirical';
import type { Dist, ModelCluster, ModelMember, WriteScenario } from './types';

function checkDist(d: Dist | undefined, what: string): void {
  if (
    !d ||
    typeof d.mean !== 'number' ||
    typeof d.sd !== 'number' ||
    !Number.isFinite(d.mean) ||
    !Number.isFinite(d.sd)
  ) {
    throw new ModelInputError(`${what} needs a finite mean and sd (ms)`);
  }
  if (d.mean < 0 || d.sd < 0) throw new ModelInputError(`${what} is negative (mean ${d.mean} ms, sd ${d.sd} ms)`);
  const bad = d.empirical === undefined ? undefined : checkCdf(d.empirical, what);
  if (bad) throw new ModelInputError(bad);
}

/** Throws a ModelInputError for what no estimate can use: no voting member, duplicate names, negative values. */
export function validateCluster(cluster: ModelCluster): void {
  if (!cluster || !Array.isArray(cluster.members)) throw new ModelInputError('cluster has no member list');
  const names = new Set<string>();
  for (const m of cluster.members) {
    if (!m.name) throw new ModelInputError('a member has no name');
    if (names.has(m.name)) throw new ModelInputError(`member name ${m.name} is used twice`);
    names.add(m.name);
    if (!m.site) throw new ModelInputError(`member ${m.name} has no site`);
    checkDist(m.fsync, `fsync of member ${m.name}`);
  }
  if (!cluster.members.some((m) => !m.learner)) throw new ModelInputError('cluster has no voting members');
  for (const l of cluster.links ?? []) checkDist(l.rtt, `RTT ${l.a}–${l.b}`);
  if (cluster.defaultRtt) checkDist(cluster.defaultRtt, 'default RTT');
  if (cluster.requestFloor) checkDist(cluster.requestFloor, 'request floor');
  for (const [v, what] of [
    [cluster.heartbeatMs, 'heartbeat interval'],
    [cluster.electionMs, 'election timeout'],
  ] as const) {
    if (typeof v !== 'number' || !Number.isFinite(v) || v < 0)
      throw new ModelInputError(`${what} must be a non-negative number of ms (got ${v})`);
  }
}

export function voters(cluster: ModelCluster): ModelMember[] {
  return cluster.members.filter((m) => !m.learner);
}

export function memberByName(cluster: ModelCluster, name: string, role: string): ModelMember {
  const m = cluster.members.find((x) => x.name === name);
  if (!m) {
    const known = cluster.members.map((x) => x.name).join(', ');
    throw new ModelInputError(`unknown ${role} ${JSON.stringify(name)} (members: ${known})`);
  }
  return m;
}

/** RTT between two sites: the link in either direction, else `defaultRtt`, else a ModelInputError. */
export function siteRtt(cluster: ModelCluster, a: string, b: string): Dist {
  const link = cluster.links.find((l) => (l.a === a && l.b === b) || (l.a === b && l.b === a));
  if (link) return link.rtt;
  if (cluster.defaultRtt) return cluster.defaultRtt;
  throw new ModelInputError(
    a === b
      ? `no RTT within site ${a} (add a link ${a}–${a} or a default RTT)`
      : `no RTT between sites ${a} and ${b} (add a link or a default RTT)`,
  );
}

export interface ResolvedScenario {
  leader: ModelMember;
  via: ModelMember;
  clientSite: string;
}

/**
 * Leader must be a voting member; `via` defaults to the leader if it is in the client's site, else the first voting
 * member of that site (declaration order), else the leader. Learners serve no writes, so `via` must be a voter.
 */
export function resolveScenario(cluster: ModelCluster, scenario: WriteScenario): ResolvedScenario {
  validateCluster(cluster);
  const leader = memberByName(cluster, scenario.leader, 'leader');
  if (leader.learner) throw new ModelInputError(`leader ${leader.name} is a learner; learners never lead`);
  if (!scenario.clientSite) throw new ModelInputError('scenario has no client site');
  let via: ModelMember;
  if (scenario.via !== undefined) {
    via = memberByName(cluster, scenario.via, 'via member');
    if (via.learner) throw new ModelInputError(`via member ${via.name} is a learner; learners reject writes`);
  } else if (leader.site === scenario.clientSite) {
    via = leader;
  } else {
    via = voters(cluster).find((m) => m.site === scenario.clientSite) ?? leader;
  }
  return { leader, via, clientSite: scenario.clientSite };
}
