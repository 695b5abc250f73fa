// The full estimate a code lens opens: quorum and loss scenarios, every (leader, client) scenario,
// the latency breakdown, timer safety and disk sensitivity — as Markdown.
import { diskSensitivity, THROUGHPUT_ASSUMPTION } from '../model';
import type { EstimateOutcome } from '../analysis/estimates';
import { isFailed } from '../analysis/estimates';
import { breakdownTable, lossText, ms, perDay, percent, perSecond, quorumText, scenarioText } from './estimateText';

export function estimateReport(outcome: EstimateOutcome): string {
  const title = `# etcd capacity estimate: ${outcome.subject.label}`;
  if (isFailed(outcome)) return `${title}\n\nNo estimate: ${outcome.error}\n`;
  const e = outcome;
  const c = e.cluster;
  const out: string[] = [title, '', `**${quorumText(e)}**`, ''];
  if (e.subject.assumptions.length > 0) out.push(`Assumed: ${e.subject.assumptions.join('; ')}.`, '');

  out.push('## Write latency (raft-aware model)', '');
  out.push(
    '| leader | client site | via | p50 | p90 | p99 | mean | sequential (seed) | writes/s |',
    '|---|---|---|---:|---:|---:|---:|---:|---:|',
  );
  for (const s of c.scenarios) {
    out.push(
      `| ${s.leader} | ${s.clientSite} | ${s.via} | ${ms(s.raft.p50Ms)} | ${ms(s.raft.p90Ms)} | ${ms(s.raft.p99Ms)} | ${ms(s.raft.meanMs)} | ${ms(s.sequential.meanMs)} ± ${ms(s.sequential.jitterMs)} | ${perSecond(s.writesPerSecond)} |`,
    );
  }
  out.push('', `### Where the time goes (${scenarioText(e.headline)})`, '', breakdownTable(e.headline, 20), '');
  out.push(
    `Throughput: ${perSecond(e.throughput.oneClientWritesPerSecond)} with one client and one write in flight; ` +
      `${perSecond(e.throughput.writesPerSecond)} with ${e.throughput.clients} concurrent clients. ${THROUGHPUT_ASSUMPTION}`,
    '',
  );

  out.push('## Failures', '', '| lost | outcome |', '|---|---|');
  for (const o of [...c.memberLoss, ...c.siteLoss, ...c.sitePairLoss])
    out.push(`| ${o.lost.join(' + ')} | ${lossText(o)} |`);
  const omitted = c.omittedLossOutcomes;
  if (omitted.members + omitted.sites + omitted.sitePairs > 0) {
    out.push(
      '',
      `Not listed (the cluster is too large to list every loss): ${omitted.members} member, ${omitted.sites} site and ${omitted.sitePairs} site-pair outcomes; the sites listed are those with the most voting members.`,
    );
  }
  out.push('');

  const t = e.timers;
  out.push('## Timers', '');
  out.push(`heartbeat ${ms(t.heartbeatMs)}, election timeout ${ms(t.electionMs)}.`);
  if (t.maxVoterRtt)
    out.push(
      `Largest RTT between voting members: ${ms(t.maxVoterRtt.meanMs)} (${t.maxVoterRtt.a} ↔ ${t.maxVoterRtt.b}), p99 ${ms(t.maxVoterRtt.p99Ms)}.`,
    );
  out.push(
    `Expected spurious elections: ${perDay(t.spuriousElectionsPerDay)} per day (worst leader ${t.worstLeader}).`,
  );
  if (t.electionTime.possible)
    out.push(
      `Electing a new leader after a leader failure: mean ${ms(t.electionTime.meanMs)}, p99 ${ms(t.electionTime.p99Ms)}.`,
    );
  out.push(
    `Recommended: heartbeat ${t.recommended.heartbeatMs} ms, election timeout ${t.recommended.electionMs} ms — ${t.recommended.reason}`,
  );
  for (const p of t.problems) out.push(`- ⚠ ${p}`);
  out.push('');

  try {
    const h = e.headline;
    const disk = diskSensitivity(e.subject.model, { leader: h.leader, clientSite: h.clientSite, via: h.via });
    out.push(
      '## Disks',
      '',
      `fsync accounts for ${percent(disk.fsyncShareP50)} of the write p50. With every member on one storage class:`,
      '',
    );
    out.push('| storage | fsync | p50 | p99 |', '|---|---:|---:|---:|');
    for (const d of disk.byClass)
      out.push(`| ${d.diskClass} | ${ms(d.fsync.mean)} ± ${ms(d.fsync.sd)} | ${ms(d.p50Ms)} | ${ms(d.p99Ms)} |`);
    out.push('');
  } catch (error) {
    out.push(`_Disk sensitivity unavailable: ${error instanceof Error ? error.message : String(error)}_`, '');
  }
  out.push('_Model: see docs/model.md (validated against a real etcd in docs/validation.md)._');
  return out.join('\n');
}
