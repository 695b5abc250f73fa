// StorageClass (storage.k8s.io/v1) → StorageRisk, and topology `storage.type` strings → StorageRisk.
// Every provisioner string below was seen in real StorageClass YAML of public repositories
// (checked with the search tool); see real-world-shapes.md §8 for the risk rationale.
import {
  getIn,
  getPair,
  keyRange,
  keyText,
  mapPairs,
  asMap,
  nodeRange,
  scalarString,
  stringValue,
  type DocContext,
  type YAMLMap,
} from '../parse';
import type { DocumentFact, Finding, PersistentVolumeClaimFact, Range, StorageClassFact, StorageRisk } from '../types';
import { limited, located } from './yamlNodes';

const PROVISIONERS: Record<string, StorageRisk> = {
  // network filesystems (NFS, SMB, shared/clustered file systems)
  'nfs.csi.k8s.io': 'network-filesystem',
  'k8s-sigs.io/nfs-subdir-external-provisioner': 'network-filesystem',
  'kubernetes.io/azure-file': 'network-filesystem',
  'file.csi.azure.com': 'network-filesystem',
  'efs.csi.aws.com': 'network-filesystem',
  'fsx.csi.aws.com': 'network-filesystem',
  'filestore.csi.storage.gke.io': 'network-filesystem',
  'cephfs.csi.ceph.com': 'network-filesystem',
  'openshift-storage.cephfs.csi.ceph.com': 'network-filesystem',
  'kubernetes.io/glusterfs': 'network-filesystem',
  'smb.csi.k8s.io': 'network-filesystem',
  // distributed / replicated network block storage (SAN, Ceph RBD, replicated software-defined storage)
  'rbd.csi.ceph.com': 'network-block',
  'kubernetes.io/rbd': 'network-block',
  'openshift-storage.rbd.csi.ceph.com': 'network-block',
  'driver.longhorn.io': 'network-block',
  'kubernetes.io/portworx-volume': 'network-block',
  'pxd.portworx.com': 'network-block',
  'iscsi.csi.k8s.io': 'network-block',
  'csi.trident.netapp.io': 'network-block',
  'linstor.csi.linbit.com': 'network-block',
  'cstor.csi.openebs.io': 'network-block',
  'io.openebs.csi-mayastor': 'network-block',
  'csi.storageos.com': 'network-block',
  'kubernetes.io/cinder': 'network-block',
  'cinder.csi.openstack.org': 'network-block',
  // cloud block volumes (SSD unless parameters say HDD)
  'ebs.csi.aws.com': 'cloud-ssd',
  'kubernetes.io/aws-ebs': 'cloud-ssd',
  'pd.csi.storage.gke.io': 'cloud-ssd',
  'kubernetes.io/gce-pd': 'cloud-ssd',
  'disk.csi.azure.com': 'cloud-ssd',
  'kubernetes.io/azure-disk': 'cloud-ssd',
  // node-local disks
  'kubernetes.io/no-provisioner': 'local',
  'rancher.io/local-path': 'local',
  'topolvm.io': 'local',
  'openebs.io/local': 'local',
  'local.csi.openebs.io': 'local',
  'zfs.csi.openebs.io': 'local',
  // development hostPath provisioners
  'k8s.io/minikube-hostpath': 'hostpath',
  'microk8s.io/hostpath': 'hostpath',
  'hostpath.csi.k8s.io': 'hostpath',
};

export const KNOWN_PROVISIONERS: readonly string[] = Object.keys(PROVISIONERS);

const EBS = new Set(['ebs.csi.aws.com', 'kubernetes.io/aws-ebs']);
const GCE = new Set(['pd.csi.storage.gke.io', 'kubernetes.io/gce-pd']);
const AZURE_DISK = new Set(['disk.csi.azure.com', 'kubernetes.io/azure-disk']);

/** Parameter lookup ignoring key case (Azure documents both `skuName` and `skuname`). */
function param(parameters: Record<string, string> | undefined, ...names: string[]): string | undefined {
  if (!parameters) return undefined;
  for (const [k, v] of Object.entries(parameters)) if (names.some((n) => n.toLowerCase() === k.toLowerCase())) return v;
  return undefined;
}

