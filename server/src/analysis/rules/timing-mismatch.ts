// All members of one cluster should run the same heartbeat interval and election timeout (etcd tuning
// guide: "the same for all members"); a member with a shorter election timeout starts elections others
// would not. Compared:
//  - etcd configs in this file that share member names (own name or initial-cluster entries);
//  - each etcd config against the topology that describes it (same file or another workspace file), when
//    that topology writes `spec.etcd` timers explicitly.
import { isFiniteNumber, type TimerView } from '../cluster';
import { configMemberNames } from '../modelInput';
import type { EtcdConfigFact, Finding, Located, RelatedLocation } from '../types';
import { finding } from '../findings';
import { compact, ms, replaceFix } from './helpers';
import { DOCS, type Rule, type RuleContext } from './rule';

type Which = 'heartbeat' | 'election';
const NAMES: Record<Which, string> = { heartbeat: 'heartbeat-interval', election: 'election-timeout' };

/** Groups configs that share at least one member name (union-find; linear in the names). */
function groupConfigs(configs: EtcdConfigFact[]): EtcdConfigFact[][] {
  const parent = configs.map((_, i) => i);
  const find = (i: number): number => (parent[i] === i ? i : (parent[i] = find(parent[i])));
  const owner = new Map<string, number>();
  configs.forEach((c, i) => {
    for (const name of configMemberNames(c)) {
      const j = owner.get(name);
      if (j === undefined) owner.set(name, i);
      else parent[find(i)] = find(j);
    }
  });
  const groups = new Map<number, EtcdConfigFact[]>();
  configs.forEach((c, i) => {
    if (configMemberNames(c).length === 0) return;
    const root = find(i);
    const g = groups.get(root) ?? [];
    g.push(c);
    groups.set(root, g);
  });
  return [...groups.values()].filter((g) => g.length > 1);
}

function mismatch(
  ctx: RuleContext,
  view: TimerView,
  which: Which,
  other: { value: number; located?: Located<number>; uri?: string; label: string },
): Finding {
  const mine = view[which];
  const related: RelatedLocation[] = other.located
    ? [{ uri: other.uri, range: other.located.range, message: `${other.label}: ${NAMES[which]} ${ms(other.value)} ms` }]
    : [];
  return finding(
    timingMismatch,
    mine.located?.range ?? view.anchor,
    `${view.label}: ${NAMES[which]} is ${ms(mine.value)} ms${mine.located ? '' : ' (etcd default)'} but ${ms(other.value)} ms ` +
      `in ${other.label}${other.located ? '' : ' (etcd default)'}: members of one cluster must use the same timers. ` +
      `Set ${NAMES[which]} to the same value everywhere (e.g. ${ms(other.value)} ms).`,
    {
      related,
      fixes: compact([replaceFix(ctx, `Set ${NAMES[which]} to ${ms(other.value)} ms`, mine.located, other.value)]),
    },
  );
}

export const timingMismatch: Rule = {
  code: 'timing-mismatch',
  defaultSeverity: 'warning',
  docsUrl: DOCS.tuning,
  description: 'Members of one cluster use different heartbeat or election timeout values.',
  check(ctx) {
    const out: Finding[] = [];
    const viewOf = new Map<unknown, TimerView>();
    for (const v of ctx.views.timers) viewOf.set(v.fact, v);

    for (const group of groupConfigs(ctx.views.configs)) {
      const first = viewOf.get(group[0]);
      if (!first) continue;
      for (const c of group.slice(1)) {
        const v = viewOf.get(c);
        if (!v) continue;
        for (const which of ['heartbeat', 'election'] as const) {
          if (v[which].value !== first[which].value)
            out.push(mismatch(ctx, v, which, { ...first[which], label: first.label }));
        }
      }
    }

    for (const c of ctx.views.configs) {
      const resolved = ctx.views.topologyOf.get(c);
      const v = viewOf.get(c);
      if (!resolved || !v) continue;
      const t = resolved.topology;
      const uri = resolved.sameFile ? undefined : resolved.uri;
      const label = `topology ${t.name?.value ?? ''}`.trim();
      const pairs: [Which, Located<number> | undefined][] = [
        ['heartbeat', t.heartbeatMs],
        ['election', t.electionMs],
      ];
      for (const [which, written] of pairs) {
        if (!written || !isFiniteNumber(written.value)) continue;
        if (v[which].value !== written.value)
          out.push(mismatch(ctx, v, which, { value: written.value, located: written, uri, label }));
      }
    }
    return out;
  },
};
