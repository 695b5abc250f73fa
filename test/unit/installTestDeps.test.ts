// A contributor without root runs the suites that need no root: the installer then stops with a message
// naming what it could not install (and test.sh goes on), instead of failing inside a sudo it does not have.
import { spawnSync } from 'node:child_process';
import { chmodSync, copyFileSync, mkdtempSync, rmSync, symlinkSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, expect, it } from 'vitest';

const script = resolve(__dirname, '../../scripts/install-test-deps.sh');
const dir = mkdtempSync(join(tmpdir(), 'install-deps-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

it('without root or sudo the installer names the missing packages and exits 1', () => {
  // A PATH with nothing but the shell and `id`: every tool looks missing and there is no sudo.
  const bin = join(dir, 'bin');
  spawnSync('mkdir', [bin]);
  for (const tool of ['bash', 'id']) {
    const found = spawnSync('bash', ['-c', `command -v ${tool}`], { encoding: 'utf8' }).stdout.trim();
    symlinkSync(found, join(bin, tool));
  }
  const copy = join(dir, 'install-test-deps.sh');
  copyFileSync(script, copy);
  chmodSync(dir, 0o755);
  chmodSync(copy, 0o755);
  const asRoot = process.getuid?.() === 0;
  const result = spawnSync(join(bin, 'bash'), [copy], {
    cwd: dir,
    encoding: 'utf8',
    env: { PATH: bin, CHROMIUM: join(dir, 'no-chromium') },
    // As root, run as `nobody`; otherwise the current user is already not root.
    ...(asRoot ? { uid: 65534, gid: 65534 } : {}),
  });
  expect(result.status).toBe(1);
  expect(result.stderr).toMatch(/need root or passwordless sudo to install: etcd-server etcd-client .*chromium/);
});
