// Facts → model input. The only place that decides what a topology or an etcd configuration leaves
// unsaid: etcd's default timers (heartbeat 100 ms, election 1000 ms), a WAL fsync typical of the storage
// class, and for a configuration no topology describes, its members in one site.
import { ASSUMED_SITE_RTT_MS } from '../model/calibration';
import { cdfMoments } from '../model/empirical';
import { ETCD_DEFAULT_ELECTION_MS, ETCD_DEFAULT_HEARTBEAT_MS } from '../model/timers';
import type { Dist, ModelCluster, ModelLink, ModelMember } from '../model/types';
import type { EtcdConfigFact, StorageRisk, TopologyFact, TopologyMember } from './types';

export const DEFAULT_HEARTBEAT_MS = ETCD_DEFAULT_HEARTBEAT_MS;
export const DEFAULT_ELECTION_MS = ETCD_DEFAULT_ELECTION_MS;
/** Member count assumed when a configuration names no other member (kubeadm's usual stacked control plane). */
const ASSUMED_MEMBER_COUNT = 3;
/** The most members a configuration's stand-in cluster gets (a member count beyond is a typo). */
const MAX_CONFIG_MEMBERS = 99;

/**
 * WAL fdatasync assumed when a member's storage gives no `fsyncMs`, by storage class. Ballpark figures from
 * the etcd hardware guide and Red Hat's etcd practices (local NVMe/SSD well under 2 ms, cloud SSD a few ms,
 * network and spinning storage around or above the 10 ms p99 limit).
 */
const DEFAULT_FSYNC_BY_RISK: Readonly<Record<StorageRisk, Dist>> = Object.freeze({
  local: { mean: 1, sd: 0.3 },
  hostpath: { mean: 1, sd: 0.3 },
  'cloud-ssd': { mean: 2, sd: 1 },
  'network-block': { mean: 6, sd: 3 },
  'network-filesystem': { mean: 10, sd: 5 },
  'cloud-hdd': { mean: 10, sd: 4 },
  hdd: { mean: 10, sd: 4 },
  unknown: { mean: 2, sd: 1 },
});

function finite(value: unknown): value is number {
  return typeof value === 'number' && Number.isFinite(value);
}

/** The WAL fsync assumed for a member whose storage gives no `fsyncMs`: typical of its storage class. */
export function assumedFsync(member: Pick<TopologyMember, 'storageRisk'>): Dist {
  return DEFAULT_FSYNC_BY_RISK[member.storageRisk ?? 'unknown'] ?? DEFAULT_FSYNC_BY_RISK.unknown;
}

export function memberFsync(member: TopologyMember): Dist {
  const fallback = assumedFsync(member);
  const mean = member.fsyncMs?.value;
  const sd = member.fsyncJitterMs?.value;
  if (!finite(mean) || mean < 0) return { ...fallback };
  const dist = { mean, sd: finite(sd) && sd >= 0 ? sd : fallback.sd * (mean / Math.max(fallback.mean, 1e-9)) };
  return member.fsyncDistribution ? { ...dist, empirical: member.fsyncDistribution } : dist;
}

/** Heartbeat/election of a topology: its `spec.etcd` values, else etcd's defaults. */
export function topologyTimers(t: TopologyFact): { heartbeatMs: number; electionMs: number } {
  const hb = t.heartbeatMs?.value;
  const el = t.electionMs?.value;
  return {
    heartbeatMs: finite(hb) ? hb : DEFAULT_HEARTBEAT_MS,
    electionMs: finite(el) ? el : DEFAULT_ELECTION_MS,
  };
}

export function topologyToModel(t: TopologyFact): ModelCluster {
  const members: ModelMember[] = (t.members ?? []).map((m) => ({
    name: m.name?.value ?? '',
    site: m.site?.value ?? '',
    learner: m.learner === true,
    fsync: memberFsync(m),
  }));
  const links: ModelLink[] = [];
  for (const link of t.links ?? []) {
    const rtt = link.rttMs?.value;
    if (!link.sites || !finite(rtt) || rtt < 0) continue;
    const jitter = link.jitterMs?.value;
    const d: Dist = { mean: rtt, sd: finite(jitter) && jitter >= 0 ? jitter : 0 };
    links.push({
      a: link.sites[0],
      b: link.sites[1],
      rtt: link.rttDistribution ? { ...d, empirical: link.rttDistribution } : d,
    });
  }
  for (const site of sitesWithoutInnerRtt(t, links)) links.push({ a: site, b: site, rtt: { ...ASSUMED_SITE_RTT_MS } });
  const floor = t.requestFloor;
  const requestFloor: Dist | undefined = floor?.distribution
    ? {
        ...cdfMoments(floor.distribution),
        ...(finite(floor.meanMs) ? { mean: floor.meanMs } : {}),
        empirical: floor.distribution,
      }
    : finite(floor?.meanMs)
      ? { mean: floor.meanMs, sd: 0 }
      : undefined;
  return { members, links, ...topologyTimers(t), ...(requestFloor ? { requestFloor } : {}) };
}

