// `etcd-capacity estimate FILE...`: quorum facts and write-latency scenarios for every topology document.
// The JSON shape is a public contract: {"clusters":[{"name","votingMembers","quorum","faultTolerance",
// "scenarios":[{"leader","clientSite","via","raft":{"meanMs","p50Ms","p90Ms","p99Ms"},
// "sequential":{"meanMs","jitterMs"},"writesPerSecond"}]}]} — extend it, never rename.
import { recogniseFile } from '../analysis/recognisers';
import { topologyToModel } from '../analysis/modelInput';
import type { TopologyFact } from '../analysis/types';
import { topologyInputOrigins, type InputOrigin } from '../analysis/inputOrigins';
import { MAX_SUGGESTED_QUOTA } from '../analysis/rules/quota-above-8gib';
import { estimateCluster, timerSafety, type ClusterEstimate, type ModelCluster, type RaftOptions } from '../model';
import type { InputFile } from './inputs';

export interface ScenarioJson {
  leader: string;
  clientSite: string;
  via: string;
  raft: {
    meanMs: number;
    p50Ms: number;
    p90Ms: number;
    p99Ms: number;
    breakdown: { term: string; meanMs: number; share: number }[];
  };
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
  /** Every input with where it came from: measured (a capture), given (typed in) or assumed (a default). */
  inputs?: InputOrigin[];
  /** What a capture observed (spec.observed), beside the model's figures for the same things. */
  observed?: ObservedJson;
  /** Present when the topology cannot be estimated (e.g. a member names an unknown site). */
  error?: string;
}

export interface ObservedJson {
  leaderChangesPerDay?: number;
  /** The model's spurious follower timeouts per day (worst leader): an upper bound on leader changes. */
  modelSpuriousElectionsPerDay: number;
  dbSizeBytes?: number;
  quotaBytes?: number;
  /** dbSizeBytes / quotaBytes: etcd raises NOSPACE and refuses writes at 1. */
  dbShareOfQuota?: number;
  /** The quota against etcd's suggested maximum (rule quota-above-8gib). */
  quotaAboveSuggestedMax?: boolean;
  from?: string;
  at?: string;
}

function observedJson(topology: TopologyFact, spurious: number): ObservedJson | undefined {
  const o = topology.observed;
  if (!o) return undefined;
  return {
    ...(o.leaderChangesPerDay !== undefined ? { leaderChangesPerDay: round(o.leaderChangesPerDay, 3) } : {}),
    modelSpuriousElectionsPerDay: Number(spurious.toPrecision(3)),
    ...(o.dbSizeBytes !== undefined ? { dbSizeBytes: o.dbSizeBytes } : {}),
    ...(o.quotaBytes !== undefined
      ? { quotaBytes: o.quotaBytes, quotaAboveSuggestedMax: o.quotaBytes > MAX_SUGGESTED_QUOTA }
      : {}),
    ...(o.dbSizeBytes !== undefined && o.quotaBytes ? { dbShareOfQuota: round(o.dbSizeBytes / o.quotaBytes, 4) } : {}),
    ...(o.source ? { from: o.source.from, ...(o.source.at ? { at: o.source.at } : {}) } : {}),
  };
}

const round = (value: number, digits = 2): number => Number(value.toFixed(digits));

/** A topology's JSON, with the model input and estimate it came from (the report draws from the same run). */
export interface TopologyEstimate {
  json: ClusterJson;
  topology: TopologyFact;
  model?: ModelCluster;
  estimate?: ClusterEstimate;
}

export function estimateTopology(topology: TopologyFact, file: string, options: RaftOptions = {}): TopologyEstimate {
  const base = { name: topology.name.value, file };
  try {
    const clients = topology.clients.map((c) => ({ site: c.site.value, via: c.via?.value }));
    const model = topologyToModel(topology);
    const estimate = estimateCluster(model, clients.length > 0 ? clients : undefined, options);
    const observed = topology.observed ? observedJson(topology, timerSafety(model).spuriousElectionsPerDay) : undefined;
    const json: ClusterJson = {
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
      inputs: topologyInputOrigins(topology),
      ...(observed ? { observed } : {}),
    };
    return { json, topology, model, estimate };
  } catch (error) {
    const json: ClusterJson = {
      ...base,
      votingMembers: 0,
      learners: 0,
      quorum: 0,
      faultTolerance: 0,
      scenarios: [],
      error: error instanceof Error ? error.message : String(error),
    };
    return { json, topology };
  }
}

/** Every topology document in the inputs, estimated (the report passes `cdfPoints`). */
export function estimateTopologies(inputs: InputFile[], options: RaftOptions = {}): TopologyEstimate[] {
  const out: TopologyEstimate[] = [];
  for (const input of inputs) {
    if (!input.text.includes('EtcdTopology')) continue;
    for (const fact of recogniseFile(input.text).facts) {
      if (fact.type === 'topology') out.push(estimateTopology(fact, input.display, options));
    }
  }
  return out;
}

export function estimateFiles(inputs: InputFile[]): ClusterJson[] {
  return estimateTopologies(inputs).map((t) => t.json);
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
    for (const kind of ['measured', 'assumed'] as const) {
      const list = (c.inputs ?? []).filter((i) => i.origin === kind);
      if (list.length > 0)
        out.push(`  ${kind}: ${list.map((i) => `${i.input} ${i.value}${i.from ? ` [${i.from}]` : ''}`).join('; ')}`);
    }
    const o = c.observed;
    if (o) {
      const parts = [`model spurious elections/day ${o.modelSpuriousElectionsPerDay}`];
      if (o.leaderChangesPerDay !== undefined) parts.unshift(`observed leader changes/day ${o.leaderChangesPerDay}`);
      if (o.dbSizeBytes !== undefined && o.quotaBytes) {
        parts.push(
          `DB ${(o.dbSizeBytes / 2 ** 20).toFixed(1)} MiB of quota ${(o.quotaBytes / 2 ** 30).toFixed(2)} GiB (${((o.dbShareOfQuota ?? 0) * 100).toFixed(2)} %${o.quotaAboveSuggestedMax ? ', quota above the suggested 8 GiB maximum' : ''})`,
        );
      }
      out.push(`  observed: ${parts.join('; ')}`);
    }
    out.push('');
  }
  return out.join('\n').trimEnd();
}
