// `npm run validate:etcd [-- --quick] [--puts N] [--only NAME[,NAME]] [--no-baselines] [--json FILE] [--markdown FILE]`
//
// Starts real etcd clusters (Debian's etcd-server), one member per network namespace, delays their traffic in user
// space with a delay proxy per member, slows fsync with strace's syscall injection, forces the leader, measures
// sequential put latency and prints it beside the model's estimate (server/src/model) for the same topology, fed with
// the RTTs and fsync times measured during the run. Exits non-zero if any scenario misses the tolerance.
// Must run as root. Cleans up everything it made, also on SIGINT/SIGTERM, and leftovers of a crashed run at start.

import { execFileSync } from 'node:child_process';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { cpus, loadavg, release } from 'node:os';
import { join } from 'node:path';
import { raftEstimate } from '../../server/src/model';
import type { Dist, ModelCluster, ModelLink } from '../../server/src/model/types';
import {
  CLIENT_IP,
  CLIENT_NS,
  NsProcess,
  PREFIX,
  buildNetwork,
  killNamespaceProcesses,
  memberIp,
  memberNs,
  nsRun,
  releaseLock,
  removeLeftovers,
  run,
  takeLock,
} from './lab';
import type { ProxyConfig } from './proxy';
import { disturbance } from './disturbance';
import { SCENARIOS, type RttSpec, type Scenario } from './scenarios';
import { mean, stdev, summarize, type Summary } from './stats';

const ETCD_CLIENT_PORT = 12379; // etcd itself, on each namespace's loopback
const ETCD_PEER_PORT = 12380;
const PROXY_CLIENT_PORT = 2379; // the delay proxy, on the namespace's address (what etcd advertises)
const PROXY_PEER_PORT = 2380;
const PROXY_ECHO_PORT = 2390;
const HEARTBEAT_MS = 100;
const ELECTION_MS = 1000;
export const P50_TOLERANCE = 0.15;
export const P50_FLOOR_MS = 2;
export const P99_TOLERANCE = 0.3;

interface Options {
  quick: boolean;
  puts: number;
  warmup: number;
  pings: number;
  /** Runs of one scenario at most while its misses come from a disturbed lab. */
  attempts: number;
  only: string[] | undefined;
  baselines: boolean;
  json: string | undefined;
  markdown: string | undefined;
}

function parseArgs(argv: string[]): Options {
  const o: Options = {
    quick: false,
    puts: 400,
    warmup: 30,
    pings: 100,
    attempts: 3,
    only: undefined,
    baselines: true,
    json: undefined,
    markdown: undefined,
  };
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    if (a === '--quick') o.quick = true;
    else if (a === '--puts') o.puts = Number(argv[++i]);
    else if (a === '--attempts') o.attempts = Math.max(1, Number(argv[++i]) || 1);
    else if (a === '--only') o.only = argv[++i].split(',');
    else if (a === '--no-baselines') o.baselines = false;
    else if (a === '--json') o.json = argv[++i];
    else if (a === '--markdown') o.markdown = argv[++i];
    else throw new Error(`unknown argument ${a}`);
  }
  if (o.quick) {
    // 300, not 100: with 100 puts the p99 is the second-largest sample, and one stall of this shared 2-vCPU
    // machine (seen: 53 ms in a 13 ms scenario) fails it. 300 puts still take under 10 s per scenario.
    if (!argv.includes('--puts')) o.puts = 300;
    o.warmup = 20;
    o.pings = 40;
    o.baselines = false;
  }
  return o;
}

const log = (msg: string): void => {
  process.stderr.write(`[validate-etcd] ${msg}\n`);
};

/**
 * Waits (at most 30 s) for the one-minute load average to fall to the number of cores, so a scenario does not start
 * while the previous job (the editor tests, an earlier scenario's teardown) still holds the CPUs.
 */
async function waitForQuietMachine(): Promise<void> {
  const limit = cpus().length;
  const t0 = Date.now();
  if (loadavg()[0] <= limit) return;
  log(`load average ${loadavg()[0].toFixed(2)} on ${limit} cores: waiting for it to settle (at most 30 s)`);
  while (loadavg()[0] > limit && Date.now() - t0 < 30_000) await new Promise((r) => setTimeout(r, 1000));
}

// ---------------------------------------------------------------------------------------------------------------
// Installation

function have(cmd: string): boolean {
  return run('sh', ['-c', `command -v ${cmd}`], { allowFail: true }).status === 0;
}

