// The report as a person sees it: the built CLI writes each example's report, Debian's Chromium (driven by
// playwright-core) opens it from disk, and the test reads what is drawn — one curve per scenario, the stacked
// bars' segments, the failure matrix — against `etcd-capacity estimate --format json`, and checks that the page
// asks for nothing beyond itself and breaks no rule of its content security policy. A screenshot of each
// example's report is kept in test-output/report-screenshots/. Without Chromium this fails (install it with
// scripts/install-test-deps.sh); it never skips.
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { pathToFileURL } from 'node:url';
import { chromium, type Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ClusterJson } from '../../server/src/cli/estimate';
import type { ReportData } from '../../server/src/report/data';

const ROOT = path.join(__dirname, '..', '..');
const CLI = path.join(ROOT, 'server', 'out', 'cli.js');
const CHROMIUM = process.env.CHROMIUM || '/usr/bin/chromium';
const OUT = path.join(ROOT, 'test-output', 'report');
const SHOTS = path.join(ROOT, 'test-output', 'report-screenshots');
const EXAMPLES = fs.readdirSync(path.join(ROOT, 'examples')).sort();

function cli(...args: string[]): { status: number | null; stdout: string; stderr: string } {
  const r = spawnSync(process.execPath, [CLI, ...args], { cwd: ROOT, encoding: 'utf8' });
  return { status: r.status, stdout: r.stdout, stderr: r.stderr };
}

let browser: Browser;

beforeAll(async () => {
  fs.mkdirSync(OUT, { recursive: true });
  fs.mkdirSync(SHOTS, { recursive: true });
  if (!fs.existsSync(CHROMIUM))
    throw new Error(`no Chromium at ${CHROMIUM}: run scripts/install-test-deps.sh (or set CHROMIUM)`);
  browser = await chromium.launch({
    executablePath: CHROMIUM,
    headless: true,
    args: [
      '--disable-gpu',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      '--disable-default-apps',
      '--disable-extensions',
    ],
  });
}, 60_000); // Chromium's start on two busy cores

afterAll(async () => {
  await browser?.close();
});

