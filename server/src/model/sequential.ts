// The seed article's arithmetic ("Demystifying etcd", Red Hat blog): five sequential steps, every network message
// costs a full RTT, every follower is waited for, and jitters add up linearly. Kept because people quote it; the
// raft estimate (raft.ts) is the default.
import { resolveScenario, siteRtt, voters } from './topology';
import type { Dist, ModelCluster, ModelMember, WriteScenario } from './types';

export interface SequentialTerm {
  label: string;
  meanMs: number;
  sdMs: number;
}

export interface SequentialStep {
  name: string;
  terms: SequentialTerm[];
  meanMs: number;
  /** Sum of the terms' sd (linear, as the seed does). */
  jitterMs: number;
}

export interface SequentialEstimate {
  leader: string;
  via: string;
  clientSite: string;
  meanMs: number;
  jitterMs: number;
  steps: SequentialStep[];
  /** 1000/(mean ± jitter), truncated to one decimal as the seed does (335 ± 54 → 2.5 to 3.5); max is Infinity when
   * jitter ≥ mean. */
  writesPerSecond: { min: number; max: number };
  /** The same range before truncation. */
  writesPerSecondExact: { min: number; max: number };
}

const term = (label: string, d: Dist): SequentialTerm => ({ label, meanMs: d.mean, sdMs: d.sd });

function step(name: string, terms: SequentialTerm[]): SequentialStep {
  return {
    name,
    terms,
    meanMs: terms.reduce((s, t) => s + t.meanMs, 0),
    jitterMs: terms.reduce((s, t) => s + t.sdMs, 0),
  };
}

/** Truncates to one decimal, as the seed's "2.5 to 3.5" for 1000/(335 ± 54) = 2.57 … 3.56 shows. */
export function truncate1(x: number): number {
  return Number.isFinite(x) ? Math.floor(x * 10 + 1e-9) / 10 : x;
}

export function sequentialEstimate(cluster: ModelCluster, scenario: WriteScenario): SequentialEstimate {
  const { leader, via, clientSite } = resolveScenario(cluster, scenario);
  const rtt = (a: ModelMember, b: ModelMember): Dist => siteRtt(cluster, a.site, b.site);
  const followers = voters(cluster).filter((m) => m !== leader);
  const clientRtt = siteRtt(cluster, clientSite, via.site);

  const steps: SequentialStep[] = [
    step('1. client request reaches the leader', [
      term(`client (${clientSite}) → ${via.name} (${via.site})`, clientRtt),
      ...(via !== leader ? [term(`forward ${via.name} → ${leader.name}`, rtt(via, leader))] : []),
    ]),
    step('2. leader appends to its WAL, then sends the entry to every follower', [
      term(`${leader.name} WAL fsync`, leader.fsync),
      ...followers.map((f) => term(`${leader.name} → ${f.name}`, rtt(leader, f))),
    ]),
    step('3. followers append to their WAL and acknowledge; leader commits (fsync)', [
      ...followers.map((f) => term(`${f.name} WAL fsync`, f.fsync)),
      ...followers.map((f) => term(`${f.name} → ${leader.name}`, rtt(f, leader))),
      term(`${leader.name} commit fsync`, leader.fsync),
    ]),
    step('4. leader announces the commit; followers commit (fsync)', [
      ...followers.map((f) => term(`${leader.name} → ${f.name}`, rtt(leader, f))),
      ...followers.map((f) => term(`${f.name} commit fsync`, f.fsync)),
    ]),
    step('5. reply reaches the client', [
      ...(via !== leader ? [term(`${leader.name} → ${via.name}`, rtt(leader, via))] : []),
      term(`${via.name} (${via.site}) → client (${clientSite})`, clientRtt),
    ]),
  ];
  const meanMs = steps.reduce((s, x) => s + x.meanMs, 0);
  const jitterMs = steps.reduce((s, x) => s + x.jitterMs, 0);
  const exact = { min: 1000 / (meanMs + jitterMs), max: meanMs - jitterMs > 0 ? 1000 / (meanMs - jitterMs) : Infinity };
  return {
    leader: leader.name,
    via: via.name,
    clientSite,
    meanMs,
    jitterMs,
    steps,
    writesPerSecond: { min: truncate1(exact.min), max: truncate1(exact.max) },
    writesPerSecondExact: exact,
  };
}
