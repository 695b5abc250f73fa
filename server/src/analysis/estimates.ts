// Estimates for what a file describes — each topology and each recognised etcd configuration — from the
// shared model. The editor's hover, inlay hints, code lenses and estimate report all read these objects;
// nothing here formats text for a protocol.
import {
  estimateCluster,
  raftEstimate,
  throughput,
  timerSafety,
  type ClusterEstimate,
  type ClusterScenario,
  type ModelCluster,
  type ThroughputEstimate,
  type TimerSafety,
} from '../model';
import { buildClusterViews, isFiniteNumber, type ClusterViews, type ResolvedTopology, type TimerView } from './cluster';
import { DEFAULT_ELECTION_MS, DEFAULT_HEARTBEAT_MS, configToModel } from './modelInput';
import { originSummary, topologyInputOrigins, type InputOrigin } from './inputOrigins';
import type { AnalysisSettings } from './settings';
import { resolveSettings } from './settings';
import type { DocumentFact, EtcdConfigFact, TopologyFact, TopologyLink } from './types';
import type { TopologyIndex } from './workspace';

/** Concurrent clients for the "many clients" throughput figure (a busy API server's write concurrency). */
export const CONCURRENT_CLIENTS = 100;

export interface EstimateSubject {
  kind: 'topology' | 'config';
  fact: TopologyFact | EtcdConfigFact;
  label: string;
  model: ModelCluster;
  /** What the estimate had to assume because the file does not say it. */
  assumptions: string[];
  /** Every input with where it came from (measured by a capture, typed in, assumed); topologies only. */
  inputs?: InputOrigin[];
  /** The inputs a capture measured, as text for the views. */
  measured?: string[];
  /** The topology the figures come from (for a configuration: the one describing its members). */
  topology?: TopologyFact;
  topologyUri?: string;
  timerView?: TimerView;
  clients?: { site: string; via?: string }[];
}

export interface LinkShare {
  link: TopologyLink;
  /** Share of the headline scenario's p50 that this link's RTT accounts for (p50 minus p50 with this RTT ≈ 0). */
  shareOfP50: number;
}

export interface SubjectEstimate {
  subject: EstimateSubject;
  cluster: ClusterEstimate;
  /** The scenario shown first: the first client, with the leader that serves it fastest. */
  headline: ClusterScenario;
  /** The slowest leader for the same client. */
  worst: ClusterScenario;
  timers: TimerSafety;
  throughput: ThroughputEstimate;
  /** Set when the model could not run on this input (the findings say why). */
  error?: undefined;
}

export interface FailedEstimate {
  subject: EstimateSubject;
  error: string;
}

export type EstimateOutcome = SubjectEstimate | FailedEstimate;

export function isFailed(outcome: EstimateOutcome): outcome is FailedEstimate {
  return typeof (outcome as FailedEstimate).error === 'string';
}

function configSubject(
  fact: EtcdConfigFact,
  view: TimerView | undefined,
  resolved: ResolvedTopology | undefined,
  settings: AnalysisSettings,
): EstimateSubject {
  const assumptions: string[] = [];
  let model = view?.model;
  if (!resolved || !model) {
    const own = configToModel(
      fact,
      {
        heartbeatMs: view?.heartbeat.value ?? DEFAULT_HEARTBEAT_MS,
        electionMs: view?.election.value ?? DEFAULT_ELECTION_MS,
      },
      settings.defaultRttMs,
    );
    model = own.model;
    assumptions.push(...own.assumptions);
  }
  const inputs = resolved ? topologyInputOrigins(resolved.topology) : undefined;
  const origins = inputs ? originSummary(inputs) : undefined;
  if (origins) assumptions.push(...origins.assumed);
  return {
    kind: 'config',
    fact,
    label: fact.label || 'etcd configuration',
    model,
    assumptions,
    ...(inputs ? { inputs, measured: origins?.measured } : {}),
    topology: resolved?.topology,
    topologyUri: resolved && !resolved.sameFile ? resolved.uri : undefined,
    timerView: view,
    clients: resolved ? clientsOf(resolved.topology) : undefined,
  };
}

