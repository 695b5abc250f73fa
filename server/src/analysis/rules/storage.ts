// Storage seen by the storage rules: topology members' `storage.type`, and storage an etcd config names
// (a volume's StorageClass, hostPath...), resolved through StorageClass documents of the same file by name.
import type { Located, Range, RelatedLocation, StorageRisk, TopologyMember } from '../types';
import type { RuleContext } from './rule';

export interface StorageUse {
  /** Who uses it: `member etcd-c`, `Pod kube-system/etcd`. */
  owner: string;
  described: Located<string>;
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
        risk: m.storageRisk ?? 'unknown',
        range: m.storageType.range,
        related: [],
        member: m,
      });
    }
  }
  const classes = new Map<string, (typeof ctx.views.storageClasses)[number]>();
  for (const sc of ctx.views.storageClasses) if (typeof sc.name?.value === 'string') classes.set(sc.name.value, sc);
  for (const c of ctx.views.configs) {
    for (const s of c.storage ?? []) {
      if (!s?.described) continue;
      const sc = classes.get(s.described.value);
      const useClass = sc && (s.risk === 'unknown' || s.risk === undefined);
      out.push({
        owner: c.label,
        described: s.described,
        risk: useClass ? sc.risk : s.risk ?? 'unknown',
        range: s.described.range,
        related: sc
          ? [{ range: sc.provisioner.range, message: `StorageClass ${sc.name.value}: provisioner ${sc.provisioner.value}` }]
          : [],
      });
    }
  }
  return out;
}
