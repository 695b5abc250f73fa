import { describe, expect, it } from 'vitest';
import { analyzeFile, analyzeRecognised } from '../../../server/src/analysis/analyze';
import { RULES } from '../../../server/src/analysis/rules';
import { DEFAULT_SETTINGS, resolveSettings } from '../../../server/src/analysis/settings';
import { parseSuppressions } from '../../../server/src/analysis/suppression';
import type { DocumentFact, EtcdConfigFact } from '../../../server/src/analysis/types';
import { TopologyIndex } from '../../../server/src/analysis/workspace';
import { config, topology } from '../rules/facts';
import { codes, only, runFacts } from '../rules/run';

const KUBEADM = `apiVersion: kubeadm.k8s.io/v1beta4
kind: ClusterConfiguration
etcd:
  local:
    extraArgs:
      - name: heartbeat-interval
        value: "300"
      - name: election-timeout
        value: "1200"
      - name: initial-cluster
        value: cp1=https://10.0.0.11:2380,cp2=https://10.0.0.12:2380,cp3=https://10.0.0.13:2380,cp4=https://10.0.0.14:2380
`;

const CONFIG_FILE = `name: infra-1
heartbeat-interval: 100
election-timeout: 1000
quota-backend-bytes: 12884901888
initial-cluster: infra-1=https://10.0.0.1:2380,infra-2=https://10.0.0.2:2380,infra-3=https://10.0.0.3:2380
`;

describe('analyzeFile on YAML text', () => {
  it('reports kubeadm extraArgs timers below 5 × heartbeat and an even initial-cluster, on the values', () => {
    const r = analyzeFile('file:///kubeadm.yaml', KUBEADM);
    const five = only(r.findings, 'election-timeout-below-5x-heartbeat');
    expect(five).toHaveLength(1);
    expect(five[0].severity).toBe('error');
    expect(five[0].message).toContain(
      '--election-timeout[1200ms] should be at least as 5 times as --heartbeat-interval[300ms]',
    );
    expect(five[0].range.start.line).toBe(8);
    // extraArgs values are strings: the fix keeps the quotes
    expect(five[0].fixes?.[0].edits[0].newText).toBe('"3000"');
    const even = only(r.findings, 'even-member-count');
    expect(even).toHaveLength(1);
    expect(even[0].range.start.line).toBe(10);
    expect(r.facts.length).toBeGreaterThan(0);
    expect(r.recognised.documentCount).toBe(1);
  });

  it('reports a quota above 8 GiB in an etcd config file, with a fix', () => {
    const q = only(analyzeFile('file:///etcd.conf.yml', CONFIG_FILE).findings, 'quota-above-8gib');
    expect(q).toHaveLength(1);
    expect(q[0].range.start).toMatchObject({ line: 3, character: 21 });
    expect(q[0].fixes?.[0].edits[0].newText).toBe('8589934592');
  });

  it('a healthy 3-member config file with default timers has no findings', () => {
    const text = CONFIG_FILE.replace('quota-backend-bytes: 12884901888\n', '');
    expect(analyzeFile('file:///etcd.conf.yml', text).findings).toEqual([]);
  });

  it('a config file gets RTT rules from a workspace topology naming its members', () => {
    const index = new TopologyIndex();
    index.update('file:///topo.yaml', [
      topology({
        name: 'infra',
        sites: ['a', 'b', 'c'],
        links: [
          { sites: ['a', 'b'], rttMs: 150, line: 12 },
          { sites: ['a', 'c'], rttMs: 5 },
          { sites: ['b', 'c'], rttMs: 5 },
        ],
        members: [
          { name: 'infra-1', site: 'a' },
          { name: 'infra-2', site: 'b' },
          { name: 'infra-3', site: 'c' },
        ],
      }),
    ]);
    const f = only(
      analyzeFile('file:///etcd.conf.yml', CONFIG_FILE, {}, index).findings,
      'election-timeout-below-10x-rtt',
    );
    expect(f).toHaveLength(1);
    expect(f[0].range.start).toMatchObject({ line: 2, character: 18 });
    expect(f[0].related?.[0]).toMatchObject({ uri: 'file:///topo.yaml', range: { start: { line: 12 } } });
  });

  it('odd text: a syntax or value finding where YAML or etcd rejects it, silence where it is valid', () => {
    const codes = (text: string) =>
      analyzeFile('file:///odd.yaml', text).findings.map((f) => `${f.code} ${f.severity}`);
    for (const valid of ['', ':::', '---\n---\n']) expect(codes(valid), JSON.stringify(valid)).toEqual([]);
    expect(codes('- [')).toEqual(['yaml-syntax error']);
    expect(codes('a: &x *x')).toEqual(['yaml-syntax error']);
    expect(analyzeFile('file:///odd.yaml', '\t\u0000').findings.map((f) => f.message)).toEqual([
      expect.stringMatching(/not a text YAML file/),
    ]);
    expect(analyzeFile('file:///odd.yaml', 'initial-cluster: 5\nname: {}').findings.map((f) => f.message)).toEqual([
      expect.stringMatching(/^`initial-cluster` must be a string/),
      expect.stringMatching(/^`name` must be a string/),
    ]);
  });
});

