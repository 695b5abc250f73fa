// Timer safety: spurious election timeouts, time to elect a new leader, and recommended heartbeat/election values.
import { ELECTION_SAMPLES, MODEL_SEED, PACKET_LOSS_RATE, TCP_MIN_RTO_MS } from './calibration';
import { quorumSize } from './quorum';
import { classLayout, flooredRtt, monteCarloRuns } from './raft';
import {
  cachedSampler,
  distQuantile,
  gammaParams,
  mulberry32,
  selectKth,
  sortedQuantile,
  streamSeed,
  survival,
} from './stats';
import { ModelInputError } from './errors';
import { siteRtt, validateCluster, voters } from './topology';
import type { Dist, ModelCluster, ModelMember } from './types';

/** etcd's defaults and limits (tuning guide; embed.Config.Validate). */
export const ETCD_DEFAULT_HEARTBEAT_MS = 100;
export const ETCD_DEFAULT_ELECTION_MS = 1000;
export const ETCD_MAX_ELECTION_MS = 50000;
export const ETCD_MIN_ELECTION_TO_HEARTBEAT = 5;

/** The longest heartbeat etcd accepts together with an election timeout within its maximum. */
export const ETCD_MAX_HEARTBEAT_MS = ETCD_MAX_ELECTION_MS / ETCD_MIN_ELECTION_TO_HEARTBEAT;

/**
 * The rule-of-thumb timers for an RTT (election ≥ 10 × RTT, heartbeat ≈ RTT), never beyond what etcd
 * accepts; `absorbed` is false when even etcd's maximum election timeout is below 10 × the RTT.
 */
export function timersForRtt(rttMs: number): { electionMs: number; heartbeatMs: number; absorbed: boolean } {
  const election = Math.ceil(10 * rttMs);
  return {
    electionMs: Math.min(ETCD_MAX_ELECTION_MS, election),
    heartbeatMs: Math.min(ETCD_MAX_HEARTBEAT_MS, Math.max(ETCD_DEFAULT_HEARTBEAT_MS, Math.ceil(rttMs))),
    absorbed: election <= ETCD_MAX_ELECTION_MS,
  };
}

const MS_PER_DAY = 86_400_000;
/** Grid bins used for the distribution of one heartbeat's lateness. */
const GRID_BINS = 1024;

export interface RecommendedTimers {
  heartbeatMs: number;
  electionMs: number;
  reason: string;
}

export interface VoterRtt {
  a: string;
  b: string;
  meanMs: number;
  sdMs: number;
  p99Ms: number;
}

export interface LinkTimerRisk {
  leader: string;
  follower: string;
  /** One-way leader → follower delay: mean RTT/2, sd RTT sd/√2 (the two directions independent). */
  oneWay: Dist;
  /** Delay of a heartbeat behind the leader's WAL fsync (the raft loop is busy while it syncs). */
  leaderStall: Dist;
  /** TCP retransmission timeout of the link: max(TCP_MIN_RTO_MS, mean RTT + 4 sd). */
  rtoMs: number;
  /** P(no heartbeat reaches the follower within its randomised timeout) per heartbeat interval. */
  timeoutProbabilityPerHeartbeat: number;
  timeoutsPerDay: number;
}

export interface LeaderTimerRisk {
  leader: string;
  /** Expected follower election timeouts per day while this member leads (sum over its voting followers). */
  spuriousElectionsPerDay: number;
  worstFollower: string | null;
  links: LinkTimerRisk[];
}

export interface ElectionTime {
  failedLeader: string;
  /** False when the remaining voters are fewer than a quorum: no leader can be elected. */
  possible: boolean;
  meanMs: number;
  p99Ms: number;
}

export interface TimerSafety {
  heartbeatMs: number;
  electionMs: number;
  /** Problems etcd itself would refuse or warn about; the figures are computed anyway. */
  problems: string[];
  valid: boolean;
  /** Worst leader's expected spurious election timeouts per day. */
  spuriousElectionsPerDay: number;
  worstLeader: string;
  perLeader: LeaderTimerRisk[];
  /** Worst case over which voter was leading when it failed. */
  electionTime: ElectionTime;
  electionTimeByLeader: ElectionTime[];
  maxVoterRtt: VoterRtt | null;
  recommended: RecommendedTimers;
}

