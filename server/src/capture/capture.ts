// A capture directory of one etcd cluster (docs/calibration.md): the files etcd's own tools write, read into
// typed measurements. Pure: the caller reads the files (cli/captureDir.ts) and passes their text and times.
// No model maths here: histograms stay histograms; calibrate turns them into distributions.
import {
  parseEndpointStatus,
  parseFio,
  parseMemberList,
  parsePuts,
  type CaptureMember,
  type EndpointStatus,
  type FioResult,
  type Puts,
} from './etcdFiles';
import {
  histogramDifference,
  parsePrometheusText,
  scalar,
  secondsHistograms,
  type MsHistogram,
  type Sample,
} from './prometheus';

export interface CaptureFile {
  name: string;
  text: string;
  /** Modification time: when the file was written (a scrape's time). */
  mtimeMs: number;
}

export interface MemberScrape {
  member: string;
  /** `<member>.metrics`, and `<member>.before.metrics` when the window is the difference of two scrapes. */
  file: string;
  beforeFile?: string;
  /** When the (end) scrape was taken, ISO 8601. */
  at: string;
  /** Seconds the measurements cover: between the two scrapes, else since the process started. */
  windowSeconds?: number;
  fsync?: MsHistogram;
  backendCommit?: MsHistogram;
  /** Peer RTT probe per peer, by the peer's hex ID (`To` label). */
  peerRtt: Map<string, MsHistogram>;
  /** Leader changes seen in the window (without a before scrape: the counter less the first election). */
  leaderChanges?: number;
  dbSizeBytes?: number;
  quotaBytes?: number;
}

export interface CaptureFio {
  member: string;
  file: string;
  result: FioResult;
}

export interface Capture {
  dir: string;
  members: CaptureMember[];
  status: EndpointStatus[];
  /** Name of the leader according to status.json. */
  leader?: string;
  scrapes: MemberScrape[];
  fio: CaptureFio[];
  puts?: { file: string; value: Puts; at: string };
  /** Things read but not used, or used with a caveat: each names its file. */
  warnings: string[];
}

/** `# scraped-at: 2026-12-03T12:31:00.000Z`, a comment line `measure` and the fixture script write first. */
const SCRAPED_AT = /^# scraped-at: (\S+)/;

/** When a file was written: its `# scraped-at:` line, else its modification time. */
export function fileTime(file: CaptureFile): number {
  const m = SCRAPED_AT.exec(file.text.slice(0, 200));
  const t = m ? Date.parse(m[1]) : NaN;
  return Number.isNaN(t) ? file.mtimeMs : t;
}

export type CaptureResult = { ok: true; capture: Capture } | { ok: false; error: string; warnings: string[] };

const WAL_FSYNC = 'etcd_disk_wal_fsync_duration_seconds';
const BACKEND_COMMIT = 'etcd_disk_backend_commit_duration_seconds';
const PEER_RTT = 'etcd_network_peer_round_trip_time_seconds';

interface Scrape {
  samples: Sample[];
  fsync?: MsHistogram;
  backendCommit?: MsHistogram;
  peerRtt: Map<string, MsHistogram>;
}

function readScrape(file: CaptureFile, where: string, warnings: string[]): Scrape {
  const { samples, problems } = parsePrometheusText(file.text);
  for (const p of problems) warnings.push(`${where}: ${p}`);
  const one = (name: string): MsHistogram | undefined => [...secondsHistograms(samples, name).values()][0]?.histogram;
  const peerRtt = new Map<string, MsHistogram>();
  for (const { labels, histogram } of secondsHistograms(samples, PEER_RTT).values())
    if (labels.To) peerRtt.set(labels.To.toLowerCase(), histogram);
  return { samples, fsync: one(WAL_FSYNC), backendCommit: one(BACKEND_COMMIT), peerRtt };
}

function difference(
  after: MsHistogram | undefined,
  before: MsHistogram | undefined,
  what: string,
  warnings: string[],
): MsHistogram | undefined {
  if (!after) return undefined;
  const d = histogramDifference(after, before);
  if (d) return d;
  warnings.push(`${what} went down between the two scrapes (the member restarted?): the end scrape alone is used`);
  return after;
}