function ensureInstalled(): string {
  if (process.getuid?.() !== 0) throw new Error('validate:etcd must run as root (network namespaces, strace)');
  const need: string[] = [];
  if (!have('etcd')) need.push('etcd-server');
  if (!have('etcdctl')) need.push('etcd-client');
  if (!have('strace')) need.push('strace');
  if (!have('ip')) need.push('iproute2');
  if (need.length > 0) {
    log(`installing ${need.join(' ')} from Debian`);
    const env = { ...process.env, DEBIAN_FRONTEND: 'noninteractive' };
    execFileSync('apt-get', ['update'], { stdio: 'inherit', env, timeout: 300_000 });
    execFileSync('apt-get', ['install', '-y', '--no-install-recommends', ...need], {
      stdio: 'inherit',
      env,
      timeout: 600_000,
    });
  }
  for (const c of ['etcd', 'etcdctl', 'strace', 'ip'])
    if (!have(c)) throw new Error(`${c} is still missing after apt-get install`);
  const v = run('etcd', ['--version']).stdout.match(/etcd Version: (\S+)/);
  if (!v) throw new Error('cannot read etcd --version');
  return v[1];
}

// ---------------------------------------------------------------------------------------------------------------
// Cleanup

let cleaned = false;
/** Removes every namespace, veth, bridge, process and temp dir (the bundle's too) this run made. Synchronous. */
function cleanup(): void {
  if (cleaned) return;
  cleaned = true;
  removeLeftovers();
  releaseLock();
}

// ---------------------------------------------------------------------------------------------------------------
// One scenario

function siteRttSpec(spec: RttSpec[], a: string, b: string): { meanMs: number; sdMs: number } {
  const s = spec.find((r) => (r.a === a && r.b === b) || (r.a === b && r.b === a));
  return s ?? { meanMs: 0, sdMs: 0 };
}

const oneWay = (r: { meanMs: number; sdMs: number }): { meanMs: number; sdMs: number } => ({
  meanMs: r.meanMs / 2,
  sdMs: r.sdMs / Math.SQRT2,
});

interface FsyncStats {
  count: number;
  meanMs: number;
  sdMs: number;
}

interface Histogram {
  sum: number;
  count: number;
  buckets: [number, number][];
}

function parseHistogram(text: string, name: string): Histogram {
  const h: Histogram = { sum: 0, count: 0, buckets: [] };
  for (const line of text.split('\n')) {
    if (line.startsWith(`${name}_sum `)) h.sum = Number(line.split(' ')[1]);
    else if (line.startsWith(`${name}_count `)) h.count = Number(line.split(' ')[1]);
    else if (line.startsWith(`${name}_bucket{`)) {
      const m = line.match(/le="([^"]+)"\}\s+(\S+)/);
      if (m) h.buckets.push([m[1] === '+Inf' ? Number.POSITIVE_INFINITY : Number(m[1]), Number(m[2])]);
    }
  }
  return h;
}

/** Standard normal CDF (Abramowitz-Stegun 7.1.26 erf, error < 1.5e-7). */
function phi(z: number): number {
  const x = Math.abs(z) / Math.SQRT2;
  const t = 1 / (1 + 0.3275911 * x);
  const erf =
    1 -
    ((((1.061405429 * t - 1.453152027) * t + 1.421413741) * t - 0.284496736) * t + 0.254829592) * t * Math.exp(-x * x);
  return z >= 0 ? (1 + erf) / 2 : (1 - erf) / 2;
}

/**
 * The fsync distribution between two scrapes of etcd's WAL fsync histogram. The mean is exact (sum / count). The
 * buckets double in width (1, 2, 4 … ms), too coarse to read an sd off directly, so the sd is the one of the
 * log-normal with that mean whose CDF best fits the observed share below each bucket bound (least squares).
 */
function fsyncBetween(before: Histogram, after: Histogram): FsyncStats {
  const count = after.count - before.count;
  if (count <= 0) return { count: 0, meanMs: 0, sdMs: 0 };
  const m = (after.sum - before.sum) / count;
  const cdf = after.buckets
    .map(([le, cum], i) => [le, (cum - (before.buckets[i]?.[1] ?? 0)) / count] as const)
    .filter(([le]) => Number.isFinite(le));
  let best = { err: Number.POSITIVE_INFINITY, sd: 0 };
  for (let k = 1; k <= 300; k++) {
    const sd = (k / 100) * m;
    const s2 = Math.log(1 + (sd * sd) / (m * m));
    const mu = Math.log(m) - s2 / 2;
    let err = 0;
    for (const [le, share] of cdf) err += (phi((Math.log(le) - mu) / Math.sqrt(s2)) - share) ** 2;
    if (err < best.err - 1e-12) best = { err, sd };
  }
  return { count, meanMs: m * 1000, sdMs: best.sd * 1000 };
}

