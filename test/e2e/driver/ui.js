// The user-level test: what a person sees in the workbench after installing the VSIX.
// Every wait is a selector or predicate wait with a deadline; there are no fixed sleeps.
'use strict';
const fs = require('fs');
const path = require('path');
const { prepareInstance } = require('./workspace');
const { detectFeatures, FEATURES } = require('./features');
const { installExtension, startCodeServer } = require('./codeServer');
const { launchBrowser } = require('./browser');
const { log } = require('./procs');
const { execFileSync, spawnSync } = require('child_process');
const { ROOT } = require('./workspace');

/** The project's CLI (server/out/cli.js, from `npm run build`): the oracle for the report's numbers. */
const CLI = path.join(ROOT, 'server', 'out', 'cli.js');

/** What the report for `file` must show, from the CLI: one curve and one table row per scenario, the failure matrix
 * rows. */
function expectedReport(file, dir) {
  const run = (...args) => {
    const r = spawnSync(process.execPath, [CLI, ...args], { encoding: 'utf8', timeout: 60_000 });
    if (r.status !== 0 && r.status !== 1)
      throw new Error(`etcd-capacity ${args.join(' ')} exited ${r.status}: ${r.stderr}`);
    return r;
  };
  const [cluster] = JSON.parse(run('estimate', file, '--format', 'json').stdout).clusters;
  const html = path.join(dir, `${path.basename(file)}.html`);
  run('report', file, '--out', html);
  const match = fs
    .readFileSync(html, 'utf8')
    .match(/<script type="application\/json" id="report-data">([\s\S]*?)<\/script>/);
  if (!match) throw new Error(`no #report-data in ${html}`);
  const failures = JSON.parse(match[1]).clusters[0].failures;
  return {
    curves: cluster.scenarios.length,
    p50: cluster.scenarios.map((s) => s.raft.p50Ms.toFixed(1)),
    summary: `${cluster.votingMembers} voting member(s)`,
    failureRows: failures.map((f) => `${f.kind}: ${f.lost.join(' + ')}`),
  };
}

/** What the report webview shows, read inside its frame (VS Code nests it: iframe.webview > iframe#active-frame). */
function readReport() {
  const section = document.querySelector('section.cluster[data-cluster="0"]');
  if (!document.getElementById('report-data') || !section || document.body.getAttribute('data-rendered') !== 'true')
    return null;
  return {
    curves: section.querySelectorAll('[data-chart="cdf"] svg g[aria-label="line"] path').length,
    p50: [...section.querySelectorAll('table.scenarios tbody tr td.p50')].map((td) => td.textContent),
    summary: (((section.querySelector('p.summary') || {}).textContent || '').match(/^\d+ voting member\(s\)/) || [
      '',
    ])[0],
    failureRows: [...section.querySelectorAll('table.failure-matrix tbody tr')].map(
      (r) => `${r.dataset.kind}: ${r.cells[1].textContent}`,
    ),
  };
}

/**
 * Looks through every frame of the page (webviews are out-of-process iframes) for the report whose drawing
 * matches `expected` (curve count, p50 column, summary, failure rows); resolves with what it shows.
 * Rejects after `timeout` with what the report frames showed last.
 */
async function waitForReport(page, expected, timeout) {
  const deadline = Date.now() + timeout;
  const want = JSON.stringify(expected);
  let seen = [];
  while (Date.now() < deadline) {
    seen = [];
    for (const frame of page.frames()) {
      const shown = await frame.evaluate(readReport).catch(() => null); // a frame being replaced or detached
      if (!shown) continue;
      if (JSON.stringify(shown) === want) return { frame, shown };
      seen.push(shown);
    }
    await page.waitForTimeout(250); // polling frames, which have no single selector across iframes
  }
  throw new Error(
    `no report webview showing ${want} within ${timeout} ms; report frames showed ${JSON.stringify(seen)} (${page.frames().length} frames)`,
  );
}

/** Pids of our language server started from this instance's extensions folder. */
function serverPids(extensionsDir) {
  try {
    const out = execFileSync('pgrep', ['-f', `${extensionsDir}/.*server/out/server.js`], { encoding: 'utf8' });
    return out
      .split('\n')
      .map(Number)
      .filter((n) => n > 0);
  } catch {
    return []; // pgrep exits 1 when nothing matches
  }
}

