#!/usr/bin/env node
// npm run bench:report: how long the capacity report takes for every YAML file under examples/ (and each
// example folder as a whole): in process (buildReportData + renderReportHtml, the first call in a fresh
// process and the median of the next runs) and through the built CLI (`etcd-capacity report FILE --out`,
// node start-up included). Prints the page script's size (Observable Plot bundled, minified). Target: < 1 s.
//   npm run bench:report                 # 5 warm runs per file
//   npm run bench:report -- --runs 10
import * as esbuild from 'esbuild';
import { execFileSync, spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { fileURLToPath } from 'node:url';
import { buildReportPage } from '../reportPage.mjs';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
process.chdir(ROOT);
const args = process.argv.slice(2);
const runs = Number(args[args.indexOf('--runs') + 1] || 5) || 5;

execFileSync('npm', ['run', 'build', '--silent', '--', '--production'], { stdio: 'inherit' });
const pageScript = await buildReportPage();
const work = fs.mkdtempSync(path.join(os.tmpdir(), 'etcd-capacity-bench-report-'));
const harness = path.join(work, 'harness.cjs');
await esbuild.build({
  stdin: {
    contents: `
      const { readInputs } = require('./server/src/cli/inputs');
      const { buildReportData } = require('./server/src/report/data');
      const { renderReportHtml } = require('./server/src/report/html');
      const [target, runs] = [process.argv[2], Number(process.argv[3])];
      const once = () => {
        const cpu = process.cpuUsage();
        const start = process.hrtime.bigint();
        const data = buildReportData(readInputs([target]));
        const html = renderReportHtml(data);
        const used = process.cpuUsage(cpu);
        return { ms: Number(process.hrtime.bigint() - start) / 1e6, cpuMs: (used.user + used.system) / 1000, data, bytes: Buffer.byteLength(html) };
      };
      const first = once();
      const warm = Array.from({ length: runs }, () => once().ms).sort((a, b) => a - b);
      const clusters = first.data.clusters.length;
      const scenarios = first.data.clusters.reduce((n, c) => n + c.scenarios.length, 0);
      console.log(JSON.stringify({ first: first.ms, firstCpu: first.cpuMs, median: warm[Math.floor(warm.length / 2)], max: warm[warm.length - 1], clusters, scenarios, bytes: first.bytes }));
    `,
    resolveDir: ROOT,
    loader: 'ts',
  },
  bundle: true,
  platform: 'node',
  format: 'cjs',
  logLevel: 'warning',
  define: { __REPORT_PAGE__: JSON.stringify(pageScript) },
  outfile: harness,
});

function yamlFiles(dir) {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const p = path.join(dir, e.name);
    return e.isDirectory() ? yamlFiles(p) : /\.ya?ml$/.test(e.name) ? [p] : [];
  });
}
const targets = [
  ...yamlFiles('examples').sort(),
  ...fs
    .readdirSync('examples')
    .sort()
    .map((d) => `examples/${d}`),
];

console.log(`report page script (Observable Plot, minified): ${(pageScript.length / 1024).toFixed(1)} KiB`);
console.log(
  `machine: ${os.cpus().length} × ${os.cpus()[0]?.model ?? 'CPU'}, load average ${os
    .loadavg()
    .map((l) => l.toFixed(2))
    .join(' ')}, Node ${process.version}`,
);
console.log(
  `\n| input | clusters | scenarios | in process, first: wall / CPU (ms) | in process, median of ${runs} (ms) | CLI wall (ms) | HTML (KiB) |`,
);
console.log('|---|---:|---:|---:|---:|---:|---:|');
let worst = 0;
for (const target of targets) {
  const r = JSON.parse(execFileSync(process.execPath, [harness, target, String(runs)], { encoding: 'utf8' }));
  const out = path.join(work, 'report.html');
  const start = process.hrtime.bigint();
  const cli = spawnSync(process.execPath, ['server/out/cli.js', 'report', target, '--out', out], { encoding: 'utf8' });
  const wall = Number(process.hrtime.bigint() - start) / 1e6;
  if (![0, 1].includes(cli.status)) throw new Error(`report ${target} exited ${cli.status}: ${cli.stderr}`);
  worst = Math.max(worst, wall, r.first);
  console.log(
    `| ${target} | ${r.clusters} | ${r.scenarios} | ${r.first.toFixed(0)} / ${r.firstCpu.toFixed(0)} | ${r.median.toFixed(0)} | ${wall.toFixed(0)} | ${(r.bytes / 1024).toFixed(0)} |`,
  );
}
fs.rmSync(work, { recursive: true, force: true });
console.log(
  `\nslowest: ${worst.toFixed(0)} ms (target < 1000 ms per file); load average now ${os.loadavg()[0].toFixed(2)}`,
);
if (worst >= 1000)
  console.log('over the 1 s target: rerun on a quiet machine before concluding (the figures include JIT warm-up)');
