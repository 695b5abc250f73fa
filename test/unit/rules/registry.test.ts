// One registry: every finding's severity and documentation link come from the rule that reports it, and
// SARIF's rule metadata says the same. (The README's table is checked in test/unit/readme.test.ts.)
import * as fs from 'node:fs';
import * as path from 'node:path';
import { describe, expect, it } from 'vitest';
import { analyzeFile } from '../../../server/src/analysis/analyze';
import { DOCS } from '../../../server/src/analysis/docs';
import { RULES, ruleByCode } from '../../../server/src/analysis/rules';
import type { Finding } from '../../../server/src/analysis/types';
import { toSarif, type FileFinding } from '../../../server/src/cli/sarif';

const ROOT = path.join(__dirname, '..', '..', '..');

function yamlFiles(dir: string): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const p = path.join(dir, e.name);
    if (e.isDirectory()) return yamlFiles(p);
    return /\.ya?ml$/.test(e.name) ? [p] : [];
  });
}

/** Inputs that reach each graded finding (flags, config-file keys, env vars, deprecated and removed keys). */
const CRAFTED: Record<string, string> = {
  'pod-unknown-flag.yaml': [
    'apiVersion: v1',
    'kind: Pod',
    'metadata: {name: etcd, namespace: kube-system}',
    'spec:',
    '  containers:',
    '  - name: etcd',
    '    image: registry.k8s.io/etcd:3.5.15-0',
    '    command: [etcd, --name=m1, --heartbeat-intervall=100, --snapshot-count=10000, --enable-v2=true]',
    '    env:',
    '    - {name: ETCD_HEARTBEAT_INTERVALL, value: "100"}',
  ].join('\n'),
  'etcd.conf.yml': [
    'name: m1',
    'initial-cluster: m1=https://10.0.0.1:2380',
    'heartbeat-intervall: 100',
    'enable-v2: true',
    'snapshot-count: 10000',
    'a: 1',
    'a: 2',
    'strict-reconfig-check: yes',
  ].join('\n'),
  'topology.yaml': [
    'apiVersion: etcd-capacity/v1alpha1',
    'kind: EtcdTopology',
    'metadata: {name: t}',
    'spec:',
    '  sites: [{name: a}]',
    '  links: [{sites: [a, a], rttMs: 0.4}]',
    '  members:',
    '  - {name: m1, site: a, storage: {type: nvme, fsyncMs: 5}}',
    '  - {name: m2, site: a, storage: {type: nvme, fsyncMs: 5}}',
    '  - {name: m3, site: a, storage: {type: nvme, fsyncMs: 5}}',
    '  clients: [{site: a}]',
  ].join('\n'),
};

function allFindings(): { file: string; finding: Finding }[] {
  const out: { file: string; finding: Finding }[] = [];
  const inputs: [string, string][] = [
    ...[...yamlFiles(path.join(ROOT, 'examples')), ...yamlFiles(path.join(ROOT, 'test', 'fixtures'))].map(
      (f) => [f, fs.readFileSync(f, 'utf8')] as [string, string],
    ),
    ...Object.entries(CRAFTED),
  ];
  for (const [file, text] of inputs) {
    for (const finding of analyzeFile(`file:///${path.basename(file)}`, text, { defaultRttMs: 20 }).findings)
      out.push({ file, finding });
  }
  return out;
}

describe('rule registry', () => {
  const found = allFindings();

  it('covers the graded findings the crafted inputs reach', () => {
    const codes = new Set(found.map((f) => f.finding.code));
    for (const code of ['unknown-config-key', 'deprecated-config-key', 'yaml-syntax', 'slow-fsync', 'single-member'])
      expect(codes).toContain(code);
  });

  it('reports each finding at a severity its rule registers, with a link from the one table', () => {
    const links = new Set<string>(Object.values(DOCS));
    for (const { file, finding } of found) {
      const rule = ruleByCode(finding.code);
      expect(rule, `${file}: ${finding.code}`).toBeDefined();
      const registered = [rule!.defaultSeverity, rule!.lesser?.severity].filter(Boolean);
      expect(registered, `${path.basename(file)}: ${finding.code} ${finding.message}`).toContain(finding.severity);
      expect(links.has(finding.docsUrl), `${finding.code}: ${finding.docsUrl}`).toBe(true);
    }
    for (const rule of RULES) expect(links.has(rule.docsUrl), rule.code).toBe(true);
  });

  it('says in SARIF what the registry says', () => {
    const sarif = toSarif(
      found.map(({ file, finding }): FileFinding => ({ ...finding, file: path.basename(file) })),
      '0.0.0',
    );
    const level = { error: 'error', warning: 'warning', information: 'note', hint: 'note' } as const;
    const described = sarif.runs[0]!.tool.driver.rules!;
    expect(described.map((r) => r.id)).toEqual(RULES.map((r) => r.code));
    for (const r of described)
      expect(r.defaultConfiguration?.level, r.id).toBe(level[ruleByCode(r.id)!.defaultSeverity]);
    for (const result of sarif.runs[0]!.results!) {
      const rule = ruleByCode(result.ruleId!)!;
      expect(
        [rule.defaultSeverity, rule.lesser?.severity].filter(Boolean).map((s) => level[s!]),
        result.ruleId,
      ).toContain(result.level);
    }
  });
});
