// The CLI as users run it: the built bundle in a child process, on the bundled examples.
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import Ajv from 'ajv-draft-04';
import { describe, expect, it } from 'vitest';

const ROOT = path.join(__dirname, '..', '..');
const CLI = path.join(ROOT, 'server', 'out', 'cli.js');
const GOLDEN = path.join(__dirname, 'golden');
const UPDATE = process.env.UPDATE_GOLDEN === '1';

function cli(...args: string[]): { status: number | null; stdout: string; stderr: string } {
  const r = spawnSync(process.execPath, [CLI, ...args], { cwd: ROOT, encoding: 'utf8' });
  return { status: r.status, stdout: r.stdout, stderr: r.stderr };
}

/** Compares with a reviewed golden file; `UPDATE_GOLDEN=1` rewrites it (then review the diff). */
function expectGolden(name: string, actual: unknown): void {
  const file = path.join(GOLDEN, name);
  const text = JSON.stringify(actual, null, 2) + '\n';
  if (UPDATE || !fs.existsSync(file)) {
    if (!UPDATE) throw new Error(`golden file ${name} is missing: run with UPDATE_GOLDEN=1 and review it`);
    fs.writeFileSync(file, text);
  }
  expect(JSON.parse(text)).toEqual(JSON.parse(fs.readFileSync(file, 'utf8')));
}

describe('etcd-capacity check', () => {
  it('reports the examples as golden JSON with 0-based LSP positions', () => {
    const r = cli('check', 'examples', '--format', 'json');
    expect(r.stderr).toBe('');
    const json = JSON.parse(r.stdout) as { findings: { file: string; severity: string; code: string }[] };
    expectGolden('check-examples.json', json);
    expect(r.status).toBe(json.findings.some((f) => f.severity === 'error') ? 1 : 0);
  });

  it('finds nothing in the healthy example and exits 0', () => {
    const r = cli('check', 'examples/healthy');
    expect(r.status).toBe(0);
    expect(r.stdout.trim()).toBe('0 finding(s), 0 error(s)');
  });

  it('prints file:line:col severity code message, 1-based', () => {
    const r = cli('check', 'examples/etcd-config-file/etcd.conf.yml');
    const line = r.stdout.split('\n').find((l) => l.includes('unknown-config-key'));
    expect(line).toMatch(
      /^examples\/etcd-config-file\/etcd\.conf\.yml:7:1 warning unknown-config-key .*heartbeat-interval/,
    );
  });

  it('emits SARIF 2.1.0 that validates against the SARIF schema, with rule metadata', () => {
    const r = cli('check', 'examples', '--format', 'sarif');
    const log = JSON.parse(r.stdout);
    const schema = JSON.parse(
      fs.readFileSync(require.resolve('@microsoft/jest-sarif/lib/schemas/sarif-2.1.0-rtm.5.json'), 'utf8'),
    );
    // The schema's patterns predate the u flag.
    const ajv = new Ajv({ allErrors: true, strict: false, unicodeRegExp: false });
    const validate = ajv.compile(schema);
    expect(validate(log), JSON.stringify(validate.errors?.slice(0, 5))).toBe(true);
    const run = log.runs[0];
    expect(run.results.length).toBeGreaterThan(0);
    for (const result of run.results) {
      expect(run.tool.driver.rules[result.ruleIndex].id).toBe(result.ruleId);
      expect(result.locations[0].physicalLocation.region.startLine).toBeGreaterThanOrEqual(1);
    }
    expect(run.tool.driver.rules.every((rule: { helpUri?: string }) => rule.helpUri?.startsWith('https://'))).toBe(
      true,
    );
  });

  it('percent-encodes SARIF artifact URIs: spaces, #, %, non-ASCII; file: URLs for absolute paths', () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'etcd-capacity-sarif-'));
    const name = 'my etcd #1 100% ü.yaml';
    const file = path.join(dir, 'sub dir', name);
    fs.mkdirSync(path.dirname(file));
    fs.writeFileSync(file, 'name: a\nheartbeat-interval: 100\nelection-timeout: 200\n');
    const uris = (cwd: string, target: string): string[] => {
      const r = spawnSync(process.execPath, [CLI, 'check', target, '--format', 'sarif', '--exit-zero'], {
        cwd,
        encoding: 'utf8',
      });
      expect(r.stderr).toBe('');
      const log = JSON.parse(r.stdout) as {
        runs: { results: { locations: { physicalLocation: { artifactLocation: { uri: string } } }[] }[] }[];
      };
      return [...new Set(log.runs[0]!.results.map((x) => x.locations[0]!.physicalLocation.artifactLocation.uri))];
    };
    // Outside the working directory: an absolute path, as a file: URL that reads back as the same file.
    const [absolute] = uris(ROOT, dir);
    expect(absolute).toBe(pathToFileURL(file).href);
    expect(absolute).toMatch(/^file:\/\/\/.*sub%20dir\/my%20etcd%20%231%20100%25%20%C3%BC\.yaml$/);
    expect(fileURLToPath(absolute!)).toBe(file);
    // Below it: a relative reference, each segment encoded.
    const [relative] = uris(dir, '.');
    expect(relative).toBe('sub%20dir/my%20etcd%20%231%20100%25%20%C3%BC.yaml');
    expect(relative!.split('/').map(decodeURIComponent)).toEqual(['sub dir', name]);
    expect(new URL(relative!, 'file:///base/').pathname).toBe(
      '/base/sub%20dir/my%20etcd%20%231%20100%25%20%C3%BC.yaml',
    );
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it('exits 1 on an error finding, 0 with --exit-zero', () => {
    expect(cli('check', 'examples/kubeadm-stacked').status).toBe(1);
    expect(cli('check', 'examples/kubeadm-stacked', '--exit-zero').status).toBe(0);
  });

  it('exits 2 with a clear message for bad usage and unreadable files', () => {
    const missing = cli('check', 'no/such/file.yaml');
    expect(missing.status).toBe(2);
    expect(missing.stderr).toContain('cannot read no/such/file.yaml');
    const badFormat = cli('check', 'examples', '--format', 'xml');
    expect(badFormat.status).toBe(2);
    expect(badFormat.stderr).toContain('unknown --format xml');
    expect(cli('frobnicate').status).toBe(2);
    expect(cli('check').status).toBe(2);
  });

  it('analyses a binary file renamed .yaml without crashing', () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'etcd-capacity-cli-'));
    const binary = path.join(dir, 'image.yaml');
    fs.writeFileSync(binary, Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0xff, 0xfe, 0x00, 0x01]));
    const r = cli('check', binary);
    expect(r.stderr).toBe('');
    expect(r.stdout).toMatch(/image\.yaml:\d+:\d+ error yaml-syntax This is not a text YAML file/);
    expect(r.status).toBe(1);
    fs.rmSync(dir, { recursive: true, force: true });
  });
});

