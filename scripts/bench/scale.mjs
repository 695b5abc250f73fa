#!/usr/bin/env node
// npm run bench:scale (and the end of npm run bench): the work around an edit, each figure next to a
// plain `yaml` parse measured in the same run.
//   1. a workspace of 20,000 YAML files (gen-tree.mjs): hovers sent one after another while the scan runs
//      (latency median/p99/max, how many were answered during it), the scan's time, VmRSS after it;
//   2. `etcd-capacity check` on 4,000 manifests: --jobs 1 and the default (one worker per core) against a
//      process that reads the same files and parses each with `yaml` once, single-threaded; files/s;
//   3. didOpen → first diagnostics at 5,000 and 50,000 lines (gen-yaml.js --seed 1) against one
//      `parseAllDocuments` of the file in a fresh process (cold, as the server's first parse is; warm too),
//      edit → diagnostics p50/p99 at 5,000 lines, VmRSS after the 50,000-line run.
// Fresh processes throughout; every figure is the median of --runs runs (A,B alternating).
//   node scripts/bench/scale.mjs [--runs 3] [--files 20000] [--check-files 4000] [--skip-build]
import { execFileSync, spawn, spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import { createRequire } from 'node:module';
import * as os from 'node:os';
import * as path from 'node:path';
import { performance } from 'node:perf_hooks';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { writeTree } from './gen-tree.mjs';

const HERE = path.dirname(fileURLToPath(import.meta.url));
const ROOT = path.resolve(HERE, '..', '..');
const require = createRequire(import.meta.url);
const rpc = require('vscode-jsonrpc/node');

const args = process.argv.slice(2);
const opt = (name, fallback) => {
  const i = args.indexOf(`--${name}`);
  return i >= 0 ? args[i + 1] : fallback;
};
const RUNS = Number(opt('runs', '3'));
const WORKSPACE_FILES = Number(opt('files', '20000'));
const CHECK_FILES = Number(opt('check-files', '4000'));
const EDITS = Number(opt('edits', '40'));
const SERVER = path.join(ROOT, 'server', 'out', 'server.js');
const CLI = path.join(ROOT, 'server', 'out', 'cli.js');

if (!args.includes('--skip-build'))
  execFileSync('npm', ['run', 'build', '--silent', '--', '--production'], { cwd: ROOT, stdio: 'inherit' });
const work = fs.mkdtempSync(path.join(os.tmpdir(), 'etcd-capacity-scale-'));

const median = (xs) => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length === 0 ? NaN : s.length % 2 ? s[(s.length - 1) / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
};
const quantile = (xs, q) => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length === 0 ? NaN : s[Math.min(s.length - 1, Math.ceil(q * s.length) - 1)];
};
const rssMiB = (pid) => {
  const status = fs.readFileSync(`/proc/${pid}/status`, 'utf8');
  const kb = (key) => Number(new RegExp(`${key}:\\s+(\\d+)`).exec(status)?.[1] ?? NaN);
  return { rss: kb('VmRSS') / 1024, hwm: kb('VmHWM') / 1024 };
};
const loadAverage = () =>
  os
    .loadavg()
    .map((x) => x.toFixed(1))
    .join(' / ');
/** Other processes on the machine using CPU right now (more than 10 % each). */
const otherJobs = () => {
  const r = spawnSync('ps', ['-eo', 'pid=,pcpu='], { encoding: 'utf8' });
  return r.stdout.split('\n').filter((l) => {
    const [pid, cpu] = l.trim().split(/\s+/).map(Number);
    return pid !== process.pid && cpu > 10;
  }).length;
};

