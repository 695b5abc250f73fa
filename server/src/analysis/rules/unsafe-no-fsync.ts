// --unsafe-no-fsync disables fsync: "unsafe, will cause data loss" (etcd configuration flags). A write
// acknowledged by a quorum can vanish if those members lose power, and the fsync-based estimates no
// longer describe the cluster.
import type { Finding } from '../types';
import { finding } from './helpers';
import { DOCS, type Rule } from './rule';

function enabled(raw: unknown, origin: string): boolean {
  if (raw === true) return true;
  if (typeof raw === 'string') return /^(true|1|yes|on)$/i.test(raw.trim()) || (origin === 'flag' && raw.trim() === '');
  return raw === null && origin === 'flag';
}

export const unsafeNoFsync: Rule = {
  code: 'unsafe-no-fsync',
  defaultSeverity: 'warning',
  docsUrl: DOCS.configuration,
  description: '--unsafe-no-fsync is on: acknowledged writes can be lost on power failure.',
  check(ctx) {
    const out: Finding[] = [];
    for (const c of ctx.views.configs) {
      let last: (typeof c.settings)[number] | undefined;
      for (const s of c.settings ?? []) if (s?.flag === 'unsafe-no-fsync') last = s;
      if (!last || !enabled(last.raw, last.origin)) continue;
      out.push(
        finding(
          unsafeNoFsync,
          last.range,
          `${c.label}: ${last.writtenAs} disables fsync — etcd says "unsafe, will cause data loss": writes acknowledged by a quorum ` +
            `can vanish on power loss. Remove it outside of tests, and fix slow disks with local SSD/NVMe instead.`,
        ),
      );
    }
    return out;
  },
};
