// `etcd-capacity calibrate DIR... [--topology FILE]`: an EtcdTopology whose numbers come from captures of the
// running cluster (docs/calibration.md). Each value says where it came from and when, in a comment and in a
// `source:` object. Several captures: later ones win for the same quantity. The maths is the model's
// (model/measured.ts, model/floorFit.ts); this file only picks the measurements and writes the YAML.
import type { Capture, MemberScrape } from '../capture/capture';
import type { MsHistogram } from '../capture/prometheus';
import { recogniseFile } from '../analysis/recognisers';
import { topologyToModel } from '../analysis/modelInput';
import type { TopologyFact } from '../analysis/types';
import {
  BACKEND_COMMIT_CPU_MS,
  distFromHistogram,
  distFromPercentiles,
  fitRequestFloor,
  peerProbeOverheadMs,
  rttFromProbe,
  timerSafety,
  type EmpiricalCdf,
  type FloorFit,
  type MeasuredDist,
} from '../model';

export interface CalibrateOptions {
  /** The --topology file's text and name: sites, placement, storage types, clients, timers. */
  topology?: { text: string; file: string };
  /** Overrides the probe overhead estimated from each capture's smallest link (ms). */
  probeOverheadMs?: number;
  /** The time written in the header (tests pin it). */
  now?: Date;
}

export type CalibrateResult =
  { ok: true; yaml: string; warnings: string[] } | { ok: false; error: string; warnings: string[] };

/** Site of every member when no --topology says where they run. */
export const DEFAULT_SITE = 'default';

interface Provenance {
  kind: 'measured' | 'given' | 'assumed';
  from: string;
  at?: string;
  window?: string;
}

interface MeasuredValue {
  dist: MeasuredDist;
  source: Provenance;
  /** Extra words for the comment (count, overhead). */
  note: string;
}

interface Plan {
  name: string;
  description?: string;
  timers?: { heartbeatMs?: number; electionMs?: number };
  sites: { name: string; arbiter: boolean }[];
  members: {
    name: string;
    site: string;
    learner: boolean;
    storageType?: string;
    fsyncMs?: number;
    fsyncJitterMs?: number;
    fsyncP99Ms?: number;
  }[];
  links: { a: string; b: string; rttMs: number; jitterMs?: number }[];
  clients: { site: string; via?: string }[];
  topologyFile?: string;
}

const num = (v: number, digits = 4): string => String(Number(v.toPrecision(digits)));
const str = (s: string): string => JSON.stringify(s);
const pairKey = (a: string, b: string): string => (a <= b ? `${a}\u0000${b}` : `${b}\u0000${a}`);
const windowText = (seconds: number | undefined): string | undefined =>
  seconds === undefined ? undefined : `${num(seconds, 3)} s`;

function planFromTopology(t: TopologyFact, file: string): Plan {
  return {
    name: t.name.value || 'calibrated',
    timers: {
      ...(t.heartbeatMs ? { heartbeatMs: t.heartbeatMs.value } : {}),
      ...(t.electionMs ? { electionMs: t.electionMs.value } : {}),
    },
    sites: t.sites.map((s) => ({ name: s.name.value, arbiter: s.arbiter })),
    members: t.members.map((m) => ({
      name: m.name.value,
      site: m.site.value,
      learner: m.learner,
      ...(m.storageType ? { storageType: m.storageType.value } : {}),
      ...(m.fsyncMs ? { fsyncMs: m.fsyncMs.value } : {}),
      ...(m.fsyncJitterMs ? { fsyncJitterMs: m.fsyncJitterMs.value } : {}),
      ...(m.fsyncP99Ms ? { fsyncP99Ms: m.fsyncP99Ms.value } : {}),
    })),
    links: t.links.map((l) => ({
      a: l.sites[0],
      b: l.sites[1],
      rttMs: l.rttMs.value,
      ...(l.jitterMs ? { jitterMs: l.jitterMs.value } : {}),
    })),
    clients: t.clients.map((c) => ({ site: c.site.value, ...(c.via ? { via: c.via.value } : {}) })),
    topologyFile: file,
  };
}

