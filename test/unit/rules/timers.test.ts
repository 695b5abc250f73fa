import { describe, expect, it } from 'vitest';
import { TopologyIndex } from '../../../server/src/analysis/workspace';
import { config, topology } from './facts';
import { only, runFacts } from './run';

const stretched = (heartbeatMs?: number, electionMs?: number) =>
  topology({
    name: 'stretched-two-dc',
    heartbeatMs,
    electionMs,
    sites: ['white', 'yellow'],
    links: [
      { sites: ['white', 'white'], rttMs: 20 },
      { sites: ['yellow', 'yellow'], rttMs: 10 },
      { sites: ['white', 'yellow'], rttMs: 150, line: 30 },
    ],
    members: [
      { name: 'etcd-a', site: 'white' },
      { name: 'etcd-b', site: 'white' },
      { name: 'etcd-c', site: 'yellow' },
    ],
  });

const lan = (heartbeatMs?: number, electionMs?: number, rttMs = 0.4) =>
  topology({
    name: 'lan',
    heartbeatMs,
    electionMs,
    sites: ['dc1'],
    links: [{ sites: ['dc1', 'dc1'], rttMs, line: 20 }],
    members: [
      { name: 'cp1', site: 'dc1' },
      { name: 'cp2', site: 'dc1' },
      { name: 'cp3', site: 'dc1' },
    ],
  });

const TIMER_CODES = [
  'election-timeout-below-10x-rtt',
  'election-timeout-below-5x-heartbeat',
  'election-timeout-too-long',
  'timer-zero',
  'heartbeat-far-from-rtt',
  'timing-mismatch',
];
const timerFindings = (findings: ReturnType<typeof runFacts>) => findings.filter((f) => TIMER_CODES.includes(f.code));

describe('election-timeout-below-10x-rtt', () => {
  it('fires on 1000 ms against a 150 ms link, with the value to use and the link as related', () => {
    const f = only(runFacts([stretched(100, 1000)]), 'election-timeout-below-10x-rtt');
    expect(f).toHaveLength(1);
    expect(f[0].severity).toBe('warning');
    expect(f[0].message).toContain('election timeout 1000 ms');
    expect(f[0].message).toContain('150 ms (white ↔ yellow)');
    expect(f[0].message).toContain('at least 1500 ms');
    expect(f[0].range.start).toEqual({ line: 8, character: 23 });
    expect(f[0].related?.[0].range.start.line).toBe(30);
    expect(f[0].related?.[0].message).toContain('150 ms between white and yellow');
    const fix = f[0].fixes?.[0];
    expect(fix?.edits[0].range.start).toEqual({ line: 8, character: 23 });
    expect(Number(fix?.edits[0].newText)).toBeGreaterThanOrEqual(1500);
  });

  it('reports on the topology name when the election timeout is left at the default', () => {
    const f = only(runFacts([stretched()]), 'election-timeout-below-10x-rtt');
    expect(f).toHaveLength(1);
    expect(f[0].message).toContain('(etcd default)');
    expect(f[0].range.start.line).toBe(3);
    expect(f[0].fixes).toBeUndefined();
  });

  it('is silent when the election timeout is at least 10 × RTT', () => {
    expect(only(runFacts([stretched(150, 1500)]), 'election-timeout-below-10x-rtt')).toEqual([]);
  });

  it('ignores links that only learners use', () => {
    const t = topology({
      sites: ['a', 'far'],
      links: [
        { sites: ['a', 'a'], rttMs: 1 },
        { sites: ['a', 'far'], rttMs: 300 },
      ],
      members: [
        { name: 'm1', site: 'a' },
        { name: 'm2', site: 'a' },
        { name: 'm3', site: 'a' },
        { name: 'l1', site: 'far', learner: true },
      ],
    });
    expect(only(runFacts([t]), 'election-timeout-below-10x-rtt')).toEqual([]);
  });
});

