// Growth rate of the analysis against input size (issue 13): for each dimension, time and memory at n
// and 8n, and the fitted exponent log(t(8n) / t(n)) / log 8, which must be at most 1.3 (n log n at worst).
// Run: npm run bench:scaling [-- --only members,keys | --only 'members, estimates'] [-- --runs 3]
//
// Each measurement is a fresh process (this bundle with `--one DIM SIZE`), so memory is not shared
// between sizes: it warms the code on a small input, then runs the operation twice and keeps the faster
// time; memory is the peak RSS during the first run above the RSS just before it. The figure kept per size is the
// fastest of
// `--runs` processes (the least disturbed on a shared machine). Operations are what the server and the
// CLI run: AnalysisCache (the server's incremental analysis, estimates as a code lens asks for them)
// and analyzeFile (the CLI's).
import { spawnSync } from 'node:child_process';
import { performance } from 'node:perf_hooks';
import { analyzeFile } from '../../server/src/analysis/analyze';
import { AnalysisCache } from '../../server/src/protocol/analysisCache';

const LIMIT = 1.3;
const URI = 'file:///bench/scaling.yaml';

function topology(
  sites: string[],
  members: { name: string; site: string }[],
  links: [string, string, number][],
  clients: string[],
): string {
  return [
    'apiVersion: etcd-capacity/v1alpha1',
    'kind: EtcdTopology',
    'metadata:',
    '  name: scaling',
    'spec:',
    '  etcd:',
    '    heartbeatIntervalMs: 100',
    '    electionTimeoutMs: 1000',
    '  sites:',
    ...sites.map((s) => `    - name: ${s}`),
    '  links:',
    ...links.map(([a, b, rtt]) => `    - sites: [${a}, ${b}]\n      rttMs: ${rtt}`),
    '  members:',
    ...members.map((m) => `    - name: ${m.name}\n      site: ${m.site}\n      storage: {type: nvme, fsyncMs: 0.5}`),
    '  clients:',
    ...clients.map((c) => `    - site: ${c}`),
    '',
  ].join('\n');
}

const range = (n: number) => Array.from({ length: n }, (_, i) => i);

const pod = (i: number) =>
  `apiVersion: v1\nkind: Pod\nmetadata:\n  name: etcd-${i}\n  namespace: kube-system\nspec:\n  containers:\n    - name: etcd\n      command:\n        - etcd\n        - --heartbeat-interval=100\n        - --election-timeout=${i % 2 ? 50 : 1000}\n        - --initial-cluster=a=https://1:2380,b=https://2:2380,c=https://3:2380\n`;
const configMap = (i: number) =>
  `apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: settings-${i}\n  namespace: apps\ndata:\n  key: "value ${i}"\n  other: plain\n`;

/** Through the server's cache: the sliced first analysis, as the server runs it, then the result. */
function serverAnalysis(text: string, withEstimates = false): void {
  const cache = new AnalysisCache();
  while (!cache.warm(URI, text, performance.now() + 20));
  cache.get(URI, 1, text);
  if (withEstimates) cache.estimates(URI, 1, text);
}

/** A topology of n members spread over three sites, with every link given. */
function threeSites(n: number): string {
  const sites = ['a', 'b', 'c'];
  const links: [string, string, number][] = [
    ['a', 'a', 0.3],
    ['b', 'b', 0.3],
    ['c', 'c', 0.3],
    ['a', 'b', 5],
    ['a', 'c', 9],
    ['b', 'c', 7],
  ];
  return topology(
    sites,
    range(n).map((i) => ({ name: `m${i}`, site: sites[i % 3]! })),
    links,
    ['a', 'b'],
  );
}

/** The analysis of a topology with one member in each site. */
function onePerSite(sites: string[], links: [string, string, number][]): () => void {
  const text = topology(
    sites,
    sites.map((s, i) => ({ name: `m${i}`, site: s })),
    links,
    [sites[0]!],
  );
  return () => serverAnalysis(text);
}

interface Dimension {
  name: string;
  /** What n counts. */
  unit: string;
  n: number;
  /** Builds the input for size `n` and returns the operation to time. */
  prepare: (n: number) => () => void;
}