/** The parameter key that makes a cloud block volume (or TopoLVM device class) HDD, when one does. */
function hddParameter(provisioner: string, parameters: Record<string, string> | undefined): string | undefined {
  const find = (...names: string[]) =>
    Object.keys(parameters ?? {}).find((k) => names.some((n) => n.toLowerCase() === k.toLowerCase()));
  if (EBS.has(provisioner)) {
    const key = find('type');
    return key && classifyCloudVolumeType(param(parameters, 'type') ?? '') === 'cloud-hdd' ? key : undefined;
  }
  if (GCE.has(provisioner)) {
    const key = find('type');
    return key && (param(parameters, 'type') ?? '').toLowerCase() === 'pd-standard' ? key : undefined;
  }
  if (AZURE_DISK.has(provisioner)) {
    const key = find('skuName', 'storageaccounttype');
    const sku = (param(parameters, 'skuName', 'storageaccounttype') ?? '').toLowerCase();
    return key && (sku === 'standard_lrs' || sku === 'standard_zrs') ? key : undefined;
  }
  if (provisioner === 'topolvm.io') {
    const key = find('topolvm.io/device-class');
    return key && /hdd/i.test(param(parameters, 'topolvm.io/device-class') ?? '') ? key : undefined;
  }
  return undefined;
}

/**
 * Risk of a StorageClass provisioner (or an inline `csi.driver`) for etcd's WAL fsync, refined by
 * parameters: EBS `type: st1|sc1|standard`, GCE `type: pd-standard`, Azure `skuName: Standard_LRS|Standard_ZRS`
 * → cloud-hdd; TopoLVM `topolvm.io/device-class` naming hdd → hdd. Unknown provisioners → `unknown`.
 */
export function classifyProvisioner(provisioner: string, parameters?: Record<string, string>): StorageRisk {
  const p = provisioner.trim();
  const base = PROVISIONERS[p];
  if (base === undefined) {
    // nfs-subdir-external-provisioner and similar take configurable names; catch the obvious ones.
    if (/(^|[./-])nfs([./-]|$)/i.test(p)) return 'network-filesystem';
    return 'unknown';
  }
  if (hddParameter(p, parameters) === undefined) return base;
  return p === 'topolvm.io' ? 'hdd' : 'cloud-hdd';
}

/**
 * Risk of a cloud volume type as kops `volumeType` or an EBS StorageClass `type` names it. AWS EBS: st1/sc1
 * (throughput/cold HDD) and `standard` (magnetic) are HDD, gp2/gp3/io1/io2 SSD; GCE persistent disks (kops on GCP):
 * pd-standard is HDD, pd-balanced/pd-ssd/pd-extreme and Hyperdisk SSD; Azure managed disks: Standard_LRS/ZRS
 * are HDD, StandardSSD/Premium/UltraSSD SSD.
 */
export function classifyCloudVolumeType(volumeType: string): StorageRisk {
  const t = volumeType.trim().toLowerCase();
  if (
    t === 'st1' ||
    t === 'sc1' ||
    t === 'standard' ||
    t === 'pd-standard' ||
    t === 'standard_lrs' ||
    t === 'standard_zrs'
  )
    return 'cloud-hdd';
  if (
    /^(gp[23]|io[12]|pd-(balanced|ssd|extreme)|hyperdisk-[a-z]+|standardssd_[lz]rs|premium(v2)?_[lz]rs|ultrassd_lrs)$/.test(
      t,
    )
  )
    return 'cloud-ssd';
  return 'unknown';
}

const STORAGE_TYPES: Record<string, StorageRisk> = {
  nvme: 'local',
  ssd: 'local',
  pmem: 'local',
  local: 'local',
  'local-ssd': 'local',
  'local-nvme': 'local',
  hdd: 'hdd',
  'local-hdd': 'hdd',
  nfs: 'network-filesystem',
  smb: 'network-filesystem',
  cifs: 'network-filesystem',
  cephfs: 'network-filesystem',
  glusterfs: 'network-filesystem',
  nas: 'network-filesystem',
  iscsi: 'network-block',
  'ceph-rbd': 'network-block',
  rbd: 'network-block',
  san: 'network-block',
  'fibre-channel': 'network-block',
  fc: 'network-block',
  longhorn: 'network-block',
  'cloud-ssd': 'cloud-ssd',
  'cloud-hdd': 'cloud-hdd',
  hostpath: 'hostpath',
};