/** Our server over stdio, with the requests a client must answer. */
function startServer(rootUri) {
  const child = spawn(process.execPath, [SERVER, '--stdio'], { stdio: ['pipe', 'pipe', 'inherit'] });
  const connection = rpc.createMessageConnection(
    new rpc.StreamMessageReader(child.stdout),
    new rpc.StreamMessageWriter(child.stdin),
  );
  const diagnostics = [];
  const logs = [];
  const scans = [];
  const onDiagnostics = new Set();
  const onScan = new Set();
  const onLog = new Set();
  connection.onNotification('textDocument/publishDiagnostics', (p) => {
    diagnostics.push(p);
    for (const f of onDiagnostics) f(p);
  });
  connection.onNotification('window/logMessage', (p) => {
    logs.push(p.message);
    for (const f of onLog) f(p.message);
  });
  connection.onNotification('etcdCapacity/workspaceScan', (p) => {
    scans.push(p);
    for (const f of onScan) f(p);
  });
  connection.onNotification('etcdCapacity/documentStatus', () => undefined);
  connection.onRequest('workspace/configuration', (p) => p.items.map(() => ({})));
  connection.onRequest('client/registerCapability', () => null);
  connection.onRequest('workspace/inlayHint/refresh', () => null);
  connection.onRequest('workspace/codeLens/refresh', () => null);
  connection.listen();
  const when = (set, predicate) =>
    new Promise((resolve) => {
      const f = (x) => {
        if (!predicate(x)) return;
        set.delete(f);
        resolve(x);
      };
      set.add(f);
    });
  return {
    pid: child.pid,
    connection,
    logs,
    scans,
    nextDiagnostics: (uri, version) => when(onDiagnostics, (p) => p.uri === uri && p.version === version),
    scanDone: () => when(onScan, (s) => s.state !== 'scanning'),
    logged: (prefix) => when(onLog, (m) => m.startsWith(prefix)),
    async initialize() {
      await connection.sendRequest('initialize', {
        processId: process.pid,
        rootUri,
        workspaceFolders: rootUri ? [{ uri: rootUri, name: 'bench' }] : null,
        capabilities: {
          workspace: {
            configuration: true,
            didChangeConfiguration: { dynamicRegistration: true },
            didChangeWatchedFiles: { dynamicRegistration: true },
          },
          textDocument: { publishDiagnostics: { versionSupport: true } },
        },
      });
      await connection.sendNotification('initialized', {});
    },
    async stop() {
      try {
        await connection.sendRequest('shutdown');
        await connection.sendNotification('exit');
      } catch {
        // gone already
      }
      connection.dispose();
      child.kill();
    },
  };
}

// ---------- 1. the 20,000-file workspace ----------
async function workspaceRun(folder) {
  const server = startServer(pathToFileURL(folder).toString());
  const started = server.logged('workspace scan: started');
  const done = server.scanDone();
  await server.initialize();
  await started;
  const t0 = performance.now();
  const uri = pathToFileURL(path.join(folder, 'clusters', 'config', 'c0-m1.etcd.conf.yml')).toString();
  const text = fs.readFileSync(fileURLToPath(uri), 'utf8');
  await server.connection.sendNotification('textDocument/didOpen', {
    textDocument: { uri, languageId: 'yaml', version: 1, text },
  });
  let finished = false;
  let scanMs = NaN;
  void done.then(() => {
    finished = true;
    scanMs = performance.now() - t0;
  });
  const hovers = [];
  while (!finished) {
    const h0 = performance.now();
    await server.connection.sendRequest('textDocument/hover', {
      textDocument: { uri },
      position: { line: 2, character: 3 },
    });
    if (!finished) hovers.push(performance.now() - h0);
  }
  const report = await done;
  const memory = rssMiB(server.pid);
  await server.stop();
  return { scanMs, hovers, files: report.files, shared: report.shared, limits: report.limits, ...memory };
}

// ---------- 2. check on 4,000 manifests ----------
const YAML_PARSE_SCRIPT = `
const fs = require('node:fs'), path = require('node:path');
const YAML = require(${JSON.stringify(require.resolve('yaml'))});
const files = [];
const walk = (d) => { for (const e of fs.readdirSync(d, { withFileTypes: true }).sort((a, b) => (a.name < b.name ? -1 : 1))) {
  const p = path.join(d, e.name); if (e.isDirectory()) walk(p); else if (/\\.ya?ml$/i.test(e.name)) files.push(p); } };
walk(process.argv[2]);
let documents = 0;
for (const f of files) documents += YAML.parseAllDocuments(fs.readFileSync(f, 'utf8')).length;
console.log(files.length, documents);
`;
function timeProcess(argv, okStatus = [0]) {
  const t0 = performance.now();
  const r = spawnSync(process.execPath, argv, { encoding: 'utf8', maxBuffer: 1 << 28 });
  const ms = performance.now() - t0;
  if (!okStatus.includes(r.status)) throw new Error(`${argv.join(' ')} exited ${r.status}: ${r.stderr}`);
  return { ms, stdout: r.stdout };
}

