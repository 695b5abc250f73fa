// `etcd-capacity calibrate` on the golden capture of a real etcd 3.4: the topology it writes validates against the
// public schema, says where every number came from, and its estimate is computed from the measured distributions.
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import Ajv from 'ajv';
import { parse as parseYaml } from 'yaml';
import { describe, expect, it } from 'vitest';
import { analyzeFile } from '../../../server/src/analysis/analyze';
import { topologyToModel } from '../../../server/src/analysis/modelInput';
import type { TopologyFact } from '../../../server/src/analysis/types';
import type { Capture } from '../../../server/src/capture/capture';
import { calibrate } from '../../../server/src/cli/calibrate';
import { readCaptureDir } from '../../../server/src/cli/captureDir';
import { raftEstimate, sortedQuantile } from '../../../server/src/model';
import schema from '../../../schemas/topology.schema.json';

const ROOT = path.join(__dirname, '..', '..', '..');
const FIXTURES = path.join(ROOT, 'test', 'fixtures', 'capture');
const THREE = path.join(FIXTURES, 'three-members');
const CLI = path.join(ROOT, 'server', 'out', 'cli.js');
const NOW = new Date('2026-12-03T13:00:00Z');

function capture(dir: string): Capture {
  const r = readCaptureDir(dir);
  if (!r.ok) throw new Error(r.error);
  return r.capture;
}

function calibrated(captures: Capture[], topology?: string): string {
  const r = calibrate(captures, { now: NOW, ...(topology ? { topology: { text: topology, file: 'lab.yaml' } } : {}) });
  if (!r.ok) throw new Error(r.error);
  return r.yaml;
}

function topologyFact(yaml: string): { t: TopologyFact; errors: string[] } {
  const { facts, findings } = analyzeFile('file:///calibrated.yaml', yaml);
  return {
    t: facts.find((f) => f.type === 'topology') as TopologyFact,
    errors: findings.filter((f) => f.severity === 'error').map((f) => f.message),
  };
}

const puts = JSON.parse(fs.readFileSync(path.join(THREE, 'puts.json'), 'utf8')) as {
  via: string;
  latenciesMs: number[];
};
const measuredSorted = Float64Array.from(puts.latenciesMs).sort();

const LAB = `apiVersion: etcd-capacity/v1alpha1
kind: EtcdTopology
metadata: {name: lab}
spec:
  etcd: {heartbeatIntervalMs: 100, electionTimeoutMs: 1000}
  sites: [{name: a}, {name: b}]
  links:
    - {sites: [a, b], rttMs: 20, jitterMs: 2}
    - {sites: [b, b], rttMs: 0.4}
  members:
    - {name: etcd-a, site: a, storage: {type: nvme, fsyncMs: 0.5}}
    - {name: etcd-b, site: a, storage: {type: nvme, fsyncMs: 0.5}}
    - {name: etcd-c, site: b, storage: {type: ssd, fsyncMs: 2}}
  clients: [{site: a, via: etcd-a}]
`;

