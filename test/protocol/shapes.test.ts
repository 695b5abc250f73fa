// Every recognised shape (test/fixtures/recognisers/shapes) over the real protocol: the built server publishes,
// for each file, exactly the findings the analysis reports (code, severity, range, message), so no shape is
// recognised by the analysis but lost or altered on its way to the editor. Compose files are also sent with the
// Docker extension's language id `dockercompose`, and under an untitled URI where only the language id says YAML.
import * as fs from 'node:fs';
import * as path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { analyzeFile } from '../../server/src/analysis/analyze';
import { LspTestClient } from './lspClient';

const DIR = path.join(__dirname, '..', 'fixtures', 'recognisers', 'shapes');
const FILES = fs
  .readdirSync(DIR)
  .filter((f) => /\.ya?ml$/.test(f))
  .sort();
const SEVERITY = { error: 1, warning: 2, information: 3, hint: 4 } as const;

type Seen = { code: string; severity: number | undefined; at: string; message: string };
const at = (r: { start: { line: number; character: number }; end: { line: number; character: number } }): string =>
  `${r.start.line}:${r.start.character}-${r.end.line}:${r.end.character}`;
const sorted = (xs: Seen[]): Seen[] => [...xs].sort((a, b) => (a.at + a.code).localeCompare(b.at + b.code));

describe('every shape over the protocol', () => {
  const client = new LspTestClient();
  beforeAll(async () => {
    await client.initialize();
  });
  afterAll(async () => {
    await client.dispose();
  });

  it('there are shapes to check', () => {
    expect(FILES.length).toBeGreaterThanOrEqual(15);
  });

  for (const file of FILES) {
    it(file, async () => {
      const text = fs.readFileSync(path.join(DIR, file), 'utf8');
      const uri = `file:///shapes/${file}`;
      const expected = analyzeFile(uri, text).findings.map((f) => ({
        code: f.code,
        severity: SEVERITY[f.severity],
        at: at(f.range),
        message: f.message,
      }));
      const published = (await client.open(uri, text)).map((d) => ({
        code: String(d.code),
        severity: d.severity,
        at: at(d.range),
        message: d.message,
      }));
      expect(sorted(published)).toEqual(sorted(expected));
      await client.close(uri);
    });
  }

  it('compose files with the language id dockercompose, also untitled', async () => {
    const text = fs.readFileSync(path.join(DIR, 'docker-compose.yaml'), 'utf8');
    const expected = analyzeFile('file:///x/docker-compose.yaml', text)
      .findings.map((f) => f.code)
      .sort();
    expect(expected.length).toBeGreaterThan(0);
    const asCompose = await client.open('file:///x/compose.yaml', text, 'dockercompose');
    expect(asCompose.map((d) => String(d.code)).sort()).toEqual(expected);
    const untitled = await client.open('untitled:Untitled-7', text, 'dockercompose');
    expect(untitled.map((d) => String(d.code)).sort()).toEqual(expected);
  });
});
