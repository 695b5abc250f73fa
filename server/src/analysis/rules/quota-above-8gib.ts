// etcd: "8 GiB is a suggested maximum size for normal environments and etcd warns at startup if the
// configured value exceeds it" (system limits). Covers --quota-backend-bytes in any form, and OpenShift's
// backendQuotaGiB when the recogniser reports it as quotaBackendBytes (then without a fix: the operator
// refuses to decrease it).
import type { EtcdConfigFact } from '../types';
import { finding } from '../findings';
import { compact, replaceFix } from './helpers';
import { DOCS, type Rule } from './rule';

export const GIB = 1024 ** 3;
export const MAX_SUGGESTED_QUOTA = 8 * GIB;

function gib(bytes: number): string {
  return String(Number((bytes / GIB).toFixed(2)));
}

/** How the value is written: bytes, or GiB for OpenShift's backendQuotaGiB. */
function unitOf(fact: EtcdConfigFact): 'bytes' | 'GiB' {
  const range = fact.quotaBackendBytes?.range;
  const setting = fact.settings?.find(
    (s) =>
      s.range && range && s.range.start.line === range.start.line && s.range.start.character === range.start.character,
  );
  const written = setting?.writtenAs ?? '';
  return /gib/i.test(written) || (fact.recogniser === 'openshift-etcd' && !/quota-backend-bytes/i.test(written))
    ? 'GiB'
    : 'bytes';
}

export const quotaAbove8GiB: Rule = {
  code: 'quota-above-8gib',
  defaultSeverity: 'warning',
  docsUrl: DOCS.limits,
  description: 'The backend quota is above etcd’s suggested maximum of 8 GiB.',
  check(ctx) {
    const out = [];
    for (const c of ctx.views.configs) {
      const q = c.quotaBackendBytes;
      if (!q || !Number.isFinite(q.value) || q.value <= MAX_SUGGESTED_QUOTA) continue;
      const unit = unitOf(c);
      const head =
        `${c.label}: backend quota ${gib(q.value)} GiB (${q.value} bytes) is above etcd's suggested maximum of 8 GiB: ` +
        `etcd warns at startup, and larger databases make snapshots, defragmentation and member recovery slow. `;
      if (unit === 'GiB') {
        // OpenShift's operator never lets backendQuotaGiB decrease: no quick fix, only advice.
        out.push(
          finding(
            quotaAbove8GiB,
            q.range,
            head +
              `OpenShift cannot lower backendQuotaGiB once applied: on a new cluster keep 8; on this one keep the ` +
              `database well below the quota with compaction and defragmentation, and do not raise it further.`,
          ),
        );
        continue;
      }
      out.push(
        finding(
          quotaAbove8GiB,
          q.range,
          head + `Set it to ${MAX_SUGGESTED_QUOTA} (8 GiB) or less, and keep the database small with compaction.`,
          { fixes: compact([replaceFix(ctx, `Set the quota to 8 GiB`, q, MAX_SUGGESTED_QUOTA)]) },
        ),
      );
    }
    return out;
  },
};