// ---------- 3. one large file ----------
const PARSE_ONCE_SCRIPT = `
const { performance } = require('node:perf_hooks');
const YAML = require(${JSON.stringify(require.resolve('yaml'))});
const text = require('node:fs').readFileSync(process.argv[2], "utf8");
let t = performance.now(); YAML.parseAllDocuments(text); const cold = performance.now() - t;
t = performance.now(); YAML.parseAllDocuments(text); YAML.parseAllDocuments(text); const warm = (performance.now() - t) / 2;
console.log(JSON.stringify({ cold, warm }));
`;
async function fileRun(file, edits) {
  const server = startServer(null);
  await server.initialize();
  const uri = pathToFileURL(file).toString();
  let text = fs.readFileSync(file, 'utf8');
  const first = server.nextDiagnostics(uri, 1);
  const t0 = performance.now();
  await server.connection.sendNotification('textDocument/didOpen', {
    textDocument: { uri, languageId: 'yaml', version: 1, text },
  });
  await first;
  const openMs = performance.now() - t0;
  const lines = text.split('\n');
  const editMs = [];
  for (let k = 0; k < edits; k++) {
    // A character appended to a line spread through the file (as lspbench does), a new version each time.
    const line = Math.floor(((k + 0.5) / edits) * (lines.length - 1));
    const character = lines[line].length;
    const version = k + 2;
    const next = server.nextDiagnostics(uri, version);
    const e0 = performance.now();
    await server.connection.sendNotification('textDocument/didChange', {
      textDocument: { uri, version },
      contentChanges: [{ range: { start: { line, character }, end: { line, character } }, text: ' ' }],
    });
    await next;
    editMs.push(performance.now() - e0);
    lines[line] += ' ';
  }
  const memory = rssMiB(server.pid);
  await server.stop();
  return { openMs, editMs, ...memory };
}

const out = [];
const say = (line) => {
  out.push(line);
  console.log(line);
};
say(
  `Machine: ${os.cpus().length} × ${os.cpus()[0]?.model ?? 'cpu'} (availableParallelism ${os.availableParallelism()}), ${(os.totalmem() / 2 ** 30).toFixed(1)} GiB, Node ${process.version}`,
);
say(
  `At start: load average ${loadAverage()}, ${otherJobs()} other process(es) using > 10 % CPU. Median of ${RUNS} run(s).`,
);
say('');

// 1
const workspace = path.join(work, 'workspace');
writeTree(workspace, WORKSPACE_FILES);
const ws = [];
for (let r = 0; r < RUNS; r++) ws.push(await workspaceRun(workspace));
// The first hover on an etcd setting computes the file's write-latency estimates (a seeded Monte Carlo run):
// reported alone, the others are the ones that could wait behind the scan.
const firstHovers = ws.map((w) => w.hovers[0]);
const allHovers = ws.flatMap((w) => w.hovers.slice(1));
say(`| workspace of ${WORKSPACE_FILES} files | |`);
say('|---|---:|');
say(
  `| files read / with shared documents | ${ws[0].files} / ${ws[0].shared}${ws[0].limits.length ? ` (limited: ${ws[0].limits.join('; ')})` : ''} |`,
);
say(`| scan time, median (ms) | ${median(ws.map((w) => w.scanMs)).toFixed(0)} |`);
say(`| hovers answered during the scan, per run | ${ws.map((w) => w.hovers.length).join(', ')} |`);
say(`| first hover (computes the estimates), per run (ms) | ${firstHovers.map((h) => h.toFixed(1)).join(', ')} |`);
say(
  `| later hovers during the scan median / p99 / max (ms) | ${median(allHovers).toFixed(1)} / ${quantile(allHovers, 0.99).toFixed(1)} / ${Math.max(...allHovers).toFixed(1)} |`,
);
say(
  `| VmRSS / VmHWM after the scan (MiB) | ${median(ws.map((w) => w.rss)).toFixed(1)} / ${median(ws.map((w) => w.hwm)).toFixed(1)} |`,
);
say(`load average now: ${loadAverage()}`);
say('');

