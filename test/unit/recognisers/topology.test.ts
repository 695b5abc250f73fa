import { describe, expect, it } from 'vitest';
import { recogniseFile } from '../../../server/src/analysis/recognisers';
import { fixture, r, textAt, topologies } from './helpers';

describe('EtcdTopology', () => {
  it('extracts sites, links, members (with storage risk) and clients with ranges', () => {
    const text = fixture('topology.yaml');
    const res = recogniseFile(text);
    expect(res.findings).toEqual([]);
    const [t] = topologies(res.facts);
    expect(t!.name.value).toBe('prod');
    expect([t!.heartbeatMs?.value, t!.electionMs?.value]).toEqual([100, 1000]);
    expect(t!.sites.map((s) => [s.name.value, s.arbiter])).toEqual([
      ['dc-a', false],
      ['dc-b', false],
      ['arbiter', true],
    ]);
    expect(t!.links[0]).toMatchObject({ sites: ['dc-a', 'dc-b'], rttMs: { value: 8 }, jitterMs: { value: 1 } });
    expect(textAt(text, t!.links[0]!.rttMs.range)).toBe('8');
    expect(t!.members.map((m) => [m.name.value, m.site.value, m.learner, m.storageRisk, m.fsyncMs?.value])).toEqual([
      ['a-1', 'dc-a', false, 'local', 0.4],
      ['b-1', 'dc-b', false, 'network-filesystem', 4],
      ['t-1', 'arbiter', true, 'cloud-hdd', 9],
    ]);
    expect(t!.members[1]!.fsyncP99Ms?.value).toBe(12);
    expect(r(t!.members[0]!.name.range)).toBe('18:12-18:15');
    expect(textAt(text, t!.membersKeyRange!)).toBe('members');
    expect(t!.clients[0]).toMatchObject({ site: { value: 'dc-a' }, via: { value: 'a-1' } });
  });

  it('a second link between the same sites (either order) is an error naming the first; the first counts', () => {
    const text = `apiVersion: etcd-capacity/v1alpha1\nkind: EtcdTopology\nmetadata: {name: t}\nspec:\n  sites: [{name: a}, {name: b}]\n  links:\n    - {sites: [a, b], rttMs: 5}\n    - {sites: [b, a], rttMs: 500}\n`;
    const res = recogniseFile(text);
    const dup = res.findings.filter((f) => f.message.includes('already have a link'));
    expect(dup.map((f) => [f.code, f.severity, r(f.range), f.message.includes('line 7')])).toEqual([
      ['schema', 'error', '7:6-7:33', true],
    ]);
    expect(topologies(res.facts)[0]!.links.map((l) => l.rttMs.value)).toEqual([5]);
  });

  it('.inf, .nan and 1e400 are errors on the value, not silently dropped figures', () => {
    const text = `apiVersion: etcd-capacity/v1alpha1\nkind: EtcdTopology\nmetadata: {name: t}\nspec:\n  etcd: {heartbeatIntervalMs: .inf}\n  sites: [{name: a}, {name: b}]\n  links:\n    - {sites: [a, b], rttMs: 1e400}\n    - {sites: [a, a], rttMs: .nan}\n`;
    const res = recogniseFile(text);
    expect(
      res.findings
        .filter((f) => f.message.includes('not a finite number'))
        .map((f) => textAt(text, f.range))
        .sort(),
    ).toEqual(['.inf', '.nan']);
    // go-yaml v2 (and so Kubernetes) reads 1e400 as a string: the schema says it is not a number.
    expect(res.findings.some((f) => f.code === 'schema' && textAt(text, f.range) === '1e400')).toBe(true);
  });

  it('schema and semantic findings sit on the offending node', () => {
    const text = fixture('topology-invalid.yaml');
    const res = recogniseFile(text);
    const at = res.findings.map((f) => [f.code, textAt(text, f.range).split('\n')[0]]);
    expect(at).toEqual([
      ['schema', '"fast"'], // type error on the value
      ['schema', 'speed'], // additionalProperties on the unknown key
      ['schema', 'name: m2'], // required: on the parent (the member item)
      ['schema', 'dc-a'], // duplicate site
      ['schema', 'dc-z'], // member site not among sites
      ['schema', 'nobody'], // client via not a member
    ]);
    expect(res.findings.every((f) => f.severity === 'error' && f.docsUrl.startsWith('https://'))).toBe(true);
    expect(res.findings[3]!.related?.[0]?.range.start.line).toBe(6);
  });

  it('links naming unknown sites', () => {
    const text = fixture('topology.yaml').replace('sites: [dc-a, dc-b]', 'sites: [dc-a, dc-x]');
    const res = recogniseFile(text);
    expect(res.findings.map((f) => f.message)).toEqual([expect.stringContaining('`dc-x`')]);
  });

  it('member and site names read as Kubernetes reads them (go-yaml v2): `e1`, `E5` and `1:20` are strings', () => {
    const text = fixture('topology.yaml')
      .replace(/a-1/g, 'e1')
      .replace(/b-1/g, 'E5')
      .replace(/t-1/g, '1:20')
      .replace(/dc-b/g, '.');
    const res = recogniseFile(text);
    expect(res.findings).toEqual([]);
    const [t] = topologies(res.facts);
    expect(t!.members.map((m) => m.name.value)).toEqual(['e1', 'E5', '1:20']);
    expect(t!.sites.map((s) => s.name.value)).toEqual(['dc-a', '.', 'arbiter']);
    expect(t!.clients[0]).toMatchObject({ via: { value: 'e1' } });
  });

  it('a member name go-yaml reads as a number (`1e3`, `0o17`) is a schema error, as it would be for Kubernetes', () => {
    for (const name of ['1e3', '0o17']) {
      const text = fixture('topology.yaml').replace('name: t-1', `name: ${name}`);
      const res = recogniseFile(text);
      expect(res.findings.map((f) => [f.code, textAt(text, f.range)])).toContainEqual(['schema', name]);
    }
  });
});
