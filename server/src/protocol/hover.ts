// Hover: what the value under the cursor means for this cluster, from the shared estimates; and, on a
// key or flag, its documentation from the etcd key table and the topology schema.
import type { Hover, MarkupContent, Position } from 'vscode-languageserver/node';
import { MarkupKind } from 'vscode-languageserver/node';
import type { EstimateOutcome, SubjectEstimate } from '../analysis/estimates';
import { isFailed, linkShares } from '../analysis/estimates';
import { FLAG_KEYS, CONFIG_FILE_KEYS } from '../analysis/etcdKeys';
import { timerChecks } from '../analysis/timerChecks';
import type { DocumentFact, EtcdConfigFact, Range, TopologyFact } from '../analysis/types';
import { contains } from './positions';
import {
  breakdownTable,
  latencyText,
  lossText,
  ms,
  perDay,
  percent,
  perSecond,
  quorumText,
  scenarioText,
  type EstimateModelChoice,
} from './estimateText';

interface HoverTarget {
  range: Range;
  markdown: () => string;
}

function summary(e: SubjectEstimate, model: EstimateModelChoice): string {
  const h = e.headline;
  const lines = [
    `**${e.subject.label}** — ${quorumText(e)}`,
    '',
    `${latencyText(h, model)} (${scenarioText(h)}); slowest leader: p50 ≈ ${ms(e.worst.raft.p50Ms)} (${e.worst.leader})`,
    '',
    `writes/s: ${perSecond(h.writesPerSecond)} for one client with one write in flight; ${perSecond(e.throughput.writesPerSecond)} for ${e.throughput.clients} concurrent clients (limited by ${e.throughput.limitedBy})`,
    '',
    breakdownTable(h),
  ];
  if (e.subject.measured?.length) lines.push('', `_Measured: ${e.subject.measured.join('; ')}._`);
  if (e.subject.assumptions.length > 0) lines.push('', `_Assumed: ${e.subject.assumptions.join('; ')}._`);
  return lines.join('\n');
}

function quorum(e: SubjectEstimate): string {
  const c = e.cluster;
  const lines = [
    `**${c.votingMembers} voting member(s)**: quorum ${c.quorum}, survives ${c.faultTolerance} failure(s).`,
    c.learners > 0 ? `${c.learners} learner(s) receive the log but never vote.` : '',
  ];
  const lostSites = c.siteLoss.filter((o) => !o.hasQuorum).map((o) => o.lost.join(', '));
  if (c.sites.length > 1) {
    lines.push(
      lostSites.length > 0
        ? `Losing site ${lostSites.join(' or ')} loses quorum.`
        : `Losing any one of the ${c.sites.length} sites keeps quorum.`,
    );
  }
  return lines.filter(Boolean).join('\n\n');
}

/** The timers against the RTT the rules judge them by (analysis/timerChecks.ts), and the model's figures. */
function timers(e: SubjectEstimate, which: 'heartbeat' | 'election'): string {
  const t = e.timers;
  const view = e.subject.timerView;
  const checks = view ? timerChecks(view) : undefined;
  const r = checks?.rtt;
  const lines: string[] = [];
  lines.push(`**heartbeat ${ms(t.heartbeatMs)} · election timeout ${ms(t.electionMs)}**`);
  if (r) {
    const where = r.rtt.link
      ? `the largest RTT between voting members: ${ms(r.rtt.rttMs)} (${r.rtt.link.sites[0] === r.rtt.link.sites[1] ? `within ${r.rtt.link.sites[0]}` : r.rtt.link.sites.join(' ↔ ')})`
      : `the RTT assumed by etcdCapacity.defaultRttMs: ${ms(r.rtt.rttMs)}`;
    const verdict =
      which === 'election'
        ? `election is ${(t.electionMs / r.rtt.rttMs).toFixed(1)}× RTT (etcd: ≥ 10×) ${r.electionBelowMinimum ? '✗' : '✓'}`
        : `heartbeat is ${r.heartbeatRatio.toFixed(1)}× RTT (etcd: about 0.5–1.5×) ${r.heartbeat === 'ok' ? '✓' : '✗'}`;
    lines.push(`Compared with ${where} — ${verdict}.`);
  } else if (e.subject.kind === 'config' && !e.subject.topology) {
    lines.push(
      'No RTT is known for these members (no topology describes them and etcdCapacity.defaultRttMs is unset): the timers are not judged against one.',
    );
    for (const problem of t.problems) lines.push(`⚠ ${problem}`);
    return lines.join('\n\n');
  }
  lines.push(
    `Expected spurious elections: ${perDay(t.spuriousElectionsPerDay)} per day (worst leader ${t.worstLeader}).`,
  );
  if (t.electionTime.possible) {
    lines.push(
      `A new leader after the leader fails: ≈ ${ms(t.electionTime.meanMs)} on average, p99 ${ms(t.electionTime.p99Ms)}.`,
    );
  }
  lines.push(
    `Recommended: heartbeat **${t.recommended.heartbeatMs} ms**, election timeout **${t.recommended.electionMs} ms** — ${t.recommended.reason}`,
  );
  for (const problem of t.problems) lines.push(`⚠ ${problem}`);
  return lines.join('\n\n');
}

