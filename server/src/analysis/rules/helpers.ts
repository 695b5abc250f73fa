// Small helpers shared by the rule files: number formatting, value-replacing fixes, related locations.
import type { TimerView } from '../cluster';
import type { Located, Range, RelatedLocation, SuggestedEdit } from '../types';
import type { RuleContext } from './rule';

/** `150`, `0.5`, `1.25`: at most two decimals, no trailing zeros. */
export function ms(value: number): string {
  if (!Number.isFinite(value)) return String(value);
  return String(Number(value.toFixed(2)));
}

/**
 * New text for a value at `range`, keeping the quoting the document uses there: a quoted env var or
 * kubeadm extraArgs value stays a quoted string, a plain YAML number stays a number.
 */
export function keepQuoting(ctx: RuleContext, range: Range, value: string): string {
  const current = ctx.textAt(range);
  const q = current[0];
  if ((q === '"' || q === "'") && current.length >= 2 && current[current.length - 1] === q) return `${q}${value}${q}`;
  return value;
}

/** A fix replacing one written value; undefined when the value is not written in this file. */
export function replaceFix(
  ctx: RuleContext,
  title: string,
  target: Located<unknown> | undefined,
  value: number | string,
) {
  if (!target) return undefined;
  return {
    title,
    edits: [{ range: target.range, newText: keepQuoting(ctx, target.range, String(value)) }],
  } satisfies SuggestedEdit;
}

export function compact<T>(items: (T | undefined)[]): T[] {
  return items.filter((x): x is T => x !== undefined);
}

/** Related location of the slowest link a timer view is judged against. */
export function linkRelated(view: TimerView): RelatedLocation[] {
  const rtt = view.rtt;
  if (!rtt?.link) return [];
  const [a, b] = rtt.link.sites;
  const where = a === b ? `within site ${a}` : `between ${a} and ${b}`;
  const topo = rtt.topology?.name?.value ? ` (topology ${rtt.topology.name.value})` : '';
  return [
    {
      uri: rtt.topologyUri,
      range: rtt.link.rttMs.range,
      message: `Slowest link between voting members: ${ms(rtt.rttMs)} ms ${where}${topo}`,
    },
  ];
}

/** "150 ms (white ↔ yellow)" or "150 ms (etcdCapacity.defaultRttMs)". */
export function rttSource(view: TimerView): string {
  const rtt = view.rtt;
  if (!rtt) return '';
  if (!rtt.link) return `${ms(rtt.rttMs)} ms (assumed: etcdCapacity.defaultRttMs)`;
  const [a, b] = rtt.link.sites;
  return `${ms(rtt.rttMs)} ms (${a === b ? `within ${a}` : `${a} ↔ ${b}`})`;
}
