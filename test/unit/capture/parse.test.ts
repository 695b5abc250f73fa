// Capture parsing on real inputs: a golden capture of a real etcd 3.4 (test/fixtures/capture/README.md) and a
// fio run on this machine's disk, plus the malformed files a user may hand over.
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { parseCapture, type CaptureFile } from '../../../server/src/capture/capture';
import {
  parseEndpointStatus,
  parseFio,
  parseMemberList,
  parsePuts,
  quoteBigIntegers,
} from '../../../server/src/capture/etcdFiles';
import { histogramDifference, parsePrometheusText, secondsHistograms } from '../../../server/src/capture/prometheus';
import { MAX_CAPTURE_FILE_BYTES, readCaptureDir } from '../../../server/src/cli/captureDir';

const FIXTURES = path.join(__dirname, '..', '..', 'fixtures', 'capture');
const THREE = path.join(FIXTURES, 'three-members');
const read = (name: string): string => fs.readFileSync(path.join(THREE, name), 'utf8');

describe('etcdctl JSON', () => {
  it('member IDs beyond 2^53 are kept exactly, as decimal and as the hex etcd labels peers with', () => {
    const members = parseMemberList(read('members.json'));
    expect(members.ok).toBe(true);
    if (!members.ok) return;
    expect(members.value.map((m) => m.name).sort()).toEqual(['etcd-a', 'etcd-b', 'etcd-c']);
    const raw = [...read('members.json').matchAll(/"ID":(\d+)/g)].map((m) => m[1]);
    expect(members.value.map((m) => m.id)).toEqual(raw);
    expect(raw.some((id) => BigInt(id) > 2n ** 53n)).toBe(true);
    for (const m of members.value) expect(BigInt(`0x${m.idHex}`).toString()).toBe(m.id);
  });

  it('an ID above 2^53 is not rounded (JSON.parse alone would)', () => {
    const text = '{"members":[{"ID":18446744073709551615,"name":"x","peerURLs":["http://h:2380"]}]}';
    expect(String(JSON.parse(text).members[0].ID)).not.toBe('18446744073709551615');
    const r = parseMemberList(text);
    expect(r.ok && r.value[0].id).toBe('18446744073709551615');
    expect(r.ok && r.value[0].idHex).toBe('ffffffffffffffff');
    expect(quoteBigIntegers('{"a":"12345678901234567890","b":12345678901234567890,"c":1.5e+300}')).toBe(
      '{"a":"12345678901234567890","b":"12345678901234567890","c":1.5e+300}',
    );
  });

  it('endpoint status: leader, DB size, version', () => {
    const s = parseEndpointStatus(read('status.json'));
    expect(s.ok).toBe(true);
    if (!s.ok) return;
    expect(s.value).toHaveLength(3);
    expect(new Set(s.value.map((e) => e.leaderId)).size).toBe(1);
    expect(s.value[0].version).toBe('3.4.23');
    expect(s.value[0].dbSizeBytes).toBeGreaterThan(0);
  });

  it('malformed JSON files give errors naming the file, never throw', () => {
    for (const bad of ['', '{', 'null', '[]', '{"members": 3}', '{"members":[{"name":"x"}]}', '{"members":[]}']) {
      const r = parseMemberList(bad, 'cap/members.json');
      expect(r.ok).toBe(false);
      if (!r.ok) expect(r.error).toMatch(/^cap\/members\.json: /);
    }
    expect(parseEndpointStatus('[{"Status":{}}]', 's.json')).toMatchObject({
      ok: false,
      error: expect.stringMatching(/^s\.json: .*member_id/),
    });
    expect(parsePuts('{"via":"a","latenciesMs":[1,-2]}', 'p.json')).toMatchObject({
      ok: false,
      error: expect.stringMatching(/^p\.json: latenciesMs\[1\]/),
    });
    expect(parsePuts('{"latenciesMs":[1]}', 'p.json').ok).toBe(false);
    expect(parseFio('{"jobs":[{}]}', 'f.json')).toMatchObject({
      ok: false,
      error: expect.stringMatching(/^f\.json: /),
    });
  });
});

