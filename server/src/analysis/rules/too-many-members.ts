// Every write goes to a quorum of voting members; more voters mean more replication work and slower
// elections. etcd recommends at most 7 (FAQ, "What is maximum cluster size?"); learners do not vote.
import { finding } from '../findings';
import { memberships, plural } from './membership';
import { DOCS, type Rule } from './rule';

export const tooManyMembers: Rule = {
  code: 'too-many-members',
  defaultSeverity: 'warning',
  docsUrl: DOCS.faq,
  description: 'More voting members than recommended (7 by default) slow every write.',
  check(ctx) {
    const max = ctx.settings.maxVotingMembers;
    return memberships(ctx)
      .filter((m) => m.voting > max)
      .map((m) => {
        const target = max % 2 === 1 ? max : Math.max(1, max - 1);
        return finding(
          tooManyMembers,
          m.range,
          `${m.label} has ${plural(m.voting, 'voting member')}, above the recommended maximum of ${max}: ` +
            `each write waits for a larger quorum. Keep ${target} voting members and run the other ` +
            `${m.voting - target} as learners or drop them.`,
          { related: m.related },
        );
      });
  },
};