function memberHover(e: SubjectEstimate, name: string): string {
  const loss = e.cluster.memberLoss.find((o) => o.lost.length === 1 && o.lost[0] === name);
  const member = e.subject.model.members.find((m) => m.name === name);
  const lines = [`**member ${name}**${member?.learner ? ' (learner: does not vote)' : ''}`];
  if (member) lines.push(`site ${member.site}; WAL fsync ${ms(member.fsync.mean)} ± ${ms(member.fsync.sd)}`);
  if (loss) lines.push(`Losing it: ${lossText(loss)}.`);
  const leading = e.cluster.scenarios.filter((s) => s.leader === name && s.clientSite === e.headline.clientSite)[0];
  if (leading) lines.push(`As leader: ${latencyText(leading, 'raft')} for a client in ${leading.clientSite}.`);
  return lines.join('\n\n');
}

function siteHover(e: SubjectEstimate, site: string): string {
  const loss = e.cluster.siteLoss.find((o) => o.lost.length === 1 && o.lost[0] === site);
  const voters = e.cluster.votersBySite[site] ?? 0;
  const lines = [`**site ${site}**: ${voters} voting member(s) of ${e.cluster.votingMembers}`];
  if (loss) lines.push(`Losing the site: ${lossText(loss)}.`);
  return lines.join('\n\n');
}

function linkHover(e: SubjectEstimate, t: TopologyFact, index: number): string {
  const link = t.links[index];
  const share = linkShares(e).find((s) => s.link === link);
  const [a, b] = link.sites;
  const lines = [`**RTT ${a} ↔ ${b}: ${ms(link.rttMs.value)}**${link.jitterMs ? ` ± ${ms(link.jitterMs.value)}` : ''}`];
  if (share) {
    lines.push(
      `Accounts for ${percent(share.shareOfP50)} of the write p50 (${ms(e.headline.raft.p50Ms)}, ${scenarioText(e.headline)}).`,
    );
  }
  const rtt = e.timers.maxVoterRtt;
  if (rtt && ((rtt.a === a && rtt.b === b) || (rtt.a === b && rtt.b === a) || a === b)) {
    lines.push(
      `The election timeout (${ms(e.timers.electionMs)}) should be at least 10 × the largest RTT between voters (${ms(rtt.meanMs)}).`,
    );
  }
  return lines.join('\n\n');
}

function keyDocs(fact: EtcdConfigFact, position: Position): HoverTarget | undefined {
  for (const setting of fact.settings ?? []) {
    const range = setting.keyRange ?? setting.range;
    if (!range || !contains(range, position)) continue;
    const spec = (fact.recogniser === 'etcd-config-file' ? CONFIG_FILE_KEYS : FLAG_KEYS).get(setting.flag);
    if (!spec) return undefined;
    return {
      range,
      markdown: () => {
        const parts = [`**${setting.writtenAs}** (etcd \`--${spec.name}\`)`, spec.description];
        if (spec.default !== undefined)
          parts.push(`Default: \`${JSON.stringify(spec.default)}\`${spec.unit ? ` ${spec.unit}` : ''}`);
        if (spec.deprecated) parts.push(`Deprecated: ${spec.deprecated.message}`);
        return parts.join('\n\n');
      },
    };
  }
  return undefined;
}

function targetsFor(outcome: EstimateOutcome, model: EstimateModelChoice): HoverTarget[] {
  if (isFailed(outcome)) return [];
  const e = outcome;
  const targets: HoverTarget[] = [];
  const fact = e.subject.fact;
  const add = (range: Range | undefined, markdown: () => string) => {
    if (range) targets.push({ range, markdown });
  };
  if (fact.type === 'topology') {
    add(fact.name?.range, () => summary(e, model));
    add(fact.membersKeyRange, () => quorum(e));
    add(fact.heartbeatMs?.range, () => timers(e, 'heartbeat'));
    add(fact.electionMs?.range, () => timers(e, 'election'));
    for (const m of fact.members ?? []) {
      add(m.name?.range, () => memberHover(e, m.name.value));
      add(m.site?.range, () => siteHover(e, m.site.value));
    }
    for (const s of fact.sites ?? []) add(s.name?.range, () => siteHover(e, s.name.value));
    (fact.links ?? []).forEach((link, i) => add(link.rttMs?.range, () => linkHover(e, fact, i)));
  } else if (fact.type === 'etcd-config') {
    add(fact.memberName?.range, () => summary(e, model));
    add(fact.heartbeatMs?.range, () => timers(e, 'heartbeat'));
    add(fact.electionMs?.range, () => timers(e, 'election'));
    add(fact.initialCluster?.range, () => `${quorum(e)}\n\n${summary(e, model)}`);
    add(fact.memberCount?.range, () => `${quorum(e)}\n\n${summary(e, model)}`);
  }
  return targets;
}

export function hoverAt(
  facts: DocumentFact[],
  estimates: () => EstimateOutcome[],
  position: Position,
  model: EstimateModelChoice,
): Hover | undefined {
  // Documentation of the key or flag under the cursor needs no estimate.
  for (const fact of facts) {
    if (fact.type !== 'etcd-config' || !contains(fact.range, position)) continue;
    const doc = keyDocs(fact, position);
    if (doc) return toHover(doc);
  }
  const inside = facts.some((f) => contains(f.range, position));
  if (!inside) return undefined;
  // Among the values under the cursor, the narrowest wins (a member name inside a member entry...).
  let best: HoverTarget | undefined;
  for (const outcome of estimates()) {
    for (const target of targetsFor(outcome, model)) {
      if (!contains(target.range, position)) continue;
      if (!best || width(target.range) < width(best.range)) best = target;
    }
  }
  return best ? toHover(best) : undefined;
}

function width(r: Range): number {
  return (r.end.line - r.start.line) * 100000 + (r.end.character - r.start.character);
}

function toHover(target: HoverTarget): Hover {
  const contents: MarkupContent = { kind: MarkupKind.Markdown, value: target.markdown() };
  return { contents, range: target.range };
}