function clientsOf(t: TopologyFact): { site: string; via?: string }[] | undefined {
  const clients = (t.clients ?? [])
    .filter((c) => typeof c.site?.value === 'string')
    .map((c) => ({ site: c.site.value, via: c.via?.value }));
  return clients.length > 0 ? clients : undefined;
}

/** What a file's facts can be estimated as: each topology, and each etcd configuration. */
export function estimateSubjects(views: ClusterViews, settings: AnalysisSettings): EstimateSubject[] {
  const subjects: EstimateSubject[] = [];
  for (const view of views.timers) {
    if (view.kind === 'topology' && view.model) {
      const t = view.fact as TopologyFact;
      const inputs = topologyInputOrigins(t);
      const { measured, assumed } = originSummary(inputs);
      subjects.push({
        kind: 'topology',
        fact: t,
        label: view.label,
        model: view.model,
        assumptions: assumed,
        inputs,
        measured,
        topology: t,
        timerView: view,
        clients: clientsOf(t),
      });
    } else if (view.kind === 'config') {
      const fact = view.fact as EtcdConfigFact;
      subjects.push(configSubject(fact, view, views.topologyOf.get(fact), settings));
    }
  }
  return subjects;
}

export function estimateSubject(subject: EstimateSubject): EstimateOutcome {
  try {
    const cluster = estimateCluster(subject.model, subject.clients);
    const firstSite = cluster.scenarios[0]?.clientSite;
    const forClient = cluster.scenarios.filter((s) => s.clientSite === firstSite);
    if (forClient.length === 0) throw new Error('no write scenario: the cluster has no voting member');
    const byP50 = [...forClient].sort((a, b) => a.raft.p50Ms - b.raft.p50Ms);
    const headline = byP50[0];
    return {
      subject,
      cluster,
      headline,
      worst: byP50[byP50.length - 1],
      timers: timerSafety(subject.model),
      throughput: throughput(headline.raft, CONCURRENT_CLIENTS),
    };
  } catch (error) {
    return { subject, error: error instanceof Error ? error.message : String(error) };
  }
}

/** How much of the headline p50 each topology link accounts for: the p50 again with that link's RTT near zero. */
export function linkShares(estimate: SubjectEstimate): LinkShare[] {
  const topology = estimate.subject.topology;
  if (!topology || estimate.subject.kind !== 'topology') return [];
  const { headline } = estimate;
  const scenario = { leader: headline.leader, clientSite: headline.clientSite, via: headline.via };
  const shares: LinkShare[] = [];
  for (const link of topology.links ?? []) {
    if (!link?.sites || !isFiniteNumber(link.rttMs?.value)) continue;
    const [a, b] = link.sites;
    const model: ModelCluster = {
      ...estimate.subject.model,
      links: estimate.subject.model.links.map((l) =>
        (l.a === a && l.b === b) || (l.a === b && l.b === a) ? { ...l, rtt: { mean: 0, sd: 0 } } : l,
      ),
    };
    try {
      const without = raftEstimate(model, scenario).p50Ms;
      const share = headline.raft.p50Ms > 0 ? Math.max(0, (headline.raft.p50Ms - without) / headline.raft.p50Ms) : 0;
      shares.push({ link, shareOfP50: share });
    } catch {
      // a link the model cannot use (e.g. unknown site) is reported by the schema findings
    }
  }
  return shares;
}

/** Convenience for callers that have only facts (tests, the CLI): views, subjects and estimates in one go. */
export function estimateFacts(
  uri: string,
  facts: DocumentFact[],
  settings?: Partial<AnalysisSettings>,
  workspace?: TopologyIndex,
): EstimateOutcome[] {
  const resolved = resolveSettings(settings);
  return estimateSubjects(buildClusterViews(uri, facts, resolved, workspace), resolved).map(estimateSubject);
}