function voterPairs(cluster: ModelCluster): { a: ModelMember; b: ModelMember; rtt: Dist }[] {
  const vs = voters(cluster);
  const out: { a: ModelMember; b: ModelMember; rtt: Dist }[] = [];
  for (let i = 0; i < vs.length; i++) {
    for (let j = i + 1; j < vs.length; j++)
      out.push({ a: vs[i], b: vs[j], rtt: flooredRtt(siteRtt(cluster, vs[i].site, vs[j].site)) });
  }
  return out;
}

/** Largest mean RTT between two voting members (null with a single voter). */
export function maxVoterRtt(cluster: ModelCluster): VoterRtt | null {
  validateCluster(cluster);
  let best: VoterRtt | null = null;
  for (const p of voterPairs(cluster)) {
    if (!best || p.rtt.mean > best.meanMs)
      best = { a: p.a.name, b: p.b.name, meanMs: p.rtt.mean, sdMs: p.rtt.sd, p99Ms: distQuantile(p.rtt, 0.99) };
  }
  return best;
}

function roundUp(x: number, step: number): number {
  return Math.ceil(x / step - 1e-9) * step;
}

function niceHeartbeat(rtt: number): number {
  if (rtt <= ETCD_DEFAULT_HEARTBEAT_MS) return ETCD_DEFAULT_HEARTBEAT_MS;
  return Math.min(ETCD_MAX_ELECTION_MS / ETCD_MIN_ELECTION_TO_HEARTBEAT, roundUp(rtt, rtt < 1000 ? 10 : 50));
}

/**
 * heartbeat ≈ the largest mean RTT between voters (etcd: 0.5–1.5 × RTT), never below 100 ms, rounded up to 10 ms
 * (50 ms from 1 s); election = max(10 × the largest p99 RTT between voters, 5 × heartbeat, 1000), rounded up to
 * 100 ms, at most 50000 ms.
 */
export function recommendedTimers(cluster: ModelCluster): RecommendedTimers {
  validateCluster(cluster);
  const pairs = voterPairs(cluster);
  const worst = maxVoterRtt(cluster);
  if (!worst) {
    return {
      heartbeatMs: ETCD_DEFAULT_HEARTBEAT_MS,
      electionMs: ETCD_DEFAULT_ELECTION_MS,
      reason: 'a single voting member has no peer round trips: etcd defaults (100 ms / 1000 ms)',
    };
  }
  let p99 = 0;
  let p99Pair = `${worst.a}–${worst.b}`;
  for (const p of pairs) {
    const v = distQuantile(p.rtt, 0.99);
    if (v > p99) {
      p99 = v;
      p99Pair = `${p.a.name}–${p.b.name}`;
    }
  }
  const heartbeatMs = niceHeartbeat(worst.meanMs);
  const bounds = [
    { v: 10 * p99, why: `10 × p99 RTT ${p99.toFixed(1)} ms (${p99Pair})` },
    { v: ETCD_MIN_ELECTION_TO_HEARTBEAT * heartbeatMs, why: `5 × heartbeat (etcd refuses less)` },
    { v: ETCD_DEFAULT_ELECTION_MS, why: 'etcd default 1000 ms' },
  ];
  const top = bounds.reduce((a, b) => (b.v > a.v ? b : a));
  const electionMs = Math.min(ETCD_MAX_ELECTION_MS, roundUp(top.v, top.v < 10000 ? 100 : 500));
  const hbWhy =
    heartbeatMs === ETCD_DEFAULT_HEARTBEAT_MS
      ? `largest mean RTT between voters ${worst.meanMs} ms (${worst.a}–${worst.b}) is within etcd's default heartbeat`
      : `≈ largest mean RTT between voters ${worst.meanMs} ms (${worst.a}–${worst.b}), etcd: 0.5–1.5 × RTT`;
  const cap = electionMs < top.v ? ` capped at etcd's maximum ${ETCD_MAX_ELECTION_MS} ms` : '';
  return {
    heartbeatMs,
    electionMs,
    reason: `heartbeat ${heartbeatMs} ms: ${hbWhy}; election ${electionMs} ms: ${top.why}${cap}`,
  };
}