export const KNOWN_STORAGE_TYPES: readonly string[] = Object.keys(STORAGE_TYPES);

/** Risk of a topology `storage.type` (nvme | ssd | pmem | hdd | nfs | iscsi | ceph-rbd | cephfs | san | nas |
 * cloud-ssd | cloud-hdd). */
export function classifyStorageType(type: string): StorageRisk {
  return STORAGE_TYPES[type.trim().toLowerCase()] ?? 'unknown';
}

export function recogniseStorageClass(
  ctx: DocContext,
  root: YAMLMap,
  facts: DocumentFact[],
  findings: Finding[],
): void {
  const provPair = getPair(ctx, root, 'provisioner');
  const provisioner = provPair ? stringValue(ctx, provPair.value) : undefined;
  if (!provPair || provisioner === undefined) return;
  const parameters: Record<string, string> = {};
  const parameterRanges = new Map<string, Range>();
  const params = asMap(ctx, getIn(ctx, root, 'parameters'));
  if (params)
    for (const p of limited(ctx, findings, mapPairs(ctx, params), 'parameters', 200)) {
      const k = keyText(p.key);
      const v = stringValue(ctx, p.value);
      if (k !== undefined && v !== undefined) {
        parameters[k] = v;
        parameterRanges.set(k, nodeRange(ctx, p.value));
      }
    }
  const namePair = getPair(ctx, getIn(ctx, root, 'metadata'), 'name');
  const name = namePair ? stringValue(ctx, namePair.value) : undefined;
  const pkr = keyRange(ctx, provPair);
  const fact: StorageClassFact = {
    type: 'storage-class',
    documentIndex: ctx.index,
    range: nodeRange(ctx, root),
    name:
      namePair && name !== undefined
        ? located(name, {
            range: nodeRange(ctx, namePair.value),
            ...(keyRange(ctx, namePair) ? { keyRange: keyRange(ctx, namePair)! } : {}),
          })
        : { value: '', range: nodeRange(ctx, root) },
    provisioner: located(provisioner, { range: nodeRange(ctx, provPair.value), ...(pkr ? { keyRange: pkr } : {}) }),
    risk: classifyProvisioner(provisioner, parameters),
  };
  if (isDefaultClass(ctx, root)) fact.isDefault = true;
  const deciding = hddParameter(provisioner.trim(), parameters);
  if (deciding !== undefined)
    fact.decidingParameter = { key: deciding, value: parameters[deciding]!, range: parameterRanges.get(deciding)! };
  facts.push(fact);
}

/** The annotation Kubernetes reads for the default class (and the beta one older clusters still carry). */
function isDefaultClass(ctx: DocContext, root: YAMLMap): boolean {
  const annotations = asMap(ctx, getIn(ctx, root, 'metadata', 'annotations'));
  if (!annotations) return false;
  return mapPairs(ctx, annotations).some((p) => {
    const k = keyText(p.key);
    return (
      (k === 'storageclass.kubernetes.io/is-default-class' ||
        k === 'storageclass.beta.kubernetes.io/is-default-class') &&
      scalarString(ctx, p.value) === 'true'
    );
  });
}

/** A PersistentVolumeClaim: name, namespace and `spec.storageClassName` (absent and `""` differ). */
export function recognisePersistentVolumeClaim(ctx: DocContext, root: YAMLMap, facts: DocumentFact[]): void {
  const namePair = getPair(ctx, getIn(ctx, root, 'metadata'), 'name');
  const name = namePair ? stringValue(ctx, namePair.value) : undefined;
  if (!namePair || name === undefined || name === '') return;
  const fact: PersistentVolumeClaimFact = {
    type: 'persistent-volume-claim',
    documentIndex: ctx.index,
    range: nodeRange(ctx, root),
    name: located(name, { range: nodeRange(ctx, namePair.value) }),
  };
  const namespace = stringValue(ctx, getIn(ctx, root, 'metadata', 'namespace'));
  if (namespace) fact.namespace = namespace;
  const classNode = getIn(ctx, root, 'spec', 'storageClassName');
  const className = scalarString(ctx, classNode);
  if (classNode && className !== undefined)
    fact.storageClassName = located(className, { range: nodeRange(ctx, classNode) });
  facts.push(fact);
}
