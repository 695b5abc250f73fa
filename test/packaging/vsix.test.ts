// The VSIX as users install it: built with `npm run package` (in test/globalSetup.ts), its file list read back from
// the zip.
import * as path from 'node:path';
import * as yauzl from 'yauzl';
import { describe, expect, it } from 'vitest';

const ROOT = path.join(__dirname, '..', '..');
const VSIX = path.join(ROOT, 'etcd-capacity.vsix');

function listZip(file: string): Promise<string[]> {
  return new Promise((resolve, reject) => {
    yauzl.open(file, { lazyEntries: true }, (error, zip) => {
      if (error || !zip) return reject(error);
      const names: string[] = [];
      zip.on('entry', (entry: yauzl.Entry) => {
        names.push(entry.fileName);
        zip.readEntry();
      });
      zip.on('end', () => resolve(names.sort()));
      zip.on('error', reject);
      zip.readEntry();
    });
  });
}

describe('npm run package', () => {
  it('builds a VSIX holding only the bundles, schemas, README, LICENSE and icon', async () => {
    const files = await listZip(VSIX);
    expect(files).toEqual(
      [
        '[Content_Types].xml',
        'extension.vsixmanifest',
        'extension/LICENSE.txt',
        'extension/client/out/extension.js',
        'extension/images/icon.png',
        'extension/package.json',
        'extension/readme.md',
        'extension/schemas/etcd-config.schema.json',
        'extension/schemas/topology.schema.json',
        'extension/server/out/checkWorker.js',
        'extension/server/out/cli.js',
        'extension/server/out/server.js',
      ].sort(),
    );
  });
});