describe('Prometheus text', () => {
  it('reads the real scrape: WAL fsync, backend commit and per-peer RTT histograms in ms', () => {
    const { samples, problems } = parsePrometheusText(read('etcd-a.metrics'));
    expect(problems).toEqual([]);
    const fsync = [...secondsHistograms(samples, 'etcd_disk_wal_fsync_duration_seconds').values()][0].histogram;
    expect(fsync.buckets[0].le).toBe(1); // etcd's lowest WAL bucket is 1 ms
    expect(fsync.buckets.at(-1)?.le).toBe(Infinity);
    expect(fsync.buckets.at(-1)?.count).toBe(fsync.count);
    expect(fsync.count).toBeGreaterThan(200); // 201 puts and the cluster's own entries
    const rtt = secondsHistograms(samples, 'etcd_network_peer_round_trip_time_seconds');
    expect(rtt.size).toBe(2); // two peers
    for (const { labels, histogram } of rtt.values()) {
      expect(labels.To).toMatch(/^[0-9a-f]+$/);
      expect(histogram.buckets[0].le).toBeCloseTo(0.1, 12);
    }
  });

  it('labels with escapes, +Inf, NaN, exponents; malformed lines reported, not thrown', () => {
    const text = [
      '# HELP x y',
      'm_bucket{le="0.001",path="a\\"b"} 3',
      'm_bucket{le="+Inf",path="a\\"b"} 4',
      'm_sum{path="a\\"b"} 2.5e-3',
      'm_count{path="a\\"b"} 4',
      'broken{le="1" 3',
      'g NaN',
      '{} 1',
      'h 1 2 3',
    ].join('\n');
    const { samples, problems } = parsePrometheusText(text);
    expect(samples.map((s) => s.name)).toEqual(['m_bucket', 'm_bucket', 'm_sum', 'm_count', 'g']);
    expect(problems).toHaveLength(3);
    const [h] = [...secondsHistograms(samples, 'm').values()];
    expect(h.labels).toEqual({ path: 'a"b' });
    expect(h.histogram).toEqual({
      buckets: [
        { le: 1, count: 3 },
        { le: Infinity, count: 4 },
      ],
      sumMs: 2.5,
      count: 4,
    });
  });

  it('the difference of two scrapes is what happened between them; a reset counter is refused', () => {
    const before = {
      buckets: [
        { le: 1, count: 5 },
        { le: 2, count: 6 },
        { le: Infinity, count: 6 },
      ],
      sumMs: 4,
      count: 6,
    };
    const after = {
      buckets: [
        { le: 1, count: 105 },
        { le: 2, count: 146 },
        { le: Infinity, count: 150 },
      ],
      sumMs: 104,
      count: 150,
    };
    expect(histogramDifference(after, before)).toEqual({
      buckets: [
        { le: 1, count: 100 },
        { le: 2, count: 140 },
        { le: Infinity, count: 144 },
      ],
      sumMs: 100,
      count: 144,
    });
    expect(histogramDifference(before, after)).toBeUndefined();
  });
});

describe('capture directory', () => {
  it('the golden capture: members, leader, differenced scrapes, peer RTT by ID, puts', () => {
    const r = readCaptureDir(THREE);
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    const c = r.capture;
    expect(c.warnings).toEqual([]);
    expect(c.leader && ['etcd-a', 'etcd-b', 'etcd-c']).toContain(c.leader);
    expect(c.scrapes.map((s) => s.member)).toEqual(['etcd-a', 'etcd-b', 'etcd-c']);
    const a = c.scrapes[0];
    expect(a.beforeFile).toBe('etcd-a.before.metrics');
    // the window's fsyncs only: the before scrape's few startup fsyncs are taken out
    const fullA = [
      ...secondsHistograms(
        parsePrometheusText(read('etcd-a.metrics')).samples,
        'etcd_disk_wal_fsync_duration_seconds',
      ).values(),
    ][0].histogram;
    expect(a.fsync!.count).toBeLessThan(fullA.count);
    expect(a.fsync!.count).toBeGreaterThan(190);
    const peers = new Set(c.members.filter((m) => m.name !== 'etcd-a').map((m) => m.idHex));
    expect(new Set(a.peerRtt.keys())).toEqual(peers);
    expect(a.leaderChanges).toBe(0);
    expect(a.quotaBytes).toBe(2 ** 31);
    expect(c.puts?.value.via).toBe('etcd-a');
    expect(c.puts?.value.latenciesMs).toHaveLength(200);
  });

  it('a missing or broken members.json is an error naming the file; stray files are warnings', () => {
    const files: CaptureFile[] = [{ name: 'etcd-x.metrics', text: 'x 1', mtimeMs: 0 }];
    expect(parseCapture('cap', files)).toMatchObject({
      ok: false,
      error: expect.stringMatching(/^cap\/members\.json: missing/),
    });
    expect(parseCapture('cap', [{ name: 'members.json', text: '{"members":', mtimeMs: 0 }])).toMatchObject({
      ok: false,
      error: expect.stringMatching(/^cap\/members\.json: not JSON/),
    });
    const ok = parseCapture('cap', [
      { name: 'members.json', text: read('members.json'), mtimeMs: 0 },
      { name: 'etcd-x.metrics', text: 'x 1', mtimeMs: 0 },
      { name: 'etcd-a.metrics', text: 'garbage line here\n', mtimeMs: 0 },
      { name: 'etcd-b.fio.json', text: 'not json', mtimeMs: 0 },
      { name: 'puts.json', text: '{"via":"nobody","latenciesMs":[1]}', mtimeMs: 0 },
    ]);
    expect(ok.ok).toBe(true);
    if (!ok.ok) return;
    const w = ok.capture.warnings.join('\n');
    expect(w).toContain('cap/etcd-x.metrics: no member named etcd-x');
    expect(w).toContain('cap/etcd-a.metrics: line 1');
    expect(w).toContain('cap/etcd-b.fio.json: not JSON');
    expect(w).toContain('cap/puts.json: via nobody is not a member');
  });

  it('an unreadable directory is an error, not an exception', () => {
    expect(readCaptureDir('/nonexistent/capture')).toMatchObject({
      ok: false,
      error: expect.stringContaining('ENOENT'),
    });
  });
});

