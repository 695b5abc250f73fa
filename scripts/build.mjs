// Bundles the client and the server (and the CLI and its check worker) with esbuild: one file per entry, as VS Code
// recommends.
import * as esbuild from 'esbuild';
import { readFileSync } from 'node:fs';
import { buildReportPage } from './reportPage.mjs';

const pkg = JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8'));

const production = process.argv.includes('--production');
const watch = process.argv.includes('--watch');

const common = {
  bundle: true,
  platform: 'node',
  format: 'cjs',
  target: 'node20',
  sourcemap: !production,
  minify: production,
  logLevel: 'warning',
  define: { __VERSION__: JSON.stringify(pkg.version) },
};

// The report page's script, inlined into the server and the CLI as __REPORT_PAGE__ so that
// `etcd-capacity report` writes one self-contained file.
const pageScript = await buildReportPage();
if (process.argv.includes('--page-size'))
  console.log(`report page script: ${(pageScript.length / 1024).toFixed(1)} KiB`);
const withPage = { define: { ...common.define, __REPORT_PAGE__: JSON.stringify(pageScript) } };

const builds = [
  { ...common, entryPoints: ['client/src/extension.ts'], outfile: 'client/out/extension.js', external: ['vscode'] },
  {
    ...common,
    entryPoints: ['server/src/server.ts'],
    outfile: 'server/out/server.js',
    ...withPage,
    banner: { js: '#!/usr/bin/env node' },
  },
  // etcd3 (measure only) loads its .proto files from its own folder at run time: required from node_modules, not
  // bundled.
  {
    ...common,
    entryPoints: ['server/src/cli.ts'],
    outfile: 'server/out/cli.js',
    ...withPage,
    banner: { js: '#!/usr/bin/env node' },
    external: ['etcd3'],
  },
  // The CLI's worker threads (`check --jobs N`) load this file from next to cli.js.
  { ...common, entryPoints: ['server/src/cli/checkWorker.ts'], outfile: 'server/out/checkWorker.js' },
];

if (watch) {
  for (const b of builds) await (await esbuild.context(b)).watch();
} else {
  await Promise.all(builds.map((b) => esbuild.build(b)));
}