const EDITOR = '.editor-instance .monaco-editor';
const SQUIGGLES = `${EDITOR} .squiggly-error, ${EDITOR} .squiggly-warning, ${EDITOR} .squiggly-info`;
/** The write-latency estimate as server/src/protocol/estimateText.ts words it (raft p50, or sequential). */
const LATENCY = /write (?:p50 )?≈ \d+(?:\.\d+)?\s?m?s\b/;
const DURATION = /\d+(?:\.\d+)?\s?m?s\b/;
const text = (s) => String(s || '').replace(/\u00a0/g, ' ');

class Steps {
  constructor(page, shots) {
    this.page = page;
    this.shots = shots;
    this.tests = [];
  }

  /** Runs one named check; a failure is recorded with a screenshot, and the next checks still run. */
  async step(name, fn) {
    const t0 = Date.now();
    try {
      const detail = await fn();
      this.tests.push({ name: `editor UI: ${name}`, ok: true, ms: Date.now() - t0, detail });
      log(`  ✓ ${name} (${Date.now() - t0} ms)`);
      return true;
    } catch (error) {
      const file = `failure-${this.tests.length + 1}.png`;
      await this.page.screenshot({ path: path.join(this.shots, file) }).catch(() => {});
      this.tests.push({
        name: `editor UI: ${name}`,
        ok: false,
        ms: Date.now() - t0,
        error: `${(error && error.stack) || error} (screenshot ${file})`,
      });
      log(`  ✗ ${name}: ${String(error).split('\n')[0]}`);
      return false;
    }
  }

  shot(file) {
    return this.page.screenshot({ path: path.join(this.shots, file) });
  }
}

async function openFile(page, name) {
  await page.keyboard.press('Control+P');
  await page.waitForSelector('.quick-input-widget input', { state: 'visible', timeout: 20_000 });
  await page.keyboard.type(name);
  // Enter only once the file is the FOCUSED row: before the filter applies, the list still shows recent editors.
  await page.waitForSelector(`.quick-input-widget .monaco-list-row.focused[aria-label*="${name}"]`, {
    timeout: 30_000,
  });
  await page.keyboard.press('Enter');
  await page.waitForFunction(
    (n) => {
      const tab = document.querySelector('.tabs-container .tab.active');
      return (
        tab &&
        tab.getAttribute('aria-label') &&
        tab.getAttribute('aria-label').includes(n) &&
        document.querySelector('.editor-instance .monaco-editor .view-lines')
      );
    },
    name,
    { timeout: 30_000 },
  );
}

/**
 * Waits until the rendered line holding `needle` has squiggles whose count satisfies `accept`
 * (a page predicate, re-checked on every animation frame). Resolves with the count.
 */
async function waitForSquigglesOnLine(page, needle, accept, timeout) {
  const handle = await page.waitForFunction(
    ({ needle, sel, editor, accept }) => {
      const line = [...document.querySelectorAll(`${editor} .view-line`)].find((l) =>
        l.innerText.replace(/\u00a0/g, ' ').includes(needle),
      );
      if (!line) return null;
      const box = line.getBoundingClientRect();
      const count = [...document.querySelectorAll(sel)].filter((s) => {
        const r = s.getBoundingClientRect();
        return r.width > 0 && r.top < box.bottom && r.bottom > box.top;
      }).length;
      return (accept === 'some' ? count > 0 : count === 0) ? { count } : null;
    },
    { needle, sel: SQUIGGLES, editor: EDITOR, accept },
    { timeout },
  );
  return (await handle.jsonValue()).count;
}

/** Hides the bottom panel (Problems) so more of the editor shows in screenshots. */
async function closePanel(page) {
  if (await page.locator('.part.panel:visible').count()) {
    await page.keyboard.press('Control+J');
    await page.waitForSelector('.part.panel', { state: 'hidden', timeout: 10_000 });
  }
}

async function problemRows(page) {
  return page.$$eval('.markers-panel .monaco-list-row', (rows) =>
    rows.map((r) => r.innerText.replace(/\s+/g, ' ').trim()),
  );
}

/**
 * Hovers over `token` in the rendered line holding `needle`, for each [needle, token] in turn, until a provider
 * hover (the markdown part, not the problem part) matching `accept` shows. Resolves with its text.
 */
