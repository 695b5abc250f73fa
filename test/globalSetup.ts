// Builds once before all suites, exactly as a release does: `npm run package` bundles the client,
// server and CLI (production build) and packs the VSIX that test/packaging inspects. The protocol,
// CLI and editor suites then run those same bundles.
import { execFileSync } from 'node:child_process';
import * as path from 'node:path';

export default function setup(): void {
  execFileSync('npm', ['run', 'package', '--silent'], { cwd: path.join(__dirname, '..'), stdio: 'inherit' });
}
