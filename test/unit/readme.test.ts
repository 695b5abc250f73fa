// The README documents every rule and every setting the extension has (so it stays true as they change).
import * as fs from 'node:fs';
import * as path from 'node:path';
import { describe, expect, it } from 'vitest';
import { RULES } from '../../server/src/analysis/rules';
import { rulesTable } from '../../scripts/rulesTable';

const ROOT = path.join(__dirname, '..', '..');
const readme = fs.readFileSync(path.join(ROOT, 'README.md'), 'utf8');
const manifest = JSON.parse(fs.readFileSync(path.join(ROOT, 'package.json'), 'utf8'));

describe('README', () => {
  it('lists every rule code with its documentation link', () => {
    for (const rule of RULES) {
      const row = readme.split('\n').find((l) => l.startsWith(`| \`${rule.code}\` |`));
      expect(row, rule.code).toBeDefined();
      expect(row).toContain(rule.docsUrl);
    }
  });

  it('holds the rule table the registry builds (code, severity, description, link; `npm run docs:rules` writes it)', () => {
    expect(readme).toContain(rulesTable(RULES));
  });

  it('documents every contributed setting', () => {
    for (const key of Object.keys(manifest.contributes.configuration.properties))
      expect(readme, key).toContain(`\`${key}\``);
  });

  it('says which suites `npm run test:unit` runs: the unit tests only, as its name says', () => {
    expect(manifest.scripts['test:unit']).toBe('vitest run test/unit');
    expect(readme).toContain('`npm run test:unit`');
  });

  it('starts with the two commands CI and newcomers run', () => {
    expect(readme).toContain('npm ci && npm run review');
    expect(readme).toContain('npm ci && npm test');
    expect(fs.readFileSync(path.join(ROOT, '.ci', 'run'), 'utf8')).toContain('npm ci && npm test');
  });
});