/** Probability mass of a Dist on bins [jh, (j+1)h), j < bins; the tail beyond goes to the last bin. */
function gridPmf(d: Dist, h: number, bins: number): Float64Array {
  const p = new Float64Array(bins);
  if (!gammaParams(d)) {
    p[Math.min(bins - 1, Math.floor(Math.max(0, d.mean) / h))] = 1;
    return p;
  }
  let prev = 1;
  for (let j = 0; j < bins; j++) {
    const next = j === bins - 1 ? 0 : survival(d, (j + 1) * h);
    p[j] = Math.max(0, prev - next);
    prev = next;
  }
  return p;
}

export interface Retransmission {
  /** Probability that a segment is lost (each retry independently). */
  lossRate: number;
  /** First retransmission timeout; it doubles per retry. */
  rtoMs: number;
}

/** TCP RTO for a link: max(200 ms, srtt + 4 × rttvar), with the RTT's mean and sd standing in for srtt and rttvar. */
export function tcpRto(rtt: Dist): number {
  return Math.max(TCP_MIN_RTO_MS, rtt.mean + 4 * rtt.sd);
}

/**
 * P(a follower times out in one heartbeat interval). Heartbeat k leaves the leader at k·HB + S_k (S: leader stall)
 * and arrives D_k + R_k later (D: one-way delay, R: TCP retransmissions, in order on one stream); the follower's
 * timer restarts on each arrival, so it fires when HB + X_{k+1} − X_k > T with X = S + D + R and T ~ U[ET, 2ET).
 * Computed on a grid: X's pmf by convolution, then E_T[P(X' − X > T − HB)] with prefix sums of the tail (exact up
 * to the grid step, ~0.2 % of the election timeout).
 */
export function heartbeatTimeoutProbability(
  oneWay: Dist,
  stall: Dist,
  heartbeatMs: number,
  electionMs: number,
  retransmission: Retransmission = { lossRate: 0, rtoMs: TCP_MIN_RTO_MS },
): number {
  const spread = (d: Dist): number => d.mean + 60 * d.sd;
  const xHi = spread(oneWay) + spread(stall);
  const et = Math.max(electionMs, 1e-6);
  const h = Math.max(2 * et + xHi, heartbeatMs, 1) / GRID_BINS;
  const bins = GRID_BINS + 1;
  const pd = gridPmf(oneWay, h, bins);
  const ps = gridPmf(stall, h, bins);
  const pds = new Float64Array(bins);
  for (let i = 0; i < bins; i++) {
    const a = pd[i];
    if (a === 0) continue;
    for (let j = 0; i + j < bins; j++) pds[i + j] += a * ps[j];
  }
  // Retransmissions: k losses in a row delay the segment by RTO·(2^k − 1), probability ℓ^k (1 − ℓ).
  const loss = Math.min(Math.max(retransmission.lossRate, 0), 1);
  let px = pds;
  if (loss > 0) {
    px = new Float64Array(bins);
    let p = 1;
    for (let k = 0; p > 0; k++) {
      const mass = k < 8 ? p * (1 - loss) : p;
      const shift = Math.min(bins - 1, Math.round((retransmission.rtoMs * (2 ** k - 1)) / h));
      for (let i = 0; i < bins; i++) px[Math.min(bins - 1, i + shift)] += mass * pds[i];
      p = k < 8 ? p * loss : 0;
    }
  }
  // tail[m] = P(X ≥ bin m); ct[m] = Σ_{m' ≥ m} tail[m'].
  const tail = new Float64Array(bins + 1);
  for (let m = bins - 1; m >= 0; m--) tail[m] = tail[m + 1] + px[m];
  const ct = new Float64Array(bins + 2);
  for (let m = bins; m >= 0; m--) ct[m] = ct[m + 1] + tail[m];
  const total = tail[0];
  const ctAt = (y: number): number => {
    if (y <= 0) return ct[0] + -y * total;
    if (y >= bins) return 0;
    const lo = Math.floor(y);
    return ct[lo] + (y - lo) * (ct[lo + 1] - ct[lo]);
  };
  // X' − X > c  ⇔  bin(X') > bin(X) + c/h; average over c = T − HB uniform on [ET − HB, 2ET − HB).
  const y0 = (et - heartbeatMs) / h;
  const y1 = (2 * et - heartbeatMs) / h;
  let p = 0;
  for (let k = 0; k < bins; k++) {
    if (px[k] === 0) continue;
    p += (px[k] * (ctAt(k + y0 + 0.5) - ctAt(k + y1 + 0.5))) / (y1 - y0);
  }
  return Math.min(1, Math.max(0, p));
}

