// The capacity report's data: for every topology in the inputs, the same estimate `etcd-capacity estimate
// --format json` prints (the `estimate` field is that JSON object, unchanged), plus what the page draws
// from the same model run — latency quantiles per scenario, the failure matrix, timers for the configured
// and the recommended values, what-if variants — and the findings of `check`, grouped by file.
// Plain data, JSON-serialisable: the HTML page and the editor's webview both render it.
import type { AnalysisSettings } from '../analysis/settings';
import type { TopologyIndex } from '../analysis/workspace';
import { checkFiles } from '../cli/check';
import { estimateTopologies, type ClusterJson, type TopologyEstimate } from '../cli/estimate';
import type { InputFile } from '../cli/inputs';
import {
  DISK_CLASS_DEFAULTS,
  ASSUMED_SITE_RTT_MS,
  diskSensitivity,
  quorumFacts,
  raftEstimate,
  sequentialEstimate,
  timerSafety,
  voters,
  type ClusterScenario,
  type LossOutcome,
  type ModelCluster,
  type ModelLink,
  type TimerSafety,
} from '../model';

/** Quantiles per scenario curve: probability i / (CDF_POINTS − 1), so p50, p90, p99 are points 100, 180, 198. */
export const CDF_POINTS = 201;

const round = (value: number, digits = 2): number => (Number.isFinite(value) ? Number(value.toFixed(digits)) : value);

export interface ReportScenario {
  /** "leader etcd-a, client white via etcd-b". */
  label: string;
  leader: string;
  clientSite: string;
  via: string;
  /** Latency (ms) at probability i / (CDF_POINTS − 1). */
  cdf: number[];
  /** The seed article's five steps for this scenario. */
  sequentialSteps: { name: string; meanMs: number; jitterMs: number }[];
  /** The raft breakdown's terms grouped as the stacked bar colours them. */
  breakdown: { term: string; category: BreakdownCategory; meanMs: number; share: number }[];
}

export type BreakdownCategory =
  | 'client RTT'
  | 'request floor'
  | 'forward hop'
  | 'leader fsync'
  | 'quorum replication'
  | 'commit notice'
  | 'via fsync'
  | 'backend commit';

export interface FailureRow {
  kind: 'member' | 'site' | 'pair of sites';
  lost: string[];
  votersLeft: number;
  remainingVoters: string[];
  quorumKept: boolean;
  leaderElectable: boolean;
  dataSafe: boolean;
}

export interface TimerRow {
  which: 'configured' | 'recommended';
  heartbeatMs: number;
  electionMs: number;
  spuriousElectionsPerDay: number;
  worstLeader: string;
  /** Worst case over the failed leader; null when no leader can be elected. */
  electMeanMs: number | null;
  electP99Ms: number | null;
  problems: string[];
}

export interface WhatIfRow {
  change: string;
  votingMembers: number;
  quorum: number;
  faultTolerance: number;
  /** Sites whose loss leaves a quorum. */
  survivesLossOf: string[];
  meanMs: number;
  p50Ms: number;
  p99Ms: number;
}

export interface WhatIfs {
  /** The scenario every variant is measured on (the first client, with the leader that serves it fastest). */
  scenario: { leader: string; clientSite: string; via: string };
  /** Every member on this storage class (the class's typical fsync). */
  disks: { diskClass: string; fsyncMeanMs: number; fsyncSdMs: number; meanMs: number; p50Ms: number; p99Ms: number }[];
  /** The fastest leader in each site for the same client. */
  leaderSites: { site: string; leader: string; meanMs: number; p50Ms: number; p99Ms: number }[];
  /** One member more or fewer, and (for two sites) a third site; the first row is the cluster as written. */
  members: WhatIfRow[];
  /** What the variants had to assume. */
  assumptions: string[];
}

export interface ReportCluster {
  name: string;
  file: string;
  /** 0-based line of the topology's name. */
  line: number;
  /** Exactly what `etcd-capacity estimate --format json` prints for this cluster. */
  estimate: ClusterJson;
  scenarios: ReportScenario[];
  failures: FailureRow[];
  /** Loss outcomes not listed because of the model's limits. */
  omittedFailures: number;
  timers: TimerRow[];
  recommendedReason?: string;
  whatIf?: WhatIfs;
}

