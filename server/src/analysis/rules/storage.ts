// Storage seen by the storage rules: topology members' `storage.type`, and storage an etcd config names
// (the volume behind its data dir, a claim, a StorageClass), resolved by storageResolution.ts among the
// file's own StorageClasses and claims and the workspace's.
import { StorageScope } from '../storageResolution';
import type { Located, Range, RelatedLocation, StorageRisk, TopologyMember } from '../types';
import type { RuleContext } from './rule';

export interface StorageUse {
  /** Who uses it: `member etcd-c`, `Pod kube-system/etcd`. */
  owner: string;
  described: Located<string>;
  /** How the storage was reached (`PersistentVolumeClaim data → StorageClass nfs (nfs.csi.k8s.io)`). */
  path: string;
  risk: StorageRisk;
  range: Range;
  related: RelatedLocation[];
  member?: TopologyMember;
}

export function storageUses(ctx: RuleContext): StorageUse[] {
  const out: StorageUse[] = [];
  for (const t of ctx.views.topologies) {
    for (const m of t.members ?? []) {
      if (!m?.storageType) continue;
      out.push({
        owner: `member ${m.name?.value ?? '?'}${m.learner ? ' (learner)' : ''}`,
        described: m.storageType,
        path: m.storageType.value,
        risk: m.storageRisk ?? 'unknown',
        range: m.storageType.range,
        related: [],
        member: m,
      });
    }
  }
  const scope = new StorageScope(ctx.uri, ctx.facts, ctx.workspace);
  for (const c of ctx.views.configs) {
    for (const s of c.storage ?? []) {
      if (!s?.described) continue;
      const resolved = scope.resolve(s);
      out.push({
        owner: c.label,
        described: s.described,
        path: resolved?.path ?? s.described.value,
        risk: resolved?.risk ?? 'unknown',
        range: s.described.range,
        related: resolved?.related ?? [],
      });
    }
  }
  return out;
}
