// The capacity report as one self-contained HTML page: tables written here, charts drawn by the bundled page
// script (page/page.ts, Observable Plot) from the same data embedded as JSON. Nothing is loaded from anywhere:
// the content security policy allows only this page's nonce'd script and stylesheet, and data: images.
import { randomBytes } from 'node:crypto';
import type { InputOrigin } from '../analysis/inputOrigins';
import type { ReportCluster, ReportData, WhatIfRow } from './data';

declare const __REPORT_PAGE__: string | undefined;

/** The bundled page script (scripts/build.mjs defines it); empty when running from source (tables only). */
export function reportPageScript(): string {
  return typeof __REPORT_PAGE__ === 'string' ? __REPORT_PAGE__ : '';
}

export interface HtmlOptions {
  /** The page script; default the bundled one. */
  pageScript?: string;
  nonce?: string;
  /** In a VS Code webview: its `cspSource`, and finding links that ask the extension to reveal the line. */
  webview?: { cspSource: string };
  title?: string;
}

const escapeHtml = (text: unknown): string =>
  String(text).replace(
    /[&<>"']/g,
    (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c] as string,
  );

/** JSON inside <script>: `<`, U+2028 and U+2029 escaped so no text can close the element. */
function jsonForScript(value: unknown): string {
  return JSON.stringify(value)
    .replace(/</g, '\\u003c')
    .replace(/\u2028/g, '\\u2028')
    .replace(/\u2029/g, '\\u2029');
}

const num = (v: number | null | undefined, digits = 1): string =>
  v === null || v === undefined || !Number.isFinite(v) ? '—' : v.toFixed(digits);
const perDay = (v: number): string =>
  v === 0 ? '0' : v < 0.001 ? v.toExponential(1) : String(Number(v.toPrecision(3)));
const yesNo = (ok: boolean, yes: string, no: string): string =>
  `<td class="${ok ? 'ok' : 'bad'}">${ok ? yes : no}</td>`;

function table(caption: string, head: string[], rows: string[], cls = ''): string {
  return `<table${cls ? ` class="${cls}"` : ''}><caption>${escapeHtml(caption)}</caption><thead><tr>${head.map((h) => `<th>${escapeHtml(h)}</th>`).join('')}</tr></thead><tbody>${rows.join('')}</tbody></table>`;
}

function inputsTable(inputs: InputOrigin[] | undefined): string {
  if (!inputs || inputs.length === 0) return '';
  const rows = inputs.map(
    (i) =>
      `<tr><td>${escapeHtml(i.input)}</td><td>${escapeHtml(i.value)}</td><td><span class="origin origin-${i.origin}">${i.origin}</span></td><td>${escapeHtml([i.from, i.at].filter(Boolean).join(', '))}</td></tr>`,
  );
  return table(
    'Inputs: measured (a capture), given (typed in) or assumed (a default)',
    ['input', 'value', 'origin', 'from'],
    rows,
    'inputs',
  );
}

function scenarioTable(c: ReportCluster): string {
  const rows = c.estimate.scenarios.map((s, i) => {
    const steps = c.scenarios[i]?.sequentialSteps ?? [];
    const title = steps.map((st) => `${st.name}: ${st.meanMs} ± ${st.jitterMs} ms`).join('\n');
    return `<tr data-scenario="${i}"><td>${escapeHtml(c.scenarios[i]?.label ?? s.leader)}</td><td>${num(s.raft.meanMs)}</td><td class="p50">${num(s.raft.p50Ms)}</td><td class="p90">${num(s.raft.p90Ms)}</td><td class="p99">${num(s.raft.p99Ms)}</td><td title="${escapeHtml(title)}">${num(s.sequential.meanMs, 0)} ± ${num(s.sequential.jitterMs, 0)}</td><td>${num(s.writesPerSecond)}</td></tr>`;
  });
  return table(
    'Raft estimate (Monte Carlo over the write path) beside the seed article’s sequential arithmetic',
    ['scenario', 'mean ms', 'p50 ms', 'p90 ms', 'p99 ms', 'sequential ms (seed)', 'writes/s (1 client)'],
    rows,
    'scenarios',
  );
}

function failureTable(c: ReportCluster): string {
  const rows = c.failures.map(
    (f) =>
      `<tr data-kind="${escapeHtml(f.kind)}"><td>${escapeHtml(f.kind)}</td><td>${escapeHtml(f.lost.join(' + '))}</td><td>${f.votersLeft} of ${c.estimate.votingMembers}${f.remainingVoters.length ? ` <span class="muted">(${escapeHtml(f.remainingVoters.join(', '))})</span>` : ''}</td>${yesNo(f.quorumKept, 'kept', 'lost')}${yesNo(f.leaderElectable, 'yes', 'no')}${yesNo(f.dataSafe, 'yes', 'at risk')}</tr>`,
  );
  const omitted =
    c.omittedFailures > 0
      ? `<p class="muted">${c.omittedFailures} further outcome(s) not listed (the model lists the worst first).</p>`
      : '';
  return (
    table(
      `Failure matrix (quorum ${c.estimate.quorum} of ${c.estimate.votingMembers} voting members)`,
      ['lost', 'what', 'voters left', 'quorum', 'leader electable', 'committed data'],
      rows,
      'failure-matrix',
    ) + omitted
  );
}

function timersTable(c: ReportCluster): string {
  const rows = c.timers.map(
    (t) =>
      `<tr data-timers="${t.which}"><td>${t.which}</td><td>${t.heartbeatMs}</td><td>${t.electionMs}</td><td>${perDay(t.spuriousElectionsPerDay)} <span class="muted">(leader ${escapeHtml(t.worstLeader)})</span></td><td>${num(t.electMeanMs, 0)}</td><td>${num(t.electP99Ms, 0)}</td><td>${escapeHtml(t.problems.join('; ') || '—')}</td></tr>`,
  );
  const why = c.recommendedReason ? `<p class="muted">Recommended: ${escapeHtml(c.recommendedReason)}.</p>` : '';
  return (
    table(
      'Timers: configured and recommended',
      [
        'timers',
        'heartbeat ms',
        'election ms',
        'spurious elections/day',
        'time to elect, mean ms',
        'p99 ms',
        'problems',
      ],
      rows,
      'timers',
    ) + why
  );
}

function whatIfTables(c: ReportCluster): string {
  const w = c.whatIf;
  if (!w) return '';
  const scenario = `leader ${w.scenario.leader}, client ${w.scenario.clientSite}${w.scenario.via !== w.scenario.leader ? ` via ${w.scenario.via}` : ''}`;
  const disks = table(
    `Every member on another disk class (${scenario})`,
    ['disk class', 'fsync ms', 'mean ms', 'p50 ms', 'p99 ms'],
    w.disks.map(
      (d) =>
        `<tr><td>${escapeHtml(d.diskClass)}</td><td>${d.fsyncMeanMs} ± ${d.fsyncSdMs}</td><td>${num(d.meanMs)}</td><td>${num(d.p50Ms)}</td><td>${num(d.p99Ms)}</td></tr>`,
    ),
    'what-if what-if-disks',
  );
  const leaders = table(
    `The leader in another site (client ${w.scenario.clientSite})`,
    ['leader site', 'fastest leader there', 'mean ms', 'p50 ms', 'p99 ms'],
    w.leaderSites.map(
      (l) =>
        `<tr><td>${escapeHtml(l.site)}</td><td>${escapeHtml(l.leader)}</td><td>${num(l.meanMs)}</td><td>${num(l.p50Ms)}</td><td>${num(l.p99Ms)}</td></tr>`,
    ),
    'what-if what-if-leader',
  );
  const memberRow = (m: WhatIfRow): string =>
    `<tr><td>${escapeHtml(m.change)}</td><td>${m.votingMembers}</td><td>${m.quorum}</td><td>${m.faultTolerance}</td><td>${escapeHtml(m.survivesLossOf.join(', ') || 'none')}</td><td>${num(m.meanMs)}</td><td>${num(m.p50Ms)}</td><td>${num(m.p99Ms)}</td></tr>`;
  const members = table(
    `One member more or fewer, a third site (${scenario})`,
    ['change', 'voters', 'quorum', 'survives failures', 'survives the loss of site', 'mean ms', 'p50 ms', 'p99 ms'],
    w.members.map(memberRow),
    'what-if what-if-members',
  );
  const notes = w.assumptions.length ? `<p class="muted">Assumed: ${escapeHtml(w.assumptions.join('; '))}.</p>` : '';
  return disks + leaders + members + notes;
}

function lineLink(file: string, line: number, character: number, webview: boolean): string {
  const text = `${escapeHtml(file)}:${line + 1}`;
  return webview
    ? `<a href="#" data-file="${escapeHtml(file)}" data-line="${line}" data-character="${character}">${text}</a>`
    : `<span class="loc">${text}</span>`;
}

function clusterSection(c: ReportCluster, index: number, webview: boolean): string {
  const e = c.estimate;
  const head = `<h2 id="cluster-${index}">Cluster ${escapeHtml(c.name)}</h2><p class="muted">${lineLink(c.file, c.line, 0, webview)}</p>`;
  if (e.error)
    return `<section class="cluster" data-cluster="${index}">${head}<p class="bad">Cannot estimate: ${escapeHtml(e.error)}</p></section>`;
  const learners = e.learners ? ` + ${e.learners} learner(s)` : '';
  const summary = `<p class="summary">${e.votingMembers} voting member(s)${learners}, quorum ${e.quorum}, survives ${e.faultTolerance} member failure(s).</p>`;
  return `<section class="cluster" data-cluster="${index}">${head}${summary}
<h3>Write latency per scenario</h3>
<div class="chart" data-chart="cdf" data-cluster="${index}"></div>
${scenarioTable(c)}
<h3>Where the time goes</h3>
<div class="chart" data-chart="breakdown" data-cluster="${index}"></div>
<h3>What survives which failure</h3>
${failureTable(c)}
<h3>Timers</h3>
${timersTable(c)}
<h3>What if</h3>
${whatIfTables(c)}
${inputsTable(e.inputs)}
</section>`;
}

function findingsSection(data: ReportData, webview: boolean): string {
  if (data.findings.length === 0) return '<section class="findings"><h2>Findings</h2><p>No findings.</p></section>';
  const groups = data.findings.map(
    (g) =>
      `<h3>${escapeHtml(g.file)}</h3><ul class="findings-list">${g.findings
        .map(
          (f) =>
            `<li class="finding sev-${escapeHtml(f.severity)}"><span class="sev">${escapeHtml(f.severity)}</span> ${lineLink(g.file, f.line, f.character, webview)} <a class="rule" href="${escapeHtml(f.docsUrl)}" rel="noreferrer noopener" target="_blank">${escapeHtml(f.code)}</a> ${escapeHtml(f.message)}</li>`,
        )
        .join('')}</ul>`,
  );
  return `<section class="findings"><h2>Findings</h2>${groups.join('')}</section>`;
}

const STYLE = `
:root { color-scheme: light dark;
  --fg: var(--vscode-editor-foreground, CanvasText); --bg: var(--vscode-editor-background, Canvas);
  --muted: var(--vscode-descriptionForeground, GrayText); --border: var(--vscode-panel-border, rgba(128,128,128,.35));
  --ok: var(--vscode-testing-iconPassed, #2e7d32); --bad: var(--vscode-errorForeground, #c62828);
  --warn: var(--vscode-editorWarning-foreground, #b26a00); --link: var(--vscode-textLink-foreground, LinkText); }
body { font: 14px/1.45 var(--vscode-font-family, system-ui, sans-serif); color: var(--fg); background: var(--bg); margin: 0 auto; padding: 1rem 1.5rem; max-width: 1100px; }
h1 { font-size: 1.5rem; } h2 { font-size: 1.25rem; border-bottom: 1px solid var(--border); padding-bottom: .2rem; margin-top: 2rem; } h3 { font-size: 1.05rem; margin-top: 1.4rem; }
a { color: var(--link); }
table { border-collapse: collapse; margin: .5rem 0 1rem; font-size: 13px; }
caption { text-align: left; font-weight: 600; padding: .2rem 0; }
th, td { border: 1px solid var(--border); padding: .2rem .5rem; text-align: left; vertical-align: top; }
td.ok { color: var(--ok); font-weight: 600; } td.bad, p.bad { color: var(--bad); font-weight: 600; }
.muted { color: var(--muted); }
.origin { border-radius: 3px; padding: 0 .3rem; border: 1px solid var(--border); font-size: 12px; }
.origin-measured { color: var(--ok); border-color: var(--ok); } .origin-assumed { color: var(--warn); border-color: var(--warn); }
.chart svg { display: block; height: auto; max-width: 100%; overflow: visible; --plot-background: var(--bg); }
.chart svg text, .chart svg tspan { white-space: pre; }
.legend { list-style: none; padding: 0; margin: .3rem 0 .8rem; display: flex; flex-wrap: wrap; gap: .3rem 1rem; font-size: 12px; }
.swatch { display: inline-block; width: .8rem; height: .8rem; margin-right: .35rem; vertical-align: -1px; border-radius: 2px; }
.findings-list { padding-left: 1.2rem; } .finding { margin: .25rem 0; }
.sev { font-weight: 600; text-transform: uppercase; font-size: 11px; }
.sev-error .sev { color: var(--bad); } .sev-warning .sev { color: var(--warn); }
.loc { font-family: var(--vscode-editor-font-family, ui-monospace, monospace); }
`;

export function renderReportHtml(data: ReportData, options: HtmlOptions = {}): string {
  const nonce = options.nonce ?? randomBytes(16).toString('base64');
  const script = (options.pageScript ?? reportPageScript()).replace(/<\/(script)/gi, '<\\/$1');
  const webview = options.webview !== undefined;
  // The webview's origin only ever joins img-src; anything but a plain source expression is dropped.
  const cspSource = options.webview?.cspSource ?? '';
  const src = /^[\w.:/*-]+$/.test(cspSource) ? ` ${cspSource}` : '';
  const csp = `default-src 'none'; script-src 'nonce-${nonce}'; style-src 'nonce-${nonce}'; img-src data:${src}`;
  const title = options.title ?? 'etcd capacity report';
  const clusters = data.clusters.map((c, i) => clusterSection(c, i, webview)).join('\n');
  const none =
    data.clusters.length === 0
      ? '<p>No EtcdTopology document in the inputs: only the findings are shown. Describe the cluster in an EtcdTopology for latency figures.</p>'
      : '';
  const toc =
    data.clusters.length > 1
      ? `<nav><ul>${data.clusters.map((c, i) => `<li><a href="#cluster-${i}">${escapeHtml(c.name)}</a></li>`).join('')}</ul></nav>`
      : '';
  return `<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="${csp}">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${escapeHtml(title)}</title>
<style nonce="${nonce}">${STYLE}</style>
</head>
<body>
<h1>${escapeHtml(title)}</h1>
<p class="muted">${data.files.length} file(s): ${escapeHtml(data.files.join(', '))}. Figures from the etcd Capacity Review model (docs/model.md); the same numbers as <code>etcd-capacity estimate --format json</code>.</p>
${toc}${none}${clusters}
${findingsSection(data, webview)}
<script type="application/json" id="report-data">${jsonForScript(data)}</script>
<script nonce="${nonce}">${script}</script>
</body>
</html>
`;
}
