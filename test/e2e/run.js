#!/usr/bin/env node
// End-to-end tests in a real editor: `npm run test:e2e` (see test/e2e/README.md).
//   1. scripts/e2e/install.sh: Chromium, code-server 4.100.3 and playwright-core into .e2e/modules (fast when present)
//   2. the VSIX: `npm run package` (skipped with --no-package, which then requires etcd-capacity.vsix)
//   3. suites, each in fresh folders on a free 127.0.0.1 port:
//      ext-host  the extension-host suite inside code-server's extension host (extensionTestsPath)
//      ui        the VSIX installed with `code-server --install-extension`, driven through Chromium like a person
//      electron  the extension-host suite in a local VS Code via @vscode/test-electron; runs when VSCODE_EXECUTABLE
//                names a VS Code executable (downloads are unreachable here), and fails if asked for without one
// Prints one line per test and "N passed, N failed"; exits 1 on any failure or when nothing ran.
// Options: --suites ext-host,ui[,electron]  --runs N  --no-install  --no-package  --vsix FILE (implies --no-package)
//          --out DIR  --json FILE      Environment: VSCODE_EXECUTABLE, E2E_MODULES, CHROMIUM, E2E_KEEP=1 (keep scratch
// folders)
'use strict';
const fs = require('fs');
const os = require('os');
const path = require('path');
const { spawnSync } = require('child_process');

const ROOT = path.join(__dirname, '..', '..');
const args = process.argv.slice(2);
const flag = (name) => args.includes(name);
const option = (name, fallback) => {
  const i = args.indexOf(name);
  return i >= 0 && args[i + 1] ? args[i + 1] : fallback;
};

const RUNS = Number(option('--runs', '1'));
const OUT = path.resolve(ROOT, option('--out', 'test-output/e2e'));
const JSON_OUT = option('--json', null);
const ELECTRON = process.env.VSCODE_EXECUTABLE;
const requested = option('--suites', null);
const SUITES = requested ? requested.split(',') : ['ext-host', 'ui', ...(ELECTRON ? ['electron'] : [])];
const VSIX = path.resolve(option('--vsix', path.join(ROOT, 'etcd-capacity.vsix')));

const report = { startedAt: new Date().toISOString(), suites: [], setup: [], timings: {}, notRun: [], notBuilt: [] };
const print = (line) => console.log(line);

function timed(name, fn) {
  const t0 = Date.now();
  const result = fn();
  report.timings[name] = Date.now() - t0;
  return result;
}

function setupStep(name, command, commandArgs) {
  const r = timed(name, () =>
    spawnSync(command, commandArgs, { cwd: ROOT, stdio: ['ignore', 'inherit', 'inherit'], timeout: 20 * 60_000 }),
  );
  const ok = r.status === 0;
  report.setup.push({
    name,
    ok,
    ms: report.timings[name],
    error: ok ? undefined : `exit ${r.status}${r.error ? `: ${r.error}` : ''}`,
  });
  return ok;
}

function finish() {
  const tests = [...report.setup.filter((s) => !s.ok), ...report.suites.flatMap((s) => s.tests)];
  const passed = tests.filter((t) => t.ok).length;
  const failed = tests.length - passed;
  report.passed = passed;
  report.failed = failed;
  fs.mkdirSync(OUT, { recursive: true });
  const text = JSON.stringify(report, null, 2).split(os.tmpdir()).join('<tmp>');
  fs.writeFileSync(path.join(OUT, 'results.json'), text);
  if (JSON_OUT) fs.writeFileSync(path.resolve(JSON_OUT), text);
  print('');
  for (const t of tests)
    print(
      `${t.ok ? 'ok  ' : 'FAIL'} ${t.name}${t.ms !== undefined ? ` (${t.ms} ms)` : ''}${t.ok ? '' : `\n     ${String(t.error).split('\n').slice(0, 6).join('\n     ')}`}`,
    );
  for (const s of report.notBuilt) print(`not built (provider missing): ${s}`);
  for (const s of report.notRun) print(`not run: ${s}`);
  print(`timings (ms): ${JSON.stringify(report.timings)}`);
  print(`screenshots and results: ${path.relative(ROOT, OUT)}/`);
  print(`${passed} passed, ${failed} failed`);
  process.exit(failed === 0 && passed > 0 ? 0 : 1);
}

