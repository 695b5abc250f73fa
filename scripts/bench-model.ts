// Timing figures for the latency model on a 7-member, 3-site cluster (median and p99 over many runs).
// Run: npm run bench:model
import { estimateCluster, raftEstimate, timerSafety, type ModelCluster } from '../server/src/model';

const fsync = (mean: number, sd: number) => ({ mean, sd });
const members: [string, string, number, number][] = [
  ['a1', 'east', 0.8, 0.4],
  ['a2', 'east', 0.8, 0.4],
  ['a3', 'east', 1.2, 0.9],
  ['b1', 'west', 0.8, 0.4],
  ['b2', 'west', 2, 1.5],
  ['c1', 'north', 0.5, 0.2],
  ['c2', 'north', 0.5, 0.2],
];
const rtts: [string, string, number, number][] = [
  ['east', 'east', 0.3, 0.1],
  ['west', 'west', 0.3, 0.1],
  ['north', 'north', 0.3, 0.1],
  ['east', 'west', 12, 2],
  ['east', 'north', 25, 4],
  ['west', 'north', 30, 6],
];
const cluster: ModelCluster = {
  members: members.map(([name, site, m, sd]) => ({ name, site, fsync: fsync(m, sd) })),
  links: rtts.map(([a, b, m, sd]) => ({ a, b, rtt: fsync(m, sd) })),
  heartbeatMs: 100,
  electionMs: 1000,
};

function time(name: string, runs: number, fn: () => unknown): void {
  fn(); // warm-up (JIT)
  const t: number[] = [];
  for (let i = 0; i < runs; i++) {
    const start = process.hrtime.bigint();
    fn();
    t.push(Number(process.hrtime.bigint() - start) / 1e6);
  }
  t.sort((a, b) => a - b);
  const q = (p: number): string => t[Math.min(t.length - 1, Math.floor(p * t.length))].toFixed(2);
  console.log(
    `${name.padEnd(44)} runs ${String(runs).padStart(4)}  median ${q(0.5).padStart(7)} ms  p99 ${q(0.99).padStart(7)} ms`,
  );
}

const est = estimateCluster(cluster);
console.log(`7 members, 3 sites: ${est.scenarios.length} scenarios (7 leaders × 3 client sites)`);
time('raftEstimate (leader a1, client north)', 200, () => raftEstimate(cluster, { leader: 'a1', clientSite: 'north' }));
time('estimateCluster (all 21 scenarios)', 40, () => estimateCluster(cluster));
time('timerSafety', 40, () => timerSafety(cluster));
const s = raftEstimate(cluster, { leader: 'a1', clientSite: 'north' });
console.log(
  `sample: leader a1, client north via ${s.via}: p50 ${s.p50Ms.toFixed(2)} ms, p99 ${s.p99Ms.toFixed(2)} ms; dominant: ${s.dominant}`,
);
