// `etcd-capacity measure --endpoints URL[,URL...] [--cacert F --cert F --key F] [--puts N] [--window S] --out DIR`
// writes a capture directory (docs/calibration.md) from a live cluster with the etcd3 client: member list and
// endpoint status as etcdctl -w json prints them, every member's /metrics at the start and the end of the window,
// and N sequential puts (one in flight) under a key prefix of its own, deleted afterwards. An explicit user
// action, bounded in time (every call has a deadline, the whole run MEASURE_DEADLINE_SLACK_S past the window),
// touching nothing but its own prefix. etcd3 is loaded only here, so the other commands never need it.
import * as fs from 'node:fs';
import * as http from 'node:http';
import * as https from 'node:https';
import * as path from 'node:path';
import { randomBytes } from 'node:crypto';
import type { Etcd3, IOptions } from 'etcd3';

export interface MeasureOptions {
  endpoints: string[];
  out: string;
  puts: number;
  windowSeconds: number;
  tls?: { ca?: Buffer; cert?: Buffer; key?: Buffer };
  /** Progress lines go here (stderr). */
  progress: (line: string, final?: boolean) => void;
}

export const DEFAULT_PUTS = 500;
/** etcd observes each peer's RTT every 30 s: a 35 s window holds at least one observation per peer. */
export const DEFAULT_WINDOW_S = 35;
export const MAX_PUTS = 100_000;
export const MAX_WINDOW_S = 3600;
/** Deadline of one call to etcd (ms). */
export const CALL_TIMEOUT_MS = 5000;
/** The whole run stops this long after the window should have ended. */
export const MEASURE_DEADLINE_SLACK_S = 120;
/** Largest /metrics body read. */
const MAX_METRICS_BYTES = 32 * 1024 * 1024;

class MeasureError extends Error {}

function withTimeout<T>(promise: Promise<T>, ms: number, what: string): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new MeasureError(`${what}: no answer within ${ms} ms`)), ms);
  });
  return Promise.race([promise, timeout]).finally(() => clearTimeout(timer));
}

/** GET url/metrics over http or https (with the given CA and client certificate), bounded in size and time. */
function scrape(base: string, tls: MeasureOptions['tls']): Promise<string> {
  const url = new URL('/metrics', base);
  const lib = url.protocol === 'https:' ? https : http;
  return new Promise((resolve, reject) => {
    const req = lib.get(
      url,
      {
        timeout: CALL_TIMEOUT_MS,
        ...(url.protocol === 'https:' && tls ? { ca: tls.ca, cert: tls.cert, key: tls.key } : {}),
      },
      (res) => {
        if (res.statusCode !== 200) {
          res.resume();
          reject(new MeasureError(`${url.href}: HTTP ${res.statusCode}`));
          return;
        }
        const chunks: Buffer[] = [];
        let size = 0;
        res.on('data', (c: Buffer) => {
          size += c.length;
          if (size > MAX_METRICS_BYTES)
            req.destroy(new MeasureError(`${url.href}: larger than ${MAX_METRICS_BYTES} bytes`));
          else chunks.push(c);
        });
        res.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
        res.on('error', reject);
      },
    );
    req.on('timeout', () => req.destroy(new MeasureError(`${url.href}: no answer within ${CALL_TIMEOUT_MS} ms`)));
    req.on('error', (e) => reject(e instanceof MeasureError ? e : new MeasureError(`${url.href}: ${e.message}`)));
  });
}

/** A decimal uint64 as a bare JSON integer, as etcdctl prints it. */
const id = (v: unknown): string => (typeof v === 'string' && /^\d+$/.test(v) ? v : '0');
const header = (
  h: { cluster_id?: unknown; member_id?: unknown; revision?: unknown; raft_term?: unknown } | undefined,
): string =>
  `{"cluster_id":${id(h?.cluster_id)},"member_id":${id(h?.member_id)},"revision":${id(h?.revision)},"raft_term":${id(h?.raft_term)}}`;

async function loadEtcd3(): Promise<typeof import('etcd3')> {
  try {
    return await import('etcd3');
  } catch {
    throw new MeasureError('measure needs the etcd3 package next to etcd-capacity (npm install etcd3@1.1.2)');
  }
}

