// Facts → cluster views the rules share: which topology describes an etcd config, the largest RTT between
// voting members, and the heartbeat/election pair of every topology and config with where each was written.
// Built once per analysis so every rule stays linear in the size of the file.
import type { ModelCluster } from '../model/types';
import {
  DEFAULT_ELECTION_MS,
  DEFAULT_HEARTBEAT_MS,
  configMemberNames,
  configToModel,
  topologyToModel,
} from './modelInput';
import type { AnalysisSettings } from './settings';
import type {
  DocumentFact,
  EtcdConfigFact,
  Located,
  Range,
  StorageClassFact,
  TopologyFact,
  TopologyLink,
} from './types';
import { bestTopologyForMembers, type IndexedTopology, type TopologyIndex } from './workspace';

export interface TimerValue {
  value: number;
  /** Where the value is written; absent when etcd's default applies. */
  located?: Located<number>;
}

/** The RTT a set of timers is judged against. */
export interface RttView {
  rttMs: number;
  /** The slowest link between voting members (absent for `settings.defaultRttMs`). */
  link?: TopologyLink;
  /** The topology the link belongs to, and the file it is written in (undefined: this file). */
  topology?: TopologyFact;
  topologyUri?: string;
}

export interface TimerView {
  kind: 'topology' | 'config';
  fact: TopologyFact | EtcdConfigFact;
  label: string;
  heartbeat: TimerValue;
  election: TimerValue;
  /** Where to report a finding about a value left at its default. */
  anchor: Range;
  rtt?: RttView;
  /** Model input for recommended values (the topology with these timers, or a one-site stand-in). */
  model?: ModelCluster;
}

export interface ResolvedTopology extends IndexedTopology {
  /** True when the topology is in the file being analysed (then `uri` is that file). */
  sameFile: boolean;
}

export interface ClusterViews {
  configs: EtcdConfigFact[];
  topologies: TopologyFact[];
  storageClasses: StorageClassFact[];
  timers: TimerView[];
  /** The topology describing each config fact, when one does. */
  topologyOf: Map<EtcdConfigFact, ResolvedTopology | undefined>;
}

export function isFiniteNumber(value: unknown): value is number {
  return typeof value === 'number' && Number.isFinite(value);
}

/** Voting members (learners excluded) of a topology. */
export function votingMembers(t: TopologyFact) {
  return (t.members ?? []).filter((m) => m && m.learner !== true);
}

/**
 * The slowest link between voting members: a link between two sites that both hold voting members, or a
 * site's own link when it holds at least two. Linear in members + links.
 */
export function slowestVotingLink(t: TopologyFact): TopologyLink | undefined {
  const perSite = new Map<string, number>();
  for (const m of votingMembers(t)) {
    const site = m.site?.value;
    if (typeof site === 'string') perSite.set(site, (perSite.get(site) ?? 0) + 1);
  }
  let slowest: TopologyLink | undefined;
  for (const link of t.links ?? []) {
    const rtt = link?.rttMs?.value;
    if (!link.sites || !isFiniteNumber(rtt)) continue;
    const [a, b] = link.sites;
    const counts = a === b ? (perSite.get(a) ?? 0) >= 2 : (perSite.get(a) ?? 0) > 0 && (perSite.get(b) ?? 0) > 0;
    if (!counts) continue;
    if (!slowest || rtt > slowest.rttMs.value) slowest = link;
  }
  return slowest;
}

function pointAt(range: Range): Range {
  return { start: range.start, end: range.start };
}