describe('election-timeout-below-5x-heartbeat', () => {
  it('is an error quoting etcd exactly', () => {
    const f = only(
      runFacts([config({ heartbeatMs: 300, heartbeatLine: 5, electionMs: 1200, electionLine: 6 })]),
      'election-timeout-below-5x-heartbeat',
    );
    expect(f).toHaveLength(1);
    expect(f[0].severity).toBe('error');
    expect(f[0].message).toContain(
      '--election-timeout[1200ms] should be at least as 5 times as --heartbeat-interval[300ms]',
    );
    expect(f[0].message).toContain('at least 1500 ms');
    expect(f[0].range.start).toEqual({ line: 6, character: 18 });
    expect(f[0].related?.[0].range.start.line).toBe(5);
    expect(f[0].fixes?.map((x) => x.edits[0].newText)).toEqual(['3000', '240']);
  });

  it('accepts exactly 5 × (OpenShift "Slower": 500/2500)', () => {
    const findings = runFacts([config({ recogniser: 'openshift-etcd', heartbeatMs: 500, electionMs: 2500 })]);
    expect(only(findings, 'election-timeout-below-5x-heartbeat')).toEqual([]);
  });

  it('uses the default election timeout when only the heartbeat is set', () => {
    const f = only(runFacts([config({ heartbeatMs: 250, heartbeatLine: 9 })]), 'election-timeout-below-5x-heartbeat');
    expect(f).toHaveLength(1);
    expect(f[0].message).toContain(
      '--election-timeout[1000ms] should be at least as 5 times as --heartbeat-interval[250ms]',
    );
    expect(f[0].range.start.line).toBe(9);
  });
});

describe('election-timeout-too-long', () => {
  it('is an error quoting etcd above 50000 ms', () => {
    const f = only(
      runFacts([config({ heartbeatMs: 1000, electionMs: 60000, electionLine: 4 })]),
      'election-timeout-too-long',
    );
    expect(f).toHaveLength(1);
    expect(f[0].severity).toBe('error');
    expect(f[0].message).toContain('--election-timeout[60000ms] is too long, and should be set less than 50000ms');
    expect(f[0].range.start.line).toBe(4);
    expect(f[0].fixes?.[0].edits[0].newText).toBe('50000');
  });

  it('accepts 50000 ms exactly', () => {
    expect(only(runFacts([config({ heartbeatMs: 1000, electionMs: 50000 })]), 'election-timeout-too-long')).toEqual([]);
  });
});

describe('timer-zero', () => {
  it('reports a zero heartbeat with etcd’s message, and no ratio errors on top', () => {
    const findings = runFacts([config({ heartbeatMs: 0, heartbeatLine: 3, electionMs: 1000 })]);
    const f = only(findings, 'timer-zero');
    expect(f).toHaveLength(1);
    expect(f[0].severity).toBe('error');
    expect(f[0].message).toContain('--heartbeat-interval must be >0 (set to 0ms)');
    expect(f[0].range.start.line).toBe(3);
    expect(only(findings, 'election-timeout-below-5x-heartbeat')).toEqual([]);
  });

  it('reports a zero election timeout', () => {
    const f = only(runFacts([config({ electionMs: 0 })]), 'timer-zero');
    expect(f[0].message).toContain('--election-timeout must be >0 (set to 0ms)');
  });
});

describe('heartbeat-far-from-rtt', () => {
  it('fires when the heartbeat is below 0.5 × RTT', () => {
    const f = only(runFacts([stretched(50, 2000)]), 'heartbeat-far-from-rtt');
    expect(f).toHaveLength(1);
    expect(f[0].severity).toBe('information');
    expect(f[0].message).toContain('below 0.5 ×');
    expect(f[0].range.start).toEqual({ line: 7, character: 24 });
    expect(f[0].related?.[0].range.start.line).toBe(30);
  });

  it('fires when the heartbeat is above 1.5 × RTT and above the 100 ms default', () => {
    const f = only(runFacts([lan(250, 2500, 2)]), 'heartbeat-far-from-rtt');
    expect(f).toHaveLength(1);
    expect(f[0].message).toContain('above 1.5 ×');
    expect(f[0].message).toMatch(/Set heartbeat-interval to about \d+ ms/);
  });

  it('stays silent on a LAN with the default 100 ms heartbeat', () => {
    expect(only(runFacts([lan(100, 1000, 1)]), 'heartbeat-far-from-rtt')).toEqual([]);
  });
});

describe('timers at etcd defaults on a LAN', () => {
  it('produce no timer finding at all', () => {
    expect(timerFindings(runFacts([lan()]))).toEqual([]);
    expect(timerFindings(runFacts([lan(100, 1000)]))).toEqual([]);
  });
});

