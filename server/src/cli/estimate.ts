// `etcd-capacity estimate FILE...`: quorum facts and write-latency scenarios for every topology document.
// The JSON shape is a public contract: {"clusters":[{"name","votingMembers","quorum","faultTolerance",
// "scenarios":[{"leader","clientSite","via","raft":{"meanMs","p50Ms","p90Ms","p99Ms"},
// "sequential":{"meanMs","jitterMs"},"writesPerSecond"}]}]} — extend it, never rename.
import { recogniseFile } from '../analysis/recognisers';
import { topologyToModel } from '../analysis/modelInput';
import type { TopologyFact } from '../analysis/types';
import { estimateCluster } from '../model';
import type { InputFile } from './inputs';

export interface ScenarioJson {
  leader: string;
  clientSite: string;
  via: string;
  raft: { meanMs: number; p50Ms: number; p90Ms: number; p99Ms: number; breakdown: { term: string; meanMs: number; share: number }[] };
  sequential: { meanMs: number; jitterMs: number };
  writesPerSecond: number;
}

export interface ClusterJson {
  name: string;
  file: string;
  votingMembers: number;
  learners: number;
  quorum: number;
  faultTolerance: number;
  scenarios: ScenarioJson[];
  /** Present when the topology cannot be estimated (e.g. a member names an unknown site). */
  error?: string;
}

const round = (value: number, digits = 2): number => Number(value.toFixed(digits));

function estimateTopology(topology: TopologyFact, file: string): ClusterJson {
  const base = { name: topology.name.value, file };
  try {
    const clients = topology.clients.map((c) => ({ site: c.site.value, via: c.via?.value }));
    const estimate = estimateCluster(topologyToModel(topology), clients.length > 0 ? clients : undefined);
    return {
      ...base,
      votingMembers: estimate.votingMembers,
      learners: estimate.learners,
      quorum: estimate.quorum,
      faultTolerance: estimate.faultTolerance,
      scenarios: estimate.scenarios.map((s) => ({
        leader: s.leader,
        clientSite: s.clientSite,
        via: s.via,
        raft: {
          meanMs: round(s.raft.meanMs),
          p50Ms: round(s.raft.p50Ms),
          p90Ms: round(s.raft.p90Ms),
          p99Ms: round(s.raft.p99Ms),
          breakdown: s.raft.breakdown.map((b) => ({ term: b.term, meanMs: round(b.meanMs), share: round(b.share, 3) })),
        },
        sequential: { meanMs: round(s.sequential.meanMs), jitterMs: round(s.sequential.jitterMs) },
        writesPerSecond: round(s.writesPerSecond, 1),
      })),
    };
  } catch (error) {
    return {
      ...base,
      votingMembers: 0,
      learners: 0,
      quorum: 0,
      faultTolerance: 0,
      scenarios: [],
      error: error instanceof Error ? error.message : String(error),
    };
  }
}

export function estimateFiles(inputs: InputFile[]): ClusterJson[] {
  const clusters: ClusterJson[] = [];
  for (const input of inputs) {
    if (!input.text.includes('EtcdTopology')) continue;
    for (const fact of recogniseFile(input.text).facts) {
      if (fact.type === 'topology') clusters.push(estimateTopology(fact, input.display));
    }
  }
  return clusters;
}

function pad(text: string, width: number): string {
  return text.length >= width ? text : text + ' '.repeat(width - text.length);
}

export function formatClustersText(clusters: ClusterJson[]): string {
  if (clusters.length === 0) return 'no EtcdTopology documents found';
  const out: string[] = [];
  for (const c of clusters) {
    if (c.error) {
      out.push(`${c.file}: cluster ${c.name}: cannot estimate: ${c.error}`, '');
      continue;
    }
    const learners = c.learners ? ` + ${c.learners} learner(s)` : '';
    out.push(
      `${c.file}: cluster ${c.name} — ${c.votingMembers} voting member(s)${learners}, quorum ${c.quorum}, survives ${c.faultTolerance} failure(s)`,
    );
    const header = ['leader', 'client site', 'via', 'p50 ms', 'p90 ms', 'p99 ms', 'seq. ms (seed)', 'writes/s'];
    const widths = [14, 12, 14, 8, 8, 8, 16, 8];
    out.push('  ' + header.map((h, i) => pad(h, widths[i])).join(' '));
    for (const s of c.scenarios) {
      const row = [
        s.leader,
        s.clientSite,
        s.via,
        s.raft.p50Ms.toFixed(1),
        s.raft.p90Ms.toFixed(1),
        s.raft.p99Ms.toFixed(1),
        `${s.sequential.meanMs.toFixed(0)} ± ${s.sequential.jitterMs.toFixed(0)}`,
        s.writesPerSecond.toFixed(1),
      ];
      out.push('  ' + row.map((v, i) => pad(v, widths[i])).join(' '));
    }
    out.push('');
  }
  return out.join('\n').trimEnd();
}
