// `etcd-capacity measure` against a real etcd 3.4 started here (one member on 127.0.0.1, random ports, temp dir):
// the capture it writes is one calibrate reads, its own keys are gone afterwards, and it is bounded in time.
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import * as fs from 'node:fs';
import { createServer } from 'node:net';
import * as os from 'node:os';
import * as path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readCaptureDir } from '../../server/src/cli/captureDir';

const ROOT = path.join(__dirname, '..', '..');
const CLI = path.join(ROOT, 'server', 'out', 'cli.js');

const freePort = (): Promise<number> =>
  new Promise((resolve) => {
    const s = createServer().listen(0, '127.0.0.1', () => {
      const { port } = s.address() as { port: number };
      s.close(() => resolve(port));
    });
  });

let dir: string;
let etcd: ChildProcess;
let endpoint: string;

beforeAll(async () => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'etcd-capacity-measure-'));
  const [client, peer] = [await freePort(), await freePort()];
  endpoint = `http://127.0.0.1:${client}`;
  etcd = spawn('etcd', [
    '--name', 'solo', '--data-dir', path.join(dir, 'data'), '--metrics=extensive', '--logger=zap', '--log-level=error',
    '--listen-client-urls', endpoint, '--advertise-client-urls', endpoint,
    '--listen-peer-urls', `http://127.0.0.1:${peer}`, '--initial-advertise-peer-urls', `http://127.0.0.1:${peer}`,
    '--initial-cluster', `solo=http://127.0.0.1:${peer}`,
  ], { stdio: 'ignore' });
  for (let i = 0; ; i++) {
    if (spawnSync('etcdctl', ['--endpoints', endpoint, 'endpoint', 'health'], { encoding: 'utf8' }).status === 0) break;
    if (i > 100) throw new Error('etcd (scripts/install-test-deps.sh installs it) did not become healthy');
    await new Promise((r) => setTimeout(r, 200));
  }
}, 60_000);

afterAll(async () => {
  if (etcd && etcd.exitCode === null) {
    await new Promise<void>((resolve) => {
      const hard = setTimeout(() => etcd.kill('SIGKILL'), 5000);
      etcd.on('exit', () => (clearTimeout(hard), resolve()));
      etcd.kill('SIGTERM');
    });
  }
  fs.rmSync(dir, { recursive: true, force: true });
});

const run = (...args: string[]) => spawnSync(process.execPath, [CLI, ...args], { cwd: ROOT, encoding: 'utf8', timeout: 90_000 });

describe('etcd-capacity measure', () => {
  it('writes a capture calibrate reads, with progress on stderr, and deletes its own keys', () => {
    spawnSync('etcdctl', ['--endpoints', endpoint, 'put', 'someone-else/key', 'kept']);
    const out = path.join(dir, 'capture');
    const r = run('measure', '--endpoints', endpoint, '--puts', '40', '--window', '2', '--out', out);
    expect(r.status, r.stderr).toBe(0);
    expect(r.stdout).toBe('');
    expect(r.stderr).toContain('measure: 40/40 puts via solo');
    expect(r.stderr).toMatch(/measure: wrote .* deleted etcd-capacity-measure\/[0-9a-f]+\//);
    expect(fs.readdirSync(out).sort()).toEqual(['members.json', 'puts.json', 'solo.before.metrics', 'solo.metrics', 'status.json']);
    expect(fs.readFileSync(path.join(out, 'solo.metrics'), 'utf8')).toMatch(/^# scraped-at: 20\d\d-.*\n(# HELP|[a-z])/);

    const capture = readCaptureDir(out);
    expect(capture.ok).toBe(true);
    if (!capture.ok) return;
    expect(capture.capture.warnings).toEqual([]);
    expect(capture.capture.leader).toBe('solo');
    expect(capture.capture.puts?.value.latenciesMs).toHaveLength(40);
    const [scrape] = capture.capture.scrapes;
    expect(scrape.fsync!.count).toBeGreaterThanOrEqual(40); // every put's WAL fsync, in the window only
    expect(scrape.windowSeconds).toBeGreaterThanOrEqual(2);

    const keys = spawnSync('etcdctl', ['--endpoints', endpoint, 'get', '--prefix', '', '--keys-only'], { encoding: 'utf8' }).stdout;
    expect(keys.split('\n').filter(Boolean)).toEqual(['someone-else/key']);

    const cal = run('calibrate', out);
    expect(cal.status, cal.stderr).toBe(0);
    expect(cal.stdout).toMatch(/fsyncMs: [\d.]+ {2}# measured: mean, \d+ fsyncs/);
    expect(cal.stdout).toMatch(/requestFloor:\n {4}meanMs: [\d.]+ {2}# measured: 40 puts/);
  }, 120_000);

  it('bad usage exits 2; a cluster that does not answer exits 1 within its call deadline', async () => {
    expect(run('measure', '--out', path.join(dir, 'x')).status).toBe(2);
    expect(run('measure', '--endpoints', endpoint).status).toBe(2);
    expect(run('measure', '--endpoints', 'ftp://x', '--out', path.join(dir, 'x')).status).toBe(2);
    expect(run('measure', '--endpoints', endpoint, '--puts', '-1', '--out', path.join(dir, 'x')).status).toBe(2);
    const closed = `http://127.0.0.1:${await freePort()}`;
    const t0 = Date.now();
    const r = run('measure', '--endpoints', closed, '--puts', '5', '--window', '1', '--out', path.join(dir, 'nothing'));
    expect(r.status).toBe(1);
    expect(r.stderr).toContain('etcd-capacity: measure:');
    expect(Date.now() - t0).toBeLessThan(30_000);
  }, 60_000);
});
