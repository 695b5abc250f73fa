// The default write-latency estimate, following etcd's real write path (see docs/model.md):
//   latency = RTT(client site, via) + floor + [½ RTT(via, leader) if via ≠ leader] + ready(via)
//   floor   = gRPC, raft processing, apply: one draw of the request-floor distribution
//   commit  = q-th smallest over voters of { leader: fsync_L ; follower i: RTT(L,i) + fsync_i }
//   ready(via) = commit                                        if via is the leader
//              = max(commit + ½ RTT'(L,via), ½ RTT(L,via) + fsync_via)  otherwise
//   apply waits for a running backend commit (duration D = 2 fsync_via + cpu, every 100 ms) with
//   probability D / interval, for a residual uniform in [0, D]
// Every RTT and fsync is an independent Gamma matched to its mean and sd; seeded Monte Carlo gives the percentiles.
import {
  BACKEND_BATCH_INTERVAL_MS,
  BACKEND_COMMIT_CPU_MS,
  DEFAULT_REQUEST_FLOOR_CDF,
  LOOPBACK_FLOOR_MS,
  MODEL_SEED,
  RAFT_SAMPLES,
} from './calibration';
import { empiricalDist } from './empirical';
import { quorumSize } from './quorum';
import { cachedSampler, mulberry32, selectKth, sortedQuantile, streamSeed } from './stats';
import { resolveScenario, siteRtt, voters } from './topology';
import type { Dist, ModelCluster, ModelMember, WriteScenario } from './types';

export interface BreakdownTerm {
  term: string;
  meanMs: number;
  /** meanMs over the estimate's mean; the terms add up to 1. */
  share: number;
}

export interface RaftEstimate {
  meanMs: number;
  p50Ms: number;
  p90Ms: number;
  p99Ms: number;
  /** Mean contribution of each link, disk and constant, in the order of the write path; adds up to meanMs. */
  breakdown: BreakdownTerm[];
  /** The term with the largest share. */
  dominant: string;
  /** One client, one write in flight: 1000 / meanMs. */
  writesPerSecond: number;
  leader: string;
  via: string;
  clientSite: string;
  samples: number;
  /** The estimate at each probability of RaftOptions.quantiles, when asked for. */
  quantiles?: number[];
  /** With `cdfPoints`: the latency (ms) at probability i / (cdfPoints − 1), i = 0 … cdfPoints − 1, from the same samples. */
  cdf?: number[];
}

export interface RaftOptions {
  /** Monte Carlo samples (default RAFT_SAMPLES). */
  samples?: number;
  /** PRNG seed (default MODEL_SEED). */
  seed?: number;
  /** Reused sample arrays, keyed by stream and distribution (estimateCluster shares one across scenarios). */
  cache?: Map<string, Float64Array>;
  /** Probabilities (0..1) at which to report the estimate as well (e.g. to fit a request floor). */
  quantiles?: readonly number[];
  /** Also return this many evenly spaced quantiles of the latency distribution (the report's CDF curves). */
  cdfPoints?: number;
}

/** The request floor used when the cluster states none (calibration.ts: published and same-host figures). */
export const DEFAULT_REQUEST_FLOOR: Dist = empiricalDist(DEFAULT_REQUEST_FLOOR_CDF);

/** RTT with the loopback floor on its mean (timer arithmetic); the Monte Carlo floors each sample instead. */
export function flooredRtt(d: Dist): Dist {
  return d.mean >= LOOPBACK_FLOOR_MS ? d : { mean: LOOPBACK_FLOOR_MS, sd: d.sd };
}

