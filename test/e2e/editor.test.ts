// The real-editor end-to-end tests as part of the README's single test command: runs `node test/e2e/run.js`
// (install of Chromium + code-server when missing, then the extension-host suite inside code-server's extension
// host and the user-level suite through Chromium) and checks its exit code and its results file.
// It never skips: if Chromium or code-server cannot be installed, the driver fails and so does this file.
// The VSIX comes from test/globalSetup.ts (`npm run package`), hence --no-package.
import { spawn } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';

const ROOT = path.join(__dirname, '..', '..');
const TEN_MINUTES = 10 * 60_000;

interface TestResult {
  name: string;
  ok: boolean;
  error?: string;
}
interface Suite {
  name: string;
  ran: boolean;
  tests: TestResult[];
}
interface Report {
  passed: number;
  failed: number;
  suites: Suite[];
  notBuilt: string[];
}

let exitCode: number | null = null;
let output = '';
let report: Report | undefined;

function failures(tests: TestResult[]): string {
  return tests
    .filter((t) => !t.ok)
    .map((t) => `${t.name}: ${String(t.error).split('\n').slice(0, 4).join(' | ')}`)
    .join('\n');
}

function suite(prefix: string): Suite {
  const found = report?.suites.find((s) => s.name.startsWith(prefix));
  expect(found, `no "${prefix}" suite in the results; driver output:\n${output.slice(-4000)}`).toBeDefined();
  return found!;
}

describe('end-to-end in a real editor (code-server + Chromium)', () => {
  beforeAll(async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'etcd-capacity-e2e-report-'));
    const json = path.join(dir, 'results.json');
    exitCode = await new Promise<number | null>((resolve) => {
      const child = spawn(process.execPath, [path.join(__dirname, 'run.js'), '--no-package', '--json', json], {
        cwd: ROOT,
        stdio: ['ignore', 'pipe', 'pipe'],
      });
      child.stdout.on('data', (d: Buffer) => {
        output += d.toString();
      });
      child.stderr.on('data', (d: Buffer) => {
        output += d.toString();
      });
      // The driver stops code-server and Chromium itself on SIGTERM.
      const timer = setTimeout(() => child.kill('SIGTERM'), TEN_MINUTES - 30_000);
      child.on('close', (code) => {
        clearTimeout(timer);
        resolve(code);
      });
    });
    fs.mkdirSync(path.join(ROOT, 'test-output', 'e2e'), { recursive: true });
    fs.writeFileSync(path.join(ROOT, 'test-output', 'e2e', 'driver-output.txt'), output);
    if (fs.existsSync(json)) report = JSON.parse(fs.readFileSync(json, 'utf8')) as Report;
    fs.rmSync(dir, { recursive: true, force: true });
  }, TEN_MINUTES);

  it('driver exits 0 and reports "N passed, 0 failed"', () => {
    expect(report, `no results file; driver output:\n${output.slice(-4000)}`).toBeDefined();
    expect(output).toMatch(new RegExp(`^${report!.passed} passed, 0 failed$`, 'm'));
    expect(exitCode, output.slice(-4000)).toBe(0);
  });

  it("extension-host suite passes inside code-server's extension host", () => {
    const s = suite('extension host (code-server)');
    expect(s.ran).toBe(true);
    expect(failures(s.tests)).toBe('');
    expect(s.tests.length).toBeGreaterThanOrEqual(5);
  });

  it('user-level suite passes in the workbench (squiggles, Problems, quick fix, capacity report webview)', () => {
    const s = suite('editor UI');
    expect(s.ran).toBe(true);
    expect(failures(s.tests)).toBe('');
    expect(s.tests.map((t) => t.name).join('\n')).toMatch(
      /squiggle[\s\S]*Problems panel[\s\S]*quick fix[\s\S]*Show Capacity Report[\s\S]*updates the report/,
    );
  });
});