export interface ReportFinding {
  line: number;
  character: number;
  severity: string;
  code: string;
  message: string;
  docsUrl: string;
}

export interface ReportData {
  /** Display paths of every file read. */
  files: string[];
  /** Display path → URI, for the editor's links back to lines. */
  uris: Record<string, string>;
  clusters: ReportCluster[];
  findings: { file: string; findings: ReportFinding[] }[];
}

export function breakdownCategory(term: string): BreakdownCategory {
  if (term.startsWith('client (')) return 'client RTT';
  if (term.startsWith('request floor')) return 'request floor';
  if (term.startsWith('forward ')) return 'forward hop';
  if (term.startsWith('leader WAL fsync')) return 'leader fsync';
  if (term.startsWith('quorum replication')) return 'quorum replication';
  if (term.startsWith('commit notice')) return 'commit notice';
  if (term.startsWith('wait for ')) return 'backend commit';
  return 'via fsync';
}

function scenarioLabel(s: { leader: string; clientSite: string; via: string }): string {
  return `leader ${s.leader}, client ${s.clientSite}${s.via !== s.leader ? ` via ${s.via}` : ''}`;
}

function failureRows(model: ModelCluster): { rows: FailureRow[]; omitted: number } {
  const facts = quorumFacts(model);
  const row =
    (kind: FailureRow['kind']) =>
    (o: LossOutcome): FailureRow => ({
      kind,
      lost: o.lost,
      votersLeft: o.remainingVoters.length,
      remainingVoters: o.remainingVoters,
      quorumKept: o.hasQuorum,
      leaderElectable: o.canElectLeader,
      dataSafe: o.dataSafe,
    });
  const o = facts.omittedLossOutcomes;
  return {
    rows: [
      ...facts.memberLoss.map(row('member')),
      ...facts.siteLoss.map(row('site')),
      ...facts.sitePairLoss.map(row('pair of sites')),
    ],
    omitted: o.members + o.sites + o.sitePairs,
  };
}

function timerRow(which: TimerRow['which'], t: TimerSafety): TimerRow {
  const possible = t.electionTime.possible;
  return {
    which,
    heartbeatMs: t.heartbeatMs,
    electionMs: t.electionMs,
    spuriousElectionsPerDay: Number(t.spuriousElectionsPerDay.toPrecision(3)),
    worstLeader: t.worstLeader,
    electMeanMs: possible ? round(t.electionTime.meanMs) : null,
    electP99Ms: possible ? round(t.electionTime.p99Ms) : null,
    problems: t.problems,
  };
}

/** The headline scenario: the first client, with the leader that serves it fastest (as the editor shows). */
function headlineOf(scenarios: ClusterScenario[]): ClusterScenario {
  const first = scenarios[0].clientSite;
  return scenarios.filter((s) => s.clientSite === first).reduce((a, b) => (b.raft.p50Ms < a.raft.p50Ms ? b : a));
}

function survivesLossOf(model: ModelCluster): string[] {
  return quorumFacts(model)
    .siteLoss.filter((o) => o.hasQuorum)
    .map((o) => o.lost[0]);
}

function variantRow(
  change: string,
  model: ModelCluster,
  scenario: { leader: string; clientSite: string; via: string },
  cache: Map<string, Float64Array>,
): WhatIfRow {
  const facts = quorumFacts(model);
  const e = raftEstimate(model, scenario, { cache });
  return {
    change,
    votingMembers: facts.votingMembers,
    quorum: facts.quorum,
    faultTolerance: facts.faultTolerance,
    survivesLossOf: survivesLossOf(model),
    meanMs: round(e.meanMs),
    p50Ms: round(e.p50Ms),
    p99Ms: round(e.p99Ms),
  };
}

const NEW_SITE = 'third-site';
/** Sites that get a "one member more / fewer" variant. */
export const MAX_WHAT_IF_SITES = 6;

