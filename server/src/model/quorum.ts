// Quorum arithmetic and what survives the loss of members, sites and pairs of sites.
import { ModelInputError } from './errors';
import { binomial } from './stats';
import { validateCluster, voters } from './topology';
import type { ModelCluster } from './types';

/** Votes needed to commit or elect among n voting members: ⌊n/2⌋ + 1 (etcd FAQ). */
export function quorumSize(n: number): number {
  return Math.floor(Math.max(0, n) / 2) + 1;
}

/** Voting members that can fail while a quorum remains: n − quorum (1→0, 2→0, 3→1, 4→1, 5→2 …). */
export function faultTolerance(n: number): number {
  return Math.max(0, n - quorumSize(n));
}

/** P(a quorum is up) when each of n voters is up independently with probability p: Σ_{k≥q} C(n,k) p^k (1−p)^(n−k). */
export function quorumAvailability(n: number, p: number): number {
  if (!Number.isInteger(n) || n < 1) throw new ModelInputError(`member count must be a positive integer (got ${n})`);
  if (!(p >= 0 && p <= 1)) throw new ModelInputError(`availability must be within 0..1 (got ${p})`);
  const q = quorumSize(n);
  let sum = 0;
  for (let k = q; k <= n; k++) sum += binomial(n, k) * p ** k * (1 - p) ** (n - k);
  return Math.min(1, sum);
}

export interface LossOutcome {
  /** Member or site names lost. */
  lost: string[];
  remainingVoters: string[];
  /** At least a quorum (of the full voting membership) is left: writes continue. */
  hasQuorum: boolean;
  /** A leader can be elected among the remaining voters; equal to hasQuorum in this static model (no partitions). */
  canElectLeader: boolean;
  /** Fewer than a quorum of voters lost: every committed entry survives on some remaining voter. */
  dataSafe: boolean;
}

/** Loss outcomes listed per kind at most; beyond that the worst ones are listed and the rest counted. */
export const MAX_LISTED_LOSS_OUTCOMES = 64;
/** Sites whose pairs are listed when there are more: the ones with most voters (12 sites → 66 pairs). */
export const MAX_SITES_FOR_PAIRS = 12;

export interface QuorumFacts {
  votingMembers: number;
  learners: number;
  quorum: number;
  faultTolerance: number;
  /** Sites that hold at least one member, in order of first appearance. */
  sites: string[];
  /** Voting members per site. */
  votersBySite: Record<string, number>;
  /** The first MAX_LISTED_LOSS_OUTCOMES members' losses. */
  memberLoss: LossOutcome[];
  /** Each site's loss; beyond MAX_LISTED_LOSS_OUTCOMES sites, those with the most voters (the worst losses). */
  siteLoss: LossOutcome[];
  /** Each pair of sites; beyond MAX_SITES_FOR_PAIRS sites, the pairs among those with the most voters (the worst pair
   * included). */
  sitePairLoss: LossOutcome[];
  /** Outcomes not listed above because of the limits (0 when every outcome is listed). */
  omittedLossOutcomes: { members: number; sites: number; sitePairs: number };
}

/** `sites` with the most voters first, ties in order of appearance; at most `limit`, returned in order of appearance.
 * */
function worstSites(sites: string[], votersBySite: Record<string, number>, limit: number): string[] {
  if (sites.length <= limit) return sites;
  const index = new Map(sites.map((s, i) => [s, i]));
  const worst = [...sites]
    .sort((a, b) => votersBySite[b] - votersBySite[a] || (index.get(a) ?? 0) - (index.get(b) ?? 0))
    .slice(0, limit);
  return worst.sort((a, b) => (index.get(a) ?? 0) - (index.get(b) ?? 0));
}

// Linear in members and sites: voters are counted once per site; each listed outcome costs one pass
// over the voters, and at most a fixed number of outcomes is listed (1,000 sites would be 500k pairs).
export function quorumFacts(cluster: ModelCluster): QuorumFacts {
  validateCluster(cluster);
  const vs = voters(cluster);
  const n = vs.length;
  const q = quorumSize(n);
  const siteSet = new Set<string>();
  for (const m of cluster.members) siteSet.add(m.site);
  const sites = [...siteSet];
  const votersBySite: Record<string, number> = {};
  for (const s of sites) votersBySite[s] = 0;
  for (const m of vs) votersBySite[m.site] += 1;

  const outcome = (lost: string[], isLost: (name: string, site: string) => boolean): LossOutcome => {
    const remainingVoters = vs.filter((m) => !isLost(m.name, m.site)).map((m) => m.name);
    const hasQuorum = remainingVoters.length >= q;
    return { lost, remainingVoters, hasQuorum, canElectLeader: hasQuorum, dataSafe: n - remainingVoters.length < q };
  };
  const listedMembers = cluster.members.slice(0, MAX_LISTED_LOSS_OUTCOMES);
  const memberLoss = listedMembers.map((m) => outcome([m.name], (name) => name === m.name));
  const listedSites = worstSites(sites, votersBySite, MAX_LISTED_LOSS_OUTCOMES);
  const siteLoss = listedSites.map((s) => outcome([s], (_n, site) => site === s));
  const pairSites = worstSites(sites, votersBySite, MAX_SITES_FOR_PAIRS);
  const sitePairLoss: LossOutcome[] = [];
  for (let i = 0; i < pairSites.length; i++) {
    for (let j = i + 1; j < pairSites.length; j++) {
      const pair = [pairSites[i], pairSites[j]];
      sitePairLoss.push(outcome(pair, (_n, site) => site === pair[0] || site === pair[1]));
    }
  }
  const allPairs = (sites.length * (sites.length - 1)) / 2;
  const omittedLossOutcomes = {
    members: cluster.members.length - memberLoss.length,
    sites: sites.length - siteLoss.length,
    sitePairs: allPairs - sitePairLoss.length,
  };
  return {
    votingMembers: n,
    learners: cluster.members.length - n,
    quorum: q,
    faultTolerance: faultTolerance(n),
    sites,
    votersBySite,
    memberLoss,
    siteLoss,
    sitePairLoss,
    omittedLossOutcomes,
  };
}