function leaderRisks(cluster: ModelCluster, hb: number, et: number): LeaderTimerRisk[] {
  const vs = voters(cluster);
  const memo = new Map<string, number>();
  return vs.map((leader) => {
    const links = vs
      .filter((f) => f !== leader)
      .map((f) => {
        const rtt = flooredRtt(siteRtt(cluster, leader.site, f.site));
        const oneWay = { mean: rtt.mean / 2, sd: rtt.sd / Math.SQRT2 };
        const rtoMs = tcpRto(rtt);
        const key = `${oneWay.mean}|${oneWay.sd}|${leader.fsync.mean}|${leader.fsync.sd}|${rtoMs}`;
        let p = memo.get(key);
        if (p === undefined) {
          p = heartbeatTimeoutProbability(oneWay, leader.fsync, hb, et, { lossRate: PACKET_LOSS_RATE, rtoMs });
          memo.set(key, p);
        }
        return {
          leader: leader.name,
          follower: f.name,
          oneWay,
          leaderStall: leader.fsync,
          rtoMs,
          timeoutProbabilityPerHeartbeat: p,
          timeoutsPerDay: (p * MS_PER_DAY) / hb,
        };
      });
    const worst = links.reduce<LinkTimerRisk | null>(
      (a, b) => (!a || b.timeoutsPerDay > a.timeoutsPerDay ? b : a),
      null,
    );
    return {
      leader: leader.name,
      spuriousElectionsPerDay: links.reduce((s, l) => s + l.timeoutsPerDay, 0),
      worstFollower: worst?.follower ?? null,
      links,
    };
  });
}

/** k-th smallest (1-based) of the first `len` values (linear quickselect over an index array). */
function kthSmallest(values: Float64Array, len: number, k: number, order: Int32Array): number {
  for (let i = 0; i < len; i++) order[i] = i;
  return values[selectKth(values, order, len, k)]!;
}

export interface ElectionOptions {
  samples?: number;
  seed?: number;
  /** Sample arrays shared between calls (timerSafety passes one for all failed leaders). */
  cache?: Map<string, Float64Array>;
  /**
   * Results by class of the failed leader (memberClass): timerSafety passes one so each class is simulated
   * once; the figures are the same without it.
   */
  memo?: Map<string, ElectionTime>;
}

/**
 * Time from the leader's failure to a new leader: the first remaining voter's randomised timeout U[ET, 2ET) minus
 * the time since the last heartbeat (U[0, HB)), a pre-vote round to a quorum (no fsync: the term does not change),
 * then the candidate persists its term and vote (fsync) and needs q − 1 votes, each RTT + the voter's fsync.
 * Split votes are not modelled.
 */
