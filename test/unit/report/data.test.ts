// The report's data builder: its figures are the model's, equal to what `etcd-capacity estimate --format json`
// prints for the same files (the built CLI, run as users run it), and it never throws on bad input.
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { describe, expect, it } from 'vitest';
import { readInputs, type InputFile } from '../../../server/src/cli/inputs';
import { buildReportData, CDF_POINTS, breakdownCategory } from '../../../server/src/report/data';
import { renderReportHtml } from '../../../server/src/report/html';

const ROOT = path.join(__dirname, '..', '..', '..');
const CLI = path.join(ROOT, 'server', 'out', 'cli.js');
const EXAMPLES = fs.readdirSync(path.join(ROOT, 'examples')).map((e) => `examples/${e}`);

function estimateJson(target: string): { clusters: unknown[] } {
  const r = spawnSync(process.execPath, [CLI, 'estimate', target, '--format', 'json'], { cwd: ROOT, encoding: 'utf8' });
  return JSON.parse(r.stdout);
}

const input = (display: string, text: string): InputFile => ({ display, uri: `file:///review/${display}`, text });

describe('buildReportData', () => {
  it.each(EXAMPLES)(
    '%s: every cluster carries exactly the estimate JSON, and curves agree with its percentiles',
    (example) => {
      // vitest runs from the repository root, so the display paths are the CLI's.
      const data = buildReportData(readInputs([example]));
      const expected = estimateJson(example);
      expect(data.clusters.map((c) => c.estimate)).toEqual(expected.clusters);
      for (const c of data.clusters) {
        expect(c.scenarios.length).toBe(c.estimate.scenarios.length);
        c.scenarios.forEach((s, i) => {
          const e = c.estimate.scenarios[i];
          expect([s.leader, s.clientSite, s.via]).toEqual([e.leader, e.clientSite, e.via]);
          expect(s.cdf).toHaveLength(CDF_POINTS);
          // Probabilities i / 200: p50, p90 and p99 are points 100, 180 and 198 (the same samples, rounded twice).
          expect(s.cdf[100]).toBeCloseTo(e.raft.p50Ms, 1);
          expect(s.cdf[180]).toBeCloseTo(e.raft.p90Ms, 1);
          expect(s.cdf[198]).toBeCloseTo(e.raft.p99Ms, 1);
          for (let k = 1; k < s.cdf.length; k++) expect(s.cdf[k]).toBeGreaterThanOrEqual(s.cdf[k - 1]);
          expect(s.breakdown.map((b) => b.term)).toEqual(e.raft.breakdown.map((b) => b.term));
          expect(s.sequentialSteps.reduce((sum, st) => sum + st.meanMs, 0)).toBeCloseTo(e.sequential.meanMs, 0);
        });
        const members = c.estimate.votingMembers + c.estimate.learners;
        expect(c.failures.filter((f) => f.kind === 'member')).toHaveLength(members);
        for (const f of c.failures) expect(f.quorumKept).toBe(f.votersLeft >= c.estimate.quorum);
        expect(c.timers.map((t) => t.which)).toEqual(['configured', 'recommended']);
        // The what-if baseline is the cluster as written: the same figures as its headline scenario.
        const w = c.whatIf!;
        const asWritten = w.members[0];
        const headline = c.estimate.scenarios.find(
          (s) => s.leader === w.scenario.leader && s.clientSite === w.scenario.clientSite,
        )!;
        expect(asWritten.change).toBe('as written');
        expect([asWritten.p50Ms, asWritten.p99Ms, asWritten.votingMembers]).toEqual([
          headline.raft.p50Ms,
          headline.raft.p99Ms,
          c.estimate.votingMembers,
        ]);
        expect(w.disks.length).toBeGreaterThan(5);
      }
    },
  );

  it('lists the failure matrix of the stretched two-site example as the model says', () => {
    const data = buildReportData(readInputs([path.join(ROOT, 'examples/stretched-two-dc')]));
    const c = data.clusters[0];
    const rows = c.failures.map(
      (f) => `${f.kind}:${f.lost.join('+')}:${f.votersLeft}:${f.quorumKept}:${f.leaderElectable}`,
    );
    expect(rows).toEqual([
      'member:etcd-a:2:true:true',
      'member:etcd-b:2:true:true',
      'member:etcd-c:2:true:true',
      'site:white:1:false:false',
      'site:yellow:2:true:true',
      'pair of sites:white+yellow:0:false:false',
    ]);
    // Configured 100/1000 ms; the recommendation follows the 150 ms link.
    expect(c.timers.map((t) => [t.heartbeatMs, t.electionMs])).toEqual([
      [100, 1000],
      [150, 2100],
    ]);
    // Two sites: the what-ifs include a third site, which survives the loss of the big site.
    const third = c.whatIf!.members.find((m) => m.change.includes('moved from white to a third site'))!;
    expect(third.survivesLossOf).toContain('white');
    expect(
      data.findings[0].findings.some((f) => f.code === 'site-loss-breaks-quorum' && f.docsUrl.startsWith('https://')),
    ).toBe(true);
  });

  it('categorises every breakdown term of the model', () => {
    expect(breakdownCategory('client (a) → m1 (a) and reply')).toBe('client RTT');
    expect(breakdownCategory('forward m2 → m1')).toBe('forward hop');
    expect(breakdownCategory('quorum replication: m1 → m2 RTT + fsync')).toBe('quorum replication');
    expect(breakdownCategory('leader WAL fsync (m1)')).toBe('leader fsync');
    expect(breakdownCategory('commit notice m1 → m2')).toBe('commit notice');
    expect(breakdownCategory('m2 WAL fsync of its own copy')).toBe('via fsync');
    expect(breakdownCategory("wait for m2's backend commit (bbolt, every 100 ms)")).toBe('backend commit');
    expect(breakdownCategory('request floor (gRPC, raft processing, apply; default)')).toBe('request floor');
  });

  it('never throws on bad input; a topology the model refuses keeps its error', () => {
    const bad = [
      input('empty.yaml', ''),
      input('binary.yaml', '\u0000\u0001\u0002'),
      input('broken.yaml', 'kind: EtcdTopology\nspec: [\n'),
      input(
        'unknown-via.yaml',
        'apiVersion: etcd-capacity/v1alpha1\nkind: EtcdTopology\nmetadata: {name: t}\nspec:\n  sites: [{name: a}]\n  members:\n    - {name: m1, site: a}\n  clients:\n    - {site: a, via: ghost}\n',
      ),
      input(
        'no-members.yaml',
        'apiVersion: etcd-capacity/v1alpha1\nkind: EtcdTopology\nmetadata: {name: e}\nspec: {sites: [{name: a}], members: []}\n',
      ),
    ];
    const data = buildReportData(bad);
    expect(data.clusters.find((c) => c.name === 't')?.estimate.error).toMatch(/ghost/);
    for (const c of data.clusters) if (c.scenarios.length === 0) expect(c.estimate.error).toBeTruthy();
    const html = renderReportHtml(data, { pageScript: '', nonce: 'n' });
    expect(html).toContain("script-src 'nonce-n'");
    expect(html).not.toMatch(/<script(?![^>]*(nonce="n"|type="application\/json"))/);
  });

  it('escapes what the files say, in the tables and in the embedded JSON', () => {
    const text =
      'apiVersion: etcd-capacity/v1alpha1\nkind: EtcdTopology\nmetadata: {name: "</script><img src=x>"}\nspec:\n  sites: [{name: a}]\n  links: [{sites: [a, a], rttMs: 1}]\n  members:\n    - {name: m1, site: a}\n';
    const html = renderReportHtml(buildReportData([input('x.yaml', text)]), { pageScript: '', nonce: 'n' });
    expect(html).not.toContain('<img src=x>');
    expect(html.match(/<\/script>/g)).toHaveLength(2);
  });
});
