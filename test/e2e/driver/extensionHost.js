// The extension-host suite (test/e2e/extension-host/): bundled with esbuild, then run inside
//  (a) code-server's real extension host, through the workbench's extensionTestsPath ("tests mode"), and
//  (b) a local VS Code through @vscode/test-electron's runTests, when VSCODE_EXECUTABLE names one.
// A run counts only when the suite's own results file says which tests ran: an exit code alone never passes.
'use strict';
const fs = require('fs');
const path = require('path');
const { ROOT, prepareInstance } = require('./workspace');
const { detectFeatures } = require('./features');
const { unpackVsix } = require('./vsix');
const { startCodeServer } = require('./codeServer');
const { launchBrowser } = require('./browser');
const { log } = require('./procs');

const ENTRY = path.join(__dirname, '..', 'extension-host', 'index.ts');

async function buildSuite(outDir) {
  const esbuild = require(require.resolve('esbuild', { paths: [ROOT] }));
  const { present, notBuilt } = detectFeatures(ROOT);
  const outfile = path.join(outDir, 'suite.js');
  await esbuild.build({
    entryPoints: [ENTRY],
    outfile,
    bundle: true,
    platform: 'node',
    format: 'cjs',
    target: 'node20',
    external: ['vscode'],
    sourcemap: 'inline',
    logLevel: 'warning',
    define: { __E2E_FEATURES__: JSON.stringify(present), __E2E_NOT_BUILT__: JSON.stringify(notBuilt) },
  });
  return { suite: outfile, present, notBuilt };
}

/** Reads the suite's results file; a missing or empty one is a failure whatever the exit code said. */
function readResults(file, exitCode, name) {
  if (!fs.existsSync(file)) {
    return {
      name,
      ran: false,
      tests: [
        {
          name: `${name}: suite reported results`,
          ok: false,
          error: `no results file (exit code ${exitCode}): the suite did not run`,
        },
      ],
    };
  }
  const report = JSON.parse(fs.readFileSync(file, 'utf8'));
  const tests = report.results.map((r) => ({ ...r, name: `${name}: ${r.name}` }));
  if (tests.length === 0) tests.push({ name: `${name}: at least one test`, ok: false, error: 'zero tests ran' });
  const allOk = tests.every((t) => t.ok);
  if (allOk !== (exitCode === 0)) {
    tests.push({
      name: `${name}: exit code agrees with results`,
      ok: false,
      error: `exit code ${exitCode} but results say ${allOk ? 'pass' : 'fail'}`,
    });
  }
  return { name, ran: true, ms: report.ms, notBuilt: report.notBuilt, tests };
}

async function prepare(workDir, vsix) {
  const instance = prepareInstance(workDir);
  const extensionPath = await unpackVsix(vsix, path.join(workDir, 'extension-under-test'));
  const built = await buildSuite(path.join(workDir, 'suite'));
  return { instance, extensionPath, ...built, results: path.join(workDir, 'results.json') };
}

/** (a) inside code-server: the workbench loads the unpacked VSIX as the extension under development. */
async function runInCodeServer(workDir, vsix, { timeoutMs = 180_000 } = {}) {
  const name = 'extension host (code-server)';
  const t0 = Date.now();
  const p = await prepare(workDir, vsix);
  let server;
  let browserHandle;
  const consoleLines = [];
  try {
    server = await startCodeServer(p.instance, { ETCD_E2E_RESULTS: p.results });
    browserHandle = await launchBrowser();
    const page = await browserHandle.browser.newPage();
    let exited;
    const exitCode = new Promise((resolve) => {
      exited = resolve;
    });
    // Must be in place before goto: the workbench calls window.codeAutomationExit(code) when run() settles.
    await page.exposeFunction('codeAutomationExit', (code) => exited(code));
    page.on('console', (m) => {
      if (/E2E-TEST|Error/.test(m.text())) consoleLines.push(m.text().slice(0, 2000));
    });
    const remote = (file) => `vscode-remote://127.0.0.1:${server.port}${file}`;
    const payload = [
      ['extensionDevelopmentPath', remote(p.extensionPath)],
      ['extensionTestsPath', remote(p.suite)],
    ];
    await page.goto(
      `${server.base}/?folder=${encodeURIComponent(p.instance.ws)}&payload=${encodeURIComponent(JSON.stringify(payload))}`,
    );
    let timer;
    const code = await Promise.race([
      exitCode,
      new Promise((r) => {
        timer = setTimeout(() => r('timeout'), timeoutMs);
      }),
    ]);
    clearTimeout(timer);
    const result = readResults(p.results, code, name);
    if (code === 'timeout')
      result.tests.push({ name: `${name}: finished in time`, ok: false, error: `no exit after ${timeoutMs} ms` });
    return { ...result, ms: Date.now() - t0, notBuilt: p.notBuilt, console: consoleLines, codeServerLog: server.log };
  } catch (error) {
    return {
      name,
      ran: false,
      ms: Date.now() - t0,
      notBuilt: p.notBuilt,
      console: consoleLines,
      tests: [{ name: `${name}: suite ran`, ok: false, error: String((error && error.stack) || error) }],
    };
  } finally {
    if (browserHandle) await browserHandle.close();
    if (server) await server.stop();
  }
}

/** (b) in a local VS Code (Electron) through @vscode/test-electron; downloads are unreachable here. */
async function runInElectron(workDir, vsix, executable) {
  const name = 'extension host (VS Code via @vscode/test-electron)';
  const t0 = Date.now();
  const p = await prepare(workDir, vsix);
  const { runTests } = require(require.resolve('@vscode/test-electron', { paths: [ROOT] }));
  let code;
  try {
    code = await runTests({
      vscodeExecutablePath: executable,
      extensionDevelopmentPath: p.extensionPath,
      extensionTestsPath: p.suite,
      extensionTestsEnv: { ETCD_E2E_RESULTS: p.results },
      launchArgs: [
        p.instance.ws,
        '--disable-extensions',
        '--disable-workspace-trust',
        '--skip-welcome',
        '--skip-release-notes',
        '--disable-gpu',
        '--no-sandbox',
        `--user-data-dir=${p.instance.userData}`,
        `--extensions-dir=${p.instance.extensions}`,
      ],
    });
  } catch (error) {
    code = error && typeof error.code === 'number' ? error.code : String(error);
    log(`${name}: ${error}`);
  }
  return { ...readResults(p.results, code, name), ms: Date.now() - t0, notBuilt: p.notBuilt };
}

module.exports = { buildSuite, runInCodeServer, runInElectron };
