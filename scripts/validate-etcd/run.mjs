#!/usr/bin/env node
// Entry of `npm run validate:etcd`: bundles the harness (with the real model from server/src/model) and the
// delay proxy and load generator with esbuild into a temp dir, then runs the harness. See docs/validation.md.
import { build } from 'esbuild';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, dirname } from 'node:path';
import { fileURLToPath } from 'node:url';
import { createRequire } from 'node:module';

const here = dirname(fileURLToPath(import.meta.url));
// The ecvval- prefix lets a later run remove this dir if this one is killed before it cleans up.
const out = mkdtempSync(join(tmpdir(), 'ecvval-build-'));
process.env.ECVVAL_BUILD_DIR = out;
await build({
  entryPoints: { main: join(here, 'main.ts'), proxy: join(here, 'proxy.ts'), client: join(here, 'client.ts') },
  outdir: out,
  bundle: true,
  platform: 'node',
  format: 'cjs',
  target: 'node20',
  logLevel: 'warning',
});
const require = createRequire(import.meta.url);
require(join(out, 'main.js')).runCli(process.argv.slice(2));
