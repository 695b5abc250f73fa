// An even number of voting members tolerates no more failures than one fewer, and a symmetric partition
// can leave no side with a quorum (etcd FAQ, "Why an odd number of cluster members?").
import { faultTolerance, quorumSize } from './model';
import { finding } from '../findings';
import { memberCountFixes } from './memberCountFixes';
import { memberships, plural } from './membership';
import { DOCS, type Rule } from './rule';

export const evenMemberCount: Rule = {
  code: 'even-member-count',
  defaultSeverity: 'warning',
  docsUrl: DOCS.faq,
  description: 'An even number of voting members adds no fault tolerance over one fewer and risks a split vote.',
  check(ctx) {
    return memberships(ctx)
      .filter((m) => m.voting >= 2 && m.voting % 2 === 0)
      .map((m) => {
        const n = m.voting;
        const learners = m.learners > 0 ? ` (learners excluded: ${m.learners})` : '';
        return finding(
          evenMemberCount,
          m.range,
          `${m.label} has ${plural(n, 'voting member')}${learners}: quorum is ${quorumSize(n)}, so it survives ` +
            `${plural(faultTolerance(n), 'failure')} — no more than ${n - 1} members would. ` +
            `Use ${n - 1} or ${n + 1} voting members (or make one a learner).`,
          { related: m.related, fixes: memberCountFixes(ctx, m) },
        );
      });
  },
};
