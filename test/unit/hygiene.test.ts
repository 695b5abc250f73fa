// No absolute paths of one machine in code, comments, docs, tests or scripts: they mean nothing in a
// contributor's checkout (a test that needs a scratch folder asks os.tmpdir()).
import * as fs from 'node:fs';
import * as path from 'node:path';
import { describe, expect, it } from 'vitest';

const ROOT = path.join(__dirname, '..', '..');
const SKIP = new Set(['node_modules', 'out', '.e2e', 'test-output']);
const TEXT = /\.(ts|js|mjs|cjs|md|json|sh|ya?ml)$/;

function files(dir: string): string[] {
  return fs.readdirSync(path.join(ROOT, dir), { withFileTypes: true }).flatMap((e) => {
    if (SKIP.has(e.name)) return [];
    const p = path.join(dir, e.name);
    if (e.isDirectory()) return files(p);
    return TEXT.test(e.name) ? [p] : [];
  });
}

describe('the tree', () => {
  it('names no absolute machine path (under work, root or tmp at the root)', () => {
    const all = [
      ...['server/src', 'client/src', 'shared', 'docs', 'test', 'scripts'].flatMap(files),
      'README.md',
      'ARCHITECTURE.md',
      'package.json',
    ];
    const found: string[] = [];
    for (const file of all) {
      const lines = fs.readFileSync(path.join(ROOT, file), 'utf8').split('\n');
      lines.forEach((line, i) => {
        if (/(^|[^\w.~-])\/(work|root|tmp)\//.test(line)) found.push(`${file}:${i + 1}: ${line.trim().slice(0, 120)}`);
      });
    }
    expect(found).toEqual([]);
  });
});
