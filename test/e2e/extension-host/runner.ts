// A tiny test runner for the extension host (no mocha): tests run one after another, each with a timeout.
// run() rejects when any test failed AND when no test was registered, so a suite that did not run can
// never look like a pass. Results also go to $ETCD_E2E_RESULTS (JSON) for the driver, which trusts the
// file, not just the exit code.
import * as fs from 'node:fs';

export interface TestResult {
  name: string;
  ok: boolean;
  ms: number;
  error?: string;
}

interface Test {
  name: string;
  fn: () => Promise<void>;
  timeoutMs: number;
}

const tests: Test[] = [];

export function test(name: string, fn: () => Promise<void>, timeoutMs = 60_000): void {
  tests.push({ name, fn, timeoutMs });
}

function withTimeout<T>(promise: Promise<T>, ms: number, name: string): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`timed out after ${ms} ms: ${name}`)), ms);
  });
  return Promise.race([promise, timeout]).finally(() => clearTimeout(timer));
}

export async function runAll(suiteName: string, notBuilt: string[]): Promise<void> {
  const results: TestResult[] = [];
  const started = Date.now();
  for (const t of tests) {
    const t0 = Date.now();
    try {
      await withTimeout(t.fn(), t.timeoutMs, t.name);
      results.push({ name: t.name, ok: true, ms: Date.now() - t0 });
      console.log(`E2E-TEST pass ${t.name} (${Date.now() - t0} ms)`);
    } catch (error) {
      const message = error instanceof Error ? (error.stack ?? error.message) : String(error);
      results.push({ name: t.name, ok: false, ms: Date.now() - t0, error: message });
      console.log(`E2E-TEST FAIL ${t.name}: ${message}`);
    }
  }
  const failed = results.filter((r) => !r.ok).length;
  const report = { suite: suiteName, ms: Date.now() - started, notBuilt, results };
  const out = process.env.ETCD_E2E_RESULTS;
  if (out) fs.writeFileSync(out, JSON.stringify(report, null, 2));
  console.log(`E2E-TEST ${suiteName}: ${results.length - failed} passed, ${failed} failed`);
  if (results.length === 0) throw new Error('no tests were registered');
  if (failed > 0) throw new Error(`${failed} of ${results.length} extension-host tests failed`);
}