export async function measure(o: MeasureOptions): Promise<void> {
  const started = Date.now();
  const deadline = started + (o.windowSeconds + MEASURE_DEADLINE_SLACK_S) * 1000;
  const left = (): number => {
    const ms = deadline - Date.now();
    if (ms <= 0)
      throw new MeasureError(`stopped: the run took longer than the window plus ${MEASURE_DEADLINE_SLACK_S} s`);
    return Math.min(ms, CALL_TIMEOUT_MS);
  };
  const { Etcd3 } = await loadEtcd3();
  const credentials: IOptions['credentials'] = o.tls?.ca
    ? {
        rootCertificate: o.tls.ca,
        ...(o.tls.key ? { privateKey: o.tls.key } : {}),
        ...(o.tls.cert ? { certChain: o.tls.cert } : {}),
      }
    : undefined;
  const connect = (hosts: string | string[]): Etcd3 =>
    new Etcd3({
      hosts,
      ...(credentials ? { credentials } : {}),
      dialTimeout: CALL_TIMEOUT_MS,
      defaultCallOptions: () => ({ deadline: new Date(Date.now() + CALL_TIMEOUT_MS) }),
    });
  fs.mkdirSync(o.out, { recursive: true });
  const write = (name: string, text: string): void => fs.writeFileSync(path.join(o.out, name), text);

  const client = connect(o.endpoints[0]);
  const perMember: Etcd3[] = [];
  const prefix = `etcd-capacity-measure/${randomBytes(6).toString('hex')}/`;
  let wrote = false;
  try {
    o.progress('measure: member list');
    const list = await withTimeout(client.cluster.memberList({}), left(), `${o.endpoints[0]}: member list`);
    const members = list.members.filter((m) => m.name && m.clientURLs.length > 0);
    if (members.length === 0) throw new MeasureError(`${o.endpoints[0]}: no started member in the member list`);
    write(
      'members.json',
      `{"header":${header(list.header)},"members":[${list.members
        .map(
          (m) =>
            `{"ID":${id(m.ID)},"name":${JSON.stringify(m.name)},"peerURLs":${JSON.stringify(m.peerURLs)},"clientURLs":${JSON.stringify(m.clientURLs)}${m.isLearner ? ',"isLearner":true' : ''}}`,
        )
        .join(',')}]}\n`,
    );
    const self = await withTimeout(client.maintenance.status(), left(), `${o.endpoints[0]}: status`);
    const via = list.members.find((m) => m.ID === self.header.member_id)?.name;
    if (!via)
      throw new MeasureError(
        `${o.endpoints[0]}: answers as member ${self.header.member_id}, which the member list does not name`,
      );

    const scrapeAll = async (suffix: string): Promise<void> => {
      for (const m of members) {
        const text = await withTimeout(scrape(m.clientURLs[0], o.tls), left(), `${m.clientURLs[0]}/metrics`);
        write(`${m.name}${suffix}`, `# scraped-at: ${new Date().toISOString()}\n${text}`);
      }
    };
    o.progress(`measure: scraping ${members.length} member(s) (start of the window)`);
    await scrapeAll('.before.metrics');
    const windowStart = Date.now();

    const latenciesMs: number[] = [];
    const value = 'v'.repeat(64);
    for (let i = 0; i < o.puts; i++) {
      const t0 = process.hrtime.bigint();
      wrote = true;
      await withTimeout(client.put(`${prefix}${i}`).value(value).exec(), left(), `put via ${via}`);
      latenciesMs.push(Number(process.hrtime.bigint() - t0) / 1e6);
      if (i % 50 === 49 || i === o.puts - 1) o.progress(`measure: ${i + 1}/${o.puts} puts via ${via}`);
    }
    write(
      'puts.json',
      JSON.stringify({ via, at: new Date().toISOString(), latenciesMs: latenciesMs.map((v) => Number(v.toFixed(4))) }) +
        '\n',
    );

    for (;;) {
      const remaining = windowStart + o.windowSeconds * 1000 - Date.now();
      if (remaining <= 0) break;
      o.progress(`measure: window ${Math.round((Date.now() - windowStart) / 1000)}/${o.windowSeconds} s`);
      await new Promise((r) => setTimeout(r, Math.min(remaining, 1000)));
    }
    o.progress(`measure: scraping ${members.length} member(s) (end of the window)`);
    await scrapeAll('.metrics');
    const statuses: string[] = [];
    for (const m of members) {
      const c = connect(m.clientURLs[0]);
      perMember.push(c);
      const s = await withTimeout(c.maintenance.status(), left(), `${m.clientURLs[0]}: status`);
      statuses.push(
        `{"Endpoint":${JSON.stringify(m.clientURLs[0])},"Status":{"header":${header(s.header)},"version":${JSON.stringify(s.version)},"dbSize":${id(s.dbSize)},"leader":${id(s.leader)},"raftIndex":${id(s.raftIndex)},"raftTerm":${id(s.raftTerm)}}}`,
      );
    }
    write('status.json', `[${statuses.join(',')}]\n`);
  } finally {
    if (wrote) {
      try {
        await withTimeout(client.delete().prefix(prefix).exec(), CALL_TIMEOUT_MS, `deleting ${prefix}`);
      } catch (error) {
        o.progress(`measure: could not delete its keys under ${prefix}: ${(error as Error).message}`, true);
      }
    }
    for (const c of perMember) c.close();
    client.close();
  }
  o.progress(`measure: wrote ${o.out} in ${Math.round((Date.now() - started) / 1000)} s; deleted ${prefix}`, true);
}

export { MeasureError };