describe('etcd-capacity report in Chromium', () => {
  it.each(EXAMPLES)('examples/%s: draws what the estimate says, offline, within its CSP', async (example) => {
    const html = path.join(OUT, `${example}.html`);
    const written = cli('report', `examples/${example}`, '--out', html);
    expect(written.stderr).toContain(`wrote ${html}`);
    // Every bundled example has an estimable topology (or none): `report` exits as `estimate` does, 0.
    expect(written.status).toBe(0);
    const estimate = JSON.parse(cli('estimate', `examples/${example}`, '--format', 'json').stdout) as {
      clusters: ClusterJson[];
    };

    const page = await browser.newPage({ viewport: { width: 1200, height: 900 } });
    const requests: string[] = [];
    const problems: string[] = [];
    page.on('request', (r) => requests.push(r.url()));
    page.on('pageerror', (e) => problems.push(`page error: ${e.message}`));
    page.on('console', (m) => {
      if (m.type() === 'error' || m.type() === 'warning') problems.push(`console ${m.type()}: ${m.text()}`);
    });
    // Page code as text: this file is type-checked without the DOM library.
    await page.addInitScript({
      content:
        "window.__violations = []; document.addEventListener('securitypolicyviolation', (e) => window.__violations.push(e.violatedDirective + ' ' + e.blockedURI));",
    });
    try {
      await page.goto(pathToFileURL(html).href);
      await page.waitForSelector('body[data-rendered="true"]', { timeout: 10_000 });

      const csp = await page.getAttribute('meta[http-equiv="Content-Security-Policy"]', 'content');
      expect(csp).toMatch(/^default-src 'none'; script-src 'nonce-[^']+'; style-src 'nonce-[^']+'; img-src data:$/);
      const data = JSON.parse((await page.textContent('#report-data')) ?? '') as ReportData;
      expect(data.clusters.map((c) => c.estimate)).toEqual(estimate.clusters);

      for (const [i, cluster] of estimate.clusters.entries()) {
        const section = `section.cluster[data-cluster="${i}"]`;
        if (cluster.error) continue;
        // One curve per (leader, client) scenario, and p50/p90/p99 marked on each.
        const curves = await page.locator(`${section} [data-chart="cdf"] g[aria-label="line"] path`).count();
        expect(curves).toBe(cluster.scenarios.length);
        const marks = await page
          .locator(`${section} [data-chart="cdf"] g[aria-label="dot"] path title`)
          .allTextContents();
        expect(marks).toHaveLength(3 * cluster.scenarios.length);
        for (const s of cluster.scenarios) {
          for (const [q, v] of [
            ['p50', s.raft.p50Ms],
            ['p90', s.raft.p90Ms],
            ['p99', s.raft.p99Ms],
          ] as const) {
            expect(
              marks.some(
                (t) => t.startsWith(`leader ${s.leader}, client ${s.clientSite}`) && t.endsWith(`: ${q} ${v} ms`),
              ),
            ).toBe(true);
          }
        }
        // The scenario table beside the curves: the estimate's percentiles and the seed's sequential figure.
        const rows = page.locator(`${section} table.scenarios tbody tr`);
        expect(await rows.count()).toBe(cluster.scenarios.length);
        for (const [k, s] of cluster.scenarios.entries()) {
          const cells = await rows.nth(k).locator('td').allTextContents();
          expect(cells.slice(1, 5)).toEqual(
            [s.raft.meanMs, s.raft.p50Ms, s.raft.p90Ms, s.raft.p99Ms].map((v) => v.toFixed(1)),
          );
          expect(cells[5]).toBe(`${s.sequential.meanMs.toFixed(0)} ± ${s.sequential.jitterMs.toFixed(0)}`);
        }
        // One stacked segment per breakdown term, each titled with the term and its mean.
        const segments = await page
          .locator(`${section} [data-chart="breakdown"] g[aria-label="bar"] rect title`)
          .allTextContents();
        const terms = cluster.scenarios.flatMap((s) => s.raft.breakdown.map((b) => `${b.term}: ${b.meanMs} ms`));
        expect(segments.map((t) => t.replace(/ \(\d+ %\)$/, '')).sort()).toEqual(terms.sort());
        // The failure matrix: a row per member, per site and per pair of sites.
        const failureRows = await page.locator(`${section} table.failure-matrix tbody tr`).count();
        expect(failureRows).toBe(data.clusters[i].failures.length);
        expect(await page.locator(`${section} table.failure-matrix tr[data-kind="member"]`).count()).toBe(
          cluster.votingMembers + cluster.learners,
        );
        expect(await page.locator(`${section} table.timers tbody tr`).count()).toBe(2);
      }
      const findings = data.findings.reduce((n, g) => n + g.findings.length, 0);
      expect(await page.locator('li.finding').count()).toBe(findings);

      await page.screenshot({ path: path.join(SHOTS, `${example}.png`), fullPage: true });
      const violations = (await page.evaluate('window.__violations')) as string[];
      expect(violations).toEqual([]);
      expect(problems).toEqual([]);
      // Nothing but the file itself (and data: URIs) is ever requested.
      expect(requests.filter((u) => !u.startsWith('file:') && !u.startsWith('data:'))).toEqual([]);
    } finally {
      await page.close();
    }
  });

  it('in a webview: follows the editor theme and posts a reveal message for a finding link', async () => {
    // The page script as the built CLI inlines it, with the page rendered in webview mode (as the server does).
    const written = path.join(OUT, 'webview-source.html');
    expect(cli('report', 'examples/stretched-two-dc', '--out', written).status).toBe(0);
    const cliPage = fs.readFileSync(written, 'utf8');
    const pageScript = /<script nonce="[^"]+">([\s\S]*)<\/script>\s*<\/body>/.exec(cliPage)![1];
    const { readInputs } = await import('../../server/src/cli/inputs');
    const { buildReportData } = await import('../../server/src/report/data');
    const { renderReportHtml } = await import('../../server/src/report/html');
    const data = buildReportData(readInputs(['examples/stretched-two-dc']));
    const html = path.join(OUT, 'webview.html');
    fs.writeFileSync(html, renderReportHtml(data, { pageScript, webview: { cspSource: 'https://*.vscode-cdn.net' } }));

    const page = await browser.newPage();
    const problems: string[] = [];
    page.on('pageerror', (e) => problems.push(e.message));
    // What VS Code gives a webview: acquireVsCodeApi and the theme's colours as CSS variables on <html>.
    await page.addInitScript({
      content: `window.__posted = []; window.acquireVsCodeApi = () => ({ postMessage: (m) => window.__posted.push(m) });
        document.addEventListener('DOMContentLoaded', () => { const s = document.documentElement.style;
          s.setProperty('--vscode-editor-background', '#1e1e1e'); s.setProperty('--vscode-editor-foreground', '#d4d4d4'); });`,
    });
    try {
      await page.goto(pathToFileURL(html).href);
      await page.waitForSelector('body[data-rendered="true"]');
      const colours = await page.evaluate(
        '[getComputedStyle(document.body).backgroundColor, getComputedStyle(document.body).color]',
      );
      expect(colours).toEqual(['rgb(30, 30, 30)', 'rgb(212, 212, 212)']);
      const finding = data.findings[0].findings[0];
      await page.locator(`li.finding a[data-line="${finding.line}"]`).first().click();
      const posted = (await page.evaluate('window.__posted')) as unknown[];
      expect(posted).toEqual([
        { type: 'reveal', uri: data.uris[data.findings[0].file], line: finding.line, character: finding.character },
      ]);
      expect(problems).toEqual([]);
    } finally {
      await page.close();
    }
  });

  it('exits 2 with a clear message and writes nothing when no input can be read', () => {
    const out = path.join(OUT, 'missing.html');
    fs.rmSync(out, { force: true });
    const r = cli('report', 'examples/no-such-dir', '--out', out);
    expect(r.status).toBe(2);
    expect(r.stderr).toContain('cannot read examples/no-such-dir: no such file or directory');
    expect(fs.existsSync(out)).toBe(false);
    const unwritable = cli('report', 'examples/healthy', '--out', path.join(OUT, 'no-such-dir', 'x.html'));
    expect(unwritable.status).toBe(2);
    expect(unwritable.stderr.trim()).toBe(
      `etcd-capacity: cannot write ${path.join(OUT, 'no-such-dir', 'x.html')}: no such file or directory`,
    );
    const noOut = cli('report', 'examples/healthy');
    expect(noOut.status).toBe(2);
    expect(noOut.stderr).toContain('report needs --out FILE.html');
  });
});