interface StraceCount {
  fdatasync: number;
  fsync: number;
  delayed: number;
}

function straceCount(file: string): StraceCount {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch {
    return { fdatasync: 0, fsync: 0, delayed: 0 };
  }
  let fdatasync = 0;
  let fsync = 0;
  let delayed = 0;
  for (const line of text.split('\n')) {
    if (line.includes('fdatasync(')) fdatasync++;
    else if (line.includes('fsync(')) fsync++;
    if (line.includes('(DELAYED)')) delayed++;
  }
  return { fdatasync, fsync, delayed };
}

const diffCount = (a: StraceCount, b: StraceCount): StraceCount => ({
  fdatasync: b.fdatasync - a.fdatasync,
  fsync: b.fsync - a.fsync,
  delayed: b.delayed - a.delayed,
});

export interface ScenarioResult {
  name: string;
  description: string;
  members: number;
  judged: boolean;
  fsyncDelayUs: number | null;
  measured: Summary;
  model: {
    meanMs: number;
    p50Ms: number;
    p90Ms: number;
    p99Ms: number;
    dominant: string;
    breakdown: { term: string; meanMs: number }[];
  };
  rtt: {
    pair: string;
    configured: { meanMs: number; sdMs: number };
    measured: { meanMs: number; sdMs: number; n: number };
  }[];
  fsync: { member: string; meanMs: number; sdMs: number; count: number }[];
  strace: { member: string; delayed: number; fdatasync: number; fsync: number }[];
  puts: number;
  p50Ok: boolean;
  p99Ok: boolean;
  pass: boolean;
  /** Why the lab was not what it was set to be during this run (disturbance.ts); empty when it was. */
  disturbed: string[];
  /** 1 for the first run of a scenario; a disturbed miss, or a first undisturbed one, is run again. */
  attempt: number;
  /** This run missed and the scenario was run again (its verdict is a later run's). */
  rerun?: boolean;
  extra?: Record<string, number | string>;
}

interface ClusterHandles {
  procs: NsProcess[];
  straceLogs: string[];
}

async function startCluster(sc: Scenario, dir: string): Promise<ClusterHandles> {
  const n = sc.sites.length;
  const procs: NsProcess[] = [];
  const straceLogs: string[] = [];
  // Proxies first: every member's peer and client ports, and an echo port for RTT pings.
  for (let i = 1; i <= n; i++) {
    const delays: ProxyConfig['delays'] = {};
    for (let j = 1; j <= n; j++)
      if (j !== i) delays[memberIp(j)] = oneWay(siteRttSpec(sc.rtt, sc.sites[j - 1], sc.sites[i - 1]));
    delays[CLIENT_IP] = oneWay(siteRttSpec(sc.rtt, sc.clientSite, sc.sites[i - 1]));
    const cfg: ProxyConfig = {
      listenHost: memberIp(i),
      routes: [
        { listenPort: PROXY_PEER_PORT, target: ETCD_PEER_PORT },
        { listenPort: PROXY_CLIENT_PORT, target: ETCD_CLIENT_PORT },
        { listenPort: PROXY_ECHO_PORT, target: 'echo' },
      ],
      delays,
      defaultDelay: { meanMs: 0, sdMs: 0 },
    };
    const cfgFile = join(dir, `proxy-m${i}.json`);
    writeFileSync(cfgFile, JSON.stringify(cfg));
    const p = new NsProcess(memberNs(i), [process.execPath, join(buildDir(), 'proxy.js'), cfgFile], `proxy m${i}`);
    procs.push(p);
    await p.waitFor('READY', 10_000);
  }
  const initialCluster = Array.from(
    { length: n },
    (_, k) => `m${k + 1}=http://${memberIp(k + 1)}:${PROXY_PEER_PORT}`,
  ).join(',');
  for (let i = 1; i <= n; i++) {
    const etcdArgs = [
      'etcd',
      '--name',
      `m${i}`,
      '--data-dir',
      join(dir, `m${i}.etcd`),
      '--listen-client-urls',
      `http://127.0.0.1:${ETCD_CLIENT_PORT}`,
      '--advertise-client-urls',
      `http://${memberIp(i)}:${PROXY_CLIENT_PORT}`,
      '--listen-peer-urls',
      `http://127.0.0.1:${ETCD_PEER_PORT}`,
      '--initial-advertise-peer-urls',
      `http://${memberIp(i)}:${PROXY_PEER_PORT}`,
      '--initial-cluster',
      initialCluster,
      '--initial-cluster-state',
      'new',
      '--initial-cluster-token',
      `${PREFIX}${sc.name}`,
      '--heartbeat-interval',
      String(HEARTBEAT_MS),
      '--election-timeout',
      String(ELECTION_MS),
      '--logger',
      'zap',
      '--log-level',
      'warn',
    ];
    let cmd = etcdArgs;
    if (sc.fsyncDelayUs !== null) {
      const straceLog = join(dir, `strace-m${i}.log`);
      straceLogs.push(straceLog);
      // seccomp-bpf: only fdatasync/fsync stop the tracee; every other system call runs untouched.
      cmd = [
        'strace',
        '-f',
        '--seccomp-bpf',
        '-qq',
        '-e',
        'trace=fdatasync,fsync',
        '-e',
        `inject=fdatasync,fsync:delay_exit=${sc.fsyncDelayUs}`,
        '-o',
        straceLog,
        ...etcdArgs,
      ];
    }
    procs.push(new NsProcess(memberNs(i), cmd, `etcd m${i}`));
  }
  return { procs, straceLogs };
}