export function parseCapture(dir: string, files: readonly CaptureFile[]): CaptureResult {
  const warnings: string[] = [];
  const byName = new Map(files.map((f) => [f.name, f]));
  const where = (name: string): string => `${dir}/${name}`;
  const membersFile = byName.get('members.json');
  if (!membersFile)
    return {
      ok: false,
      error: `${where('members.json')}: missing (write it with etcdctl member list -w json)`,
      warnings,
    };
  const members = parseMemberList(membersFile.text, where('members.json'));
  if (!members.ok) return { ok: false, error: members.error, warnings };
  const names = new Set(members.value.map((m) => m.name));
  const known = [...names].join(', ');

  let status: EndpointStatus[] = [];
  const statusFile = byName.get('status.json');
  if (statusFile) {
    const s = parseEndpointStatus(statusFile.text, where('status.json'));
    if (s.ok) status = s.value;
    else warnings.push(s.error);
  }
  const nameOfId = new Map(members.value.map((m) => [m.id, m.name]));
  const leaderIds = [...new Set(status.map((s) => s.leaderId).filter((x): x is string => !!x))];
  if (leaderIds.length > 1)
    warnings.push(
      `${where('status.json')}: the endpoints name different leaders (${leaderIds.join(', ')}); the first is used`,
    );
  const leader = leaderIds[0] !== undefined ? nameOfId.get(leaderIds[0]) : undefined;
  if (leaderIds[0] !== undefined && leader === undefined)
    warnings.push(`${where('status.json')}: leader ${leaderIds[0]} is not in members.json`);

  const scrapes: MemberScrape[] = [];
  const fio: CaptureFio[] = [];
  let puts: Capture['puts'];
  for (const f of [...files].sort((a, b) => (a.name < b.name ? -1 : 1))) {
    if (f.name.endsWith('.metrics') && !f.name.endsWith('.before.metrics')) {
      const member = f.name.slice(0, -'.metrics'.length);
      if (!names.has(member)) {
        warnings.push(`${where(f.name)}: no member named ${member} in members.json (${known}); file not used`);
        continue;
      }
      const after = readScrape(f, where(f.name), warnings);
      const beforeFile = byName.get(`${member}.before.metrics`);
      const before = beforeFile ? readScrape(beforeFile, where(beforeFile.name), warnings) : undefined;
      const what = (metric: string): string => `${where(f.name)}: ${metric}`;
      const peerRtt = new Map<string, MsHistogram>();
      for (const [to, h] of after.peerRtt) {
        const d = difference(h, before?.peerRtt.get(to), what(`${PEER_RTT}{To="${to}"}`), warnings);
        if (d) peerRtt.set(to, d);
      }
      const changesAfter = scalar(after.samples, 'etcd_server_leader_changes_seen_total');
      const changesBefore = before ? scalar(before.samples, 'etcd_server_leader_changes_seen_total') : undefined;
      const started = scalar(after.samples, 'process_start_time_seconds');
      const windowSeconds = beforeFile
        ? (fileTime(f) - fileTime(beforeFile)) / 1000
        : started !== undefined && started > 0
          ? fileTime(f) / 1000 - started
          : undefined;
      const leaderChanges =
        changesAfter === undefined
          ? undefined
          : changesBefore !== undefined
            ? Math.max(0, changesAfter - changesBefore)
            : Math.max(0, changesAfter - 1);
      const db = scalar(after.samples, 'etcd_mvcc_db_total_size_in_bytes');
      const quota = scalar(after.samples, 'etcd_server_quota_backend_bytes');
      const fsync = difference(after.fsync, before?.fsync, what(WAL_FSYNC), warnings);
      const backendCommit = difference(after.backendCommit, before?.backendCommit, what(BACKEND_COMMIT), warnings);
      if (!after.fsync) warnings.push(`${where(f.name)}: no ${WAL_FSYNC} (is it etcd's /metrics?)`);
      scrapes.push({
        member,
        file: f.name,
        ...(beforeFile ? { beforeFile: beforeFile.name } : {}),
        at: new Date(fileTime(f)).toISOString(),
        ...(windowSeconds !== undefined && windowSeconds > 0 ? { windowSeconds } : {}),
        ...(fsync ? { fsync } : {}),
        ...(backendCommit ? { backendCommit } : {}),
        peerRtt,
        ...(leaderChanges !== undefined ? { leaderChanges } : {}),
        ...(db !== undefined ? { dbSizeBytes: db } : {}),
        ...(quota !== undefined ? { quotaBytes: quota } : {}),
      });
    } else if (f.name.endsWith('.before.metrics')) {
      const member = f.name.slice(0, -'.before.metrics'.length);
      if (!byName.has(`${member}.metrics`))
        warnings.push(`${where(f.name)}: no ${member}.metrics to compare it with; file not used`);
    } else if (f.name.endsWith('.fio.json')) {
      const member = f.name.slice(0, -'.fio.json'.length);
      if (!names.has(member)) {
        warnings.push(`${where(f.name)}: no member named ${member} in members.json (${known}); file not used`);
        continue;
      }
      const r = parseFio(f.text, where(f.name));
      if (r.ok) fio.push({ member, file: f.name, result: r.value });
      else warnings.push(`${r.error}; file not used`);
    } else if (f.name === 'puts.json') {
      const r = parsePuts(f.text, where(f.name));
      if (!r.ok) warnings.push(`${r.error}; file not used`);
      else if (!names.has(r.value.via))
        warnings.push(`${where(f.name)}: via ${r.value.via} is not a member (${known}); file not used`);
      else puts = { file: f.name, value: r.value, at: r.value.at ?? new Date(f.mtimeMs).toISOString() };
    }
  }
  return {
    ok: true,
    capture: {
      dir,
      members: members.value,
      status,
      ...(leader ? { leader } : {}),
      scrapes,
      fio,
      ...(puts ? { puts } : {}),
      warnings,
    },
  };
}
