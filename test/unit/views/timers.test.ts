// Views decide nothing: the timer inlay hints and hovers show the judgements the rules make (the same
// checks, the same RTT, the same suggested value), and stay silent about the RTT where the rules are.
import * as fs from 'node:fs';
import * as path from 'node:path';
import { describe, expect, it } from 'vitest';
import { analyzeFile } from '../../../server/src/analysis/analyze';
import { estimateFacts } from '../../../server/src/analysis/estimates';
import type { AnalysisSettings } from '../../../server/src/analysis/settings';
import { hoverAt } from '../../../server/src/protocol/hover';
import { inlayHints } from '../../../server/src/protocol/inlayHints';

const EVERYTHING = { start: { line: 0, character: 0 }, end: { line: 1000, character: 0 } };
const URI = 'file:///etcd.conf.yml';

function config(hb: number, el: number): string {
  return `name: m1\ninitial-cluster: m1=https://a:2380,m2=https://b:2380,m3=https://c:2380\nheartbeat-interval: ${hb}\nelection-timeout: ${el}\n`;
}

function view(text: string, settings: Partial<AnalysisSettings> = {}) {
  const { facts, findings } = analyzeFile(URI, text, settings);
  const outcomes = estimateFacts(URI, facts, settings);
  const hints = inlayHints(outcomes, EVERYTHING, 'raft');
  const label = (line: number) => hints.filter((h) => h.position.line === line).map((h) => String(h.label));
  const hover = (line: number) => {
    const h = hoverAt(facts, () => outcomes, { line, character: text.split('\n')[line]!.length - 1 }, 'raft');
    return h ? (h.contents as { value: string }).value : '';
  };
  return { findings, label, hover, codes: findings.map((f) => f.code) };
}

describe('timer hints and hovers', () => {
  it('say nothing about the RTT when no topology or defaultRttMs gives one (the RTT rules are silent)', () => {
    const v = view(config(100, 1000));
    expect(v.codes).not.toContain('election-timeout-below-10x-rtt');
    expect(v.label(3).join(' ')).not.toMatch(/RTT/);
    expect(v.label(2)).toEqual([]);
    for (const line of [2, 3]) {
      expect(v.hover(line)).toContain('No RTT is known for these members');
      expect(v.hover(line)).not.toMatch(/×\s?RTT|[✓✗]|spurious/);
    }
  });

  it('show the rule’s verdict and the value its quick fix sets, against the RTT the rule used', () => {
    const v = view(config(100, 1000), { defaultRttMs: 150 });
    const rule = v.findings.find((f) => f.code === 'election-timeout-below-10x-rtt')!;
    expect(rule).toBeDefined();
    const fixed = rule.fixes![0]!.edits[0]!.newText;
    expect(v.label(3)).toEqual([`< 10×RTT (1500 ms) ✗ use ≥ ${fixed} ms`]);
  });

  it.each([
    [100, 1000, 20],
    [100, 1000, 150],
    [10, 1000, 50],
    [300, 3000, 100],
    [150, 1500, 100],
    [1000, 4000, 100],
  ])('agree with the rules for heartbeat %d, election %d, RTT %d', (hb, el, rtt) => {
    const v = view(config(hb, el), { defaultRttMs: rtt });
    const election = v.label(3).join(' ');
    const heartbeat = v.label(2).join(' ');
    expect(election.includes('✗'), election).toBe(
      v.codes.includes('election-timeout-below-10x-rtt') || v.codes.includes('election-timeout-below-5x-heartbeat'),
    );
    expect(heartbeat.includes('✗'), heartbeat).toBe(v.codes.includes('heartbeat-far-from-rtt'));
  });

  it('hover states the rules the heartbeat is judged by, no other', () => {
    const v = view(config(100, 1000), { defaultRttMs: 100 });
    expect(v.hover(2)).toMatch(/0\.5–1\.5/);
    expect(v.hover(2)).not.toMatch(/never below the RTT/);
  });
});

describe("etcd's timer limits", () => {
  it('come from the model (model/timers.ts ETCD_*), never a literal in a rule or a view', () => {
    const root = path.join(__dirname, '..', '..', '..', 'server', 'src');
    for (const dir of ['analysis/rules', 'protocol', 'analysis']) {
      for (const file of fs.readdirSync(path.join(root, dir)).filter((f) => f.endsWith('.ts'))) {
        const code = fs
          .readFileSync(path.join(root, dir, file), 'utf8')
          .split('\n')
          .filter((l) => !/^\s*(\/\/|\*|\/\*)/.test(l))
          // A file-count limit of 50,000 (the workspace scan's maxFiles) is not etcd's election maximum.
          .filter((l) => !/\bmaxFiles\b/.test(l))
          .join('\n');
        expect(code, `${dir}/${file}`).not.toMatch(/\b50_?000\b/);
      }
    }
  });
});