const etcdctl = (i: number, args: string[], timeoutMs = 10_000): Promise<string> =>
  nsRun(
    memberNs(i),
    ['etcdctl', `--endpoints=http://127.0.0.1:${ETCD_CLIENT_PORT}`, '--command-timeout=5s', ...args],
    `etcdctl m${i} ${args[0]}`,
    timeoutMs,
  );

interface MemberStatus {
  id: string;
  isLeader: boolean;
}

async function memberStatus(i: number): Promise<MemberStatus> {
  // "http://127.0.0.1:12379, 8e9e05c52164694d, 3.4.23, 20 kB, true, false, 2, 8, 8, "
  const out = await etcdctl(i, ['endpoint', 'status', '-w', 'simple']);
  const f = out.trim().split(', ');
  return { id: f[1], isLeader: f[4] === 'true' };
}

async function waitLeader(n: number, timeoutMs: number): Promise<{ leader: number; ids: string[] }> {
  const deadline = Date.now() + timeoutMs;
  let lastErr = '';
  while (Date.now() < deadline) {
    try {
      const st = await Promise.all(Array.from({ length: n }, (_, k) => memberStatus(k + 1)));
      const leaders = st.flatMap((s, k) => (s.isLeader ? [k + 1] : []));
      if (leaders.length === 1) return { leader: leaders[0], ids: st.map((s) => s.id) };
      lastErr = `leaders: ${JSON.stringify(leaders)}`;
    } catch (e) {
      lastErr = e instanceof Error ? e.message : String(e);
    }
    await new Promise((r) => setTimeout(r, 500));
  }
  throw new Error(`cluster has no single leader after ${timeoutMs} ms: ${lastErr}`);
}

async function forceLeader(n: number, want: number): Promise<void> {
  for (let attempt = 0; attempt < 5; attempt++) {
    const { leader, ids } = await waitLeader(n, 40_000);
    if (leader === want) return;
    log(`moving leader m${leader} → m${want}`);
    await etcdctl(leader, ['move-leader', ids[want - 1]], 20_000).catch((e: unknown) =>
      log(`move-leader: ${String(e)}`),
    );
    await new Promise((r) => setTimeout(r, 1500));
  }
  const { leader } = await waitLeader(n, 10_000);
  if (leader !== want) throw new Error(`could not make m${want} the leader (still m${leader})`);
}

async function ping(ns: string, ip: string, count: number, gapMs: number): Promise<number[]> {
  const args = [
    process.execPath,
    join(buildDir(), 'client.js'),
    'ping',
    ip,
    String(PROXY_ECHO_PORT),
    String(count),
    String(gapMs),
  ];
  const out = await nsRun(ns, args, `ping ${ns}→${ip}`, 250_000);
  return (JSON.parse(out) as { samples: number[] }).samples;
}

async function scrape(i: number): Promise<string> {
  const out = await nsRun(
    memberNs(i),
    [process.execPath, join(buildDir(), 'client.js'), 'metrics', '127.0.0.1', String(ETCD_CLIENT_PORT)],
    `metrics m${i}`,
    20_000,
  );
  return (JSON.parse(out) as { text: string }).text;
}

