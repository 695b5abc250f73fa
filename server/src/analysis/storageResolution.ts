// Follows what an etcd configuration names for its data (a claim, a class, the default class, a volume)
// to the StorageClass or volume that decides the disk, among the file's own facts first and then the
// workspace index (other files: the server's folders, or every file given to the CLI).
//
// Default class: a claim or claim template without `storageClassName` gets the class annotated
// `storageclass.kubernetes.io/is-default-class: "true"` (as Kubernetes' DefaultStorageClass admission
// plugin does); `storageClassName: ""` asks for no class (a pre-provisioned volume) and stays unresolved.
import type { PersistentVolumeClaimFact, RelatedLocation, StorageClassFact, StorageFact, StorageRisk } from './types';
import type { Indexed, TopologyIndex } from './workspace';

export interface ResolvedStorage {
  risk: StorageRisk;
  /** How the storage was reached, for messages: `claim etcd-data → StorageClass nfs (nfs.csi.k8s.io)`. */
  path: string;
  related: RelatedLocation[];
}

/** StorageClasses and claims visible from one file: its own, then other files' (never an older copy of itself). */
export class StorageScope {
  private readonly classes: Indexed<StorageClassFact>[];
  private readonly claims: Indexed<PersistentVolumeClaimFact>[];

  constructor(
    private readonly uri: string,
    facts: readonly { type: string }[],
    workspace?: TopologyIndex,
  ) {
    const own = <T>(type: string) => facts.filter((f) => f.type === type).map((fact) => ({ uri, fact: fact as T }));
    this.classes = [
      ...own<StorageClassFact>('storage-class'),
      ...(workspace?.storageClasses().filter((c) => c.uri !== uri) ?? []),
    ];
    this.claims = [
      ...own<PersistentVolumeClaimFact>('persistent-volume-claim'),
      ...(workspace?.claims().filter((c) => c.uri !== uri) ?? []),
    ];
  }

  private related(uri: string, related: RelatedLocation): RelatedLocation {
    return uri === this.uri ? related : { ...related, uri };
  }

  private classByName(name: string): Indexed<StorageClassFact> | undefined {
    return this.classes.find((c) => c.fact.name.value === name);
  }

  private defaultClass(): Indexed<StorageClassFact> | undefined {
    return this.classes.find((c) => c.fact.isDefault === true);
  }

  private claim(name: string, namespace: string | undefined): Indexed<PersistentVolumeClaimFact> | undefined {
    const named = this.claims.filter((c) => c.fact.name.value === name);
    // Same namespace first; a side without a namespace (written for `kubectl -n`) matches any.
    return (
      named.find((c) => c.fact.namespace === namespace) ??
      named.find((c) => c.fact.namespace === undefined || namespace === undefined)
    );
  }

  private viaClass(
    found: Indexed<StorageClassFact> | undefined,
    prefix: string,
    related: RelatedLocation[],
  ): ResolvedStorage | undefined {
    if (!found) return undefined;
    const sc = found.fact;
    const out = [...related];
    const label = sc.name.value || '(unnamed)';
    out.push(
      this.related(found.uri, {
        range: sc.provisioner.range,
        message: `StorageClass ${label}: provisioner ${sc.provisioner.value}`,
      }),
    );
    const p = sc.decidingParameter;
    if (p)
      out.push(this.related(found.uri, { range: p.range, message: `StorageClass ${label}: ${p.key}: ${p.value}` }));
    return {
      risk: sc.risk,
      path: `${prefix}StorageClass ${label} (${sc.provisioner.value}${p ? `, ${p.key}: ${p.value}` : ''})`,
      related: out,
    };
  }

  /** The risk of `storage` and where it was decided; undefined when nothing visible decides it. */
  resolve(storage: StorageFact): ResolvedStorage | undefined {
    switch (storage.describedAs) {
      case 'claim-name': {
        const found = this.claim(storage.described.value, storage.namespace);
        if (!found) return undefined;
        const pvc = found.fact;
        const prefix = `PersistentVolumeClaim ${pvc.name.value} → `;
        const at = pvc.storageClassName ?? pvc.name;
        const related = [
          this.related(found.uri, {
            range: at.range,
            message: `PersistentVolumeClaim ${pvc.name.value}${pvc.storageClassName ? `: storageClassName ${pvc.storageClassName.value}` : ' (no storageClassName: default class)'}`,
          }),
        ];
        if (pvc.storageClassName === undefined) return this.viaClass(this.defaultClass(), prefix + 'default ', related);
        if (pvc.storageClassName.value === '') return undefined;
        return this.viaClass(this.classByName(pvc.storageClassName.value), prefix, related);
      }
      case 'default-storage-class':
        return this.viaClass(this.defaultClass(), 'default ', []);
      case 'volume':
      case 'volume-type':
        return {
          risk: storage.risk,
          path: storage.decidedAt?.message ?? storage.described.value,
          related: storage.decidedAt ? [{ range: storage.decidedAt.range, message: storage.decidedAt.message }] : [],
        };
      default:
        if (storage.risk !== 'unknown' && storage.risk !== undefined)
          return { risk: storage.risk, path: storage.described.value, related: [] };
        return this.viaClass(this.classByName(storage.described.value), '', []);
    }
  }
}
