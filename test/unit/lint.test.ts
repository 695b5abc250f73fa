// The habits the tree keeps: typescript-eslint reports nothing and every source file is as prettier
// prints it (so no line runs past its 120 columns). Run here so `npm test` fails on either.
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { ESLint } from 'eslint';
import * as prettier from 'prettier';
import { describe, expect, it } from 'vitest';

const root = resolve(__dirname, '../..');

function sourceFiles(): string[] {
  // Tracked and untracked-but-not-ignored files, so a fresh file is checked before it is committed.
  const listed = execFileSync('git', ['ls-files', '--cached', '--others', '--exclude-standard'], {
    cwd: root,
    encoding: 'utf8',
  });
  return listed.split('\n').filter((file) => /\.(ts|mjs|js|cjs)$/.test(file));
}

describe('lint and format', () => {
  it('eslint reports no problem anywhere in the tree', { timeout: 180_000 }, async () => {
    const eslint = new ESLint({ cwd: root });
    const results = await eslint.lintFiles(['.']);
    const problems = results.flatMap((result) =>
      result.messages.map(
        (m) => `${result.filePath.slice(root.length + 1)}:${m.line}:${m.column} ${m.ruleId} ${m.message}`,
      ),
    );
    expect(problems).toEqual([]);
    expect(results.length).toBeGreaterThan(100);
  });

  it('every source file is formatted by prettier', { timeout: 180_000 }, async () => {
    const unformatted: string[] = [];
    let checked = 0;
    for (const file of sourceFiles()) {
      const path = resolve(root, file);
      const info = await prettier.getFileInfo(path, { ignorePath: resolve(root, '.prettierignore') });
      if (info.ignored || !info.inferredParser) continue;
      const options = await prettier.resolveConfig(path);
      checked++;
      if (!(await prettier.check(readFileSync(path, 'utf8'), { ...options, filepath: path }))) unformatted.push(file);
    }
    expect(unformatted).toEqual([]);
    expect(checked).toBeGreaterThan(100);
  });
});