async function main() {
  fs.mkdirSync(OUT, { recursive: true });
  // Old screenshots and logs would be mistaken for this run's.
  for (const f of fs.readdirSync(OUT))
    if (/\.(png|log|json)$|^run-\d+$/.test(f)) fs.rmSync(path.join(OUT, f), { recursive: true, force: true });
  const unknown = SUITES.filter((s) => !['ext-host', 'ui', 'electron'].includes(s));
  if (unknown.length) throw new Error(`unknown suite(s): ${unknown}`);
  if (!flag('--no-install') && !setupStep('install', 'bash', [path.join(ROOT, 'scripts', 'e2e', 'install.sh')]))
    return finish();
  if (!flag('--no-package') && !flag('--vsix') && !setupStep('package', 'npm', ['run', 'package', '--silent']))
    return finish();
  if (!fs.existsSync(VSIX)) {
    report.setup.push({
      name: 'etcd-capacity.vsix exists',
      ok: false,
      error: `${VSIX} is missing: run npm run package`,
    });
    return finish();
  }
  // Required only now: the driver's modules need the e2e modules folder installed above.
  const { log } = require('./driver/procs');
  const { runInCodeServer, runInElectron } = require('./driver/extensionHost');
  const { runUi } = require('./driver/ui');
  const { detectFeatures } = require('./driver/features');
  report.notBuilt = detectFeatures(ROOT).notBuilt;
  if (!SUITES.includes('electron'))
    report.notRun.push(
      'extension host under VS Code (@vscode/test-electron): set VSCODE_EXECUTABLE to a VS Code executable',
    );

  for (let run = 1; run <= RUNS; run++) {
    const work = fs.mkdtempSync(path.join(os.tmpdir(), 'etcd-capacity-e2e-'));
    const shots = RUNS > 1 && run > 1 ? path.join(OUT, `run-${run}`) : OUT;
    const tag = RUNS > 1 ? ` [run ${run}/${RUNS}]` : '';
    let runOk = true;
    for (const suite of SUITES) {
      log(`suite ${suite}${tag}`);
      let result;
      if (suite === 'ext-host') result = await runInCodeServer(path.join(work, 'ext-host'), VSIX);
      else if (suite === 'ui') result = await runUi(path.join(work, 'ui'), VSIX, shots);
      else if (!ELECTRON)
        result = {
          name: 'extension host (VS Code)',
          ran: false,
          tests: [
            {
              name: 'extension host (VS Code): VSCODE_EXECUTABLE set',
              ok: false,
              error: 'asked for --suites electron, but VSCODE_EXECUTABLE is not set',
            },
          ],
        };
      else result = await runInElectron(path.join(work, 'electron'), VSIX, ELECTRON);
      if (RUNS > 1)
        result.tests.forEach((t) => {
          t.name += tag;
        });
      report.suites.push({ ...result, run });
      report.timings[`${suite}${RUNS > 1 ? `#${run}` : ''}`] = result.ms;
      const failed = result.tests.filter((t) => !t.ok);
      log(
        `suite ${suite}${tag}: ${result.tests.length - failed.length} passed, ${failed.length} failed in ${result.ms} ms`,
      );
      if (failed.length) {
        runOk = false;
        for (const line of result.console || []) log(`  console: ${line.split('\n')[0]}`);
        if (result.codeServerLog)
          fs.copyFileSync(result.codeServerLog, path.join(OUT, `code-server-${suite}-run${run}.log`));
      }
    }
    if (runOk && !process.env.E2E_KEEP) fs.rmSync(work, { recursive: true, force: true });
    else log(`kept ${work} for inspection`);
  }
  finish();
}

main().catch((error) => {
  report.setup.push({ name: 'driver', ok: false, error: String((error && error.stack) || error) });
  finish();
});