describe('fio --output-format=json', () => {
  it('the stored run: fdatasync percentiles in ms', () => {
    const r = parseFio(fs.readFileSync(path.join(FIXTURES, 'fio', 'disk.fio.json'), 'utf8'));
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    expect(r.value.sync!.count).toBeGreaterThan(500);
    expect(r.value.sync!.percentiles.find((p) => p.p === 0.99)!.ms).toBeGreaterThan(
      r.value.sync!.percentiles.find((p) => p.p === 0.5)!.ms,
    );
    expect(r.value.write!.meanMs).toBeGreaterThan(0);
    expect(r.value.at).toMatch(/^20\d\d-/);
  });

  it("a real fio run on this machine's disk (etcd's disk check, 2 MiB) is parsed", () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'etcd-capacity-fio-'));
    try {
      const run = spawnSync(
        'fio',
        [
          '--name=etcd-check',
          `--directory=${dir}`,
          '--rw=write',
          '--ioengine=sync',
          '--fdatasync=1',
          '--bs=2300',
          '--size=2m',
          '--runtime=20',
          '--output-format=json',
        ],
        { encoding: 'utf8', timeout: 30_000 },
      );
      expect(run.error, 'fio is installed by scripts/install-test-deps.sh').toBeUndefined();
      expect(run.status).toBe(0);
      const r = parseFio(run.stdout, 'fio.json');
      expect(r.ok, r.ok ? '' : r.error).toBe(true);
      if (!r.ok) return;
      const sync = r.value.sync!;
      expect(sync.count).toBeGreaterThan(100); // 2 MiB / 2300 B ≈ 911 writes, each followed by an fdatasync
      expect(sync.minMs).toBeGreaterThan(0);
      expect(sync.maxMs).toBeGreaterThanOrEqual(sync.meanMs);
      expect(sync.percentiles.map((p) => p.p)).toContain(0.99);
      for (let i = 1; i < sync.percentiles.length; i++)
        expect(sync.percentiles[i].ms).toBeGreaterThanOrEqual(sync.percentiles[i - 1].ms);
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  }, 60_000);
});

describe('robustness', () => {
  const parsers = [
    (t: string) => parsePrometheusText(t),
    (t: string) => parseMemberList(t),
    (t: string) => parseEndpointStatus(t),
    (t: string) => parseFio(t),
    (t: string) => parsePuts(t),
    (t: string) =>
      parseCapture('cap', [
        { name: 'members.json', text: t, mtimeMs: 0 },
        { name: 'etcd-a.metrics', text: t, mtimeMs: 1 },
        { name: 'etcd-a.before.metrics', text: t, mtimeMs: 0 },
        { name: 'etcd-a.fio.json', text: t, mtimeMs: 0 },
        { name: 'puts.json', text: t, mtimeMs: 0 },
        { name: 'status.json', text: t, mtimeMs: 0 },
      ]),
  ];

  it('no parser throws on generated text or on cut and spliced real files', () => {
    const real = ['members.json', 'status.json', 'etcd-a.metrics', 'puts.json'].map(read);
    real.push(fs.readFileSync(path.join(FIXTURES, 'fio', 'disk.fio.json'), 'utf8'));
    fc.assert(
      fc.property(
        fc.string({ maxLength: 300 }),
        fc.nat(),
        fc.nat(),
        fc.integer({ min: 0, max: 4 }),
        (junk, a, b, which) => {
          const text = real[which];
          const cut = text.slice(0, a % (text.length + 1)) + junk + text.slice(b % (text.length + 1));
          for (const parse of parsers) {
            parse(junk);
            parse(cut);
          }
        },
      ),
      { numRuns: 300 },
    );
    // and a real members.json with every other file of the capture replaced by junk still names its problems
    const r = parseCapture('cap', [
      { name: 'members.json', text: read('members.json'), mtimeMs: 0 },
      { name: 'etcd-a.metrics', text: '{"not": "metrics"}', mtimeMs: 0 },
    ]);
    expect(r.ok && r.capture.warnings.join('\n')).toMatch(/cap\/etcd-a\.metrics: /);
  });

  it('a file above the size bound is not read, and said so', () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'etcd-capacity-capture-'));
    try {
      fs.copyFileSync(path.join(THREE, 'members.json'), path.join(dir, 'members.json'));
      const big = path.join(dir, 'etcd-a.metrics');
      fs.writeFileSync(big, '');
      fs.truncateSync(big, MAX_CAPTURE_FILE_BYTES + 1); // sparse: nothing is written
      fs.mkdirSync(path.join(dir, 'etcd-b.metrics'));
      const r = readCaptureDir(dir);
      expect(r.ok).toBe(true);
      if (!r.ok) return;
      expect(r.capture.scrapes).toEqual([]);
      expect(r.capture.warnings).toEqual([
        `${big}: larger than 32 MiB; not used`,
        `${path.join(dir, 'etcd-b.metrics')}: not a regular file; not used`,
      ]);
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});