async function hoverUntil(page, targets, accept) {
  const tried = [];
  for (const [needle, token] of targets) {
    const line = page.locator(`${EDITOR} .view-line`, { hasText: needle }).first();
    if (!(await line.count())) {
      tried.push(`${needle}: not rendered`);
      continue;
    }
    const span = line.locator('span > span', { hasText: token }).first();
    const box = await span.boundingBox();
    if (!box) {
      tried.push(`${needle}: no "${token}"`);
      continue;
    }
    await page.mouse.move(box.x - 40, box.y - 40);
    await page.mouse.move(box.x + Math.min(box.width / 2, 30), box.y + box.height / 2, { steps: 5 });
    const hover = page.locator('.monaco-hover:visible .markdown-hover').filter({ hasText: accept });
    try {
      await hover.first().waitFor({ state: 'visible', timeout: 5000 });
      // Let the fade-in finish, so the screenshot shows the hover as a person reads it.
      await page.waitForFunction(
        () =>
          document
            .getAnimations()
            .every(
              (a) =>
                a.playState !== 'running' ||
                !(
                  a.effect &&
                  a.effect.target &&
                  a.effect.target.closest &&
                  a.effect.target.closest('.monaco-hover, .workbench-hover-container')
                ),
            ),
        null,
        { timeout: 5000 },
      );
      return {
        line: needle,
        text: text(await hover.first().innerText())
          .replace(/\s+/g, ' ')
          .trim()
          .slice(0, 300),
      };
    } catch {
      const shown = await page
        .locator('.monaco-hover:visible')
        .allInnerTexts()
        .catch(() => []);
      tried.push(`${needle}: ${JSON.stringify(shown.map((t) => t.slice(0, 120)))}`);
    }
  }
  throw new Error(`no hover matching ${accept}: ${tried.join('; ')}`);
}