// 2
const tree = path.join(work, 'tree');
const etcdRelated = writeTree(tree, CHECK_FILES);
const parseScript = path.join(work, 'parse-files.js');
fs.writeFileSync(parseScript, YAML_PARSE_SCRIPT);
const jobs = os.availableParallelism();
const times = { serial: [], parallel: [], yaml: [] };
let serialOut;
let parallelOut;
for (let r = 0; r < RUNS; r++) {
  const order = r % 2 === 0 ? ['serial', 'parallel', 'yaml'] : ['yaml', 'parallel', 'serial'];
  for (const which of order) {
    if (which === 'yaml') times.yaml.push(timeProcess([parseScript, tree]).ms);
    else {
      const run = timeProcess(
        [CLI, 'check', tree, '--format', 'json', '--jobs', which === 'serial' ? '1' : String(jobs)],
        [0, 1],
      );
      times[which].push(run.ms);
      if (which === 'serial') serialOut = run.stdout;
      else parallelOut = run.stdout;
    }
  }
}
const fps = (ms) => ((CHECK_FILES / ms) * 1000).toFixed(0);
const yamlMs = median(times.yaml);
say(`| check on ${CHECK_FILES} manifests (${etcdRelated} etcd-related), whole process | ms | files/s | / yaml parse |`);
say('|---|---:|---:|---:|');
say(`| plain \`yaml\` parse of the same files, one thread | ${yamlMs.toFixed(0)} | ${fps(yamlMs)} | 1.00 |`);
for (const [label, key] of [
  ['check --jobs 1', 'serial'],
  [`check --jobs ${jobs}`, 'parallel'],
]) {
  const ms = median(times[key]);
  say(`| ${label} | ${ms.toFixed(0)} | ${fps(ms)} | ${(ms / yamlMs).toFixed(2)} |`);
}
say(
  `outputs of --jobs 1 and --jobs ${jobs} ${serialOut === parallelOut ? 'identical' : 'DIFFER'}; load average now: ${loadAverage()}`,
);
say('');

// 3
const onceScript = path.join(work, 'parse-once.js');
fs.writeFileSync(onceScript, PARSE_ONCE_SCRIPT);
say('| lines | measure | ours | one `yaml` parse (cold / warm) | ours / cold parse |');
say('|---:|---|---:|---:|---:|');
for (const lines of [5000, 50000]) {
  const file = path.join(work, `k8s-${lines}.yaml`);
  execFileSync(process.execPath, [
    path.join(HERE, 'lspbench', 'gen-yaml.js'),
    '--lines',
    String(lines),
    '--seed',
    '1',
    '--out',
    file,
  ]);
  const parses = [];
  const runs = [];
  for (let r = 0; r < RUNS; r++) {
    parses.push(JSON.parse(execFileSync(process.execPath, [onceScript, file], { encoding: 'utf8' })));
    runs.push(await fileRun(file, lines === 5000 ? EDITS : Math.min(EDITS, 12)));
  }
  const cold = median(parses.map((p) => p.cold));
  const warm = median(parses.map((p) => p.warm));
  const open = median(runs.map((r) => r.openMs));
  const edits = runs.flatMap((r) => r.editMs);
  say(
    `| ${lines} | didOpen → first diagnostics (ms) | ${open.toFixed(1)} | ${cold.toFixed(1)} / ${warm.toFixed(1)} | ${(open / cold).toFixed(2)} |`,
  );
  say(
    `| ${lines} | edit → diagnostics p50 / p99 (ms) | ${median(edits).toFixed(1)} / ${quantile(edits, 0.99).toFixed(1)} | | p99 / warm parse ${(quantile(edits, 0.99) / warm).toFixed(2)} |`,
  );
  say(
    `| ${lines} | VmRSS / VmHWM at the end (MiB) | ${median(runs.map((r) => r.rss)).toFixed(1)} / ${median(runs.map((r) => r.hwm)).toFixed(1)} | | |`,
  );
}
say(`At the end: load average ${loadAverage()}, ${otherJobs()} other process(es) using > 10 % CPU.`);
fs.writeFileSync(path.join(work, 'scale-summary.md'), out.join('\n') + '\n');
console.log(`\nraw: ${work}`);
fs.rmSync(workspace, { recursive: true, force: true });
fs.rmSync(tree, { recursive: true, force: true });
