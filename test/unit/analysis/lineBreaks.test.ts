// Lines end at `\r\n`, a lone `\r` or `\n`, everywhere: the analysis, suppression comments, quick fixes
// and completion count the same lines an editor does; completion finds the document holding the cursor
// with the analysis' own document starts (`...` and directives included).
import { describe, expect, it } from 'vitest';
import { analyzeFile } from '../../../server/src/analysis/analyze';
import { IncrementalRecogniser } from '../../../server/src/analysis/incremental';
import { recogniseFile } from '../../../server/src/analysis/recognisers';
import { completions } from '../../../server/src/protocol/completion';
import { suppressionActions } from '../../../server/src/protocol/convert';

const CONFIG = [
  '# etcd-capacity-disable-next-line deprecated-config-key',
  'enable-v2: true',
  'name: m1',
  'initial-cluster: m1=https://a:2380,m2=https://b:2380',
  'heartbeat-intervall: 100',
  'election-timeout: 400',
  'heartbeat-interval: 100',
  '',
].join('\n');

const withBreak = (text: string, nl: string) => text.replace(/\n/g, nl);

describe('line breaks', () => {
  it.each([['\r'], ['\r\n']])('analyses a file with %j line breaks as the same file with \\n', (nl) => {
    const expected = analyzeFile('file:///etcd.conf.yml', CONFIG).findings;
    expect(expected.map((f) => f.code).sort()).toEqual([
      'election-timeout-below-5x-heartbeat',
      'even-member-count',
      'unknown-config-key',
    ]);
    const text = withBreak(CONFIG, nl);
    const found = analyzeFile('file:///etcd.conf.yml', text).findings;
    expect(found.map(({ code, range, severity }) => ({ code, range, severity }))).toEqual(
      expected.map(({ code, range, severity }) => ({ code, range, severity })),
    );
    expect(new IncrementalRecogniser().recognise(text)).toEqual(recogniseFile(text));
  });

  it('puts a suppression comment above the finding’s line, with the file’s line break', () => {
    const text = withBreak(CONFIG, '\r');
    const finding = analyzeFile('file:///etcd.conf.yml', text).findings.find((f) => f.code === 'unknown-config-key')!;
    const [line] = suppressionActions('file:///etcd.conf.yml', text, {
      range: finding.range,
      message: '',
      code: finding.code,
    });
    const edit = line!.edit!.changes!['file:///etcd.conf.yml']![0]!;
    expect(edit.range.start).toEqual({ line: 4, character: 0 });
    expect(edit.newText).toBe('# etcd-capacity-disable-next-line unknown-config-key\r');
  });

  const TOPOLOGY = [
    'apiVersion: etcd-capacity/v1alpha1',
    'kind: EtcdTopology',
    'metadata: {name: t}',
    'spec:',
    '  sites: [{name: a}]',
    '  links: [{sites: [a, a], rttMs: 1}]',
    '  members: [{name: m1, site: a}]',
  ];
  const ETCD_CONFIG = ['name: m1', 'heartbeat-interval: 100', ''];

  it.each([
    ['a document ended by ...', [...TOPOLOGY, '...', ...ETCD_CONFIG]],
    ['a directive before the next document', [...TOPOLOGY, '...', '%YAML 1.2', '---', ...ETCD_CONFIG]],
    ['lone CR line breaks', [...TOPOLOGY, '---', ...ETCD_CONFIG]],
  ])('completes etcd config keys in the config document after %s', (_, lines) => {
    const text = lines.join(_ === 'lone CR line breaks' ? '\r' : '\n');
    const { facts, recognised } = analyzeFile('file:///two.yaml', text);
    expect(facts.map((f) => f.type)).toEqual(['topology', 'etcd-config']);
    const labels = completions(text, { line: lines.length - 1, character: 0 }, facts, recognised.docStartLines).map(
      (c) => c.label,
    );
    expect(labels).toContain('election-timeout');
    expect(labels).not.toContain('apiVersion');
  });
});