describe('etcd-capacity check on special files and a closed pipe', () => {
  // spawnSync's timeout turns a hang into a failure (killed, status null) instead of a stuck suite.
  const spawnCli = (args: string[], timeout = 10000) =>
    spawnSync(process.execPath, [CLI, ...args], { cwd: ROOT, encoding: 'utf8', timeout });

  it('a FIFO named on the command line: exit 2 with a clear message, without blocking on it', () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'etcd-capacity-fifo-'));
    const fifo = path.join(dir, 'pipe.yaml');
    spawnSync('mkfifo', [fifo]);
    const r = spawnCli(['check', fifo]);
    expect(r.signal).toBeNull();
    expect(r.status).toBe(2);
    expect(r.stderr).toContain(`${fifo}: not a regular file (FIFO); skipped`);
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it('/dev/zero: exit 2 with a clear message, without reading it', () => {
    for (const command of ['check', 'estimate']) {
      const r = spawnCli([command, '/dev/zero']);
      expect(r.signal).toBeNull();
      expect(r.status).toBe(2);
      expect(r.stderr).toContain('/dev/zero: not a regular file (character device); skipped');
    }
  });

  it('`check DIR | head -1`: the reader going away ends the CLI quietly, no EPIPE stack trace', () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'etcd-capacity-pipe-'));
    // About 600 finding lines (well over a pipe buffer), so the CLI is still writing when head exits.
    for (let i = 0; i < 200; i++) {
      fs.writeFileSync(
        path.join(dir, `etcd-${i}.yaml`),
        'name: a\nheartbeat-interval: 100\nelection-timeout: 200\nquota-backend-bytes: 99999999999\n',
      );
    }
    const r = spawnSync('sh', ['-c', `"${process.execPath}" "${CLI}" check "${dir}" | head -1`], {
      cwd: ROOT,
      encoding: 'utf8',
      timeout: 30000,
    });
    expect(r.signal).toBeNull();
    expect(r.stdout.split('\n').filter(Boolean)).toHaveLength(1);
    expect(r.stderr).not.toMatch(/EPIPE|Error|at .*\.js:\d+/);
    expect(r.stderr).toBe('');
    fs.rmSync(dir, { recursive: true, force: true });
  });
});

describe('etcd-capacity estimate', () => {
  it('keeps the public JSON contract for every topology example', () => {
    const r = cli('estimate', 'examples', '--format', 'json');
    expect(r.status).toBe(0);
    const json = JSON.parse(r.stdout);
    expectGolden('estimate-examples.json', json);
    expect(json.clusters.length).toBeGreaterThanOrEqual(4);
    for (const cluster of json.clusters) {
      for (const key of ['name', 'votingMembers', 'quorum', 'faultTolerance', 'scenarios'])
        expect(cluster).toHaveProperty(key);
      for (const s of cluster.scenarios) {
        for (const key of ['leader', 'clientSite', 'via', 'raft', 'sequential', 'writesPerSecond'])
          expect(s).toHaveProperty(key);
        expect(s.raft.p50Ms).toBeLessThanOrEqual(s.raft.p90Ms);
        expect(s.raft.p90Ms).toBeLessThanOrEqual(s.raft.p99Ms);
      }
    }
  });

  it('prints one scenario per voting leader and client in text form', () => {
    const r = cli('estimate', 'examples/stretched-two-dc');
    expect(r.status).toBe(0);
    expect(r.stdout).toContain('cluster stretched-two-dc — 3 voting member(s), quorum 2, survives 1 failure(s)');
    const rows = r.stdout.split('\n').filter((l) => /^\s+etcd-[abc]\s/.test(l));
    expect(rows).toHaveLength(3 * 2); // 3 possible leaders × 2 clients
  });
});
