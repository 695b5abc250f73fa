// One call for the CLI and the editor: quorum facts plus a raft and a sequential estimate per (leader × client).
import { ModelInputError } from './errors';
import { quorumFacts, type QuorumFacts } from './quorum';
import { raftEstimate, raftRunMemo, type BreakdownTerm, type RaftOptions } from './raft';
import { sequentialEstimate } from './sequential';
import { recommendedTimers, type RecommendedTimers } from './timers';
import { voters } from './topology';
import type { ModelCluster } from './types';

export interface ClientSpec {
  site: string;
  /** The member the client talks to; default rule in WriteScenario.via. */
  via?: string;
}

export interface ClusterScenario {
  leader: string;
  clientSite: string;
  via: string;
  raft: {
    meanMs: number;
    p50Ms: number;
    p90Ms: number;
    p99Ms: number;
    breakdown: BreakdownTerm[];
    dominant: string;
    cdf?: number[];
  };
  sequential: { meanMs: number; jitterMs: number };
  /** One client, one write in flight, raft mean: 1000 / raft.meanMs. */
  writesPerSecond: number;
}

export interface ClusterEstimate extends QuorumFacts {
  scenarios: ClusterScenario[];
  recommendedTimers: RecommendedTimers;
}

export interface ClusterOptions extends RaftOptions {
  /**
   * Run the Monte Carlo once per class of interchangeable leaders (memberClass: same site and fsync) for each
   * client and reuse it for the others, renamed (default true; false runs every scenario, for tests: the figures
   * are identical either way).
   */
  reuseClasses?: boolean;
}

/**
 * Every voting member as leader × every client (default: one client at each site that has a voting member).
 * Monte Carlo runs: one per (leader class, client), each O(samples × voters); the scenarios are still one per
 * leader × client.
 */
export function estimateCluster(
  cluster: ModelCluster,
  clients?: ClientSpec[],
  options: ClusterOptions = {},
): ClusterEstimate {
  const facts = quorumFacts(cluster);
  const vs = voters(cluster);
  const specs: ClientSpec[] = clients ?? [...new Set(vs.map((m) => m.site))].map((site) => ({ site }));
  for (const c of specs)
    if (!c || typeof c.site !== 'string' || c.site === '') throw new ModelInputError('a client has no site');
  const { reuseClasses = true, ...raftOptions } = options;
  const cache = options.cache ?? new Map<string, Float64Array>();
  const memo = reuseClasses ? raftRunMemo() : undefined;
  const scenarios: ClusterScenario[] = [];
  for (const leader of vs) {
    for (const c of specs) {
      const scenario = { leader: leader.name, clientSite: c.site, via: c.via };
      const raft = raftEstimate(cluster, scenario, { ...raftOptions, cache }, memo);
      const seq = sequentialEstimate(cluster, scenario);
      scenarios.push({
        leader: leader.name,
        clientSite: c.site,
        via: raft.via,
        raft: {
          meanMs: raft.meanMs,
          p50Ms: raft.p50Ms,
          p90Ms: raft.p90Ms,
          p99Ms: raft.p99Ms,
          breakdown: raft.breakdown,
          dominant: raft.dominant,
          ...(raft.cdf ? { cdf: raft.cdf } : {}),
        },
        sequential: { meanMs: seq.meanMs, jitterMs: seq.jitterMs },
        writesPerSecond: raft.writesPerSecond,
      });
    }
  }
  return { ...facts, scenarios, recommendedTimers: recommendedTimers(cluster) };
}
