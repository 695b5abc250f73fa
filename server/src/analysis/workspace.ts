// Topology documents of the whole workspace, so an etcd config file, static pod or kubeadm file can be
// checked against the RTTs of the topology that describes its members, wherever that topology is written.
import type { DocumentFact, TopologyFact } from './types';

export interface IndexedTopology {
  uri: string;
  topology: TopologyFact;
}

export class TopologyIndex {
  private readonly byUri = new Map<string, TopologyFact[]>();

  /** Replaces what `uri` contributes with the topologies among `facts` (none → the file is forgotten). */
  update(uri: string, facts: DocumentFact[]): void {
    const topologies = facts.filter((f): f is TopologyFact => f.type === 'topology');
    if (topologies.length === 0) this.byUri.delete(uri);
    else this.byUri.set(uri, topologies);
  }

  remove(uri: string): void {
    this.byUri.delete(uri);
  }

  all(): IndexedTopology[] {
    const out: IndexedTopology[] = [];
    for (const [uri, topologies] of this.byUri) for (const topology of topologies) out.push({ uri, topology });
    return out;
  }

  /** The topology whose `metadata.name` is `name` (the first indexed one when several share it). */
  byName(name: string): IndexedTopology | undefined {
    return this.all().find((t) => t.topology.name?.value === name);
  }

  /** The topology sharing the most member names with `memberNames` (at least one); undefined when none does. */
  forMembers(memberNames: string[]): IndexedTopology | undefined {
    return bestTopologyForMembers(this.all(), memberNames);
  }
}

/** Picks, among `candidates`, the topology with the largest overlap of member names (ties: first one). */
export function bestTopologyForMembers<T extends { topology: TopologyFact }>(
  candidates: T[],
  memberNames: string[],
): T | undefined {
  const wanted = new Set(memberNames.filter((n) => typeof n === 'string' && n !== ''));
  if (wanted.size === 0) return undefined;
  let best: T | undefined;
  let bestScore = 0;
  for (const candidate of candidates) {
    let score = 0;
    for (const member of candidate.topology.members ?? []) if (wanted.has(member.name?.value)) score++;
    if (score > bestScore) {
      best = candidate;
      bestScore = score;
    }
  }
  return best;
}
