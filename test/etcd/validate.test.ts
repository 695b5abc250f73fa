// CI's real-etcd subset: `npm run validate:etcd -- --quick` (3 scenarios × 300 puts against a real etcd 3.4 in
// network namespaces, see docs/validation.md). This test never skips: if etcd cannot be installed, the lab cannot be
// built (not root, no `ip netns`), or a scenario misses the tolerance, the harness exits non-zero and the test fails.
import { spawnSync } from 'node:child_process';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';

const root = resolve(__dirname, '..', '..');

describe('real etcd validation (--quick)', () => {
  it('the model is within tolerance of a real etcd in every quick scenario', () => {
    const r = spawnSync(process.execPath, ['scripts/validate-etcd/run.mjs', '--quick'], {
      cwd: root,
      encoding: 'utf8',
      timeout: 280_000,
      killSignal: 'SIGTERM',
    });
    const output = `${r.stdout ?? ''}\n${r.stderr ?? ''}`;
    // Shown in the test log so a failure says which scenario missed and by how much.
    console.log(output);
    expect(r.error, output).toBeUndefined();
    expect(r.status, output).toBe(0);
    const rows = (r.stdout ?? '').split('\n').filter((l) => /^\| \S+ \| \d \|/.test(l));
    expect(rows.length, output).toBeGreaterThanOrEqual(2);
    for (const row of rows) expect(row, output).toMatch(/\| PASS \|$/);
    expect(r.stdout).toMatch(/^result: (\d+) of \1 scenarios within tolerance$/m);
  }, 300_000);
});