export function electionTime(cluster: ModelCluster, failedLeader: string, options: ElectionOptions = {}): ElectionTime {
  validateCluster(cluster);
  const vs = voters(cluster);
  const q = quorumSize(vs.length);
  const rest = vs.filter((m) => m.name !== failedLeader);
  if (rest.length === vs.length) throw new ModelInputError(`unknown voting member ${JSON.stringify(failedLeader)}`);
  if (rest.length < q) return { failedLeader, possible: false, meanMs: Infinity, p99Ms: Infinity };
  const n = Math.max(16, Math.floor(options.samples ?? ELECTION_SAMPLES));
  const seed = options.seed ?? MODEL_SEED;
  // The remaining voters in class order, streams named by class and rank: any failed member of a class gives
  // the same run, computed once per class with a memo.
  const failedIdx = vs.findIndex((m) => m.name === failedLeader);
  const layout = classLayout(vs, [failedIdx], ['F']);
  const memoKey = `${layout.key[0]}|${n}|${seed}|${cluster.heartbeatMs}|${cluster.electionMs}`;
  const known = options.memo?.get(memoKey);
  if (known) return { ...known, failedLeader };
  monteCarloRuns.election++;
  const ordered = layout.order.slice(1).map((j) => vs[j]);
  const keys = layout.key.slice(1);
  const draw = cachedSampler(n, seed, options.cache);
  const r = ordered.length;
  const fsync = ordered.map((m, p) => draw(`efsync:${keys[p]}`, m.fsync));
  // RTT from the candidate to voter b: one stream per voter and candidate site (each sample has one candidate,
  // so the voters' draws in a sample are independent): O(voters × sites) arrays, not one per pair.
  const siteIds = new Map<string, number>();
  const siteOf = Int32Array.from(ordered, (m) => {
    let id = siteIds.get(m.site);
    if (id === undefined) siteIds.set(m.site, (id = siteIds.size));
    return id;
  });
  const rttBySite: (Float64Array | undefined)[] = new Array(siteIds.size * r);
  const rttOf = (a: number, b: number): Float64Array =>
    (rttBySite[siteOf[a] * r + b] ??= draw(
      `ertt:${keys[b]}`,
      flooredRtt(siteRtt(cluster, ordered[a].site, ordered[b].site)),
    ));
  const hb = cluster.heartbeatMs;
  const et = cluster.electionMs;
  const rand = mulberry32(streamSeed(`election:${layout.key[0]}`, seed));
  const pre = new Float64Array(r);
  const vote = new Float64Array(r);
  const order = new Int32Array(r);
  const times = new Float64Array(n);
  const half = n >> 1;
  let sum = 0;
  for (let i = 0; i < n; i++) {
    const age = rand() * hb;
    let cand = 0;
    let best = Infinity;
    for (let m = 0; m < r; m++) {
      const t = et + rand() * et;
      if (t < best) {
        best = t;
        cand = m;
      }
    }
    let total = Math.max(0, best - age) + fsync[cand][i];
    if (q > 1) {
      // Pre-vote and vote are separate messages: the pre-vote uses a shifted index of the same RTT stream.
      let len = 0;
      for (let m = 0; m < r; m++) {
        if (m === cand) continue;
        const s = rttOf(cand, m);
        pre[len] = s[(i + half) % n];
        vote[len] = s[i] + fsync[m][i];
        len++;
      }
      total += kthSmallest(pre, len, q - 1, order) + kthSmallest(vote, len, q - 1, order);
    }
    times[i] = total;
    sum += total;
  }
  times.sort();
  const result: ElectionTime = { failedLeader, possible: true, meanMs: sum / n, p99Ms: sortedQuantile(times, 0.99) };
  options.memo?.set(memoKey, result);
  return result;
}

export function timerSafety(cluster: ModelCluster, options: ElectionOptions = {}): TimerSafety {
  validateCluster(cluster);
  const problems: string[] = [];
  const hb = cluster.heartbeatMs;
  const et = cluster.electionMs;
  if (hb <= 0) problems.push('heartbeat interval must be > 0 ms (etcd refuses 0)');
  if (et <= 0) problems.push('election timeout must be > 0 ms (etcd refuses 0)');
  if (ETCD_MIN_ELECTION_TO_HEARTBEAT * hb > et)
    problems.push(`election timeout ${et} ms is below 5 × heartbeat (${5 * hb} ms): etcd refuses to start`);
  if (et > ETCD_MAX_ELECTION_MS)
    problems.push(`election timeout ${et} ms is above etcd's maximum ${ETCD_MAX_ELECTION_MS} ms`);
  const effHb = Math.max(hb, 1);
  const perLeader = leaderRisks(cluster, effHb, et);
  const worst = perLeader.reduce((a, b) => (b.spuriousElectionsPerDay > a.spuriousElectionsPerDay ? b : a));
  const shared = {
    ...options,
    cache: options.cache ?? new Map<string, Float64Array>(),
    memo: options.memo ?? new Map<string, ElectionTime>(),
  };
  const electionTimeByLeader = voters(cluster).map((m) => electionTime(cluster, m.name, shared));
  const worstElection = electionTimeByLeader.reduce((a, b) => (b.meanMs > a.meanMs ? b : a));
  return {
    heartbeatMs: hb,
    electionMs: et,
    problems,
    valid: problems.length === 0,
    spuriousElectionsPerDay: worst.spuriousElectionsPerDay,
    worstLeader: worst.leader,
    perLeader,
    electionTime: worstElection,
    electionTimeByLeader,
    maxVoterRtt: maxVoterRtt(cluster),
    recommended: recommendedTimers(cluster),
  };
}
