// Typical WAL fdatasync latency per storage class, and how much of a write's latency the disks account for.
import { raftEstimate, type RaftOptions } from './raft';
import type { Dist, ModelCluster, WriteScenario } from './types';

export type DiskClass =
  'pmem' | 'nvme' | 'ssd' | 'hdd' | 'san' | 'iscsi' | 'nas' | 'nfs' | 'ceph-rbd' | 'cephfs' | 'cloud-ssd' | 'cloud-hdd';

export interface DiskClassDefault extends Dist {
  /** Where the figure comes from (or that it is an assumption). */
  source: string;
}

/**
 * Typical fdatasync of one small WAL append, mean and sd in ms. Ballpark figures for estimates, not measurements
 * of a given device; a topology that states `fsyncMs` wins over them.
 */
export const DISK_CLASS_DEFAULTS: Readonly<Record<DiskClass, DiskClassDefault>> = {
  // PMEM seed (Optane App Direct vs NVMe vs SSD, etcd 3.5): PMEM fsync faster than NVMe; no figure given → assumption.
  pmem: { mean: 0.05, sd: 0.02, source: 'PMEM study seed: faster than NVMe (figure assumed)' },
  // Seed: "NVMe much faster" than SSD (< 0.5 ms); datacenter NVMe with power-loss protection ≈ 0.1–0.2 ms.
  nvme: { mean: 0.15, sd: 0.1, source: 'PMEM study seed (NVMe much faster than SSD); assumed 0.15 ms' },
  // Seed: SSD fsync < 0.5 ms; etcd performance page: "fdatasync … SSD often < 1 ms".
  ssd: { mean: 0.5, sd: 0.3, source: 'PMEM study seed (SSD < 0.5 ms); etcd op-guide/performance (SSD often < 1 ms)' },
  // etcd op-guide/performance: "typical fdatasync latency for a spinning disk is about 10 ms" (7200 RPM ≈ 50 IOPS).
  hdd: { mean: 10, sd: 5, source: 'etcd op-guide/performance and hardware (HDD fdatasync ~10 ms, 50 sequential IOPS)' },
  // Red Hat: avoid SAN/NAS; FC/iSCSI arrays with write cache answer in ~1–3 ms, spread by shared load (assumed).
  san: { mean: 2, sd: 2, source: 'Red Hat recommended etcd practices (avoid SAN); figure assumed' },
  iscsi: { mean: 3, sd: 3, source: 'Red Hat recommended etcd practices (network block device); figure assumed' },
  nas: { mean: 5, sd: 5, source: 'Red Hat recommended etcd practices (avoid NAS); figure assumed' },
  // Red Hat: avoid NFS and other network filesystems: a COMMIT round trip per fsync, heavy tail.
  nfs: { mean: 8, sd: 10, source: 'Red Hat recommended etcd practices (avoid NFS); figure assumed' },
  // Red Hat KCS 5060021: Ceph/ODF not recommended for etcd; replicated RBD write ≈ network RTT × 2 + OSD journal.
  'ceph-rbd': { mean: 5, sd: 5, source: 'Red Hat KCS 5060021 (Ceph not recommended); figure assumed' },
  cephfs: { mean: 10, sd: 10, source: 'Red Hat KCS 5060021 (network filesystem); figure assumed' },
  // Red Hat/OpenShift: p99 < 10 ms required, ≤ 2 ms for heavy load; cloud SSD volumes (gp3, pd-ssd, Premium SSD)
  // sit around 1–3 ms per synchronous write.
  'cloud-ssd': {
    mean: 2,
    sd: 1.5,
    source: 'Red Hat (p99 < 10 ms, ≤ 2 ms heavy load); cloud block SSD ~1–3 ms assumed',
  },
  'cloud-hdd': { mean: 10, sd: 8, source: 'etcd hardware guide (HDD ~10 ms); cloud throughput-optimised HDD assumed' },
};

export const DISK_CLASSES = Object.keys(DISK_CLASS_DEFAULTS) as DiskClass[];

export interface DiskClassEstimate {
  diskClass: DiskClass;
  fsync: Dist;
  meanMs: number;
  p50Ms: number;
  p90Ms: number;
  p99Ms: number;
}

export interface DiskSensitivity {
  meanMs: number;
  p50Ms: number;
  /** The same scenario with every fsync at 0 ms. */
  zeroFsyncMeanMs: number;
  zeroFsyncP50Ms: number;
  /** (latency − latency with zero fsync) / latency, for the mean and for p50. */
  fsyncShareMean: number;
  fsyncShareP50: number;
  /** The raft estimate if every member had that storage class. */
  byClass: DiskClassEstimate[];
}

function withFsync(cluster: ModelCluster, fsync: Dist): ModelCluster {
  return { ...cluster, members: cluster.members.map((m) => ({ ...m, fsync: { mean: fsync.mean, sd: fsync.sd } })) };
}

export function diskSensitivity(
  cluster: ModelCluster,
  scenario: WriteScenario,
  options: RaftOptions = {},
): DiskSensitivity {
  // Network samples are shared by every variant: only the disks change between them.
  options = { ...options, cache: options.cache ?? new Map<string, Float64Array>() };
  const base = raftEstimate(cluster, scenario, options);
  const zero = raftEstimate(withFsync(cluster, { mean: 0, sd: 0 }), scenario, options);
  const share = (a: number, b: number): number => (a > 0 ? Math.max(0, (a - b) / a) : 0);
  const byClass = DISK_CLASSES.map((diskClass) => {
    const d = DISK_CLASS_DEFAULTS[diskClass];
    const e = raftEstimate(withFsync(cluster, d), scenario, options);
    return {
      diskClass,
      fsync: { mean: d.mean, sd: d.sd },
      meanMs: e.meanMs,
      p50Ms: e.p50Ms,
      p90Ms: e.p90Ms,
      p99Ms: e.p99Ms,
    };
  });
  return {
    meanMs: base.meanMs,
    p50Ms: base.p50Ms,
    zeroFsyncMeanMs: zero.meanMs,
    zeroFsyncP50Ms: zero.p50Ms,
    fsyncShareMean: share(base.meanMs, zero.meanMs),
    fsyncShareP50: share(base.p50Ms, zero.p50Ms),
    byClass,
  };
}
