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
  /** With `cdfPoints`: the latency (ms) at probability i / (cdfPoints − 1), i = 0 … cdfPoints − 1, from the same
   * samples. */
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

/**
 * Voters that are interchangeable in every estimate: same site and same fsync distribution (mean, sd, measured
 * CDF); learners never vote. Each voter's class, `site/k` for the k-th distinct fsync of its site in declaration
 * order: the Monte Carlo names its sample streams by class and rank, never by member name, so two members of one
 * class leading give the same figures (a result is computed once per class), and scaling every fsync or RTT
 * keeps the streams (the model stays exactly monotone).
 */
export function voterClasses(vs: readonly ModelMember[]): string[] {
  const ids = new Map<string, string>();
  const perSite = new Map<string, number>();
  return vs.map((m) => {
    const d = m.fsync;
    const sig = `${m.site}\u0000${d.mean}|${d.sd}${d.empirical ? `|${d.empirical.map((p) => `${p[0]}:${p[1]}`).join(',')}` : ''}`;
    let id = ids.get(sig);
    if (id === undefined) {
      const k = perSite.get(m.site) ?? 0;
      perSite.set(m.site, k + 1);
      ids.set(sig, (id = `${m.site}/${k}`));
    }
    return id;
  });
}

/**
 * Canonical order of voters for a run: the special members first (`first`, in that order), then the others
 * grouped by class (classes in order of first appearance), each class in declaration order. `slot[j]` is voter
 * j's position and `key[p]` the stream name of position p: class and rank, so the layout is the same whichever
 * member of a class is special.
 */
export interface ClassLayout {
  order: number[];
  slot: Int32Array;
  key: string[];
}

export function classLayout(
  vs: readonly ModelMember[],
  first: readonly number[],
  tags: readonly string[],
): ClassLayout {
  const classes = voterClasses(vs);
  const slot = new Int32Array(vs.length).fill(-1);
  const order: number[] = [];
  const key: string[] = [];
  first.forEach((j, i) => {
    if (slot[j] !== -1) return;
    slot[j] = order.length;
    order.push(j);
    key.push(`${tags[i]}.${classes[j]}`);
  });
  const byClass = new Map<string, number[]>();
  classes.forEach((c, j) => {
    let list = byClass.get(c);
    if (!list) byClass.set(c, (list = []));
    if (slot[j] === -1) list.push(j);
  });
  for (const [c, list] of byClass) {
    list.forEach((j, rank) => {
      slot[j] = order.length;
      order.push(j);
      key.push(`${c}#${rank}`);
    });
  }
  return { order, slot, key };
}

/** Monte Carlo runs so far (raftEstimate and electionTime), for tests that check how many scenarios are simulated. */
export const monteCarloRuns = { raft: 0, election: 0 };

/** What one raft Monte Carlo yields, with per-voter sums by layout position (names are attached afterwards). */
interface RaftRun {
  meanMs: number;
  p50Ms: number;
  p90Ms: number;
  p99Ms: number;
  quantiles?: number[];
  cdf?: number[];
  sumClient: number;
  sumFloor: number;
  sumForward: number;
  sumNotice: number;
  sumViaFsync: number;
  sumBackendWait: number;
  /** By layout position (0: the leader). */
  sumQuorum: Float64Array;
  n: number;
}

export interface RaftRunMemo {
  /** Results by (leader class, client site, via): estimateCluster passes one for all its scenarios. */
  runs: Map<string, RaftRun>;
}

export function raftRunMemo(): RaftRunMemo {
  return { runs: new Map() };
}