function resolveTopology(
  fact: EtcdConfigFact,
  uri: string,
  inFile: TopologyFact[],
  workspace: TopologyIndex | undefined,
): ResolvedTopology | undefined {
  const local = inFile.map((topology) => ({ uri, topology, sameFile: true }));
  const others = (workspace?.all() ?? []).filter((t) => t.uri !== uri).map((t) => ({ ...t, sameFile: false }));
  const ref = fact.topologyRef?.value;
  if (typeof ref === 'string' && ref !== '') {
    return local.find((t) => t.topology.name?.value === ref) ?? others.find((t) => t.topology.name?.value === ref);
  }
  const names = configMemberNames(fact);
  const own = fact.memberName?.value;
  // A member's own name is the strongest evidence; the initial-cluster names decide between the rest.
  if (typeof own === 'string' && own !== '') {
    const withOwn = (c: ResolvedTopology) => (c.topology.members ?? []).some((m) => m.name?.value === own);
    const hit =
      bestTopologyForMembers(local.filter(withOwn), names) ?? bestTopologyForMembers(others.filter(withOwn), names);
    if (hit) return hit;
  }
  return bestTopologyForMembers(local, names) ?? bestTopologyForMembers(others, names);
}

function topologyView(t: TopologyFact): TimerView {
  const model = topologyToModel(t);
  const link = slowestVotingLink(t);
  return {
    kind: 'topology',
    fact: t,
    label: `topology ${t.name?.value ?? ''}`.trim(),
    heartbeat: { value: model.heartbeatMs, located: isFiniteNumber(t.heartbeatMs?.value) ? t.heartbeatMs : undefined },
    election: { value: model.electionMs, located: isFiniteNumber(t.electionMs?.value) ? t.electionMs : undefined },
    anchor: t.name?.range ?? pointAt(t.range),
    rtt: link ? { rttMs: link.rttMs.value, link, topology: t } : undefined,
    model,
  };
}

function configAnchor(fact: EtcdConfigFact): Range {
  return fact.memberName?.range ?? fact.initialCluster?.range ?? pointAt(fact.range);
}

function configView(
  fact: EtcdConfigFact,
  resolved: ResolvedTopology | undefined,
  settings: AnalysisSettings,
): TimerView {
  const hb = fact.heartbeatMs;
  const el = fact.electionMs;
  const heartbeat: TimerValue = isFiniteNumber(hb?.value)
    ? { value: hb.value, located: hb }
    : { value: DEFAULT_HEARTBEAT_MS };
  const election: TimerValue = isFiniteNumber(el?.value)
    ? { value: el.value, located: el }
    : { value: DEFAULT_ELECTION_MS };
  let rtt: RttView | undefined;
  let model: ModelCluster | undefined;
  if (resolved) {
    const link = slowestVotingLink(resolved.topology);
    if (link) {
      rtt = {
        rttMs: link.rttMs.value,
        link,
        topology: resolved.topology,
        topologyUri: resolved.sameFile ? undefined : resolved.uri,
      };
    }
    model = { ...topologyToModel(resolved.topology), heartbeatMs: heartbeat.value, electionMs: election.value };
  } else if (settings.defaultRttMs !== undefined) {
    rtt = { rttMs: settings.defaultRttMs };
    model = configToModel(
      fact,
      { heartbeatMs: heartbeat.value, electionMs: election.value },
      settings.defaultRttMs,
    ).model;
  }
  return {
    kind: 'config',
    fact,
    label: fact.label || 'etcd configuration',
    heartbeat,
    election,
    anchor: configAnchor(fact),
    rtt,
    model,
  };
}

export function buildClusterViews(
  uri: string,
  facts: DocumentFact[],
  settings: AnalysisSettings,
  workspace?: TopologyIndex,
): ClusterViews {
  const configs: EtcdConfigFact[] = [];
  const topologies: TopologyFact[] = [];
  const storageClasses: StorageClassFact[] = [];
  for (const fact of facts) {
    if (!fact || typeof fact !== 'object') continue;
    if (fact.type === 'etcd-config') configs.push(fact);
    else if (fact.type === 'topology') topologies.push(fact);
    else if (fact.type === 'storage-class') storageClasses.push(fact);
  }
  const topologyOf = new Map<EtcdConfigFact, ResolvedTopology | undefined>();
  const timers: TimerView[] = [];
  for (const t of topologies) timers.push(topologyView(t));
  for (const c of configs) {
    const resolved = resolveTopology(c, uri, topologies, workspace);
    topologyOf.set(c, resolved);
    timers.push(configView(c, resolved, settings));
  }
  return { configs, topologies, storageClasses, timers, topologyOf };
}