async function puts(
  ns: string,
  ip: string,
  port: number,
  count: number,
  warmup: number,
  api: 'grpc' | 'gateway' = 'grpc',
): Promise<number[]> {
  const out = await nsRun(
    ns,
    [process.execPath, join(buildDir(), 'client.js'), 'put', ip, String(port), String(count), String(warmup), api],
    `puts ${ns}→${ip}`,
    250_000,
  );
  return (JSON.parse(out) as { samples: number[] }).samples;
}

/**
 * Measures the RTT of every site pair the model needs, through the same proxies and veths etcd's traffic takes,
 * all pairs at once and while the puts run (same CPU contention), `pings` per pair spaced by gapMs.
 */
async function measureRtts(
  sc: Scenario,
  pings: number,
  gapMs: number,
): Promise<Map<string, { samples: number[]; configured: RttSpec }>> {
  const key = (a: string, b: string): string => (a <= b ? `${a}-${b}` : `${b}-${a}`);
  const pools = new Map<string, { samples: number[]; configured: RttSpec }>();
  const add = (a: string, b: string, s: number[]): void => {
    const k = key(a, b);
    const spec = siteRttSpec(sc.rtt, a, b);
    const pool = pools.get(k) ?? { samples: [], configured: { a, b, ...spec } };
    pool.samples.push(...s);
    pools.set(k, pool);
  };
  const n = sc.sites.length;
  const done = new Set<string>();
  const jobs: Promise<void>[] = [];
  for (let i = 1; i <= n; i++) {
    for (let j = i + 1; j <= n; j++) {
      const [a, b] = [sc.sites[i - 1], sc.sites[j - 1]];
      if (done.has(key(a, b))) continue;
      done.add(key(a, b));
      jobs.push(ping(memberNs(i), memberIp(j), pings, gapMs).then((s) => add(a, b, s)));
    }
  }
  jobs.push(ping(CLIENT_NS, memberIp(sc.via), pings, gapMs).then((s) => add(sc.clientSite, sc.sites[sc.via - 1], s)));
  await Promise.all(jobs);
  return pools;
}