export function raftEstimate(cluster: ModelCluster, scenario: WriteScenario, options: RaftOptions = {}): RaftEstimate {
  const { leader, via, clientSite } = resolveScenario(cluster, scenario);
  const n = Math.max(16, Math.floor(options.samples ?? RAFT_SAMPLES));
  const seed = options.seed ?? MODEL_SEED;
  const draw = cachedSampler(n, seed, options.cache);
  const rtt = (a: ModelMember, b: ModelMember): Dist => siteRtt(cluster, a.site, b.site);
  // No two processes answer each other in 0 ms: every RTT sample is at least the loopback floor.
  const drawRtt = (key: string, d: Dist): Float64Array => draw(key, d, LOOPBACK_FLOOR_MS);
  // Stream keys name unordered member pairs so one leader's samples are reused when another member leads.
  const pair = (a: string, b: string): string => (a < b ? `${a}|${b}` : `${b}|${a}`);

  const vs = voters(cluster);
  const q = quorumSize(vs.length);
  const viaIsLeader = via === leader;
  const client = drawRtt(`client:${clientSite}>${via.name}`, siteRtt(cluster, clientSite, via.site));
  const forward = viaIsLeader ? undefined : drawRtt(`fwd:${pair(via.name, leader.name)}`, rtt(via, leader));
  const notice = viaIsLeader ? undefined : drawRtt(`notice:${pair(via.name, leader.name)}`, rtt(leader, via));
  const fsync = vs.map((m) => draw(`fsync:${m.name}`, m.fsync));
  const rep = vs.map((m) => (m === leader ? undefined : drawRtt(`rep:${pair(leader.name, m.name)}`, rtt(leader, m))));
  const leaderIdx = vs.indexOf(leader);
  const viaIdx = vs.indexOf(via);
  // The backend commit the apply on `via` may have to wait for: two fdatasyncs of via's disk plus CPU.
  const commitSync1 = draw(`bcommit1:${via.name}`, via.fsync);
  const commitSync2 = draw(`bcommit2:${via.name}`, via.fsync);
  const uniform = mulberry32(streamSeed(`bwait:${via.name}`, seed));
  let sumBackendWait = 0;

  // Mean contributions, accumulated per sample by attributing each piece of time to what caused it.
  let sumClient = 0;
  let sumForward = 0;
  let sumNotice = 0;
  let sumViaFsync = 0;
  const sumQuorum = new Float64Array(vs.length);
  const floor = draw('floor', cluster.requestFloor ?? DEFAULT_REQUEST_FLOOR);
  let sumFloor = 0;

  const totals = new Float64Array(n);
  const arrival = new Float64Array(vs.length);
  const order = new Int32Array(vs.length);
  for (let i = 0; i < n; i++) {
    for (let j = 0; j < vs.length; j++) {
      const r = rep[j];
      arrival[j] = r ? r[i] + fsync[j][i] : fsync[j][i];
      order[j] = j;
    }
    // The voter whose persistence completes the quorum: the q-th earliest arrival (linear quickselect).
    const decider = selectKth(arrival, order, vs.length, q);
    const commit = arrival[decider];
    sumQuorum[decider] += commit;
    let ready = commit;
    if (forward && notice) {
      const fwd = forward[i] / 2;
      sumForward += fwd;
      const noticed = commit + notice[i] / 2;
      const persisted = (rep[viaIdx] as Float64Array)[i] / 2 + fsync[viaIdx][i];
      sumNotice += noticed - commit;
      if (persisted > noticed) {
        sumViaFsync += persisted - noticed;
        ready = persisted;
      } else {
        ready = noticed;
      }
      ready += fwd;
    }
    const commitMs = commitSync1[i] + commitSync2[i] + BACKEND_COMMIT_CPU_MS;
    const inCommit = uniform() < Math.min(1, commitMs / BACKEND_BATCH_INTERVAL_MS);
    const residual = uniform() * commitMs;
    const backendWait = inCommit ? residual : 0;
    sumBackendWait += backendWait;
    sumClient += client[i];
    sumFloor += floor[i];
    totals[i] = client[i] + floor[i] + ready + backendWait;
  }

  let total = 0;
  for (let i = 0; i < n; i++) total += totals[i];
  const meanMs = total / n;
  totals.sort();

  const raw: { term: string; sum: number }[] = [
    { term: `client (${clientSite}) → ${via.name} (${via.site}) and reply`, sum: sumClient },
    { term: `request floor (gRPC, raft processing, apply${cluster.requestFloor ? '' : '; default'})`, sum: sumFloor },
  ];
  if (!viaIsLeader) raw.push({ term: `forward ${via.name} → ${leader.name}`, sum: sumForward });
  raw.push({ term: `leader WAL fsync (${leader.name})`, sum: sumQuorum[leaderIdx] });
  vs.forEach((m, j) => {
    if (j !== leaderIdx) raw.push({ term: `quorum replication: ${leader.name} → ${m.name} RTT + fsync`, sum: sumQuorum[j] });
  });
  if (!viaIsLeader) {
    raw.push({ term: `commit notice ${leader.name} → ${via.name}`, sum: sumNotice });
    raw.push({ term: `${via.name} WAL fsync of its own copy`, sum: sumViaFsync });
  }
  raw.push({ term: `wait for ${via.name}'s backend commit (bbolt, every ${BACKEND_BATCH_INTERVAL_MS} ms)`, sum: sumBackendWait });
  const breakdown = raw
    .filter((t) => t.sum > 0)
    .map((t) => ({ term: t.term, meanMs: t.sum / n, share: meanMs > 0 ? t.sum / n / meanMs : 0 }));
  const dominant = breakdown.reduce((a, b) => (b.meanMs > a.meanMs ? b : a), breakdown[0]).term;

  return {
    meanMs,
    p50Ms: sortedQuantile(totals, 0.5),
    p90Ms: sortedQuantile(totals, 0.9),
    p99Ms: sortedQuantile(totals, 0.99),
    breakdown,
    dominant,
    writesPerSecond: 1000 / meanMs,
    leader: leader.name,
    via: via.name,
    clientSite,
    samples: n,
    ...(options.quantiles ? { quantiles: options.quantiles.map((p) => sortedQuantile(totals, p)) } : {}),
    ...(options.cdfPoints ? { cdf: cdfOf(totals, options.cdfPoints) } : {}),
  };
}

/** `points` evenly spaced quantiles (probability 0 to 1) of ascending samples. */
function cdfOf(sorted: Float64Array, points: number): number[] {
  const k = Math.max(2, Math.floor(points));
  return Array.from({ length: k }, (_, i) => sortedQuantile(sorted, i / (k - 1)));
}