describe('suppression comments', () => {
  it('disable-next-line drops the named rule on the next line only', () => {
    const text = KUBEADM.replace(
      '      - name: election-timeout\n        value: "1200"',
      '      - name: election-timeout\n        # etcd-capacity-disable-next-line election-timeout-below-5x-heartbeat\n        value: "1200"',
    );
    const r = analyzeFile('file:///k.yaml', text);
    expect(only(r.findings, 'election-timeout-below-5x-heartbeat')).toEqual([]);
    expect(only(r.findings, 'even-member-count')).toHaveLength(1);
  });

  it('disable-line (trailing comment) drops findings on that line', () => {
    const text = CONFIG_FILE.replace(
      'quota-backend-bytes: 12884901888',
      'quota-backend-bytes: 12884901888 # etcd-capacity-disable-line quota-above-8gib -- sized for the CI cluster',
    );
    expect(only(analyzeFile('file:///etcd.conf.yml', text).findings, 'quota-above-8gib')).toEqual([]);
  });

  it('disable with codes silences them in the whole file; without codes every rule', () => {
    const some = analyzeFile(
      'file:///k.yaml',
      '# etcd-capacity-disable even-member-count, quota-above-8gib\n' + KUBEADM,
    );
    expect(codes(some.findings)).toEqual(['election-timeout-below-5x-heartbeat']);
    expect(analyzeFile('file:///k.yaml', KUBEADM + '# etcd-capacity-disable\n').findings).toEqual([]);
  });

  it('parses codes separated by commas and spaces, and ignores other comments', () => {
    const s = parseSuppressions([
      { line: 1, text: '# etcd-capacity-disable-next-line a, b c' },
      { line: 5, text: '# just a comment about etcd-capacity' },
      { line: 7, text: '#etcd-capacity-disable-line' },
    ]);
    expect(s.file).toBeUndefined();
    expect([...(s.lines.get(2) as Set<string>)]).toEqual(['a', 'b', 'c']);
    expect(s.lines.get(7)).toBe('all');
    expect(s.lines.has(6)).toBe(false);
  });
});

describe('settings', () => {
  it('turns a rule off', () => {
    const r = analyzeFile('file:///k.yaml', KUBEADM, { rules: { 'even-member-count': { enabled: false } } });
    expect(only(r.findings, 'even-member-count')).toEqual([]);
    expect(only(r.findings, 'election-timeout-below-5x-heartbeat')).toHaveLength(1);
  });

  it('overrides a severity, also for recogniser findings', () => {
    const r = analyzeFile('file:///k.yaml', KUBEADM, { rules: { 'even-member-count': { severity: 'error' } } });
    expect(only(r.findings, 'even-member-count')[0].severity).toBe('error');
    const typo = analyzeFile('file:///e.yml', 'name: a\nhearbeat-interval: 100\n', {
      rules: { 'unknown-config-key': { severity: 'hint' } },
    });
    expect(only(typo.findings, 'unknown-config-key')[0]?.severity).toBe('hint');
  });

  it('fills defaults and rejects malformed thresholds', () => {
    expect(resolveSettings(undefined)).toEqual({ ...DEFAULT_SETTINGS, rules: {} });
    const s = resolveSettings({ rttLimitMs: Number.NaN, fsyncWarnMs: -1, defaultRttMs: 0 } as never);
    expect(s.rttLimitMs).toBe(50);
    expect(s.fsyncWarnMs).toBe(10);
    expect(s.defaultRttMs).toBeUndefined();
  });
});