export function raftEstimate(
  cluster: ModelCluster,
  scenario: WriteScenario,
  options: RaftOptions = {},
  memo?: RaftRunMemo,
): RaftEstimate {
  const { leader, via, clientSite } = resolveScenario(cluster, scenario);
  const n = Math.max(16, Math.floor(options.samples ?? RAFT_SAMPLES));
  const seed = options.seed ?? MODEL_SEED;
  const vs = voters(cluster);
  const viaIsLeader = via === leader;
  const leaderIdx = vs.indexOf(leader);
  const viaIdx = vs.indexOf(via);
  const layout = classLayout(vs, viaIsLeader ? [leaderIdx] : [leaderIdx, viaIdx], ['L', 'V']);
  // Leaders of one class give the same run for a client site and `via` (the leader itself, or one named member).
  const memoKey = `${layout.key[0]}|${clientSite}|${viaIsLeader ? '=' : `>${via.name}`}`;
  let run = memo?.runs.get(memoKey);
  if (!run) {
    run = raftRun(cluster, vs, layout, leader, via, clientSite, n, seed, options);
    memo?.runs.set(memoKey, run);
  }
  const { meanMs } = run;
  const raw: { term: string; sum: number }[] = [
    { term: `client (${clientSite}) → ${via.name} (${via.site}) and reply`, sum: run.sumClient },
    {
      term: `request floor (gRPC, raft processing, apply${cluster.requestFloor ? '' : '; default'})`,
      sum: run.sumFloor,
    },
  ];
  if (!viaIsLeader) raw.push({ term: `forward ${via.name} → ${leader.name}`, sum: run.sumForward });
  raw.push({ term: `leader WAL fsync (${leader.name})`, sum: run.sumQuorum[0] });
  vs.forEach((m, j) => {
    if (j !== leaderIdx)
      raw.push({
        term: `quorum replication: ${leader.name} → ${m.name} RTT + fsync`,
        sum: run.sumQuorum[layout.slot[j]],
      });
  });
  if (!viaIsLeader) {
    raw.push({ term: `commit notice ${leader.name} → ${via.name}`, sum: run.sumNotice });
    raw.push({ term: `${via.name} WAL fsync of its own copy`, sum: run.sumViaFsync });
  }
  raw.push({
    term: `wait for ${via.name}'s backend commit (bbolt, every ${BACKEND_BATCH_INTERVAL_MS} ms)`,
    sum: run.sumBackendWait,
  });
  const breakdown = raw
    .filter((t) => t.sum > 0)
    .map((t) => ({ term: t.term, meanMs: t.sum / n, share: meanMs > 0 ? t.sum / n / meanMs : 0 }));
  const dominant = breakdown.reduce((a, b) => (b.meanMs > a.meanMs ? b : a), breakdown[0]).term;

  return {
    meanMs,
    p50Ms: run.p50Ms,
    p90Ms: run.p90Ms,
    p99Ms: run.p99Ms,
    breakdown,
    dominant,
    writesPerSecond: 1000 / meanMs,
    leader: leader.name,
    via: via.name,
    clientSite,
    samples: n,
    ...(run.quantiles ? { quantiles: [...run.quantiles] } : {}),
    ...(run.cdf ? { cdf: [...run.cdf] } : {}),
  };
}

/** The Monte Carlo itself: O(samples × voters), voters in layout order, streams named by layout position. */
function raftRun(
  cluster: ModelCluster,
  vsDecl: ModelMember[],
  layout: ClassLayout,
  leader: ModelMember,
  via: ModelMember,
  clientSite: string,
  n: number,
  seed: number,
  options: RaftOptions,
): RaftRun {
  monteCarloRuns.raft++;
  const draw = cachedSampler(n, seed, options.cache);
  // One RTT per pair of sites for the run (siteRtt scans the links).
  const rttBySite = new Map<string, Dist>();
  const rttTo = (site: string): Dist => {
    let d = rttBySite.get(site);
    if (!d) rttBySite.set(site, (d = siteRtt(cluster, leader.site, site)));
    return d;
  };
  // No two processes answer each other in 0 ms: every RTT sample is at least the loopback floor.
  const drawRtt = (key: string, d: Dist): Float64Array => draw(key, d, LOOPBACK_FLOOR_MS);

  const vs = layout.order.map((j) => vsDecl[j]);
  const keys = layout.key;
  const q = quorumSize(vs.length);
  const viaIsLeader = via === leader;
  const viaIdx = viaIsLeader ? 0 : 1;
  const L = keys[0];
  const V = keys[viaIdx];
  const client = drawRtt(`client:${clientSite}>${V}`, siteRtt(cluster, clientSite, via.site));
  const forward = viaIsLeader ? undefined : drawRtt(`fwd:${L}|${V}`, rttTo(via.site));
  const notice = viaIsLeader ? undefined : drawRtt(`notice:${L}|${V}`, rttTo(via.site));
  const fsync = vs.map((m, p) => draw(`fsync:${keys[p]}`, m.fsync));
  const rep = vs.map((m, p) => (p === 0 ? undefined : drawRtt(`rep:${L}|${keys[p]}`, rttTo(m.site))));
  // The backend commit the apply on `via` may have to wait for: two fdatasyncs of via's disk plus CPU.
  const commitSync1 = draw(`bcommit1:${V}`, via.fsync);
  const commitSync2 = draw(`bcommit2:${V}`, via.fsync);
  const uniform = mulberry32(streamSeed(`bwait:${V}`, seed));
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
  totals.sort();
  return {
    meanMs: total / n,
    p50Ms: sortedQuantile(totals, 0.5),
    p90Ms: sortedQuantile(totals, 0.9),
    p99Ms: sortedQuantile(totals, 0.99),
    ...(options.quantiles ? { quantiles: options.quantiles.map((p) => sortedQuantile(totals, p)) } : {}),
    ...(options.cdfPoints ? { cdf: cdfOf(totals, options.cdfPoints) } : {}),
    sumClient,
    sumFloor,
    sumForward,
    sumNotice,
    sumViaFsync,
    sumBackendWait,
    sumQuorum,
    n,
  };
}

/** `points` evenly spaced quantiles (probability 0 to 1) of ascending samples. */
function cdfOf(sorted: Float64Array, points: number): number[] {
  const k = Math.max(2, Math.floor(points));
  return Array.from({ length: k }, (_, i) => sortedQuantile(sorted, i / (k - 1)));
}