function whatIfs(model: ModelCluster, scenarios: ClusterScenario[], cache: Map<string, Float64Array>): WhatIfs {
  const h = headlineOf(scenarios);
  const scenario = { leader: h.leader, clientSite: h.clientSite, via: h.via };
  const sensitivity = diskSensitivity(model, scenario, { cache });
  const disks = sensitivity.byClass.map((d) => ({
    diskClass: d.diskClass,
    fsyncMeanMs: d.fsync.mean,
    fsyncSdMs: d.fsync.sd,
    meanMs: round(d.meanMs),
    p50Ms: round(d.p50Ms),
    p99Ms: round(d.p99Ms),
  }));
  const vs = voters(model);
  const siteOf = new Map(vs.map((m) => [m.name, m.site]));
  const leaderSites: WhatIfs['leaderSites'] = [];
  for (const s of scenarios) {
    if (s.clientSite !== scenario.clientSite) continue;
    const site = siteOf.get(s.leader) ?? '';
    const known = leaderSites.find((l) => l.site === site);
    const row = {
      site,
      leader: s.leader,
      meanMs: round(s.raft.meanMs),
      p50Ms: round(s.raft.p50Ms),
      p99Ms: round(s.raft.p99Ms),
    };
    if (!known) leaderSites.push(row);
    else if (row.p50Ms < known.p50Ms) Object.assign(known, row);
  }

  const assumptions: string[] = [];
  const members: WhatIfRow[] = [variantRow('as written', model, scenario, cache)];
  const allSites = [...new Set(vs.map((m) => m.site))];
  // Each variant is a full Monte Carlo run: a cluster with many sites gets the first few.
  const sites = allSites.slice(0, MAX_WHAT_IF_SITES);
  if (allSites.length > sites.length)
    assumptions.push(`one member more or fewer: the first ${MAX_WHAT_IF_SITES} of ${allSites.length} sites`);
  let added = 0;
  for (const site of sites) {
    const twin = vs.find((m) => m.site === site)!;
    let name = `${site}-new`;
    while (model.members.some((m) => m.name === name)) name += '-1';
    members.push(
      variantRow(
        `one member more in ${site} (fsync as ${twin.name})`,
        { ...model, members: [...model.members, { ...twin, name, learner: false }] },
        scenario,
        cache,
      ),
    );
    added += 1;
  }
  for (const site of sites) {
    // Remove a member of the site that is neither the leader nor the member the client talks to.
    const gone = [...vs]
      .reverse()
      .find((m) => m.site === site && m.name !== scenario.leader && m.name !== scenario.via);
    if (!gone) continue;
    members.push(
      variantRow(
        `one member fewer: without ${gone.name} (${site})`,
        { ...model, members: model.members.filter((m) => m !== gone) },
        scenario,
        cache,
      ),
    );
  }
  if (allSites.length === 2) {
    // A third site as far from both as the two written sites are from each other.
    const between = model.links.find((l) => l.a !== l.b && sites.includes(l.a) && sites.includes(l.b));
    const rtt = between?.rtt ?? model.defaultRtt;
    if (rtt) {
      assumptions.push(
        `the third site is ${round(rtt.mean)} ± ${round(rtt.sd)} ms from both written sites (as they are from each other), ${ASSUMED_SITE_RTT_MS.mean} ms inside`,
      );
      const links: ModelLink[] = [
        ...model.links,
        ...sites.map((s) => ({ a: s, b: NEW_SITE, rtt })),
        { a: NEW_SITE, b: NEW_SITE, rtt: { mean: ASSUMED_SITE_RTT_MS.mean, sd: ASSUMED_SITE_RTT_MS.sd } },
      ];
      const twin = vs.find((m) => m.name === scenario.leader) ?? vs[0];
      members.push(
        variantRow(
          `a third site with one member more (fsync as ${twin.name})`,
          {
            ...model,
            links,
            members: [...model.members, { ...twin, name: `${NEW_SITE}-1`, site: NEW_SITE, learner: false }],
          },
          scenario,
          cache,
        ),
      );
      const bigger = sites.reduce((a, b) =>
        vs.filter((m) => m.site === b).length > vs.filter((m) => m.site === a).length ? b : a,
      );
      const moved = [...vs]
        .reverse()
        .find((m) => m.site === bigger && m.name !== scenario.leader && m.name !== scenario.via);
      if (moved) {
        members.push(
          variantRow(
            `${moved.name} moved from ${bigger} to a third site`,
            { ...model, links, members: model.members.map((m) => (m === moved ? { ...m, site: NEW_SITE } : m)) },
            scenario,
            cache,
          ),
        );
      }
    }
  }
  if (added > 0) assumptions.push('a new member has the fsync of the first member of its site');
  assumptions.push(
    `disk classes: typical fsync per class (${Object.keys(DISK_CLASS_DEFAULTS).length} classes, model/disk.ts), every member on it`,
  );
  return { scenario, disks, leaderSites, members, assumptions };
}

