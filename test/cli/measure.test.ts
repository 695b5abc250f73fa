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

interface Cluster {
  endpoints: string[];
  stop: () => Promise<void>;
}

/** Members named `names` on 127.0.0.1 with random ports, data under `dir`; resolves once every member is healthy. */
async function startCluster(dir: string, names: string[]): Promise<Cluster> {
  const ports: { client: number; peer: number }[] = [];
  for (const _ of names) ports.push({ client: await freePort(), peer: await freePort() });
  const initial = names.map((n, i) => `${n}=http://127.0.0.1:${ports[i].peer}`).join(',');
  const endpoints = ports.map((p) => `http://127.0.0.1:${p.client}`);
  const procs: ChildProcess[] = names.map((n, i) =>
    spawn(
      'etcd',
      [
        '--name',
        n,
        '--data-dir',
        path.join(dir, n),
        '--metrics=extensive',
        '--logger=zap',
        '--log-level=error',
        '--listen-client-urls',
        endpoints[i],
        '--advertise-client-urls',
        endpoints[i],
        '--listen-peer-urls',
        `http://127.0.0.1:${ports[i].peer}`,
        '--initial-advertise-peer-urls',
        `http://127.0.0.1:${ports[i].peer}`,
        '--initial-cluster',
        initial,
        '--initial-cluster-token',
        path.basename(dir),
      ],
      { stdio: 'ignore' },
    ),
  );
  const stop = async (): Promise<void> => {
    await Promise.all(
      procs.map(
        (p) =>
          new Promise<void>((resolve) => {
            if (p.exitCode !== null) return resolve();
            const hard = setTimeout(() => p.kill('SIGKILL'), 5000);
            p.on('exit', () => (clearTimeout(hard), resolve()));
            p.kill('SIGTERM');
          }),
      ),
    );
  };
  for (let i = 0; ; i++) {
    if (
      spawnSync('etcdctl', ['--endpoints', endpoints.join(','), 'endpoint', 'health'], { encoding: 'utf8' }).status ===
      0
    )
      break;
    if (i > 100) {
      await stop();
      throw new Error('etcd (scripts/install-test-deps.sh installs it) did not become healthy');
    }
    await new Promise((r) => setTimeout(r, 200));
  }
  return { endpoints, stop };
}

let dir: string;
let solo: Cluster;
let endpoint: string;

beforeAll(async () => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'etcd-capacity-measure-'));
  solo = await startCluster(path.join(dir, 'solo'), ['solo']);
  endpoint = solo.endpoints[0];
}, 60_000);

afterAll(async () => {
  await solo?.stop();
  fs.rmSync(dir, { recursive: true, force: true });
});

const run = (...args: string[]) =>
  spawnSync(process.execPath, [CLI, ...args], { cwd: ROOT, encoding: 'utf8', timeout: 90_000 });

describe('etcd-capacity measure', () => {
  it('writes a capture calibrate reads, with progress on stderr, and deletes its own keys', () => {
    spawnSync('etcdctl', ['--endpoints', endpoint, 'put', 'someone-else/key', 'kept']);
    const out = path.join(dir, 'capture');
    const r = run('measure', '--endpoints', endpoint, '--puts', '40', '--window', '2', '--out', out);
    expect(r.status, r.stderr).toBe(0);
    expect(r.stdout).toBe('');
    expect(r.stderr).toContain('measure: 40/40 puts via solo');
    expect(r.stderr).toMatch(/measure: wrote .* deleted etcd-capacity-measure\/[0-9a-f]+\//);
    expect(fs.readdirSync(out).sort()).toEqual([
      'members.json',
      'puts.json',
      'solo.before.metrics',
      'solo.metrics',
      'status.json',
    ]);
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

    const keys = spawnSync('etcdctl', ['--endpoints', endpoint, 'get', '--prefix', '', '--keys-only'], {
      encoding: 'utf8',
    }).stdout;
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

  it('three members: every member scraped and its status written; calibrate measures the RTT between them', async () => {
    const three = await startCluster(path.join(dir, 'three'), ['m1', 'm2', 'm3']);
    try {
      // etcd observes each peer's RTT 5 s after the peer connects: a 9 s window from now holds that observation
      const out = path.join(dir, 'three-capture');
      const r = run('measure', '--endpoints', three.endpoints.join(','), '--puts', '30', '--window', '9', '--out', out);
      expect(r.status, r.stderr).toBe(0);
      expect(r.stderr).toContain('measure: 30/30 puts via m1');
      expect(
        fs
          .readdirSync(out)
          .filter((f) => f.endsWith('.metrics'))
          .sort(),
      ).toEqual([
        'm1.before.metrics',
        'm1.metrics',
        'm2.before.metrics',
        'm2.metrics',
        'm3.before.metrics',
        'm3.metrics',
      ]);
      const c = readCaptureDir(out);
      expect(c.ok).toBe(true);
      if (!c.ok) return;
      expect(c.capture.status.map((s) => s.endpoint).sort()).toEqual([...three.endpoints].sort());
      expect(c.capture.leader).toMatch(/^m[123]$/);
      const cal = run('calibrate', out);
      expect(cal.status, cal.stderr).toBe(0);
      expect(cal.stdout).toMatch(
        /sites: \["default", "default"\]\n {6}rttMs: [\d.]+ {2}# measured: mean, \d+ probe observations reading [\d.]+ ms; probe overhead/,
      );
    } finally {
      await three.stop();
    }
  }, 120_000);
});
