// Typed facts that recognisers extract from YAML, and the findings rules report.
// Plain data with 0-based LSP-style positions, so the CLI, the language server and tests share it
// without importing any editor or protocol library.

export interface Position {
  line: number;
  character: number;
}

export interface Range {
  start: Position;
  end: Position;
}

export type Severity = 'error' | 'warning' | 'information' | 'hint';

/** A value read from YAML together with where it was written. */
export interface Located<T> {
  value: T;
  /** Range of the value node (what a diagnostic underlines). */
  range: Range;
  /** Range of the key that introduced the value, when there is one. */
  keyRange?: Range;
}

/** Another place that explains a finding (the slowest link, the other member with a different timer...). */
export interface RelatedLocation {
  /** Absent means "the same file". */
  uri?: string;
  range: Range;
  message: string;
}

/** A quick fix the protocol layer can turn into a workspace edit: replace `range` by `newText`. */
export interface SuggestedEdit {
  title: string;
  edits: { uri?: string; range: Range; newText: string }[];
}

export interface Finding {
  /** Stable rule code, e.g. `even-member-count`. */
  code: string;
  severity: Severity;
  /** Says what is wrong and what to do. */
  message: string;
  range: Range;
  /** Documentation behind the rule (etcd, Kubernetes or vendor). */
  docsUrl: string;
  related?: RelatedLocation[];
  fixes?: SuggestedEdit[];
}

/** Where an etcd setting came from; env vars and flags are strings, config-file keys are typed YAML. */
export type SettingOrigin =
  | 'config-file' // key in an etcd --config-file YAML
  | 'flag' // --flag=value / --flag value in command/args, or a flag=value list item (k3s etcd-arg)
  | 'env' // ETCD_* environment variable
  | 'extra-args' // a map or name/value list of flag names without dashes (kubeadm, Talos)
  | 'derived'; // implied by a higher-level setting (OpenShift controlPlaneHardwareSpeed, k3s defaults)

/** One etcd setting as written. `flag` is the canonical etcd flag name without dashes. */
export interface EtcdSetting {
  flag: string;
  /** The key, flag or env var exactly as written (e.g. `hearbeat-interval`, `ETCD_HEARTBEAT_INTERVAL`). */
  writtenAs: string;
  origin: SettingOrigin;
  /** Raw scalar: YAML-typed for config files, string for flags and env vars, null when absent/empty. */
  raw: unknown;
  range: Range;
  keyRange?: Range;
}

export type RecogniserKind =
  | 'etcd-config-file'
  | 'pod'
  | 'workload'
  | 'kubeadm-cluster-configuration'
  | 'talos'
  | 'k3s-rke2'
  | 'openshift-etcd'
  | 'bitnami-helm-values'
  | 'etcd-cluster-cr'
  | 'cluster-api'
  | 'eks-anywhere'
  | 'kind'
  | 'k0s'
  | 'kops'
  | 'rke1'
  | 'rancher'
  | 'openshift-install-config'
  | 'kubespray'
  | 'docker-compose'
  | 'topology';

export type StorageRisk =
  'network-filesystem' | 'network-block' | 'cloud-ssd' | 'cloud-hdd' | 'local' | 'hostpath' | 'hdd' | 'unknown';

export interface StorageFact {
  /** What the user wrote: a storage type (`nfs`) or a StorageClass provisioner / class name. */
  described: Located<string>;
  risk: StorageRisk;
  /**
   * What `described` is: a topology storage type, a StorageClass provisioner, or a StorageClass
   * name still to be resolved against StorageClass facts (risk `unknown` until then).
   */
  describedAs?:
    | 'storage-type'
    | 'provisioner'
    | 'storage-class-name'
    | 'claim-name'
    | 'default-storage-class'
    | 'volume'
    | 'volume-type';
  /** Namespace of the workload, for resolving a `claim-name` against PersistentVolumeClaims. */
  namespace?: string;
  /** Where the risk of a `volume` was decided (the pod volume's `nfs:` / `csi.driver`), for related locations. */
  decidedAt?: { range: Range; message: string };
}

export interface InitialClusterMember {
  name: string;
  peerUrls: string[];
}

/** etcd configuration recognised in one YAML document (or one container of a pod template). */
export interface EtcdConfigFact {
  type: 'etcd-config';
  recogniser: RecogniserKind;
  /** Index of the YAML document in its file. */
  documentIndex: number;
  /** The node the configuration hangs off (document root, container, extraArgs map...). */
  range: Range;
  /** A short label for hovers and the CLI, e.g. `Pod kube-system/etcd`, `etcd config file`. */
  label: string;
  /** Settings in the order written; the last one for a flag wins, as in etcd. */
  settings: EtcdSetting[];
  memberName?: Located<string>;
  initialCluster?: Located<InitialClusterMember[]>;
  /** Member count when the file states one: initial-cluster entries, replicaCount, size, etcd nodes. */
  memberCount?: Located<number> & {
    source: string;
    /** The count is computed (a list's length, a sum of pools), not one number a fix can edit. */
    computed?: boolean;
  };
  /**
   * Another fact of this file states this cluster's membership already (docker-compose services that
   * share one initial-cluster): member-count rules judge the cluster once, at that fact.
   */
  membershipStatedBy?: Range;
  /** Members the file lists one by one (kops etcdMembers, RKE1 etcd nodes), with where each runs. */
  members?: ConfigMember[];
  heartbeatMs?: Located<number>;
  electionMs?: Located<number>;
  quotaBackendBytes?: Located<number>;
  storage?: StorageFact[];
  /** Name of a topology document named by a `# etcd-capacity: topology=NAME` comment. */
  topologyRef?: Located<string>;
}