async function runScenario(
  sc: Scenario,
  o: Options,
  judged = true,
  extraRuns?: (n: number) => Promise<Record<string, number | string>>,
): Promise<ScenarioResult> {
  const n = sc.sites.length;
  const dir = join('/dev/shm', `${PREFIX}${process.pid}`, sc.name);
  mkdirSync(dir, { recursive: true });
  log(`${sc.name}: ${sc.description}`);
  const handles = await startCluster(sc, dir);
  try {
    await forceLeader(n, sc.leader);
    // Warm-up puts (they also size the ping spacing), then scrape, then the measured run with pings alongside.
    const warm = await puts(CLIENT_NS, memberIp(sc.via), PROXY_CLIENT_PORT, o.warmup, 0);
    const gapMs = Math.max(5, Math.round((mean(warm) * o.puts) / o.pings));
    const hBefore = await Promise.all(Array.from({ length: n }, (_, k) => scrape(k + 1)));
    const sBefore = handles.straceLogs.map(straceCount);
    const [samples, rtts] = await Promise.all([
      puts(CLIENT_NS, memberIp(sc.via), PROXY_CLIENT_PORT, o.puts, 0),
      measureRtts(sc, o.pings, gapMs),
    ]);
    const hAfter = await Promise.all(Array.from({ length: n }, (_, k) => scrape(k + 1)));
    const sAfter = handles.straceLogs.map(straceCount);
    const { leader } = await waitLeader(n, 10_000);
    if (leader !== sc.leader) throw new Error(`leader changed to m${leader} during the run`);
    const fsync = hAfter.map((text, k) =>
      fsyncBetween(
        parseHistogram(hBefore[k], 'etcd_disk_wal_fsync_duration_seconds'),
        parseHistogram(text, 'etcd_disk_wal_fsync_duration_seconds'),
      ),
    );
    const straceDiff = sAfter.map((a, k) => diffCount(sBefore[k], a));
    const extra = extraRuns ? await extraRuns(n) : undefined;

    // The model, fed with what this run measured.
    const links: ModelLink[] = [...rtts.values()].map((p) => ({
      a: p.configured.a,
      b: p.configured.b,
      rtt: { mean: mean(p.samples), sd: stdev(p.samples) },
    }));
    const cluster: ModelCluster = {
      members: sc.sites.map((site, k) => ({
        name: `m${k + 1}`,
        site,
        fsync: { mean: fsync[k].meanMs, sd: fsync[k].sdMs } as Dist,
      })),
      links,
      heartbeatMs: HEARTBEAT_MS,
      electionMs: ELECTION_MS,
    };
    const est = raftEstimate(cluster, { leader: `m${sc.leader}`, clientSite: sc.clientSite, via: `m${sc.via}` });
    const measured = summarize(samples);
    const p50Ok = Math.abs(est.p50Ms - measured.p50) <= Math.max(P50_TOLERANCE * measured.p50, P50_FLOOR_MS);
    const p99Ok = Math.abs(est.p99Ms - measured.p99) <= P99_TOLERANCE * measured.p99;
    const result: ScenarioResult = {
      name: sc.name,
      description: sc.description,
      members: n,
      judged,
      fsyncDelayUs: sc.fsyncDelayUs,
      measured,
      model: {
        meanMs: est.meanMs,
        p50Ms: est.p50Ms,
        p90Ms: est.p90Ms,
        p99Ms: est.p99Ms,
        dominant: est.dominant,
        breakdown: est.breakdown.map((b) => ({ term: b.term, meanMs: b.meanMs })),
      },
      rtt: [...rtts.entries()].map(([pair, p]) => ({
        pair,
        configured: { meanMs: p.configured.meanMs, sdMs: p.configured.sdMs },
        measured: { meanMs: mean(p.samples), sdMs: stdev(p.samples), n: p.samples.length },
      })),
      fsync: fsync.map((f, k) => ({ member: `m${k + 1}`, meanMs: f.meanMs, sdMs: f.sdMs, count: f.count })),
      strace: straceDiff.map((s, k) => ({ member: `m${k + 1}`, ...s })),
      puts: samples.length,
      p50Ok,
      p99Ok,
      pass: p50Ok && p99Ok,
      disturbed: [],
      attempt: 1,
      extra,
    };
    result.disturbed = disturbance(result);
    return result;
  } finally {
    for (let i = 1; i <= n; i++) killNs(memberNs(i));
    killNs(CLIENT_NS);
    await Promise.all(handles.procs.map((p) => p.exited));
    run('rm', ['-rf', dir]);
  }
}

/** Kills what runs in a namespace but keeps the namespace for the next scenario. */
function killNs(ns: string): void {
  killNamespaceProcesses(ns);
}

function buildDir(): string {
  const d = process.env.ECVVAL_BUILD_DIR;
  if (!d) throw new Error('ECVVAL_BUILD_DIR is not set: run through scripts/validate-etcd/run.mjs');
  return d;
}

// ---------------------------------------------------------------------------------------------------------------
// Report

const f1 = (x: number): string => (Number.isFinite(x) ? x.toFixed(x < 10 ? 2 : 1) : '-');
const pct = (model: number, meas: number): string =>
  `${model >= meas ? '+' : ''}${(((model - meas) / meas) * 100).toFixed(0)}%`;

function table(results: ScenarioResult[]): string {
  const rows = [
    '| scenario | members | fsync delay | RTT measured (configured) | puts | measured p50 | model p50 | Δp50 | measured p99 | model p99 | Δp99 | result |',
    '|---|---|---|---|---|---|---|---|---|---|---|---|',
  ];
  for (const r of results) {
    const rtt = r.rtt
      .map(
        (x) =>
          `${x.pair} ${f1(x.measured.meanMs)}±${f1(x.measured.sdMs)} (${x.configured.meanMs}±${x.configured.sdMs})`,
      )
      .join('; ');
    const disk = r.fsyncDelayUs === null ? 'none (no strace)' : `${r.fsyncDelayUs / 1000} ms`;
    const miss = `${r.p50Ok ? '' : ' p50'}${r.p99Ok ? '' : ' p99'}`;
    const verdict = !r.judged
      ? 'baseline'
      : r.pass
        ? 'PASS'
        : r.rerun
          ? r.disturbed.length > 0
            ? `DISTURBED (missed${miss}; run again)`
            : `MISSED${miss} (run again to confirm)`
          : r.disturbed.length > 0
            ? `DISTURBED (missed${miss})`
            : `FAIL${miss}`;
    rows.push(
      `| ${r.name}${r.attempt > 1 ? ` (attempt ${r.attempt})` : ''} | ${r.members} | ${disk} | ${rtt} | ${r.puts} | ${f1(r.measured.p50)} | ${f1(r.model.p50Ms)} | ${pct(r.model.p50Ms, r.measured.p50)} | ${f1(r.measured.p99)} | ${f1(r.model.p99Ms)} | ${pct(r.model.p99Ms, r.measured.p99)} | ${verdict} |`,
    );
  }
  return rows.join('\n');
}