function planFromCaptures(captures: readonly Capture[]): Plan {
  const members = new Map<string, boolean>();
  for (const c of captures) for (const m of c.members) if (m.name) members.set(m.name, m.learner);
  const last = [...captures].reverse().find((c) => c.puts);
  return {
    name: 'calibrated',
    sites: [{ name: DEFAULT_SITE, arbiter: false }],
    members: [...members].map(([name, learner]) => ({ name, site: DEFAULT_SITE, learner })),
    links: [],
    clients: last?.puts ? [{ site: DEFAULT_SITE, via: last.puts.value.via }] : [],
  };
}

function addHistograms(into: MsHistogram | undefined, h: MsHistogram): MsHistogram {
  if (!into) return { buckets: h.buckets.map((b) => ({ ...b })), sumMs: h.sumMs, count: h.count };
  const byLe = new Map(into.buckets.map((b) => [b.le, b]));
  for (const b of h.buckets) {
    const mine = byLe.get(b.le);
    if (mine) mine.count += b.count;
    else into.buckets.push({ ...b });
  }
  into.buckets.sort((x, y) => x.le - y.le);
  return { buckets: into.buckets, sumMs: into.sumMs + h.sumMs, count: into.count + h.count };
}

function scrapeSource(c: Capture, s: MemberScrape, metric: string): Provenance {
  const files = s.beforeFile ? `${c.dir}/${s.file} − ${s.beforeFile}` : `${c.dir}/${s.file}`;
  return {
    kind: 'measured',
    from: `${files} ${metric}`,
    at: s.at,
    ...(s.windowSeconds !== undefined ? { window: windowText(s.windowSeconds) } : {}),
  };
}

/** Each member's fsync from one capture: its WAL histogram, else its fio run. */
function captureFsync(c: Capture, warnings: string[]): Map<string, MeasuredValue> {
  const out = new Map<string, MeasuredValue>();
  for (const s of c.scrapes) {
    const h = s.fsync;
    const dist = h ? distFromHistogram(h.buckets, h.count, h.sumMs) : null;
    if (dist)
      out.set(s.member, {
        dist,
        source: scrapeSource(c, s, 'etcd_disk_wal_fsync_duration_seconds'),
        note: `${h!.count} fsyncs`,
      });
    else if (h)
      warnings.push(`${c.dir}/${s.file}: no WAL fsync in the window; fsync of ${s.member} not measured there`);
  }
  for (const f of c.fio) {
    if (out.has(f.member)) continue;
    const sync = f.result.sync;
    const dist = sync ? distFromPercentiles(sync.percentiles, sync.minMs, sync.maxMs, sync.meanMs, sync.count) : null;
    if (dist)
      out.set(f.member, {
        dist,
        source: {
          kind: 'measured',
          from: `${c.dir}/${f.file} fio jobs[0].sync.lat_ns (fdatasync)`,
          ...(f.result.at ? { at: f.result.at } : {}),
        },
        note: `${sync!.count} fdatasyncs`,
      });
    else
      warnings.push(
        `${c.dir}/${f.file}: no fdatasync latencies (run fio with --fdatasync=1); fsync of ${f.member} not measured there`,
      );
  }
  return out;
}