/** One member listed by a config (kops etcdMembers, an RKE1 node with the etcd role, a compose service). */
export interface ConfigMember {
  name: Located<string>;
  /** Where the member runs (kops: its instance group's zone), when the file says. */
  site?: Located<string>;
  /** The group that runs it (kops instance group). */
  group?: Located<string>;
  /** Cloud volume type of its data (kops `volumeType`: gp3, io1, st1, pd-standard...). */
  volumeType?: Located<string>;
  volumeIops?: Located<number>;
}

/** A kops InstanceGroup: which zones its machines run in, for the members it hosts. */
export interface InstanceGroupFact {
  type: 'instance-group';
  documentIndex: number;
  range: Range;
  name: Located<string>;
  role?: string;
  zones: Located<string>[];
}

export interface TopologySite {
  name: Located<string>;
  arbiter: boolean;
  range: Range;
}

/** Where a topology value comes from (`source:` objects, written by `etcd-capacity calibrate`). */
export interface ValueSource {
  kind: 'measured' | 'assumed' | 'given';
  from: string;
  at?: string;
  window?: string;
}

/** A measured distribution: ascending [ms, cumulative probability] points (model/empirical.ts). */
export type MeasuredCdf = ReadonlyArray<readonly [number, number]>;

export interface TopologyLink {
  sites: [string, string];
  rttMs: Located<number>;
  jitterMs?: Located<number>;
  rttDistribution?: MeasuredCdf;
  source?: ValueSource;
  range: Range;
}

export interface TopologyMember {
  name: Located<string>;
  site: Located<string>;
  learner: boolean;
  storageType?: Located<string>;
  storageRisk?: StorageRisk;
  fsyncMs?: Located<number>;
  fsyncJitterMs?: Located<number>;
  fsyncP99Ms?: Located<number>;
  fsyncDistribution?: MeasuredCdf;
  fsyncSource?: ValueSource;
  range: Range;
}

export interface TopologyClient {
  site: Located<string>;
  via?: Located<string>;
  range: Range;
}

/** An `etcd-capacity/v1alpha1` `EtcdTopology` document. */
export interface TopologyFact {
  type: 'topology';
  documentIndex: number;
  range: Range;
  name: Located<string>;
  heartbeatMs?: Located<number>;
  electionMs?: Located<number>;
  sites: TopologySite[];
  links: TopologyLink[];
  members: TopologyMember[];
  /** Range of the `members` key, for findings about the whole membership. */
  membersKeyRange?: Range;
  clients: TopologyClient[];
  /** `spec.requestFloor`: the measured request floor. */
  requestFloor?: { meanMs?: number; distribution?: MeasuredCdf; source?: ValueSource; range: Range };
  /** `spec.observed`: what a capture of the running cluster showed. */
  observed?: ObservedFacts;
}

export interface ObservedFacts {
  leader?: string;
  leaderChanges?: number;
  windowSeconds?: number;
  leaderChangesPerDay?: number;
  dbSizeBytes?: number;
  quotaBytes?: number;
  source?: ValueSource;
  range: Range;
}

/** A Kubernetes StorageClass, classified by provisioner. */
export interface StorageClassFact {
  type: 'storage-class';
  documentIndex: number;
  range: Range;
  name: Located<string>;
  provisioner: Located<string>;
  risk: StorageRisk;
  /** `storageclass.kubernetes.io/is-default-class: "true"`: claims without a class get this one. */
  isDefault?: boolean;
  /** The parameter that made a cloud volume HDD (EBS `type: st1`, Azure `skuName: Standard_LRS`). */
  decidingParameter?: Located<string> & { key: string };
}

/** A PersistentVolumeClaim, so a pod's `claimName` can be followed to its StorageClass. */
export interface PersistentVolumeClaimFact {
  type: 'persistent-volume-claim';
  documentIndex: number;
  range: Range;
  name: Located<string>;
  namespace?: string;
  /** `spec.storageClassName`; absent → the default class; `""` → no class (a pre-bound volume). */
  storageClassName?: Located<string>;
}

export type DocumentFact =
  EtcdConfigFact | TopologyFact | StorageClassFact | PersistentVolumeClaimFact | InstanceGroupFact;
