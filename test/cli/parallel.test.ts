// `check --jobs N`: the per-file analysis on worker threads gives exactly the serial run's output. On a
// generated tree of 400 manifests whose etcd files depend on topologies and StorageClasses written in
// other files (scripts/bench/gen-tree.mjs), the text, JSON and SARIF of --jobs 1 and --jobs 4 are
// byte-identical, and the cross-file findings are there (the workers had the index).
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { writeTree } from '../../scripts/bench/gen-tree.mjs';

const ROOT = path.join(__dirname, '..', '..');
const CLI = path.join(ROOT, 'server', 'out', 'cli.js');

function check(dir: string, ...args: string[]): { status: number | null; stdout: string; stderr: string } {
  const r = spawnSync(process.execPath, [CLI, 'check', dir, ...args], { cwd: ROOT, encoding: 'utf8' });
  return { status: r.status, stdout: r.stdout, stderr: r.stderr };
}

describe('etcd-capacity check --jobs', () => {
  let tree: string;
  beforeAll(() => {
    tree = fs.mkdtempSync(path.join(os.tmpdir(), 'etcd-capacity-tree-'));
    expect(writeTree(tree, 400)).toBe(40);
  });
  afterAll(() => fs.rmSync(tree, { recursive: true, force: true }));

  for (const format of ['text', 'json', 'sarif']) {
    it(`prints the same ${format} on 4 worker threads as serially`, () => {
      const serial = check(tree, '--format', format, '--jobs', '1');
      const parallel = check(tree, '--format', format, '--jobs', '4');
      expect(serial.stderr).toBe('');
      expect(parallel.stderr).toBe('');
      expect(parallel.status).toBe(serial.status);
      expect(parallel.stdout === serial.stdout, 'outputs differ').toBe(true);
      // Findings that need another file: RTTs from a topology elsewhere, a StorageClass elsewhere.
      for (const code of ['election-timeout-below-10x-rtt', 'heartbeat-far-from-rtt', 'network-storage']) {
        expect(parallel.stdout).toContain(code);
      }
    }, 120_000);
  }

  it('refuses --jobs that is not a positive whole number', () => {
    const r = check(tree, '--jobs', '0');
    expect(r.status).toBe(2);
    expect(r.stderr).toMatch(/--jobs takes a positive whole number, not 0/);
    expect(r.stdout).toBe('');
  });
});
