#!/usr/bin/env node
// npm run bench: our language server against Red Hat's yaml-language-server (pinned devDependency) on
// generated multi-document manifests of 500, 5,000 and 50,000 lines, with lspbench (scripts/bench/lspbench,
// a copy of the shared harness). Both servers run on the same file in the same run, alternating A,B / B,A.
// Prints, per size: initialize, didOpen → first diagnostics, edit → diagnostics (median/p90/p99), hover,
// whole-file inlay hints, VmRSS/VmHWM, and the ratio yaml-language-server / ours.
//   npm run bench                         # all sizes, 3 rounds
//   npm run bench -- --sizes 5000 --rounds 1 --edits 20
// Then runs scale.mjs (the 20,000-file workspace, check on 4,000 manifests, didOpen against one `yaml`
// parse); `--no-scale` skips it, `--scale-only` runs only it (`npm run bench:scale`).
import { execFileSync, spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { fileURLToPath } from 'node:url';

const HERE = path.dirname(fileURLToPath(import.meta.url));
const ROOT = path.resolve(HERE, '..', '..');
const BENCH = path.join(HERE, 'lspbench', 'bench.js');

const args = process.argv.slice(2);
const opt = (name, fallback) => {
  const i = args.indexOf(`--${name}`);
  return i >= 0 ? args[i + 1] : fallback;
};
const sizes = opt('sizes', '500,5000,50000').split(',').map(Number);
const rounds = opt('rounds', '3');
const edits = opt('edits', '40');
const hovers = opt('hovers', '30');
const only = opt('only', ''); // 'ours' to skip yaml-language-server
const scaleOnly = args.includes('--scale-only');

execFileSync('npm', ['run', 'build', '--silent', '--', '--production'], { cwd: ROOT, stdio: 'inherit' });
const runScale = () => {
  if (args.includes('--no-scale')) return;
  const scaleArgs = [path.join(HERE, 'scale.mjs'), '--skip-build', '--runs', opt('scale-runs', rounds)];
  const scale = spawnSync(process.execPath, scaleArgs, { stdio: 'inherit' });
  if (scale.status !== 0) console.log(`scale bench exited with ${scale.status}`);
};
if (scaleOnly) {
  runScale();
  process.exit(0);
}
const work = fs.mkdtempSync(path.join(os.tmpdir(), 'etcd-capacity-bench-'));

// yaml-language-server with the offline Kubernetes schema when ../shared/lspbench has it (as the
// shared harness uses); without it, it validates syntax only and is faster than it would be for users.
const sharedSchema = path.resolve(ROOT, '..', 'shared', 'lspbench', 'schemas', 'k8s-strict-all.schema.json');
const schema = process.env.LSPBENCH_SCHEMA ?? (fs.existsSync(sharedSchema) ? sharedSchema : '');
const ylsSettings = path.join(work, 'yls-settings.json');
const base = JSON.parse(fs.readFileSync(path.join(HERE, 'lspbench', 'settings', 'yaml-language-server.json'), 'utf8'));
base.yaml.schemas = schema ? { [schema]: ['*.yaml', '*.yml'] } : {};
fs.writeFileSync(ylsSettings, JSON.stringify(base));
const oursSettings = path.join(work, 'ours-settings.json');
fs.writeFileSync(oursSettings, JSON.stringify({ etcdCapacity: {} }));

const yls = path.join(ROOT, 'node_modules', 'yaml-language-server', 'bin', 'yaml-language-server');
const ours = path.join(ROOT, 'server', 'out', 'server.js');
const ylsVersion = JSON.parse(
  fs.readFileSync(path.join(ROOT, 'node_modules', 'yaml-language-server', 'package.json'), 'utf8'),
).version;

const results = [];
for (const lines of sizes) {
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
  const json = path.join(work, `result-${lines}.json`);
  const servers = [`ours=node ${ours} --stdio`];
  if (only !== 'ours') servers.push(`yls=node ${yls} --stdio`);
  const benchArgs = [
    BENCH,
    '--file',
    file,
    '--rounds',
    rounds,
    '--edits',
    edits,
    '--hovers',
    hovers,
    '--quiet-json',
    '--json',
    json,
    '--settings',
    ylsSettings,
    '--server-settings',
    `ours=${oursSettings}`,
    '--timeout',
    '120000',
  ];
  for (const s of servers) benchArgs.push('--server', s);
  console.log(`\n=== ${lines} lines ===`);
  const run = spawnSync(process.execPath, benchArgs, {
    stdio: 'inherit',
    env: { ...process.env, LSPBENCH_SCHEMA: schema },
  });
  if (run.status !== 0) console.log(`bench exited with ${run.status}`);
  if (fs.existsSync(json)) results.push({ lines, summary: JSON.parse(fs.readFileSync(json, 'utf8')) });
}

const num = (x, d = 1) => (typeof x === 'number' ? x.toFixed(d) : '—');
const ratio = (a, b) =>
  typeof a === 'number' && typeof b === 'number' && a > 0 ? `${(b / a).toFixed(b / a >= 10 ? 0 : 1)}×` : '—';
const rows = [
  ['initialize (ms)', (s) => s.initializeMs],
  ['didOpen → first diagnostics (ms)', (s) => s.openFirstDiagMs],
  ['edit → diagnostics median (ms)', (s) => s.edit?.median],
  ['edit → diagnostics p90 (ms)', (s) => s.edit?.p90],
  ['edit → diagnostics p99 (ms)', (s) => s.edit?.p99],
  ['hover median (ms)', (s) => s.hover?.median],
  ['inlay hints, whole file (ms)', (s) => s.inlayHintMs],
  ['VmRSS at the end (MiB)', (s) => s.rssMiB],
  ['VmHWM (MiB)', (s) => s.hwmMiB],
];
const out = [];
out.push(
  `Machine: ${os.cpus().length} × ${os.cpus()[0]?.model ?? 'cpu'}, ${(os.totalmem() / 2 ** 30).toFixed(1)} GiB, Node ${process.version}, ${os.type()} ${os.release()}`,
);
out.push(
  `yaml-language-server ${ylsVersion}${schema ? ' with the offline Kubernetes schema' : ' without a schema'}; rounds ${rounds}, ${edits} edits, ${hovers} hovers per run`,
);
out.push('');
out.push('| lines | measure | ours | yaml-language-server | yls / ours |');
out.push('|---:|---|---:|---:|---:|');
for (const { lines, summary } of results) {
  const a = summary.servers?.ours ?? {};
  const b = summary.servers?.yls ?? {};
  for (const [label, get] of rows)
    out.push(`| ${lines} | ${label} | ${num(get(a))} | ${num(get(b))} | ${ratio(get(a), get(b))} |`);
}
console.log(`\n${out.join('\n')}`);
fs.writeFileSync(path.join(work, 'summary.md'), out.join('\n'));
console.log(`\nraw results: ${work}`);
runScale();
