// Memberships the member-count rules judge: each topology's voting members, and each etcd config that
// states a member count (initial-cluster entries, replicaCount, size...). Learners never count.
import { isFiniteNumber, votingMembers } from '../cluster';
import type { EtcdConfigFact, Range, RelatedLocation, TopologyFact } from '../types';
import type { RuleContext } from './rule';

export interface Membership {
  kind: 'topology' | 'config';
  label: string;
  voting: number;
  learners: number;
  /** The `members` key, or the member-count value. */
  range: Range;
  /** What stated the count, e.g. `initial-cluster`, `replicaCount`. */
  source: string;
  related: RelatedLocation[];
  /** The fact stating the membership, for fixes that edit it. */
  topology?: TopologyFact;
  config?: EtcdConfigFact;
}

export function memberships(ctx: RuleContext): Membership[] {
  const out: Membership[] = [];
  for (const t of ctx.views.topologies) {
    const members = t.members ?? [];
    const voting = votingMembers(t);
    const learners = members.filter((m) => m && m.learner === true);
    const range = t.membersKeyRange ?? members[0]?.range ?? t.name?.range ?? t.range;
    out.push({
      kind: 'topology',
      label: `topology ${t.name?.value ?? ''}`.trim(),
      voting: voting.length,
      learners: learners.length,
      range,
      source: 'members',
      topology: t,
      related: learners.map((m) => ({
        range: m.name.range,
        message: `${m.name.value} is a learner: it does not vote`,
      })),
    });
  }
  for (const c of ctx.views.configs) {
    if (c.membershipStatedBy) continue; // judged once, at the fact that states the cluster's membership
    const count = c.memberCount;
    if (count && isFiniteNumber(count.value)) {
      out.push({
        kind: 'config',
        label: c.label,
        voting: count.value,
        learners: 0,
        range: count.range,
        source: count.source || 'member count',
        related: [],
        config: c,
      });
    } else if (Array.isArray(c.initialCluster?.value) && c.initialCluster.value.length > 0) {
      out.push({
        kind: 'config',
        label: c.label,
        voting: c.initialCluster.value.length,
        learners: 0,
        range: c.initialCluster.range,
        source: 'initial-cluster',
        related: [],
        config: c,
      });
    }
  }
  return out;
}

export function plural(n: number, word: string): string {
  return `${n} ${word}${n === 1 ? '' : 's'}`;
}