async function runUi(workDir, vsix, shots) {
  const name = 'editor UI (code-server + Chromium)';
  const t0 = Date.now();
  fs.mkdirSync(shots, { recursive: true });
  const { present, notBuilt } = detectFeatures(path.join(__dirname, '..', '..', '..'));
  const timings = {};
  let server;
  let browserHandle;
  let steps;
  try {
    const instance = prepareInstance(workDir);
    let t = Date.now();
    installExtension(instance, vsix);
    timings.installExtensionMs = Date.now() - t;
    server = await startCodeServer(instance);
    timings.codeServerReadyMs = server.readyMs;
    t = Date.now();
    browserHandle = await launchBrowser();
    timings.browserLaunchMs = Date.now() - t;
    const page = await browserHandle.browser.newPage({ viewport: { width: 1400, height: 900 } });
    steps = new Steps(page, shots);
    const pageErrors = [];
    page.on('pageerror', (e) => pageErrors.push(String(e).slice(0, 300)));
    const goto = Date.now();

    await steps.step('workbench opens the copy of examples/', async () => {
      await page.goto(`${server.base}/?folder=${encodeURIComponent(instance.ws)}`);
      await page.waitForSelector('.monaco-workbench', { timeout: 60_000 });
      await page.waitForSelector('.explorer-folders-view .monaco-list-row', { timeout: 60_000 });
      timings.gotoToExplorerMs = Date.now() - goto;
    });

    await steps.step('squiggle under the misspelt key in etcd.conf.yml', async () => {
      await openFile(page, 'etcd.conf.yml');
      await page.waitForFunction(
        () =>
          [...document.querySelectorAll('.editor-instance .monaco-editor .view-line')].some((l) =>
            l.innerText.includes('hearbeat-interval'),
          ),
        null,
        { timeout: 30_000 },
      );
      await waitForSquigglesOnLine(page, 'hearbeat-interval', 'some', 60_000);
      timings.gotoToSquigglesMs = Date.now() - goto;
      await steps.shot('01-squiggles-etcd-conf.png');
      return { squiggles: await page.locator(SQUIGGLES).count() };
    });

    await steps.step('Problems panel lists findings with rule codes', async () => {
      await openFile(page, 'kubeadm-config.yaml');
      await page.waitForSelector(SQUIGGLES, { timeout: 60_000 });
      await page.keyboard.press('Control+Shift+M');
      await page.waitForSelector('.markers-panel', { state: 'visible', timeout: 20_000 });
      await page.waitForFunction(
        () => {
          const rows = [...document.querySelectorAll('.markers-panel .monaco-list-row')].map((r) => r.innerText);
          return (
            rows.some((r) => r.includes('unknown-config-key')) && rows.some((r) => r.includes('even-member-count'))
          );
        },
        null,
        { timeout: 30_000 },
      );
      const rows = await problemRows(page);
      await steps.shot('02-problems-panel.png');
      if (!rows.some((r) => /etcd-capacity/.test(r)))
        throw new Error(`no row names the source etcd-capacity: ${JSON.stringify(rows)}`);
      return { rows: rows.filter((r) => /\([a-z0-9-]+\)/.test(r)).slice(0, 12) };
    });

    await steps.step('quick fix from the light bulb (Ctrl+.) renames hearbeat-interval', async () => {
      await openFile(page, 'etcd.conf.yml');
      const line = page.locator(`${EDITOR} .view-line`, { hasText: 'hearbeat-interval' }).first();
      const box = await line.boundingBox();
      if (!box) throw new Error('the hearbeat-interval line is not rendered');
      await page.mouse.click(box.x + 30, box.y + box.height / 2);
      // VS Code 1.100 shows the light bulb in the gutter (glyph margin) when the line's text starts at column 1.
      const bulb = page
        .locator(`${EDITOR} .lightBulbWidget:visible, ${EDITOR} [class*="gutter-lightbulb"]:visible`)
        .first();
      await bulb.waitFor({ state: 'visible', timeout: 20_000 });
      const bulbBox = await bulb.boundingBox();
      if (!bulbBox || bulbBox.y + bulbBox.height < box.y || bulbBox.y > box.y + box.height) {
        throw new Error(`the light bulb is not on the hearbeat-interval line: ${JSON.stringify({ bulbBox, box })}`);
      }
      await page.keyboard.press('Control+.');
      const fix = page.locator('.action-widget .monaco-list-row', { hasText: 'heartbeat-interval' }).first();
      await fix.waitFor({ state: 'visible', timeout: 20_000 });
      // The preferred fix is pre-selected; Enter applies it, as from the keyboard.
      await page
        .locator('.action-widget .monaco-list-row.focused', { hasText: 'heartbeat-interval' })
        .waitFor({ timeout: 10_000 });
      await steps.shot('03-quick-fix-menu.png');
      const title = text(await fix.innerText()).trim();
      await page.keyboard.press('Enter');
      await page.waitForFunction(
        () => {
          const lines = [...document.querySelectorAll('.editor-instance .monaco-editor .view-line')].map((l) =>
            l.innerText.replace(/\u00a0/g, ' '),
          );
          return lines.includes('heartbeat-interval: 200') && !lines.some((l) => l.includes('hearbeat-interval'));
        },
        null,
        { timeout: 20_000 },
      );
      // The finding goes away with the typo: no squiggle on the fixed line.
      await waitForSquigglesOnLine(page, 'heartbeat-interval: 200', 'none', 30_000);
      await page.waitForSelector('.tabs-container .tab.active.dirty', { timeout: 10_000 });
      // ... and from the Problems panel (it refreshes on its own throttle).
      await page.waitForFunction(
        () =>
          ![...document.querySelectorAll('.markers-panel .monaco-list-row')].some((r) =>
            r.innerText.includes('unknown-config-key'),
          ),
        null,
        { timeout: 30_000 },
      );
      await steps.shot('04-after-quick-fix.png');
      return { action: title };
    });

    // Hover, inlay hints and code lenses: every provider is required (test/e2e/driver/features.js fails the run
    // without one).
    const TOPOLOGY = 'stretched-two-dc.etcd-topology.yaml';
    if (present.includes('hover')) {
      await steps.step('hover shows a write-latency estimate', async () => {
        await closePanel(page);
        await openFile(page, TOPOLOGY);
        // On the topology's name: the headline estimate (server/src/protocol/hover.ts); then a member, a link.
        const found = await hoverUntil(
          page,
          [
            ['name: stretched-two-dc', 'stretched-two-dc'],
            ['name: etcd-a', 'etcd-a'],
            ['rttMs: 150', '150'],
          ],
          LATENCY,
        );
        await steps.shot('05-hover.png');
        return found;
      });
    }
    if (present.includes('inlayHints')) {
      await steps.step('inlay hints render in the editor', async () => {
        await openFile(page, TOPOLOGY);
        await page.mouse.move(5, 5); // away from the text, so no hover covers the lines
        const source = fs
          .readFileSync(path.join(instance.ws, 'stretched-two-dc', 'stretched-two-dc.etcd-topology.yaml'), 'utf8')
          .split('\n');
        const handle = await page.waitForFunction(
          (src) => {
            const rendered = [...document.querySelectorAll('.editor-instance .monaco-editor .view-line')].map((l) =>
              l.innerText.replace(/\u00a0/g, ' '),
            );
            const extra = rendered.filter((l) => l.trim() && !src.includes(l) && !src.includes(l.replace(/\s+$/, '')));
            return extra.length ? extra : null;
          },
          source,
          { timeout: 30_000 },
        );
        const lines = await handle.jsonValue();
        if (!lines.some((l) => DURATION.test(l) || /quorum \d+ of \d+/.test(l)))
          throw new Error(`inlay hints without an estimate: ${JSON.stringify(lines)}`);
        await steps.shot('06-inlay-hints.png');
        return { lines: lines.slice(0, 5) };
      });
    }
    if (present.includes('codeLens')) {
      await steps.step('code lenses render above lines', async () => {
        await openFile(page, TOPOLOGY);
        const lens = page.locator(`${EDITOR} .codelens-decoration`).filter({ hasText: LATENCY });
        await lens.first().waitFor({ state: 'visible', timeout: 30_000 });
        await steps.shot('07-code-lens.png');
        return { titles: (await lens.allInnerTexts()).slice(0, 5) };
      });
    }

    const reportDir = path.join(workDir, 'report-oracle');
    let before;
    await steps.step(
      '"etcd: Show Capacity Report" opens a webview with a curve per scenario and the failure matrix',
      async () => {
        fs.mkdirSync(reportDir, { recursive: true });
        const file = path.join(instance.ws, 'stretched-two-dc', TOPOLOGY);
        const expected = expectedReport(file, reportDir);
        // stretched-two-dc: 3 leaders x 2 client sites; 3 members + 2 sites + 1 pair of sites lost.
        if (expected.curves !== 6 || expected.failureRows.length !== 6)
          throw new Error(`the example changed: ${JSON.stringify(expected)}`);
        await closePanel(page);
        await openFile(page, TOPOLOGY);
        await page.keyboard.press('Control+Shift+P');
        await page.waitForSelector('.quick-input-widget input', { state: 'visible', timeout: 20_000 });
        await page.keyboard.type('etcd: Show Capacity Report');
        await page
          .locator('.quick-input-widget .monaco-list-row.focused', { hasText: 'etcd: Show Capacity Report' })
          .waitFor({ timeout: 20_000 });
        await page.keyboard.press('Enter');
        await page
          .locator('.tabs-container .tab', { hasText: `Capacity report: ${TOPOLOGY}` })
          .first()
          .waitFor({ timeout: 30_000 });
        const { shown } = await waitForReport(page, expected, 60_000);
        await steps.shot('08-capacity-report.png');
        before = shown;
        return shown;
      },
    );

    await steps.step(
      'typing a fourth member into the topology updates the report (8 curves, 7 failure rows)',
      async () => {
        if (!before) throw new Error('the report did not open (previous step)');
        const file = path.join(instance.ws, 'stretched-two-dc', TOPOLOGY);
        const source = fs.readFileSync(file, 'utf8');
        const lines = source.split('\n');
        const at = lines.indexOf('  clients:');
        if (at < 0) throw new Error(`no "  clients:" line in ${TOPOLOGY}`);
        const member = '    - { name: etcd-d, site: yellow, storage: { type: ssd, fsyncMs: 5, fsyncJitterMs: 1 } }';
        const edited = path.join(reportDir, TOPOLOGY);
        fs.writeFileSync(edited, [...lines.slice(0, at), member, ...lines.slice(at)].join('\n'));
        const expected = expectedReport(edited, reportDir);
        if (expected.curves !== 8 || expected.failureRows.length !== 7)
          throw new Error(`unexpected oracle for the edit: ${JSON.stringify(expected)}`);

        // In the editor (column one; the report opened beside it without taking focus), as a person types it:
        // a new line after etcd-c's last line, its auto-indent replaced by the member, typed key by key (the
        // braces the editor closes itself are typed over).
        const goToLine = async (where) => {
          await page.keyboard.press('Control+G');
          await page.waitForSelector('.quick-input-widget input', { state: 'visible', timeout: 20_000 });
          await page.keyboard.type(where);
          await page.keyboard.press('Enter');
          await page.waitForSelector('.quick-input-widget', { state: 'hidden', timeout: 10_000 });
        };
        await page.locator(`${EDITOR} .view-line`, { hasText: 'etcd-a' }).first().click();
        await goToLine(String(at)); // 1-based: the line before "  clients:"
        await page.keyboard.press('End');
        await page.keyboard.press('Enter');
        await goToLine(`${at + 1}:1`);
        await page.keyboard.press('Shift+End');
        await page.keyboard.type(member);
        await page.keyboard.press('Escape'); // any suggestion widget
        // View lines are positioned absolutely and reused, so their document order is not the text's: sort by top.
        await page
          .waitForFunction(
            (want) =>
              [...document.querySelectorAll('.editor-instance .monaco-editor .view-line')]
                .sort((a, b) => a.getBoundingClientRect().top - b.getBoundingClientRect().top)
                .some(
                  (l, i, all) =>
                    l.innerText.replace(/\u00a0/g, ' ').startsWith(want) &&
                    all[i + 1] &&
                    all[i + 1].innerText.replace(/\u00a0/g, ' ').startsWith('  clients:'),
                ),
            member,
            { timeout: 20_000 },
          )
          .catch(async () => {
            const shown = await page.$$eval(`${EDITOR} .view-line`, (ls) =>
              ls
                .map((l) => l.innerText.replace(/\u00a0/g, ' '))
                .filter((t) => t.includes('etcd-d') || t.includes('clients:')),
            );
            throw new Error(`the typed member and the clients line read ${JSON.stringify(shown)}`);
          });
        // The report follows the unsaved buffer, not the file on disk.
        await page.waitForSelector('.tabs-container .tab.active.dirty', { timeout: 10_000 });
        await page.keyboard.press('Home'); // scrolls the narrow editor back to the start of the lines for the screenshot
        const { frame, shown } = await waitForReport(page, expected, 60_000);
        // The screenshot shows the failure matrix with the new member's row.
        await frame.evaluate(() =>
          document.querySelector('section.cluster[data-cluster="0"] table.failure-matrix').scrollIntoView(),
        );
        await steps.shot('09-capacity-report-after-edit.png');
        return {
          before: { curves: before.curves, failureRows: before.failureRows.length, summary: before.summary },
          after: { curves: shown.curves, failureRows: shown.failureRows.length, summary: shown.summary },
        };
      },
    );

    await steps.step('a crashed language server is restarted and the user is told', async () => {
      const before = serverPids(instance.extensions);
      if (before.length === 0) throw new Error('no etcd-capacity language server process found');
      for (const pid of before) process.kill(pid, 'SIGKILL');
      const toast = page.locator('.notifications-toasts').filter({ hasText: 'stopped unexpectedly and was restarted' });
      await toast.first().waitFor({ state: 'visible', timeout: 30_000 });
      await steps.shot('10-server-restarted.png');
      // A new server process, not the killed one, serves the editor now.
      const deadline = Date.now() + 30_000;
      let after = [];
      while (Date.now() < deadline) {
        after = serverPids(instance.extensions).filter((pid) => !before.includes(pid));
        if (after.length > 0) break;
        await page.waitForTimeout(200); // polling a process table, not waiting for the UI
      }
      if (after.length === 0) throw new Error('the language server was not restarted');
      return { killed: before, restarted: after };
    });

    timings.memoryMiB = { codeServer: server.memoryMiB() };
    return {
      name,
      ran: true,
      ms: Date.now() - t0,
      timings,
      notBuilt,
      pageErrors: pageErrors.slice(0, 10),
      tests: steps.tests,
    };
  } catch (error) {
    const tests = steps ? steps.tests : [];
    tests.push({ name: 'editor UI: set-up', ok: false, error: String((error && error.stack) || error) });
    return { name, ran: false, ms: Date.now() - t0, timings, notBuilt, tests };
  } finally {
    if (browserHandle) await browserHandle.close();
    if (server) await server.stop();
  }
}

module.exports = { runUi, FEATURES };
