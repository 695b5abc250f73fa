// etcd asks for WAL fdatasync p99 under 10 ms; heavily loaded clusters need about 2 ms
// (etcd hardware guide; Red Hat: "50 IOPS of 8KB … in under 10ms … For heavy loaded clusters … (2 ms)").
// Warns above settings.fsyncWarnMs, informs above settings.fsyncInfoMs, on the mean or the p99 given.
import type { Located } from '../types';
import { finding } from '../findings';
import { ms } from './helpers';
import { DOCS, type Rule } from './rule';

export const slowFsync: Rule = {
  code: 'slow-fsync',
  defaultSeverity: 'warning',
  lesser: { severity: 'information', when: 'it is only above `fsyncInfoMs` (2 ms), not `fsyncWarnMs` (10 ms)' },
  docsUrl: DOCS.redHatStorage,
  description: 'A member’s WAL fsync latency is above 10 ms, or above 2 ms (what heavily loaded clusters need).',
  check(ctx) {
    const { fsyncWarnMs: warn, fsyncInfoMs: info } = ctx.settings;
    const out = [];
    for (const t of ctx.views.topologies) {
      for (const m of t.members ?? []) {
        if (!m) continue;
        const candidates: [string, Located<number> | undefined][] = [
          ['p99', m.fsyncP99Ms],
          ['mean', m.fsyncMs],
        ];
        const values = candidates.filter((c): c is [string, Located<number>] => !!c[1] && Number.isFinite(c[1].value));
        if (values.length === 0) continue;
        // The value that crosses the highest threshold; p99 first on ties.
        const over = (limit: number) => values.find(([, v]) => v.value > limit);
        const hit = over(warn) ?? over(info);
        if (!hit) continue;
        const [kind, value] = hit;
        const severe = value.value > warn;
        const name = m.name?.value ?? '?';
        const message = severe
          ? `member ${name}: WAL fsync ${kind} ${ms(value.value)} ms is above ${ms(warn)} ms: etcd needs fsync p99 under 10 ms or it misses heartbeats and loses leaders. ` +
            `Move the member's data (at least the WAL) to local SSD/NVMe; heavily loaded clusters need ≤ 2 ms.`
          : `member ${name}: WAL fsync ${kind} ${ms(value.value)} ms is above ${ms(info)} ms: fine for light load, but heavily loaded clusters need ≤ 2 ms (500 sequential 8 KB IOPS). ` +
            `Use faster local NVMe if this cluster is busy.`;
        out.push(finding(slowFsync, value.range, message, { lesser: !severe }));
      }
    }
    return out;
  },
};
