import { describe, expect, it } from 'vitest';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { recogniseFile } from '../../../server/src/analysis/recognisers';
import { buildEtcdConfigSchema } from '../../../server/src/analysis/etcdKeys';
import { configs, fixture, r, textAt } from './helpers';

describe('etcd config file', () => {
  const text = fixture('etcd-config-misspelt.yaml');
  const res = recogniseFile(text);
  const byCode = (code: string) => res.findings.filter((f) => f.code === code);

  it('is recognised by its keys despite the misspelt one', () => {
    const [c] = configs(res.facts);
    expect(c!.recogniser).toBe('etcd-config-file');
    expect(c!.memberName?.value).toBe('infra0');
    expect(c!.memberCount).toMatchObject({ value: 2, source: 'initial-cluster' });
    expect(c!.electionMs?.value).toBe(1000);
    expect(c!.heartbeatMs).toBeUndefined(); // misspelt: etcd ignores it
    expect(setOf(c!.settings.map((s) => s.origin))).toEqual(['config-file']);
  });

  it('misspelt key: warning, suggestion and rename fix on the key', () => {
    const [f] = byCode('unknown-config-key');
    expect(f!.severity).toBe('warning');
    expect(f!.message).toContain('`heartbeat-interval`');
    expect(r(f!.range)).toBe('3:0-3:17');
    expect(f!.fixes![0]!.edits[0]).toEqual({ range: f!.range, newText: 'heartbeat-interval' });
    expect(f!.docsUrl).toMatch(/^https:\/\/etcd\.io\/docs\/v3\.6\/op-guide\/configuration/);
  });

  it('duration fix, quoting fix, URL list fix, deprecated key, unsafe-no-fsync (YAML 1.1 yes)', () => {
    const values = byCode('invalid-config-value');
    const dur = values.find((f) => f.message.includes('watch-progress-notify-interval'))!;
    expect(textAt(text, dur.range)).toBe('"10m"');
    expect(dur.fixes![0]!.edits[0]!.newText).toBe('600000000000');
    const ret = values.find((f) => f.message.includes('auto-compaction-retention'))!;
    expect(ret.fixes![0]!.edits[0]!.newText).toBe('"1"');
    const urls = values.find((f) => f.message.includes('listen-client-urls'))!;
    const edit = urls.fixes![0]!.edits[0]!;
    const fixed = applyEdit(text, edit.range, edit.newText);
    expect(fixed).toContain('listen-client-urls: "http://10.0.1.10:2379,http://127.0.0.1:2379"\ninitial-cluster:');
    const dep = byCode('deprecated-config-key')[0]!;
    expect(dep.message).toContain('compaction-batch-limit');
    expect(dep.fixes![0]!.edits[0]!.newText).toBe('compaction-batch-limit');
    const unsafe = byCode('unsafe-no-fsync')[0]!;
    expect(unsafe.severity).toBe('error');
    expect(textAt(text, unsafe.range)).toBe('yes');
  });

  it('stays silent on ordinary YAML with a name and nothing etcd-ish', () => {
    const other = recogniseFile('name: my-app\nversion: 1.2.3\ndescription: not etcd\nreplicas: 3\n');
    expect(other.facts).toEqual([]);
    expect(other.findings).toEqual([]);
  });

  it('a flag-only name used as a config key says where it belongs', () => {
    const res2 = recogniseFile('name: a\ninitial-cluster: a=http://x:2380\ncert-file: /tls.crt\n');
    expect(res2.findings[0]!.message).toMatch(/client-transport-security/);
  });

  it('checks sub-keys of TLS objects', () => {
    const res2 = recogniseFile(
      'name: a\nlisten-peer-urls: https://x:2380\npeer-transport-security:\n  cert-fil: /p.crt\n  client-cert-auth: "true"\n',
    );
    expect(res2.findings.map((f) => f.code)).toEqual(['unknown-config-key', 'invalid-config-value']);
    expect(res2.findings[0]!.fixes![0]!.edits[0]!.newText).toBe('cert-file');
  });
});

describe('etcd config JSON Schema', () => {
  it('schemas/etcd-config.schema.json is generated from the key table (UPDATE_SCHEMAS=1 rewrites it)', () => {
    const file = path.join(__dirname, '../../../schemas/etcd-config.schema.json');
    const generated = JSON.stringify(buildEtcdConfigSchema(), null, 2) + '\n';
    if (process.env.UPDATE_SCHEMAS === '1') fs.writeFileSync(file, generated);
    expect(fs.readFileSync(file, 'utf8')).toBe(generated);
  });
});

function setOf<T>(xs: T[]): T[] {
  return [...new Set(xs)];
}

function applyEdit(
  text: string,
  range: { start: { line: number; character: number }; end: { line: number; character: number } },
  newText: string,
): string {
  const lines = text.split('\n');
  const off = (p: { line: number; character: number }) =>
    lines.slice(0, p.line).reduce((n, l) => n + l.length + 1, 0) + p.character;
  return text.slice(0, off(range.start)) + newText + text.slice(off(range.end));
}
