// Member counts as recognisers state them: one number a user wrote (editable by a fix), or a count the
// recogniser computed (a list's length, a sum of pools) that no single edit changes.
import { getPair, keyRange, nodeRange, numberValue, type DocContext, type Pair } from '../parse';
import type { EtcdConfigFact, Range } from '../types';
import { located } from './yamlNodes';

export type MemberCount = NonNullable<EtcdConfigFact['memberCount']>;

/** The whole number at `owner.key`, as a member count. */
export function memberCountFrom(ctx: DocContext, owner: unknown, key: string, source: string): MemberCount | undefined {
  const pair = getPair(ctx, owner, key);
  return pair ? memberCountOfPair(ctx, pair, source) : undefined;
}

export function memberCountOfPair(ctx: DocContext, pair: Pair, source: string): MemberCount | undefined {
  const n = numberValue(ctx, pair.value);
  if (n === undefined || !Number.isInteger(n)) return undefined;
  const kr = keyRange(ctx, pair);
  return { ...located(n, { range: nodeRange(ctx, pair.value), ...(kr ? { keyRange: kr } : {}) }), source };
}

/** A count the recogniser computed, reported at `range` (the list's key, the first pool...). */
export function computedCount(value: number, range: Range, source: string): MemberCount {
  return { value, range, source, computed: true };
}