function details(results: ScenarioResult[]): string {
  const out: string[] = [];
  for (const r of results) {
    out.push(`${r.name}${r.attempt > 1 ? ` (attempt ${r.attempt})` : ''}:`);
    if (r.disturbed.length > 0) out.push(`  lab disturbed: ${r.disturbed.join('; ')}`);
    out.push(
      `  fsync (WAL, from etcd metrics): ${r.fsync.map((f) => `${f.member} ${f1(f.meanMs)}±${f1(f.sdMs)} ms ×${f.count}`).join(', ')}`,
    );
    if (r.strace.length > 0)
      out.push(
        `  strace injected (during ${r.puts} puts): ${r.strace.map((s) => `${s.member} ${s.delayed} (fdatasync ${s.fdatasync}, fsync ${s.fsync})`).join(', ')}`,
      );
    out.push(
      `  measured mean ${f1(r.measured.mean)} p90 ${f1(r.measured.p90)} max ${f1(r.measured.max)}; model mean ${f1(r.model.meanMs)} p90 ${f1(r.model.p90Ms)}`,
    );
    out.push(`  model breakdown: ${r.model.breakdown.map((b) => `${b.term} ${f1(b.meanMs)}`).join('; ')}`);
    if (r.extra)
      out.push(
        `  ${Object.entries(r.extra)
          .map(([k, v]) => `${k}=${typeof v === 'number' ? f1(v) : v}`)
          .join(', ')}`,
      );
  }
  return out.join('\n');
}

// ---------------------------------------------------------------------------------------------------------------