describe('calibrate', () => {
  const yaml = calibrated([capture(THREE)]);

  it('writes an EtcdTopology that validates against schemas/topology.schema.json and analyses without errors', () => {
    const validate = new Ajv({ allErrors: true, strict: false }).compile(schema);
    const doc = parseYaml(yaml);
    expect(validate(doc), JSON.stringify(validate.errors)).toBe(true);
    expect(topologyFact(yaml).errors).toEqual([]);
    expect(doc.spec.members.map((m: { name: string }) => m.name).sort()).toEqual(['etcd-a', 'etcd-b', 'etcd-c']);
  });

  it('every number says where it came from and when', () => {
    const valueLines = yaml.split('\n').filter((l) => /^\s+[a-zA-Z]+: [\d[]/.test(l));
    expect(valueLines.length).toBeGreaterThan(15);
    for (const line of valueLines) expect(line, line).toMatch(/ # (measured|given|assumed)[: ]/);
    const doc = parseYaml(yaml);
    for (const m of doc.spec.members) {
      expect(m.storage.source.kind).toBe('measured');
      expect(m.storage.source.from).toContain(
        `${m.name}.metrics − ${m.name}.before.metrics etcd_disk_wal_fsync_duration_seconds`,
      );
      expect(m.storage.source.at).toMatch(/^2026-12-03T/);
      expect(m.storage.source.window).toMatch(/ s$/);
    }
    expect(doc.spec.links[0].source.from).toContain('probe overhead');
    expect(doc.spec.requestFloor.source.from).toContain('puts.json');
    expect(yaml).toMatch(
      /^# observed: 0 leader change\(s\) in [\d.]+ s \(0\/day\); the model's spurious follower timeouts: .*\/day$/m,
    );
    expect(yaml).toMatch(/^# observed: DB [\d.]+ MiB of a 2 GiB quota/m);
    expect(doc.spec.observed).toMatchObject({ leaderChanges: 0, leaderChangesPerDay: 0, quotaBytes: 2 ** 31 });
  });

  it('the peer RTT probe is not fed raw: the overhead estimated from the smallest link is taken out', () => {
    const doc = parseYaml(yaml);
    const link = doc.spec.links[0];
    expect(link.sites).toEqual(['default', 'default']);
    const probe = Number(/reading ([\d.]+) ms/.exec(yaml)![1]);
    const overhead = Number(/probe overhead ([\d.]+) ms/.exec(yaml)![1]);
    expect(probe).toBeGreaterThan(0.05);
    expect(link.rttMs).toBeCloseTo(Math.max(0.05, probe - overhead), 3);
    expect(link.rttMs).toBeLessThan(probe);
  });

  it('the estimate is computed from the empirical distributions and reproduces the measured puts', () => {
    const { t } = topologyFact(yaml);
    const model = topologyToModel(t);
    for (const m of model.members) expect(m.fsync.empirical).toBeDefined();
    expect(model.links[0].rtt.empirical).toBeDefined();
    expect(model.requestFloor?.empirical).toBeDefined();
    const leader = parseYaml(yaml).spec.observed.leader as string;
    const scenario = { leader, clientSite: 'default', via: puts.via };
    const e = raftEstimate(model, scenario);
    const p50 = sortedQuantile(measuredSorted, 0.5);
    const p99 = sortedQuantile(measuredSorted, 0.99);
    expect(Math.abs(e.p50Ms - p50)).toBeLessThan(Math.max(0.1 * p50, 1));
    expect(Math.abs(e.p99Ms - p99)).toBeLessThan(Math.max(0.25 * p99, 2));
    // the same means and sds without the measured shapes give another estimate: the shapes are what is used
    const gamma = {
      ...model,
      members: model.members.map((m) => ({ ...m, fsync: { mean: m.fsync.mean, sd: m.fsync.sd } })),
      links: model.links.map((l) => ({ ...l, rtt: { mean: l.rtt.mean, sd: l.rtt.sd } })),
    };
    expect(raftEstimate(gamma, scenario).p99Ms).not.toBeCloseTo(e.p99Ms, 2);
  });

  it('--topology gives sites, disks, clients and timers; measured values replace its figures', () => {
    const out = calibrated([capture(THREE)], LAB);
    const doc = parseYaml(out);
    expect(topologyFact(out).errors).toEqual([]);
    expect(doc.metadata.name).toBe('lab');
    expect(doc.spec.etcd).toEqual({ heartbeatIntervalMs: 100, electionTimeoutMs: 1000 });
    expect(doc.spec.members.find((m: { name: string }) => m.name === 'etcd-c').storage.type).toBe('ssd');
    expect(
      doc.spec.members.every(
        (m: { storage: { fsyncMs: number } }) => m.storage.fsyncMs !== 0.5 && m.storage.fsyncMs !== 2,
      ),
    ).toBe(true);
    const links = Object.fromEntries(
      doc.spec.links.map((l: { sites: string[]; rttMs: number; source?: { kind: string } }) => [l.sites.join('-'), l]),
    );
    expect(links['a-b'].source.kind).toBe('measured'); // etcd-a/b → etcd-c
    expect(links['a-a'].source.kind).toBe('measured'); // etcd-a ↔ etcd-b
    expect(links['b-b'].rttMs).toBe(0.4); // one member in b: nothing measured, the given figure stays
    expect(out).toMatch(/rttMs: 0\.4 {2}# given in lab\.yaml/);
    expect(doc.spec.clients).toEqual([{ site: 'a', via: 'etcd-a' }]);
  });

  it('a captured member the topology does not place is an error naming both files', () => {
    const r = calibrate([capture(THREE)], {
      topology: { text: LAB.replace(/ {4}- \{name: etcd-c.*\n/, ''), file: 'lab.yaml' },
    });
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.error).toMatch(/three-members\/members\.json: member\(s\) etcd-c not in lab\.yaml/);
  });

  it('later capture directories win for the same quantity', () => {
    const later = fs.mkdtempSync(path.join(os.tmpdir(), 'etcd-capacity-capture-'));
    try {
      fs.copyFileSync(path.join(THREE, 'members.json'), path.join(later, 'members.json'));
      fs.copyFileSync(path.join(FIXTURES, 'fio', 'disk.fio.json'), path.join(later, 'etcd-b.fio.json'));
      const doc = parseYaml(calibrated([capture(THREE), capture(later)]));
      const source = (name: string) =>
        doc.spec.members.find((m: { name: string }) => m.name === name).storage.source.from as string;
      expect(source('etcd-b')).toBe(`${later}/etcd-b.fio.json fio jobs[0].sync.lat_ns (fdatasync)`);
      expect(source('etcd-a')).toContain('three-members/etcd-a.metrics');
      // and the other order: the metrics of the later directory win over the fio run
      const back = parseYaml(calibrated([capture(later), capture(THREE)]));
      expect(back.spec.members.find((m: { name: string }) => m.name === 'etcd-b').storage.source.from).toContain(
        'etcd-b.metrics',
      );
    } finally {
      fs.rmSync(later, { recursive: true, force: true });
    }
  });
});

describe('the built CLI', () => {
  const run = (...args: string[]) => spawnSync(process.execPath, [CLI, ...args], { cwd: ROOT, encoding: 'utf8' });

  it('calibrate writes YAML to stdout and exits 0; an unreadable capture exits 2 naming it', () => {
    const ok = run('calibrate', 'test/fixtures/capture/three-members');
    expect(ok.status, ok.stderr).toBe(0);
    expect(ok.stdout).toContain('kind: EtcdTopology');
    const bad = run('calibrate', 'test/fixtures/capture/nonexistent');
    expect(bad.status).toBe(2);
    expect(bad.stderr).toContain('test/fixtures/capture/nonexistent: cannot read the capture directory (ENOENT)');
    expect(run('calibrate').status).toBe(2);
  });

  it('estimate works on a topology that gives only the RTTs between sites (LAN default inside a site, marked assumed)', () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'etcd-capacity-topology-'));
    try {
      const file = path.join(dir, 'zones.yaml');
      fs.writeFileSync(
        file,
        LAB.replace('    - {sites: [b, b], rttMs: 0.4}\n', '').replace(
          'metadata: {name: lab}',
          'metadata: {name: zones}',
        ),
      );
      const r = run('estimate', file, '--format', 'json');
      expect(r.status, r.stdout + r.stderr).toBe(0);
      const [cluster] = JSON.parse(r.stdout).clusters;
      expect(cluster.error).toBeUndefined();
      expect(cluster.scenarios.length).toBeGreaterThan(0);
      const assumed = cluster.inputs.filter(
        (i: { origin: string; input: string }) => i.origin === 'assumed' && i.input.startsWith('RTT inside'),
      );
      expect(assumed.map((i: { input: string }) => i.input).sort()).toEqual(['RTT inside a', 'RTT inside b']);
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe('calibrate robustness', () => {
  it('never throws on a capture whose files are cut and spliced', async () => {
    const fc = (await import('fast-check')).default;
    const { parseCapture } = await import('../../../server/src/capture/capture');
    const names = fs.readdirSync(THREE);
    const texts = names.map((n) => fs.readFileSync(path.join(THREE, n), 'utf8'));
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: names.length - 1 }),
        fc.nat(),
        fc.nat(),
        fc.string({ maxLength: 40 }),
        (which, a, b, junk) => {
          const files = names.map((name, i) => {
            const t = texts[i];
            return {
              name,
              text: i === which ? t.slice(0, a % (t.length + 1)) + junk + t.slice(b % (t.length + 1)) : t,
              mtimeMs: i,
            };
          });
          const c = parseCapture('cap', files);
          if (c.ok) {
            const r = calibrate([c.capture], { now: NOW });
            if (r.ok) expect(r.yaml).toContain('kind: EtcdTopology');
          }
        },
      ),
      { numRuns: 60 },
    );
  }, 120_000);
});
