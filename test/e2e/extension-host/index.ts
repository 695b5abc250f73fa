// Entry of the extension-host suite (extensionTestsPath). Bundled by test/e2e/driver/extensionHost.js with
// esbuild, which defines the two constants below from the provider files present in server/src/protocol/.
import { runAll } from './runner';
import './suites/core';
import { ProtocolFeature, registerProtocolFeatureTests } from './suites/protocol-features';

declare const __E2E_FEATURES__: ProtocolFeature[];
declare const __E2E_NOT_BUILT__: string[];

export async function run(): Promise<void> {
  registerProtocolFeatureTests(new Set(__E2E_FEATURES__));
  await runAll('extension host', __E2E_NOT_BUILT__);
}
