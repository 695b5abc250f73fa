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

export interface QuorumFacts {
  votingMembers: number;
  learners: number;
  quorum: number;
  faultTolerance: number;
  /** Sites that hold at least one member, in order of first appearance. */
  sites: string[];
  /** Voting members per site. */
  votersBySite: Record<string, number>;
  memberLoss: LossOutcome[];
  siteLoss: LossOutcome[];
  sitePairLoss: LossOutcome[];
}

export function quorumFacts(cluster: ModelCluster): QuorumFacts {
  validateCluster(cluster);
  const vs = voters(cluster);
  const n = vs.length;
  const q = quorumSize(n);
  const sites: string[] = [];
  for (const m of cluster.members) if (!sites.includes(m.site)) sites.push(m.site);
  const votersBySite: Record<string, number> = {};
  for (const s of sites) votersBySite[s] = vs.filter((m) => m.site === s).length;

  const outcome = (lost: string[], isLost: (name: string, site: string) => boolean): LossOutcome => {
    const remainingVoters = vs.filter((m) => !isLost(m.name, m.site)).map((m) => m.name);
    const hasQuorum = remainingVoters.length >= q;
    return { lost, remainingVoters, hasQuorum, canElectLeader: hasQuorum, dataSafe: n - remainingVoters.length < q };
  };
  const memberLoss = cluster.members.map((m) => outcome([m.name], (name) => name === m.name));
  const siteLoss = sites.map((s) => outcome([s], (_n, site) => site === s));
  const sitePairLoss: LossOutcome[] = [];
  for (let i = 0; i < sites.length; i++) {
    for (let j = i + 1; j < sites.length; j++) {
      const pair = [sites[i], sites[j]];
      sitePairLoss.push(outcome(pair, (_n, site) => pair.includes(site)));
    }
  }
  return { votingMembers: n, learners: cluster.members.length - n, quorum: q, faultTolerance: faultTolerance(n), sites, votersBySite, memberLoss, siteLoss, sitePairLoss };
}
