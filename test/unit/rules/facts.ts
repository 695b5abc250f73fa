// Builders for facts, so rule tests can run before (and independently of) the YAML recognisers.
import type {
  EtcdConfigFact,
  EtcdSetting,
  Located,
  Range,
  StorageClassFact,
  StorageRisk,
  TopologyFact,
  TopologyLink,
  TopologyMember,
  TopologySite,
} from '../../../server/src/analysis/types';

export function range(line: number, character = 0, length = 1): Range {
  return { start: { line, character }, end: { line, character: character + length } };
}

export function loc<T>(value: T, line: number, character = 0): Located<T> {
  return { value, range: range(line, character, String(value).length) };
}

let nextLine = 1000;
/** A fresh line for values whose position a test does not care about. */
export function anyLine(): number {
  return nextLine++;
}

export interface MemberSpec {
  name: string;
  site: string;
  learner?: boolean;
  storage?: string;
  risk?: StorageRisk;
  fsyncMs?: number;
  fsyncP99Ms?: number;
  line?: number;
}

export interface TopologySpec {
  name?: string;
  heartbeatMs?: number;
  electionMs?: number;
  heartbeatLine?: number;
  electionLine?: number;
  sites: (string | { name: string; arbiter?: boolean; line?: number })[];
  links: { sites: [string, string]; rttMs: number; line?: number }[];
  members: MemberSpec[];
  membersLine?: number;
}

export function topology(spec: TopologySpec): TopologyFact {
  const sites: TopologySite[] = spec.sites.map((s) => {
    const o = typeof s === 'string' ? { name: s } : s;
    const line = o.line ?? anyLine();
    return { name: loc(o.name, line, 10), arbiter: o.arbiter === true, range: range(line, 4, 20) };
  });
  const links: TopologyLink[] = spec.links.map((l) => {
    const line = l.line ?? anyLine();
    return { sites: l.sites, rttMs: loc(l.rttMs, line, 13), range: range(line, 4, 30) };
  });
  const members: TopologyMember[] = spec.members.map((m) => {
    const line = m.line ?? anyLine();
    const member: TopologyMember = {
      name: loc(m.name, line, 12),
      site: loc(m.site, line, 30),
      learner: m.learner === true,
      range: range(line, 4, 40),
    };
    if (m.storage) {
      member.storageType = loc(m.storage, line, 50);
      member.storageRisk = m.risk ?? 'local';
    }
    if (m.fsyncMs !== undefined) member.fsyncMs = loc(m.fsyncMs, line, 70);
    if (m.fsyncP99Ms !== undefined) member.fsyncP99Ms = loc(m.fsyncP99Ms, line, 80);
    return member;
  });
  const fact: TopologyFact = {
    type: 'topology',
    documentIndex: 0,
    range: range(0, 0, 1),
    name: loc(spec.name ?? 'cluster', 3, 8),
    sites,
    links,
    members,
    membersKeyRange: spec.membersLine !== undefined ? range(spec.membersLine, 2, 7) : undefined,
    clients: [],
  };
  if (spec.heartbeatMs !== undefined) fact.heartbeatMs = loc(spec.heartbeatMs, spec.heartbeatLine ?? 7, 24);
  if (spec.electionMs !== undefined) fact.electionMs = loc(spec.electionMs, spec.electionLine ?? 8, 23);
  return fact;
}

export interface ConfigSpec {
  label?: string;
  recogniser?: EtcdConfigFact['recogniser'];
  name?: string;
  nameLine?: number;
  initialCluster?: string[];
  initialClusterLine?: number;
  memberCount?: number;
  memberCountLine?: number;
  heartbeatMs?: number;
  heartbeatLine?: number;
  electionMs?: number;
  electionLine?: number;
  quotaBackendBytes?: number;
  quotaLine?: number;
  topologyRef?: string;
  settings?: EtcdSetting[];
  storage?: { described: string; risk: StorageRisk; line?: number }[];
}

export function config(spec: ConfigSpec): EtcdConfigFact {
  const fact: EtcdConfigFact = {
    type: 'etcd-config',
    recogniser: spec.recogniser ?? 'etcd-config-file',
    documentIndex: 0,
    range: range(0, 0, 1),
    label: spec.label ?? 'etcd config file',
    settings: spec.settings ?? [],
  };
  if (spec.name !== undefined) fact.memberName = loc(spec.name, spec.nameLine ?? anyLine(), 6);
  if (spec.initialCluster) {
    fact.initialCluster = {
      value: spec.initialCluster.map((n, i) => ({ name: n, peerUrls: [`https://10.0.0.${i + 1}:2380`] })),
      range: range(spec.initialClusterLine ?? anyLine(), 17, 60),
    };
  }
  if (spec.memberCount !== undefined) {
    fact.memberCount = { ...loc(spec.memberCount, spec.memberCountLine ?? anyLine(), 14), source: 'replicaCount' };
  }
  if (spec.heartbeatMs !== undefined) fact.heartbeatMs = loc(spec.heartbeatMs, spec.heartbeatLine ?? anyLine(), 20);
  if (spec.electionMs !== undefined) fact.electionMs = loc(spec.electionMs, spec.electionLine ?? anyLine(), 18);
  if (spec.quotaBackendBytes !== undefined)
    fact.quotaBackendBytes = loc(spec.quotaBackendBytes, spec.quotaLine ?? anyLine(), 21);
  if (spec.topologyRef !== undefined) fact.topologyRef = loc(spec.topologyRef, 0, 30);
  if (spec.storage)
    fact.storage = spec.storage.map((s) => ({ described: loc(s.described, s.line ?? anyLine(), 20), risk: s.risk }));
  return fact;
}

export function storageClass(name: string, provisioner: string, risk: StorageRisk, line = 5): StorageClassFact {
  return {
    type: 'storage-class',
    documentIndex: 1,
    range: range(line - 3, 0, 1),
    name: loc(name, line - 2, 8),
    provisioner: loc(provisioner, line, 13),
    risk,
  };
}