describe('robustness', () => {
  it('reports a failing rule as analysis-error and still runs the others', () => {
    const rule = RULES.find((r) => r.code === 'quota-above-8gib')!;
    const original = rule.check;
    (rule as { check: typeof original }).check = () => {
      throw new Error('boom');
    };
    try {
      const f = runFacts([config({ initialCluster: ['a', 'b', 'c', 'd'], quotaBackendBytes: 99e9 })]);
      expect(codes(f)).toContain('even-member-count');
      const err = only(f, 'analysis-error');
      expect(err).toHaveLength(1);
      expect(err[0].severity).toBe('information');
      expect(err[0].message).toContain('quota-above-8gib');
    } finally {
      (rule as { check: typeof original }).check = original;
    }
  });

  it('survives facts with missing and non-finite values', () => {
    const broken = {
      type: 'etcd-config',
      recogniser: 'pod',
      documentIndex: 0,
      range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } },
      label: 'Pod',
      settings: [],
      heartbeatMs: { value: Number.NaN, range: { start: { line: 1, character: 0 }, end: { line: 1, character: 1 } } },
      memberCount: {
        value: 0,
        range: { start: { line: 2, character: 0 }, end: { line: 2, character: 1 } },
        source: 'size',
      },
      initialCluster: { value: [], range: { start: { line: 3, character: 0 }, end: { line: 3, character: 1 } } },
    } as unknown as EtcdConfigFact;
    const emptyTopology = {
      type: 'topology',
      documentIndex: 0,
      range: broken.range,
      name: { value: 'x', range: broken.range },
      sites: [],
      links: [],
      members: [],
      clients: [],
    } as unknown as DocumentFact;
    const f = runFacts([
      broken,
      emptyTopology,
      topology({ sites: ['a'], links: [{ sites: ['a', 'b'], rttMs: Number.NaN }], members: [{ name: '', site: '' }] }),
    ]);
    expect(only(f, 'analysis-error')).toEqual([]);
  });

  it('registers every code that rules and recognisers report, with docs and descriptions', () => {
    const all = new Set(RULES.map((r) => r.code));
    for (const code of [
      'yaml-syntax',
      'schema',
      'unknown-config-key',
      'invalid-config-value',
      'deprecated-config-key',
      'unsafe-no-fsync',
      'analysis-error',
    ]) {
      expect(all.has(code)).toBe(true);
    }
    expect(all.size).toBe(RULES.length);
    for (const r of RULES) {
      expect(r.docsUrl).toMatch(/^https:\/\//);
      expect(r.description.length).toBeGreaterThan(10);
    }
  });

  it('analyzeRecognised accepts a recogniser result without comments', () => {
    const r = analyzeRecognised('file:///x', '# etcd-capacity-disable\n', {
      facts: [config({ memberCount: 4 })],
      findings: [],
      documentCount: 1,
    } as never);
    expect(r.findings).toEqual([]);
  });
});

describe('large inputs', () => {
  // Speed is measured by `npm run bench`; this checks the rules still work at scale.
  it('handles 300 configs of one cluster and a 60-site topology', () => {
    const names = Array.from({ length: 300 }, (_, i) => `m${i}`);
    const configs = names.map((n, i) =>
      config({ name: n, initialCluster: names.slice(0, 5), electionMs: 1000 + (i % 2), heartbeatMs: 100 }),
    );
    const sites = Array.from({ length: 60 }, (_, i) => `s${i}`);
    const big = topology({
      sites,
      links: sites.slice(1).map((s, i) => ({ sites: [sites[i], s] as [string, string], rttMs: 1 + i })),
      members: sites.flatMap((s) => [0, 1, 2].map((k) => ({ name: `${s}-${k}`, site: s }))),
    });
    const f = runFacts([...configs, big]);
    expect(only(f, 'timing-mismatch').length).toBeGreaterThan(0);
  });
});
