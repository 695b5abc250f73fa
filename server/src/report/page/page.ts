// The report page's script (bundled by scripts/build.mjs for the browser, inlined with a nonce): reads the
// report data from <script type="application/json" id="report-data"> and draws the charts with Observable
// Plot (SVG, no eval). The tables are already in the HTML; this only adds the pictures and, in the editor's
// webview, turns finding links into messages that reveal the line.
import * as Plot from '@observablehq/plot';
import type { ReportCluster, ReportData } from '../data';

declare function acquireVsCodeApi(): { postMessage(message: unknown): void };

const CATEGORY_ORDER = [
  'client RTT',
  'request floor',
  'forward hop',
  'leader fsync',
  'quorum replication',
  'commit notice',
  'via fsync',
  'backend commit',
];
const QUANTILES = [
  { p: 0.5, name: 'p50' },
  { p: 0.9, name: 'p90' },
  { p: 0.99, name: 'p99' },
];

/** Plot puts a <style> into each SVG; the page's CSP allows only its own nonce'd stylesheet, which has those rules. */
function mount(container: Element, figure: SVGSVGElement | HTMLElement): void {
  for (const style of Array.from(figure.querySelectorAll('style'))) style.remove();
  container.replaceChildren(figure);
}

function legend(container: Element, entries: { label: string; color: string }[]): void {
  const list = document.createElement('ul');
  list.className = 'legend';
  for (const e of entries) {
    const item = document.createElement('li');
    const swatch = document.createElement('span');
    swatch.className = 'swatch';
    swatch.style.background = e.color; // CSSOM, which a CSP without 'unsafe-inline' allows
    item.append(swatch, document.createTextNode(e.label));
    list.append(item);
  }
  container.append(list);
}

function widthOf(container: Element): number {
  return Math.max(360, Math.min(960, Math.floor(container.getBoundingClientRect().width) || 720));
}

function cdfChart(container: Element, cluster: ReportCluster): void {
  const rows: { scenario: string; ms: number; p: number }[] = [];
  const marks: { scenario: string; ms: number; p: number; q: string }[] = [];
  let xMax = 0;
  for (const s of cluster.scenarios) {
    const k = s.cdf.length;
    s.cdf.forEach((ms, i) => rows.push({ scenario: s.label, ms, p: i / (k - 1) }));
    xMax = Math.max(xMax, s.cdf[Math.round(0.995 * (k - 1))] ?? 0);
    const json = cluster.estimate.scenarios.find(
      (e) => e.leader === s.leader && e.clientSite === s.clientSite && e.via === s.via,
    );
    if (!json) continue;
    marks.push(
      { scenario: s.label, ms: json.raft.p50Ms, p: 0.5, q: 'p50' },
      { scenario: s.label, ms: json.raft.p90Ms, p: 0.9, q: 'p90' },
      { scenario: s.label, ms: json.raft.p99Ms, p: 0.99, q: 'p99' },
    );
  }
  const labels = cluster.scenarios.map((s) => s.label);
  const chart = Plot.plot({
    width: widthOf(container),
    height: 320,
    marginLeft: 48,
    x: { label: 'write latency (ms)', domain: [0, xMax * 1.02], grid: true },
    y: { label: 'share of writes at or below', domain: [0, 1], tickFormat: '%' },
    color: { domain: labels, scheme: 'tableau10' },
    symbol: { domain: QUANTILES.map((q) => q.name), range: ['circle', 'square', 'triangle'] },
    marks: [
      Plot.ruleY(
        QUANTILES.map((q) => q.p),
        { stroke: 'currentColor', strokeOpacity: 0.25, strokeDasharray: '3,3' },
      ),
      Plot.line(rows, { x: 'ms', y: 'p', z: 'scenario', stroke: 'scenario', strokeWidth: 2, clip: 'frame' }),
      Plot.dot(marks, {
        x: 'ms',
        y: 'p',
        stroke: 'scenario',
        symbol: 'q',
        fill: 'currentColor',
        r: 3.5,
        title: (d: { scenario: string; q: string; ms: number }) => `${d.scenario}: ${d.q} ${d.ms} ms`,
      }),
    ],
  });
  mount(container, chart);
  const color = chart.scale('color');
  const range = (color?.range ?? []) as string[];
  legend(
    container,
    labels.map((label, i) => ({ label, color: range[i % range.length] ?? 'currentColor' })),
  );
}

function breakdownChart(container: Element, cluster: ReportCluster): void {
  const rows = cluster.scenarios.flatMap((s) => s.breakdown.map((b) => ({ scenario: s.label, ...b })));
  const present = CATEGORY_ORDER.filter((c) => rows.some((r) => r.category === c));
  const width = widthOf(container);
  // Scenario names on the left take at most 40 % of a narrow view (a webview beside the editor), cut with "…".
  const marginLeft = Math.min(260, Math.floor(width * 0.4));
  const chars = Math.floor(marginLeft / 5.6);
  const chart = Plot.plot({
    width,
    height: 40 + 28 * cluster.scenarios.length,
    marginLeft,
    x: { label: 'mean write latency (ms)', grid: true },
    y: {
      label: null,
      domain: cluster.scenarios.map((s) => s.label),
      tickFormat: (d: string) => (d.length > chars ? `${d.slice(0, chars - 1)}…` : d),
    },
    color: { domain: present, scheme: 'set2' },
    marks: [
      Plot.barX(rows, {
        x: 'meanMs',
        y: 'scenario',
        fill: 'category',
        insetLeft: 0.5, // a hairline between segments, so two replication terms in a row stay two
        insetRight: 0.5,
        order: (d: { category: string }) => CATEGORY_ORDER.indexOf(d.category),
        title: (d: { term: string; meanMs: number; share: number }) =>
          `${d.term}: ${d.meanMs} ms (${Math.round(d.share * 100)} %)`,
      }),
      Plot.ruleX([0]),
    ],
  });
  mount(container, chart);
  const range = (chart.scale('color')?.range ?? []) as string[];
  legend(
    container,
    present.map((label, i) => ({ label, color: range[i % range.length] ?? 'currentColor' })),
  );
}

function main(): void {
  const source = document.getElementById('report-data');
  if (!source?.textContent) return;
  const data = JSON.parse(source.textContent) as ReportData;
  for (const el of Array.from(document.querySelectorAll('[data-chart]'))) {
    const cluster = data.clusters[Number(el.getAttribute('data-cluster'))];
    if (!cluster || cluster.scenarios.length === 0) continue;
    try {
      if (el.getAttribute('data-chart') === 'cdf') cdfChart(el, cluster);
      else breakdownChart(el, cluster);
    } catch (error) {
      el.textContent = `chart not drawn: ${error instanceof Error ? error.message : String(error)}`;
    }
  }
  document.body.setAttribute('data-rendered', 'true');
  if (typeof acquireVsCodeApi === 'function') {
    const vscode = acquireVsCodeApi();
    document.addEventListener('click', (event) => {
      const link = (event.target as Element | null)?.closest?.('a[data-file]');
      if (!link) return;
      event.preventDefault();
      const file = link.getAttribute('data-file') ?? '';
      vscode.postMessage({
        type: 'reveal',
        uri: data.uris[file] ?? file,
        line: Number(link.getAttribute('data-line')),
        character: Number(link.getAttribute('data-character') ?? 0),
      });
    });
  }
}

main();