const DIMENSIONS: Dimension[] = [
  {
    name: 'members',
    unit: 'members in 3 sites (analysis)',
    n: 250,
    prepare: (n) => {
      const text = threeSites(n);
      return () => serverAnalysis(text);
    },
  },
  {
    name: 'members, estimates',
    unit: 'members in 3 sites (analysis + every leader × client estimate, as a code lens asks)',
    n: 6,
    prepare: (n) => {
      const text = threeSites(n);
      return () => serverAnalysis(text, true);
    },
  },
  {
    name: 'sites',
    unit: 'sites, one member each (analysis: quorum and site-loss facts, rules)',
    n: 125,
    prepare: (n) => {
      const sites = range(n).map((i) => `s${i}`);
      // A ring of links, so every member is reachable.
      return onePerSite(
        sites,
        sites.map((s, i): [string, string, number] => [s, sites[(i + 1) % n]!, 1 + (i % 7)]),
      );
    },
  },
  {
    name: 'links',
    unit: 'links among 41 sites (analysis)',
    n: 100,
    prepare: (n) => {
      const sites = range(41).map((i) => `s${i}`);
      const pairs: [string, string, number][] = [];
      for (let i = 0; i < sites.length && pairs.length < n; i++) {
        for (let j = i + 1; j < sites.length && pairs.length < n; j++)
          pairs.push([sites[i]!, sites[j]!, 1 + ((i + j) % 9)]);
      }
      return onePerSite(sites, pairs);
    },
  },
  {
    name: 'keys',
    unit: 'keys in one flat map, every 10th repeated (CLI analysis)',
    n: 5000,
    prepare: (n) => {
      const text = `name: etcd-a\nheartbeat-interval: 100\n${range(n)
        .map((i) => `key-${i % 10 === 9 ? i - 1 : i}: ${i}`)
        .join('\n')}\n`;
      return () => void analyzeFile(URI, text);
    },
  },
  {
    name: 'documents',
    unit: 'documents (server first analysis)',
    n: 500,
    prepare: (n) => {
      const text = range(n)
        .map((i) => (i % 50 === 0 ? pod(i) : configMap(i)))
        .join('---\n');
      return () => serverAnalysis(text);
    },
  },
  {
    name: 'stray quotes',
    unit: 'documents, each with a stray " (server first analysis)',
    n: 250,
    prepare: (n) => {
      const text = range(n)
        .map((i) => `apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: "c${i}\ndata:\n  k: v\n`)
        .join('---\n');
      return () => serverAnalysis(text);
    },
  },
  {
    name: 'edit storm',
    unit: 'single-character edits to a 5,000-line file, each analysed (server)',
    n: 40,
    prepare: (n) => {
      const base = range(560)
        .map((i) => (i % 50 === 0 ? pod(i) : configMap(i)))
        .join('---\n');
      const cache = new AnalysisCache();
      cache.get(URI, 1, base);
      return () => {
        let text = base;
        for (let e = 0; e < n; e++) {
          // Spread through the file, inside a value: `value N` becomes `value NX`.
          const at = text.indexOf('"\n', Math.floor((((e * 7919) % 997) / 997) * (text.length - 200)));
          text = `${text.slice(0, at)}x${text.slice(at)}`;
          cache.get(URI, e + 2, text);
        }
      };
    },
  },
];

interface Measurement {
  ms: number;
  mib: number;
}

function one(name: string, n: number): Measurement {
  const dim = DIMENSIONS.find((d) => d.name === name)!;
  dim.prepare(Math.max(1, Math.floor(n / 8)))(); // warm-up (JIT) on a smaller input
  const run = dim.prepare(n);
  (globalThis as { gc?: () => void }).gc?.();
  const before = process.memoryUsage().rss;
  let start = performance.now();
  run();
  let ms = performance.now() - start;
  const peak = process.resourceUsage().maxRSS * 1024;
  // Once more at the same size: the faster of the two (code paths first met at this size are compiled).
  start = performance.now();
  run();
  ms = Math.min(ms, performance.now() - start);
  return { ms, mib: Math.max(0, peak - before) / 2 ** 20 };
}

function measure(name: string, n: number, runs: number): Measurement {
  let best: Measurement | undefined;
  for (let r = 0; r < runs; r++) {
    const child = spawnSync(process.execPath, ['--expose-gc', process.argv[1]!, '--one', name, String(n)], {
      encoding: 'utf8',
      timeout: 600_000,
    });
    if (child.status !== 0) throw new Error(`${name} at ${n}: ${child.stderr || child.signal}`);
    const m = JSON.parse(child.stdout) as Measurement;
    if (!best || m.ms < best.ms) best = m;
  }
  return best!;
}

function main(): void {
  const args = process.argv.slice(2);
  if (args[0] === '--one') {
    process.stdout.write(JSON.stringify(one(args[1]!, Number(args[2]))));
    return;
  }
  // `--only 'members, estimates'` names that dimension whole; otherwise a comma-separated list of names.
  const onlyArg = args.includes('--only') ? args[args.indexOf('--only') + 1]! : undefined;
  const only =
    onlyArg === undefined ? undefined : DIMENSIONS.some((d) => d.name === onlyArg) ? [onlyArg] : onlyArg.split(',');
  const runs = args.includes('--runs') ? Number(args[args.indexOf('--runs') + 1]) : 3;
  const rows: string[] = [];
  let worst = 0;
  console.log(`| dimension | n | time at n (ms) | time at 8n (ms) | exponent | peak RSS above start at n / 8n (MiB) |`);
  console.log('|---|---:|---:|---:|---:|---:|');
  for (const dim of DIMENSIONS) {
    if (only && !only.includes(dim.name)) continue;
    const small = measure(dim.name, dim.n, runs);
    const large = measure(dim.name, dim.n * 8, runs);
    const exponent = Math.log(large.ms / small.ms) / Math.log(8);
    worst = Math.max(worst, exponent);
    const row = `| ${dim.name} (${dim.unit}) | ${dim.n} → ${dim.n * 8} | ${small.ms.toFixed(1)} | ${large.ms.toFixed(1)} | ${exponent.toFixed(2)}${exponent > LIMIT ? ' ✗' : ''} | ${small.mib.toFixed(0)} / ${large.mib.toFixed(0)} |`;
    rows.push(row);
    console.log(row);
  }
  console.log(`\nworst exponent ${worst.toFixed(2)} (limit ${LIMIT})`);
  if (worst > LIMIT) process.exitCode = 1;
}

main();