/** Each pair of sites' RTT from one capture: every member pair's probe pooled, less the probe overhead. */
function captureRtt(
  c: Capture,
  siteOf: Map<string, string>,
  options: CalibrateOptions,
  warnings: string[],
): Map<string, MeasuredValue & { a: string; b: string }> {
  const nameOfHex = new Map(c.members.map((m) => [m.idHex, m.name]));
  const pooled = new Map<string, { a: string; b: string; h?: MsHistogram; pairs: string[]; scrape: MemberScrape }>();
  for (const s of c.scrapes) {
    for (const [to, h] of s.peerRtt) {
      const peer = nameOfHex.get(to);
      const a = siteOf.get(s.member);
      const b = peer !== undefined ? siteOf.get(peer) : undefined;
      if (peer === undefined || a === undefined || b === undefined) {
        if (peer === undefined)
          warnings.push(`${c.dir}/${s.file}: peer RTT to ${to}, which members.json does not list; not used`);
        continue;
      }
      if (h.count === 0) continue;
      const key = pairKey(a, b);
      const p = pooled.get(key) ?? { a: a <= b ? a : b, b: a <= b ? b : a, pairs: [], scrape: s };
      p.h = addHistograms(p.h, h);
      p.pairs.push(`${s.member}→${peer}`);
      pooled.set(key, p);
    }
  }
  const probes = [...pooled.values()]
    .map((p) => ({ ...p, dist: distFromHistogram(p.h!.buckets, p.h!.count, p.h!.sumMs) }))
    .filter((p) => p.dist);
  if (c.scrapes.some((s) => s.peerRtt.size > 0) && probes.length === 0)
    warnings.push(
      `${c.dir}: no peer RTT probe observed in the window (etcd observes it every 30 s): RTTs not measured there`,
    );
  const smallest = Math.min(...probes.map((p) => p.dist!.mean));
  const overhead = options.probeOverheadMs ?? peerProbeOverheadMs(smallest);
  const how =
    options.probeOverheadMs !== undefined
      ? 'given with --probe-overhead-ms'
      : `the smallest link's probe mean ${num(smallest, 3)} ms less the loopback floor, at most 3 ms`;
  const out = new Map<string, MeasuredValue & { a: string; b: string }>();
  for (const p of probes) {
    const dist = rttFromProbe(p.dist!, overhead);
    out.set(pairKey(p.a, p.b), {
      a: p.a,
      b: p.b,
      dist,
      source: {
        ...scrapeSource(c, p.scrape, `etcd_network_peer_round_trip_time_seconds (${p.pairs.join(', ')})`),
        from: `${c.dir}/*.metrics etcd_network_peer_round_trip_time_seconds (${p.pairs.join(', ')}), probe overhead ${num(overhead, 3)} ms taken out`,
      },
      note: `${p.h!.count} probe observations reading ${num(p.dist!.mean, 3)} ms; probe overhead ${num(overhead, 3)} ms (${how})`,
    });
  }
  return out;
}

interface Observed {
  leader?: string;
  leaderChanges?: number;
  windowSeconds?: number;
  dbSizeBytes?: number;
  quotaBytes?: number;
  source: Provenance;
}

function captureObserved(c: Capture): Observed | undefined {
  if (c.scrapes.length === 0 && !c.leader) return undefined;
  const most = (f: (s: MemberScrape) => number | undefined): number | undefined => {
    const v = c.scrapes.map(f).filter((x): x is number => x !== undefined);
    return v.length > 0 ? Math.max(...v) : undefined;
  };
  const statusDb = c.status.map((s) => s.dbSizeBytes).filter((x): x is number => x !== undefined);
  const db = most((s) => s.dbSizeBytes) ?? (statusDb.length > 0 ? Math.max(...statusDb) : undefined);
  const windowSeconds = most((s) => s.windowSeconds);
  const at = c.scrapes
    .map((s) => s.at)
    .sort()
    .at(-1);
  return {
    ...(c.leader ? { leader: c.leader } : {}),
    ...(most((s) => s.leaderChanges) !== undefined ? { leaderChanges: most((s) => s.leaderChanges) } : {}),
    ...(windowSeconds !== undefined ? { windowSeconds } : {}),
    ...(db !== undefined ? { dbSizeBytes: db } : {}),
    ...(most((s) => s.quotaBytes) !== undefined ? { quotaBytes: most((s) => s.quotaBytes) } : {}),
    source: {
      kind: 'measured',
      from: `${c.dir}: status.json leader; *.metrics etcd_server_leader_changes_seen_total (most seen by one member${c.scrapes.some((s) => s.beforeFile) ? ', between the scrapes' : ', since start, less the first election'}), etcd_mvcc_db_total_size_in_bytes (largest), etcd_server_quota_backend_bytes`,
      ...(at ? { at } : {}),
      ...(windowSeconds !== undefined ? { window: windowText(windowSeconds) } : {}),
    },
  };
}

const cdfText = (cdf: EmpiricalCdf): string => `[${cdf.map(([x, p]) => `[${num(x, 5)}, ${num(p, 6)}]`).join(', ')}]`;
const sourceText = (s: Provenance): string =>
  `{kind: ${s.kind}, from: ${str(s.from)}${s.at ? `, at: ${str(s.at)}` : ''}${s.window ? `, window: ${str(s.window)}` : ''}}`;
