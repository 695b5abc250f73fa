// One voting member has no fault tolerance: losing it loses the cluster (etcd FAQ, failure modes).
// A topology describing a single voting member warns; an etcd config with one member (common for
// development) only informs.
import { finding } from '../findings';
import { memberships } from './membership';
import { DOCS, type Rule } from './rule';

export const singleMember: Rule = {
  code: 'single-member',
  defaultSeverity: 'warning',
  lesser: { severity: 'information', when: 'it is an etcd configuration (often a development setup), not a topology' },
  docsUrl: DOCS.failures,
  description: 'A single voting member has no fault tolerance.',
  check(ctx) {
    return memberships(ctx)
      .filter((m) => m.voting === 1)
      .map((m) =>
        finding(
          singleMember,
          m.range,
          `${m.label} has a single voting member: it tolerates no failure, and losing it loses the data. ` +
            `For production run 3 voting members (quorum 2, survives 1 failure) or 5 (survives 2).`,
          { related: m.related, lesser: m.kind !== 'topology' },
        ),
      );
  },
};
