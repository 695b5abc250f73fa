// The incremental recogniser must give exactly what recogniseFile gives on the whole text: named
// cases for the delicate document boundaries, then generated files and edit sequences.
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { IncrementalRecogniser } from '../../../server/src/analysis/incremental';
import { recogniseFile } from '../../../server/src/analysis/recognisers';
import { splitDocuments, MAX_ANALYSED_CHARS } from '../../../server/src/analysis/documents';
import { applyEdit, edit, yamlFile } from '../../support/yamlArbitraries';

function same(text: string, inc = new IncrementalRecogniser()): IncrementalRecogniser {
  expect(inc.recognise(text)).toStrictEqual(recogniseFile(text));
  return inc;
}

const pod = (hb: number) =>
  `apiVersion: v1\nkind: Pod\nmetadata:\n  name: etcd-a\n  namespace: kube-system\nspec:\n  containers:\n    - name: etcd\n      command:\n        - etcd\n        - --heartbeat-interval=${hb}\n        - --election-timeout=50\n        - --initial-cluster=a=https://1:2380,b=https://2:2380\n`;
const config =
  'name: a # etcd-capacity: topology=prod\nheartbeat-interval: 100\nelection-timeout: 200\nquota-backend-bytes: 99999999999\n';

describe('incremental recognition equals a fresh recogniseFile', () => {
  const cases: Record<string, string> = {
    'plain multi-document': `${pod(100)}---\n${config}---\n${pod(300)}`,
    'comments before the first ---': `# header\n# more\n---\n${config}---\n${pod(10)}`,
    'bare first document': `${config}---\n${pod(10)}`,
    directives: `%YAML 1.1\n---\n${config}...\n%YAML 1.2\n---\n${config}---\nflag: yes\n`,
    'directive in the middle': `${pod(10)}---\n${config}...\n%TAG !e! tag:example.com,2000:\n---\n${config}---\n${pod(20)}`,
    '... end markers': `${config}...\n---\n${pod(10)}...\n# after the end\n...\n---\n${config}`,
    'doc-end without document first': `...\n---\n${config}`,
    CRLF: `${pod(100)}---\n${config}`.replace(/\n/g, '\r\n'),
    '--- inside a block scalar': `data: |\n  text\n---\n${config}--- |\n  literal\n---\nkey: >\n  folded\n---\n${pod(5)}`,
    '--- inside quotes and flow': `a: "open\n---\n${config}b: [1,\n---\n${pod(5)}`,
    'marker lookalikes': `${config}----\n---x\n ---\n---\t\n${pod(5)}`,
    'no trailing newline': `${config}---\n${pod(5)}---`,
    'BOM and tabs': `\ufeff${config}---\n\tname: b\n---\n${config}`,
    'only a comment': '# just a comment\n',
    empty: '',
    'unterminated at a boundary': `a: "x\n---\nb: 'y\n---\n${config}`,
  };
  for (const [name, text] of Object.entries(cases)) {
    it(name, () => {
      const inc = same(text);
      // Again with everything cached, and after an edit in each document.
      same(text, inc);
      for (const at of splitDocuments(text)) same(`${text.slice(0, at + 1)}#${text.slice(at + 1)}`, inc);
    });
  }

  it('splits at every column-0 marker after the first, and not after a directive', () => {
    expect(splitDocuments('a: 1\n---\nb: 2\n---\nc: 3\n')).toEqual([0, 14]);
    expect(splitDocuments('---\na: 1\n---\nb: 2\n')).toEqual([0, 9]);
    expect(splitDocuments('---\na: 1\n...\n%YAML 1.1\n---\nb: 2\n---\nc\n')).toEqual([0]);
    expect(splitDocuments('---\na: |\n  ---\n----\n---x\n')).toEqual([0]);
  });

  it('re-parses only the edited document', () => {
    const docs = Array.from({ length: 50 }, (_, i) => pod(i + 1));
    const text = docs.map((d) => `---\n${d}`).join('');
    const inc = same(text);
    expect(inc.stats).toEqual({ pieces: 50, parsed: 50 });
    const edited = text.replace('--heartbeat-interval=25\n', '--heartbeat-interval=250\n--snapshot-count=5\n');
    same(edited, inc);
    expect(inc.stats).toEqual({ pieces: 50, parsed: 1 });
  });

  it('a file over the size limit: the same documents are analysed either way', () => {
    const doc = `${pod(100)}---\n${'# padding line of a large manifest\n'.repeat(200)}---\n`;
    const text = doc.repeat(Math.ceil((MAX_ANALYSED_CHARS + 100000) / doc.length));
    const res = same(text).recognise(text);
    expect(res.findings[0]!.code).toBe('analysis-limited');
  });
});