const when = (s: Provenance): string => [s.at, s.window ? `${s.window} window` : undefined].filter(Boolean).join(', ');

interface Emitted {
  fsync: Map<string, MeasuredValue>;
  /** Backend commit durations, reported as comments beside the fsync (the model derives its own from the fsync). */
  backendCommit: Map<string, MeasuredDist>;
  rtt: Map<string, MeasuredValue & { a: string; b: string }>;
  floor?: { fit: FloorFit; source: Provenance; scenario: string };
  observed?: Observed;
}

function emit(plan: Plan, m: Emitted, header: string[]): string {
  const given = plan.topologyFile ? `given in ${plan.topologyFile}` : undefined;
  const out: string[] = [
    ...header.map((h) => `# ${h}`),
    'apiVersion: etcd-capacity/v1alpha1',
    'kind: EtcdTopology',
    'metadata:',
    `  name: ${str(plan.name)}`,
    'spec:',
  ];
  if (plan.timers && (plan.timers.heartbeatMs !== undefined || plan.timers.electionMs !== undefined)) {
    out.push('  etcd:');
    if (plan.timers.heartbeatMs !== undefined)
      out.push(`    heartbeatIntervalMs: ${plan.timers.heartbeatMs}  # ${given}`);
    if (plan.timers.electionMs !== undefined) out.push(`    electionTimeoutMs: ${plan.timers.electionMs}  # ${given}`);
  }
  out.push('  sites:');
  for (const s of plan.sites)
    out.push(
      `    - name: ${str(s.name)}${s.arbiter ? '\n      arbiter: true' : ''}${given ? '' : '  # assumed: no --topology, every member in one site'}`,
    );
  const links = new Map<string, { a: string; b: string; text: string[] }>();
  for (const l of plan.links) {
    links.set(pairKey(l.a, l.b), {
      a: l.a,
      b: l.b,
      text: [
        `      rttMs: ${l.rttMs}  # ${given}`,
        ...(l.jitterMs !== undefined ? [`      jitterMs: ${l.jitterMs}  # ${given}`] : []),
      ],
    });
  }
  for (const [key, v] of m.rtt) {
    const link = links.get(key);
    links.set(key, {
      a: link?.a ?? v.a,
      b: link?.b ?? v.b,
      text: [
        `      rttMs: ${num(v.dist.mean)}  # measured: mean, ${v.note}; ${when(v.source)}`,
        `      jitterMs: ${num(v.dist.sd)}  # measured: sd of the distribution below`,
        `      rttDistribution: ${cdfText(v.dist.empirical)}  # measured: probe histogram buckets, uniform inside a bucket narrowed to the exact mean, shifted by the overhead`,
        `      source: ${sourceText(v.source)}`,
      ],
    });
  }
  if (links.size > 0) {
    out.push('  links:');
    for (const l of links.values()) out.push(`    - sites: [${str(l.a)}, ${str(l.b)}]`, ...l.text);
  }
  out.push('  members:');
  for (const mem of plan.members) {
    out.push(`    - name: ${str(mem.name)}`, `      site: ${str(mem.site)}`);
    if (mem.learner) out.push('      learner: true');
    out.push('      storage:');
    out.push(
      mem.storageType
        ? `        type: ${str(mem.storageType)}  # ${given}`
        : '        type: "unknown"  # assumed: the capture does not say what the disk is',
    );
    const f = m.fsync.get(mem.name);
    if (f) {
      out.push(
        `        fsyncMs: ${num(f.dist.mean)}  # measured: mean, ${f.note}; ${when(f.source)}`,
        `        fsyncJitterMs: ${num(f.dist.sd)}  # measured: sd of the distribution below`,
        `        fsyncP99Ms: ${num(f.dist.p99)}  # measured: p99 of the distribution below`,
        `        fsyncDistribution: ${cdfText(f.dist.empirical)}  # measured: ${f.source.from.includes('fio') ? 'fio percentiles, linear between them' : 'histogram buckets, uniform inside a bucket narrowed to the exact mean'}`,
        `        source: ${sourceText(f.source)}`,
      );
      const bc = m.backendCommit.get(mem.name);
      if (bc)
        out.push(
          `        # measured beside: backend commit (bbolt, every 100 ms) mean ${num(bc.mean, 3)} ms, p99 ${num(bc.p99, 3)} ms over ${bc.count} commits (etcd_disk_backend_commit_duration_seconds); the model takes two of the fsyncs above + ${BACKEND_COMMIT_CPU_MS} ms = ${num(2 * f.dist.mean + BACKEND_COMMIT_CPU_MS, 3)} ms`,
        );
    } else if (mem.fsyncMs !== undefined) {
      out.push(`        fsyncMs: ${mem.fsyncMs}  # ${given}`);
      if (mem.fsyncJitterMs !== undefined) out.push(`        fsyncJitterMs: ${mem.fsyncJitterMs}  # ${given}`);
      if (mem.fsyncP99Ms !== undefined) out.push(`        fsyncP99Ms: ${mem.fsyncP99Ms}  # ${given}`);
    }
  }
  if (m.floor) {
    const { fit, source, scenario } = m.floor;
    out.push(
      '  requestFloor:',
      `    meanMs: ${num(fit.floor.mean)}  # measured: ${fit.puts} puts (mean ${num(fit.measured.meanMs, 3)} ms) less the modelled network and disk terms (mean ${num(fit.modelledWithoutFloorMeanMs, 3)} ms), ${scenario}; ${when(source)}`,
      `    distribution: ${cdfText(fit.cdf)}  # measured: fitted so the estimate reproduces the puts (p50 ${num(fit.measured.p50Ms, 3)} → ${num(fit.fitted.p50Ms, 3)} ms, p99 ${num(fit.measured.p99Ms, 3)} → ${num(fit.fitted.p99Ms, 3)} ms)`,
      `    source: ${sourceText(source)}`,
    );
  }
  if (m.observed) {
    const o = m.observed;
    out.push('  observed:');
    if (o.leader) out.push(`    leader: ${str(o.leader)}  # measured: status.json`);
    if (o.leaderChanges !== undefined)
      out.push(`    leaderChanges: ${o.leaderChanges}  # measured: etcd_server_leader_changes_seen_total`);
    if (o.windowSeconds !== undefined)
      out.push(
        `    windowSeconds: ${num(o.windowSeconds)}  # measured: ${o.source.from.includes('between the scrapes') ? 'time between the two scrapes' : 'time since the process started (process_start_time_seconds)'}`,
      );
    if (o.leaderChanges !== undefined && o.windowSeconds)
      out.push(
        `    leaderChangesPerDay: ${num((o.leaderChanges / o.windowSeconds) * 86400)}  # measured: leaderChanges scaled to one day`,
      );
    if (o.dbSizeBytes !== undefined)
      out.push(`    dbSizeBytes: ${o.dbSizeBytes}  # measured: etcd_mvcc_db_total_size_in_bytes`);
    if (o.quotaBytes !== undefined)
      out.push(`    quotaBytes: ${o.quotaBytes}  # measured: etcd_server_quota_backend_bytes`);
    out.push(`    source: ${sourceText(o.source)}`);
  }
  if (plan.clients.length > 0) {
    out.push('  clients:');
    for (const c of plan.clients)
      out.push(
        `    - site: ${str(c.site)}${c.via ? `\n      via: ${str(c.via)}` : ''}  # ${given ?? 'assumed: where the measured puts came from'}`,
      );
  }
  return out.join('\n') + '\n';
}

