// The extension relies on the server pulling settings: its client options carry no deprecated
// `synchronize.configurationSection` (the server registers for didChangeConfiguration itself;
// test/protocol/clientCapabilities.test.ts checks the registration and the re-pull).
import { describe, expect, it } from 'vitest';
import * as fs from 'node:fs';
import * as path from 'node:path';

const EXTENSION = path.join(__dirname, '..', '..', 'client', 'src', 'extension.ts');

describe('language client options', () => {
  it('do not synchronize a configuration section', () => {
    const code = fs
      .readFileSync(EXTENSION, 'utf8')
      .split('\n')
      .filter((line) => !line.trim().startsWith('//'))
      .join('\n');
    expect(code).toContain('clientOptions: LanguageClientOptions');
    expect(code).not.toMatch(/synchronize\s*:/);
    expect(code).not.toMatch(/configurationSection/);
  });
});