/** `cache`: the sample arrays of the estimate's run, reused by every variant (samples depend only on stream and
 * distribution). */
function reportCluster(t: TopologyEstimate, cache: Map<string, Float64Array>): ReportCluster {
  const base = {
    name: t.json.name,
    file: t.json.file,
    line: t.topology.name?.range.start.line ?? t.topology.range.start.line,
    estimate: t.json,
  };
  const { model, estimate } = t;
  if (!model || !estimate || t.json.error)
    return { ...base, scenarios: [], failures: [], omittedFailures: 0, timers: [] };
  const scenarios = estimate.scenarios.map((s) => ({
    label: scenarioLabel(s),
    leader: s.leader,
    clientSite: s.clientSite,
    via: s.via,
    cdf: (s.raft.cdf ?? []).map((v) => round(v, 3)),
    sequentialSteps: sequentialEstimate(model, s).steps.map((step) => ({
      name: step.name,
      meanMs: round(step.meanMs),
      jitterMs: round(step.jitterMs),
    })),
    breakdown: s.raft.breakdown.map((b) => ({
      term: b.term,
      category: breakdownCategory(b.term),
      meanMs: round(b.meanMs),
      share: round(b.share, 3),
    })),
  }));
  const failures = failureRows(model);
  const configured = timerSafety(model, { cache });
  const rec = configured.recommended;
  const recommended = timerSafety({ ...model, heartbeatMs: rec.heartbeatMs, electionMs: rec.electionMs }, { cache });
  let whatIf: WhatIfs | undefined;
  try {
    whatIf = estimate.scenarios.length > 0 ? whatIfs(model, estimate.scenarios, cache) : undefined;
  } catch {
    whatIf = undefined; // a variant the model refuses leaves the table out, never the report
  }
  return {
    ...base,
    scenarios,
    failures: failures.rows,
    omittedFailures: failures.omitted,
    timers: [timerRow('configured', configured), timerRow('recommended', recommended)],
    recommendedReason: rec.reason,
    ...(whatIf ? { whatIf } : {}),
  };
}

export interface ReportOptions {
  /** Analysis settings for the findings (the editor's); default the CLI's. */
  settings?: Partial<AnalysisSettings>;
  /** The cross-file index for the findings (the editor's workspace); default built from the inputs. */
  topologies?: TopologyIndex;
}

/** The report's data for the inputs: never throws on what the files say (a cluster the model refuses keeps its error).
 * */
export function buildReportData(inputs: InputFile[], options: ReportOptions = {}): ReportData {
  const clusters: ReportCluster[] = [];
  const cache = new Map<string, Float64Array>();
  for (const t of estimateTopologies(inputs, { cdfPoints: CDF_POINTS, cache })) {
    try {
      clusters.push(reportCluster(t, cache));
    } catch (error) {
      const message = error instanceof Error ? error.message : String(error);
      clusters.push({
        name: t.json.name,
        file: t.json.file,
        line: t.topology.range.start.line,
        estimate: { ...t.json, error: t.json.error ?? message },
        scenarios: [],
        failures: [],
        omittedFailures: 0,
        timers: [],
      });
    }
  }
  const byFile = new Map<string, ReportFinding[]>();
  for (const f of checkFiles(inputs, options.settings, options.topologies)) {
    const list = byFile.get(f.file) ?? [];
    list.push({
      line: f.range.start.line,
      character: f.range.start.character,
      severity: f.severity,
      code: f.code,
      message: f.message,
      docsUrl: f.docsUrl,
    });
    byFile.set(f.file, list);
  }
  return {
    files: inputs.map((i) => i.display),
    uris: Object.fromEntries(inputs.map((i) => [i.display, i.uri])),
    clusters,
    findings: [...byFile].map(([file, findings]) => ({ file, findings })),
  };
}