/**
 * Sites holding members or clients whose RTT inside the site the topology does not give (the common case: only
 * the links between sites are written down). The model assumes ASSUMED_SITE_RTT_MS there and says so.
 */
export function sitesWithoutInnerRtt(t: TopologyFact, links?: readonly ModelLink[]): string[] {
  const given = new Set<string>();
  if (links) {
    for (const l of links) if (l.a === l.b) given.add(l.a);
  } else {
    for (const l of t.links ?? [])
      if (l.sites && l.sites[0] === l.sites[1] && finite(l.rttMs?.value) && l.rttMs.value >= 0) given.add(l.sites[0]);
  }
  const used = [...(t.members ?? []).map((m) => m.site?.value), ...(t.clients ?? []).map((c) => c.site?.value)];
  return used.filter(
    (s, i): s is string => typeof s === 'string' && s !== '' && !given.has(s) && used.indexOf(s) === i,
  );
}

/** Names of the members a config fact speaks for, each once: its own name and its initial-cluster entries. */
export function configMemberNames(fact: EtcdConfigFact): string[] {
  const names: string[] = [];
  const own = fact.memberName?.value;
  if (typeof own === 'string' && own !== '') names.push(own);
  for (const m of fact.initialCluster?.value ?? [])
    if (m && typeof m.name === 'string' && m.name !== '' && !names.includes(m.name)) names.push(m.name);
  return names;
}

export interface ConfigModel {
  model: ModelCluster;
  /** What the model input had to assume, in words. */
  assumptions: string[];
}

/**
 * Model input for an etcd configuration that no topology describes: its members (named, counted, or
 * ASSUMED_MEMBER_COUNT) in one site, `defaultRttMs` between them when set (else the LAN RTT the model
 * assumes inside a site), and the WAL fsync typical of the storage behind its data directory.
 */
export function configToModel(
  fact: EtcdConfigFact,
  timers: { heartbeatMs: number; electionMs: number },
  defaultRttMs: number | undefined,
): ConfigModel {
  const assumptions: string[] = [];
  const names = configMemberNames(fact);
  const stated = finite(fact.memberCount?.value) ? Math.floor(fact.memberCount.value) : 0;
  let count = Math.max(names.length, stated);
  if (count < 1) {
    count = ASSUMED_MEMBER_COUNT;
    assumptions.push(`${ASSUMED_MEMBER_COUNT} members (the file names no others)`);
  }
  count = Math.min(count, MAX_CONFIG_MEMBERS);
  const rtt: Dist = defaultRttMs !== undefined ? { mean: defaultRttMs, sd: 0 } : { ...ASSUMED_SITE_RTT_MS };
  assumptions.push(
    defaultRttMs !== undefined
      ? `RTT ${defaultRttMs} ms between members (etcdCapacity.defaultRttMs)`
      : `RTT ${rtt.mean} ± ${rtt.sd} ms between members (one data centre; describe them in an EtcdTopology for real figures)`,
  );
  const risk = fact.storage?.find((s) => s.risk !== 'unknown')?.risk ?? 'unknown';
  const fsync = assumedFsync({ storageRisk: risk });
  assumptions.push(`WAL fsync ${fsync.mean} ± ${fsync.sd} ms (${risk === 'unknown' ? 'typical SSD' : risk} storage)`);
  const members: ModelMember[] = Array.from({ length: count }, (_, i) => ({
    name: names[i] ?? `member-${i + 1}`,
    site: 'site',
    fsync: { ...fsync },
  }));
  return { model: { members, links: [{ a: 'site', b: 'site', rtt }], ...timers }, assumptions };
}
