// The rule registry: every rule the analysis runs, in a stable order, plus the recognisers' finding
// codes (pass-through) so settings and SARIF know them too.
import { arbiterRttAbove10ms } from './arbiter-rtt-above-10ms';
import { defaultMemberName } from './default-member-name';
import { electionTimeoutBelow10xRtt } from './election-timeout-below-10x-rtt';
import { electionTimeoutBelow5xHeartbeat } from './election-timeout-below-5x-heartbeat';
import { electionTimeoutTooLong } from './election-timeout-too-long';
import { evenMemberCount } from './even-member-count';
import { heartbeatFarFromRtt } from './heartbeat-far-from-rtt';
import { networkStorage } from './network-storage';
import { nonSsdStorage } from './non-ssd-storage';
import { PASSTHROUGH_RULES } from './passthrough';
import { quotaAbove8GiB } from './quota-above-8gib';
import { rttAbove50ms } from './rtt-above-50ms';
import { singleMember } from './single-member';
import { siteLossBreaksQuorum } from './site-loss-breaks-quorum';
import { slowFsync } from './slow-fsync';
import { timerZero } from './timer-zero';
import { timingMismatch } from './timing-mismatch';
import { tooManyMembers } from './too-many-members';
import type { Rule } from './rule';

export type { Rule } from './rule';

export const RULES: readonly Rule[] = Object.freeze([
  evenMemberCount,
  singleMember,
  tooManyMembers,
  electionTimeoutBelow5xHeartbeat,
  electionTimeoutTooLong,
  timerZero,
  electionTimeoutBelow10xRtt,
  heartbeatFarFromRtt,
  timingMismatch,
  networkStorage,
  nonSsdStorage,
  slowFsync,
  rttAbove50ms,
  arbiterRttAbove10ms,
  siteLossBreaksQuorum,
  quotaAbove8GiB,
  defaultMemberName,
  ...PASSTHROUGH_RULES,
]);

const BY_CODE = new Map(RULES.map((r) => [r.code, r]));

export function ruleByCode(code: string): Rule | undefined {
  return BY_CODE.get(code);
}
