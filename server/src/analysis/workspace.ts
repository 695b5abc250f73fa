// The cross-file index of a workspace (the server's folders, or every file the CLI is given):
// topology documents, so an etcd config file, static pod or kubeadm file can be checked against the
// RTTs of the topology that describes its members, and StorageClasses and PersistentVolumeClaims, so a
// workload's claim or class name resolves wherever the class or claim is written.
import type { DocumentFact, PersistentVolumeClaimFact, StorageClassFact, TopologyFact } from './types';

export interface IndexedTopology {
  uri: string;
  topology: TopologyFact;
}

/** A StorageClass or PersistentVolumeClaim with the file it is written in. */
export interface Indexed<T> {
  uri: string;
  fact: T;
}

/** What one file contributes to the index. */
export interface Contribution {
  topologies: TopologyFact[];
  storageClasses: StorageClassFact[];
  claims: PersistentVolumeClaimFact[];
}

/** Whether a document's facts hold something other files may use (the text test before a full parse). */
export const MAY_BE_SHARED = /kind:\s*["']?(EtcdTopology|StorageClass|PersistentVolumeClaim)\b/;

export class TopologyIndex {
  private readonly byUri = new Map<string, Contribution>();

  /**
   * Replaces what `uri` contributes with the topologies, StorageClasses and claims among `facts`
   * (none → the file is forgotten). True when that changed what other files may see.
   */
  update(uri: string, facts: DocumentFact[]): boolean {
    const next: Contribution = {
      topologies: facts.filter((f): f is TopologyFact => f.type === 'topology'),
      storageClasses: facts.filter((f): f is StorageClassFact => f.type === 'storage-class'),
      claims: facts.filter((f): f is PersistentVolumeClaimFact => f.type === 'persistent-volume-claim'),
    };
    const before = JSON.stringify(this.byUri.get(uri) ?? null);
    const empty = next.topologies.length + next.storageClasses.length + next.claims.length === 0;
    if (empty) this.byUri.delete(uri);
    else this.byUri.set(uri, next);
    return before !== JSON.stringify(empty ? null : next);
  }

  /**
   * Every file's contribution in the order they were indexed: plain data (structured-cloneable), so the
   * CLI's worker threads rebuild the same index, same order and all, with `TopologyIndex.from`.
   */
  entries(): [string, Contribution][] {
    return [...this.byUri];
  }

  static from(entries: [string, Contribution][]): TopologyIndex {
    const index = new TopologyIndex();
    for (const [uri, contribution] of entries) index.byUri.set(uri, contribution);
    return index;
  }

  /** Forgets `uri`; true when it contributed anything. */
  remove(uri: string): boolean {
    return this.byUri.delete(uri);
  }

  storageClasses(): Indexed<StorageClassFact>[] {
    const out: Indexed<StorageClassFact>[] = [];
    for (const [uri, c] of this.byUri) for (const fact of c.storageClasses) out.push({ uri, fact });
    return out;
  }

  claims(): Indexed<PersistentVolumeClaimFact>[] {
    const out: Indexed<PersistentVolumeClaimFact>[] = [];
    for (const [uri, c] of this.byUri) for (const fact of c.claims) out.push({ uri, fact });
    return out;
  }

  all(): IndexedTopology[] {
    const out: IndexedTopology[] = [];
    for (const [uri, c] of this.byUri) for (const topology of c.topologies) out.push({ uri, topology });
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