describe('an open quote never makes an edit re-parse the rest piece by piece', () => {
  // 400 documents after an unclosed quote: the quote runs on to the end of the file. Joining pieces
  // one at a time parsed the rest 400 times (quadratic); doubling the join keeps it to a few parses.
  const docs = Array.from({ length: 400 }, (_, i) => `apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: c${i}\n`);
  const text = `name: "open\n---\n${docs.join('---\n')}`;

  it('first analysis and an edit after the quote stay within a logarithmic number of parses', () => {
    const inc = same(text);
    expect(inc.stats.parsed).toBeLessThanOrEqual(2 * Math.ceil(Math.log2(400)) + 4);
    const edited = text.replace('name: c300\n', 'name: c300x\n');
    same(edited, inc);
    expect(inc.stats.parsed).toBeLessThanOrEqual(2 * Math.ceil(Math.log2(400)) + 4);
  });

  it('a stray quote in every document: as many pieces parsed as a fresh split needs, results identical', () => {
    const stray = Array.from(
      { length: 300 },
      (_, i) => `kind: ConfigMap\nmetadata:\n  name: "c${i}\ndata:\n  k: v\n`,
    ).join('---\n');
    const inc = same(stray);
    expect(inc.stats.parsed).toBeLessThanOrEqual(2 * splitDocuments(stray).length);
  });
});

// Thousands of generated runs: the timeout guards against a stall, it does not measure speed (a busy
// 2-core CI machine takes several times a quiet one's figure).
describe('the sliced first analysis (warm) of binary and very large texts', () => {
  it('a NUL anywhere, even at the very end, is binary: warm parses nothing, as recogniseFile does', () => {
    const text = `${'key: value\n'.repeat(100_000)}\u0000`;
    const inc = new IncrementalRecogniser();
    // A deadline already passed: nothing would be parsed in time, yet the answer is "ready".
    expect(inc.warm(text, 0)).toBe(true);
    const res = inc.recognise(text);
    expect(inc.stats.parsed).toBe(0);
    expect(res).toEqual(recogniseFile(text));
    expect(res.findings.map((f) => f.message)).toEqual([expect.stringMatching(/not a text YAML file/)]);
  });

  it('each slice goes on where the last stopped (one piece per call at the least) and nothing is parsed twice', () => {
    const docs = Array.from({ length: 300 }, (_, i) => `apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: c${i}\n`);
    const text = `---\n${docs.join('---\n')}`;
    const inc = new IncrementalRecogniser();
    let calls = 1;
    while (!inc.warm(text, 0) && calls < 1000) calls++;
    expect(calls).toBeLessThanOrEqual(splitDocuments(text).length + 1);
    inc.recognise(text);
    expect(inc.stats.parsed).toBe(0);
  });

  it('only pieces that start within the size limit are listed, whatever the length of the text', () => {
    const doc = 'apiVersion: v1\nkind: ConfigMap\n---\n';
    const text = doc.repeat(Math.ceil((4 * MAX_ANALYSED_CHARS) / doc.length));
    const starts = splitDocuments(text);
    expect(starts[starts.length - 1]).toBeLessThanOrEqual(MAX_ANALYSED_CHARS);
    expect(starts[starts.length - 1]).toBeGreaterThan(MAX_ANALYSED_CHARS - doc.length);
  });
});

describe('incremental recognition (property tests)', { timeout: 240_000 }, () => {
  it('generated files: incremental === fresh', () => {
    fc.assert(
      fc.property(yamlFile, (text) => {
        same(text);
      }),
      { numRuns: 3000 },
    );
  });

  it('edit sequences: after every edit, incremental === fresh', () => {
    fc.assert(
      fc.property(yamlFile, fc.array(edit, { minLength: 1, maxLength: 6 }), (start, edits) => {
        const inc = same(start);
        let text = start;
        for (const e of edits) {
          text = applyEdit(text, e).text;
          same(text, inc);
        }
      }),
      { numRuns: 1500 },
    );
  });
});