describe('RTT for etcd configs', () => {
  const topologyUri = 'file:///project/prod.etcd-topology.yaml';
  const prod = topology({
    name: 'prod-eu1',
    heartbeatMs: 250,
    electionMs: 2500,
    electionLine: 9,
    sites: ['room-a', 'room-b'],
    links: [
      { sites: ['room-a', 'room-a'], rttMs: 0.3 },
      { sites: ['room-b', 'room-b'], rttMs: 0.3 },
      { sites: ['room-a', 'room-b'], rttMs: 80, line: 22 },
    ],
    members: [
      { name: 'cp1', site: 'room-a' },
      { name: 'cp2', site: 'room-a' },
      { name: 'cp3', site: 'room-b' },
    ],
  });
  const index = new TopologyIndex();
  index.update(topologyUri, [prod]);

  it('a static pod whose members a workspace topology names gets that topology’s RTT (related in the other file)', () => {
    const pod = config({
      recogniser: 'pod',
      label: 'Pod kube-system/etcd',
      name: 'cp3',
      initialCluster: ['cp1', 'cp2', 'cp3'],
      heartbeatMs: 100,
      electionMs: 500,
      electionLine: 40,
    });
    const f = only(runFacts([pod], {}, { workspace: index }), 'election-timeout-below-10x-rtt');
    expect(f).toHaveLength(1);
    expect(f[0].range.start.line).toBe(40);
    expect(f[0].message).toContain('at least 800 ms');
    expect(f[0].related?.[0].uri).toBe(topologyUri);
    expect(f[0].related?.[0].range.start.line).toBe(22);
  });

  it('a topology=NAME comment picks the topology explicitly', () => {
    const c = config({ topologyRef: 'prod-eu1', electionMs: 500 });
    expect(only(runFacts([c], {}, { workspace: index }), 'election-timeout-below-10x-rtt')).toHaveLength(1);
  });

  it('a topology in the same file counts', () => {
    const c = config({ name: 'cp1', electionMs: 500 });
    const f = only(runFacts([prod, c]), 'election-timeout-below-10x-rtt');
    expect(f.some((x) => x.related?.[0].uri === undefined && x.message.includes('etcd config file'))).toBe(true);
  });

  it('without a topology the RTT rules stay silent, unless defaultRttMs is set', () => {
    const c = config({ name: 'x1', initialCluster: ['x1', 'x2', 'x3'], electionMs: 1000 });
    expect(only(runFacts([c], {}, { workspace: index }), 'election-timeout-below-10x-rtt')).toEqual([]);
    const f = only(runFacts([c], { defaultRttMs: 150 }, { workspace: index }), 'election-timeout-below-10x-rtt');
    expect(f).toHaveLength(1);
    expect(f[0].message).toContain('assumed: etcdCapacity.defaultRttMs');
  });
});

describe('timing-mismatch', () => {
  it('compares configs of one cluster in a file (shared initial-cluster names)', () => {
    const a = config({
      label: 'member cp1',
      name: 'cp1',
      initialCluster: ['cp1', 'cp2', 'cp3'],
      heartbeatMs: 100,
      electionMs: 1000,
      electionLine: 4,
    });
    const b = config({
      label: 'member cp2',
      name: 'cp2',
      initialCluster: ['cp1', 'cp2', 'cp3'],
      heartbeatMs: 100,
      electionMs: 1500,
      electionLine: 14,
    });
    const f = only(runFacts([a, b]), 'timing-mismatch');
    expect(f).toHaveLength(1);
    expect(f[0].severity).toBe('warning');
    expect(f[0].range.start.line).toBe(14);
    expect(f[0].message).toContain('election-timeout is 1500 ms but 1000 ms in member cp1');
    expect(f[0].related?.[0].range.start.line).toBe(4);
    expect(f[0].fixes?.[0].edits[0].newText).toBe('1000');
  });

  it('is silent for configs of different clusters', () => {
    const a = config({ name: 'a1', initialCluster: ['a1', 'a2', 'a3'], electionMs: 1000 });
    const b = config({ name: 'b1', initialCluster: ['b1', 'b2', 'b3'], electionMs: 1500 });
    expect(only(runFacts([a, b]), 'timing-mismatch')).toEqual([]);
  });

  it('compares a config with the explicit timers of its topology in another file', () => {
    const t = topology({
      name: 'prod',
      heartbeatMs: 250,
      electionMs: 2500,
      electionLine: 9,
      sites: ['r'],
      links: [{ sites: ['r', 'r'], rttMs: 1 }],
      members: [
        { name: 'cp1', site: 'r' },
        { name: 'cp2', site: 'r' },
        { name: 'cp3', site: 'r' },
      ],
    });
    const index = new TopologyIndex();
    index.update('file:///t.yaml', [t]);
    const c = config({ name: 'cp3', heartbeatMs: 250, electionMs: 1250, electionLine: 30 });
    const f = only(runFacts([c], {}, { workspace: index }), 'timing-mismatch');
    expect(f).toHaveLength(1);
    expect(f[0].range.start.line).toBe(30);
    expect(f[0].related?.[0]).toMatchObject({ uri: 'file:///t.yaml', range: { start: { line: 9 } } });
  });
});
