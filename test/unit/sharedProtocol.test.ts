// The client and the server spell the custom request, notification and command names in one module
// (shared/protocol.ts) that both import; no other source file spells them.
import * as fs from 'node:fs';
import * as path from 'node:path';
import { describe, expect, it } from 'vitest';

const ROOT = path.join(__dirname, '..', '..');

function sources(dir: string): string[] {
  return fs.readdirSync(path.join(ROOT, dir), { withFileTypes: true }).flatMap((e) => {
    const p = path.join(dir, e.name);
    if (e.isDirectory()) return sources(p);
    return e.name.endsWith('.ts') ? [p] : [];
  });
}

describe('custom protocol names', () => {
  const files = [...sources('client/src'), ...sources('server/src')];

  it('are spelled only in shared/protocol.ts', () => {
    for (const file of files) {
      const text = fs.readFileSync(path.join(ROOT, file), 'utf8');
      expect(text, file).not.toMatch(/['"`]etcdCapacity\/[A-Za-z]+['"`]/);
      expect(text, file).not.toMatch(/['"`]etcdCapacity\.showEstimate['"`]/);
    }
  });

  it('come from the shared module in both the client and the server', () => {
    const importers = files.filter((f) =>
      /from '(\.\.\/)+shared\/protocol'/.test(fs.readFileSync(path.join(ROOT, f), 'utf8')),
    );
    expect(importers.some((f) => f.startsWith('client/'))).toBe(true);
    expect(importers.some((f) => f.startsWith('server/'))).toBe(true);
  });
});
