// Prints the plain closing line CI reads ("N passed, N failed, N skipped") from vitest's JSON reports,
// and fails when a report is missing or no test ran at all.
import { existsSync, readFileSync } from 'node:fs';

let passed = 0;
let failed = 0;
let skipped = 0;
let ok = true;
for (const file of process.argv.slice(2)) {
  if (!existsSync(file)) {
    console.error(`missing test report ${file}: that vitest run did not finish`);
    ok = false;
    failed++;
    continue;
  }
  const report = JSON.parse(readFileSync(file, 'utf8'));
  passed += report.numPassedTests ?? 0;
  failed += (report.numFailedTests ?? 0) + (report.numRuntimeErrorTestSuites ?? 0);
  skipped += (report.numPendingTests ?? 0) + (report.numTodoTests ?? 0);
  if (report.success === false || (report.numTotalTests ?? 0) === 0) ok = false;
}
console.log(`${passed} passed, ${failed} failed, ${skipped} skipped`);
if (!ok || passed === 0 || failed > 0) process.exit(1);