export async function main(argv: string[]): Promise<number> {
  const o = parseArgs(argv);
  const etcdVersion = ensureInstalled();
  const straceVersion = run('strace', ['-V']).stdout.split('\n')[0];
  takeLock();
  const gone = removeLeftovers([buildDir()]);
  if (gone.length > 0) log(`removed leftovers of an earlier run: ${gone.join(', ')}`);
  let scenarios = SCENARIOS.filter((s) => (o.quick ? s.quick : true));
  if (o.only) scenarios = SCENARIOS.filter((s) => o.only?.includes(s.name));
  if (scenarios.length === 0) throw new Error('no scenario selected');
  const maxMembers = Math.max(3, ...scenarios.map((s) => s.sites.length));
  mkdirSync(join('/dev/shm', `${PREFIX}${process.pid}`), { recursive: true });
  buildNetwork(maxMembers);
  const machine = `nproc ${cpus().length}, kernel ${release()}, CPU ${cpus()[0]?.model ?? '?'}`;
  log(`etcd ${etcdVersion}, ${straceVersion}, ${machine}`);

  const results: ScenarioResult[] = [];
  const t0 = Date.now();
  if (o.baselines) {
    // What the proxy and strace cost by themselves: same site, 0 ms configured delay, tmpfs, client at the leader.
    const base: Scenario = {
      name: 'baseline-no-strace',
      description: 'no strace, tmpfs fsync, proxies at 0 ms',
      sites: ['A', 'A', 'A'],
      rtt: [],
      leader: 1,
      via: 1,
      clientSite: 'A',
      fsyncDelayUs: null,
    };
    results.push(
      await runScenario(base, o, false, async () => {
        const direct = summarize(await puts(memberNs(1), '127.0.0.1', ETCD_CLIENT_PORT, o.puts, o.warmup));
        const viaProxy = summarize(await puts(CLIENT_NS, memberIp(1), PROXY_CLIENT_PORT, o.puts, o.warmup));
        const gateway = summarize(await puts(CLIENT_NS, memberIp(1), PROXY_CLIENT_PORT, o.puts, o.warmup, 'gateway'));
        return {
          directP50: direct.p50,
          directP99: direct.p99,
          proxyP50: viaProxy.p50,
          proxyP99: viaProxy.p99,
          proxyAddedP50: viaProxy.p50 - direct.p50,
          gatewayP50: gateway.p50,
          gatewayP99: gateway.p99,
        };
      }),
    );
    results.push(
      await runScenario(
        { ...base, name: 'baseline-strace-0us', description: 'strace attached, delay_exit=0', fsyncDelayUs: 0 },
        o,
        false,
      ),
    );
  }
  const errors: string[] = [];
  for (const sc of scenarios) {
    try {
      // A miss is the model's only when it repeats on an undisturbed lab: a disturbed miss is run again (the lab
      // did not deliver what it set), and so is a first undisturbed miss, to confirm it (CPU contention can stretch
      // the tail without showing in the links or disks: a 5-member p99 missed by 32 % while a test ran beside it).
      let cleanMisses = 0;
      for (let attempt = 1; ; attempt++) {
        await waitForQuietMachine();
        const r: ScenarioResult = { ...(await runScenario(sc, o)), attempt };
        results.push(r);
        if (r.pass) break;
        if (r.disturbed.length === 0 && ++cleanMisses >= 2) break;
        if (attempt >= o.attempts) {
          if (r.disturbed.length > 0)
            log(
              `${sc.name}: missed on a disturbed lab in the last of ${attempt} attempts (${r.disturbed.join('; ')}): no verdict on the model`,
            );
          break;
        }
        r.rerun = true;
        log(
          r.disturbed.length > 0
            ? `${sc.name}: missed on a disturbed lab (${r.disturbed.join('; ')}); running it again`
            : `${sc.name}: missed on an undisturbed lab; running it again to confirm`,
        );
      }
    } catch (e) {
      // A scenario that cannot be measured fails; the others still run and are reported.
      errors.push(`${sc.name}: ${e instanceof Error ? e.message : String(e)}`);
      log(`${sc.name} FAILED: ${errors[errors.length - 1]}`);
    }
  }

  // A scenario's verdict is its last attempt: a pass, a miss on an undisturbed lab (a model error), or a miss on a
  // lab that was disturbed in every attempt (no verdict).
  const last = new Map<string, ScenarioResult>();
  for (const r of results) if (r.judged) last.set(r.name, r);
  const verdicts = [...last.values()];
  const undecided = verdicts.filter((r) => !r.pass && r.disturbed.length > 0).map((r) => r.name);
  const failed = [
    ...verdicts.filter((r) => !r.pass && r.disturbed.length === 0).map((r) => r.name),
    ...errors.map((e) => e.split(':')[0]),
  ];
  const decided = scenarios.length - undecided.length;
  const header = [
    `etcd ${etcdVersion}; ${straceVersion}; ${machine}; load average ${loadavg()
      .map((x) => x.toFixed(2))
      .join(' ')}; ${new Date().toISOString()}`,
    `tolerance: p50 within ${P50_TOLERANCE * 100} % or ${P50_FLOOR_MS} ms, p99 within ${P99_TOLERANCE * 100} %; ${Math.round((Date.now() - t0) / 1000)} s`,
  ].join('\n');
  const report = `${header}\n\n${table(results)}\n\n${details(results)}\n\n${errors.map((e) => `error in ${e}\n`).join('')}result: ${decided - failed.length} of ${decided} scenarios within tolerance${failed.length ? ` (missed: ${failed.join(', ')})` : ''}${undecided.length ? `; disturbed in every attempt, no verdict: ${undecided.join(', ')}` : ''}\n`;
  process.stdout.write(report);
  if (o.json)
    writeFileSync(
      o.json,
      JSON.stringify({ etcdVersion, straceVersion, machine, date: new Date().toISOString(), results }, null, 2),
    );
  if (o.markdown) writeFileSync(o.markdown, report);
  if (failed.length > 0) return 1;
  // Never a success without a verdict: a lab disturbed in every scenario proves nothing either way.
  if (decided === 0) {
    log('the lab was disturbed in every attempt of every scenario: no verdict on the model');
    return 3;
  }
  return 0;
}

/** Installs the cleanup on signals and exit, runs the matrix, cleans up and exits with its status. */
export function runCli(argv: string[]): void {
  for (const sig of ['SIGINT', 'SIGTERM', 'SIGHUP'] as const) {
    process.on(sig, () => {
      log(`${sig}: cleaning up`);
      cleanup();
      process.exit(sig === 'SIGINT' ? 130 : 143);
    });
  }
  process.on('exit', cleanup);
  main(argv).then(
    (code) => {
      cleanup();
      process.exit(code);
    },
    (err: unknown) => {
      log(`error: ${err instanceof Error ? (err.stack ?? err.message) : String(err)}`);
      cleanup();
      process.exit(2);
    },
  );
}