function topologyOf(yaml: string): TopologyFact | undefined {
  return recogniseFile(yaml).facts.find((f): f is TopologyFact => f.type === 'topology');
}

export function calibrate(captures: readonly Capture[], options: CalibrateOptions = {}): CalibrateResult {
  const warnings: string[] = [];
  if (captures.length === 0) return { ok: false, error: 'no capture directory given', warnings };
  let plan: Plan;
  if (options.topology) {
    const r = recogniseFile(options.topology.text);
    const t = r.facts.find((f): f is TopologyFact => f.type === 'topology');
    if (!t) return { ok: false, error: `${options.topology.file}: no EtcdTopology document`, warnings };
    for (const f of r.findings.filter((x) => x.severity === 'error').slice(0, 10))
      warnings.push(`${options.topology.file}:${f.range.start.line + 1}: ${f.message}`);
    plan = planFromTopology(t, options.topology.file);
    const inTopology = new Set(plan.members.map((m) => m.name));
    for (const c of captures) {
      const missing = c.members.filter((m) => m.name && !inTopology.has(m.name)).map((m) => m.name);
      if (missing.length > 0)
        return {
          ok: false,
          error: `${c.dir}/members.json: member(s) ${missing.join(', ')} not in ${options.topology.file} (${[...inTopology].join(', ')}): add them with their site`,
          warnings,
        };
    }
  } else {
    plan = planFromCaptures(captures);
  }
  const siteOf = new Map(plan.members.map((m) => [m.name, m.site]));

  const emitted: Emitted = { fsync: new Map(), backendCommit: new Map(), rtt: new Map() };
  for (const c of captures) {
    warnings.push(...c.warnings);
    for (const [k, v] of captureFsync(c, warnings)) emitted.fsync.set(k, v); // later captures win
    for (const s of c.scrapes) {
      const h = s.backendCommit;
      const d = h ? distFromHistogram(h.buckets, h.count, h.sumMs) : null;
      if (d) emitted.backendCommit.set(s.member, d);
    }
    for (const [k, v] of captureRtt(c, siteOf, options, warnings)) emitted.rtt.set(k, v);
    const o = captureObserved(c);
    if (o) emitted.observed = o;
  }

  // The floor is fitted on the topology as written so far, so the estimate of the output uses exactly it.
  const withPuts = [...captures].reverse().find((c) => c.puts);
  const dirs = captures.map((c) => c.dir).join(', ');
  const stamp = (options.now ?? new Date()).toISOString();
  const header = [
    `written by etcd-capacity calibrate at ${stamp} from ${dirs}${plan.topologyFile ? ` and ${plan.topologyFile}` : ''}`,
  ];
  if (withPuts?.puts) {
    const draft = topologyOf(emit(plan, emitted, []));
    const via = withPuts.puts.value.via;
    const viaSite = siteOf.get(via);
    const leader = withPuts.leader ?? via;
    if (!draft || viaSite === undefined)
      warnings.push(`${withPuts.dir}/puts.json: via ${via} is not in the topology; request floor not measured`);
    else {
      try {
        const model = topologyToModel(draft);
        const scenario = { leader, clientSite: viaSite, via };
        const fit = fitRequestFloor(model, scenario, withPuts.puts.value.latenciesMs);
        emitted.floor = {
          fit,
          scenario: `client next to ${via}, leader ${leader}`,
          source: {
            kind: 'measured',
            from: `${withPuts.dir}/${withPuts.puts.file} less the modelled network and disk terms (client next to ${via}, leader ${leader})`,
            at: withPuts.puts.at,
          },
        };
      } catch (error) {
        warnings.push(`${withPuts.dir}/puts.json: request floor not measured: ${(error as Error).message}`);
      }
    }
  }
  const o = emitted.observed;
  if (o) {
    const draft = topologyOf(emit(plan, emitted, []));
    let spurious: string | undefined;
    try {
      if (draft) spurious = num(timerSafety(topologyToModel(draft)).spuriousElectionsPerDay, 3);
    } catch {
      spurious = undefined;
    }
    const perDay =
      o.leaderChanges !== undefined && o.windowSeconds
        ? num((o.leaderChanges / o.windowSeconds) * 86400, 3)
        : undefined;
    header.push(
      `observed: ${o.leaderChanges ?? '?'} leader change(s) in ${o.windowSeconds !== undefined ? `${num(o.windowSeconds, 3)} s` : 'an unknown window'}${perDay !== undefined ? ` (${perDay}/day)` : ''}; the model's spurious follower timeouts: ${spurious ?? '?'}/day`,
    );
    if (o.dbSizeBytes !== undefined && o.quotaBytes)
      header.push(
        `observed: DB ${num(o.dbSizeBytes / 2 ** 20, 3)} MiB of a ${num(o.quotaBytes / 2 ** 30, 3)} GiB quota (${num((100 * o.dbSizeBytes) / o.quotaBytes, 3)} %; etcd refuses writes at 100 %)`,
      );
  }
  return { ok: true, yaml: emit(plan, emitted, header), warnings };
}
