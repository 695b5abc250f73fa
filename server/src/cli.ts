// The command-line reviewer: `etcd-capacity check PATH...` and `etcd-capacity estimate PATH...`.
// Exit status: 0 no error-severity finding, 1 an error finding (or a topology that cannot be estimated),
// 2 bad usage or an unreadable file.
import * as path from 'node:path';
import { parseArgs } from 'node:util';
import { checkFilesParallel, defaultJobs, formatFindings, type CheckFormat } from './cli/check';
import { estimateFiles, formatClustersText } from './cli/estimate';
import { readInputs, UsageError, type InputReport } from './cli/inputs';
import { calibrate } from './cli/calibrate';
import { readCaptureDir } from './cli/captureDir';
import type { Capture } from './capture/capture';
import * as fs from 'node:fs';
import { DEFAULT_PUTS, DEFAULT_WINDOW_S, MAX_PUTS, MAX_WINDOW_S, measure, MeasureError } from './cli/measure';
import { ReportWriteError, writeReport } from './cli/report';

declare const __VERSION__: string | undefined;
const VERSION = typeof __VERSION__ === 'string' ? __VERSION__ : '0.0.0-dev';

const USAGE = `usage:
  etcd-capacity check PATH... [--format text|json|sarif] [--exit-zero] [--jobs N]
  etcd-capacity estimate PATH... [--format text|json]
  etcd-capacity calibrate DIR... [--topology FILE] [--probe-overhead-ms MS]
  etcd-capacity measure --endpoints URL[,URL...] [--cacert F --cert F --key F] [--puts N] [--window S] --out DIR
  etcd-capacity report PATH... --out FILE.html
  etcd-capacity --version | --help

check     reviews etcd settings in YAML files (directories are walked for *.yaml / *.yml);
          --jobs N analyses on N threads (default: one per core for 400 files or more; 1: serial),
          the output is the same whatever N
estimate  prints quorum facts and write-latency estimates for every EtcdTopology document
calibrate writes an EtcdTopology to stdout whose figures come from capture directories (members.json,
          status.json, <member>.metrics, optional <member>.before.metrics, <member>.fio.json, puts.json);
          --topology gives the sites, placement, disks and clients; later directories win
measure   writes such a directory from a live cluster: member list, status, every member's /metrics at the
          start and end of a window (default ${DEFAULT_WINDOW_S} s), N sequential puts (default ${DEFAULT_PUTS}) under a key
          prefix of its own, deleted afterwards
report    writes one self-contained HTML page: latency curves, where the time goes, failure matrix,
          timers, what-if tables and the findings, for every EtcdTopology document

exit status: 0 no error finding, 1 error finding(s), 2 bad usage or unreadable file`;

/** Reads the inputs, printing each problem; a path that could not be read makes the exit status 2. */
function gather(paths: string[]): { inputs: ReturnType<typeof readInputs>; failed: boolean } {
  const report: InputReport = { warnings: [], failed: false };
  const inputs = readInputs(paths, report);
  for (const warning of report.warnings) process.stderr.write(`etcd-capacity: ${warning}\n`);
  return { inputs, failed: report.failed };
}

/** The worker entry bundled next to this file (scripts/build.mjs). */
const CHECK_WORKER = path.join(__dirname, 'checkWorker.js');

function parseJobs(value: string | undefined, files: number): number {
  if (value === undefined) return defaultJobs(files);
  if (!/^[1-9][0-9]*$/.test(value)) throw new UsageError(`--jobs takes a positive whole number, not ${value}`);
  return Number(value);
}

async function run(argv: string[]): Promise<number> {
  const { values, positionals } = parseArgs({
    args: argv,
    allowPositionals: true,
    options: {
      format: { type: 'string', short: 'f', default: 'text' },
      'exit-zero': { type: 'boolean', default: false },
      jobs: { type: 'string', short: 'j' },
      out: { type: 'string', short: 'o' },
      help: { type: 'boolean', short: 'h', default: false },
      version: { type: 'boolean', short: 'v', default: false },
      topology: { type: 'string' },
      'probe-overhead-ms': { type: 'string' },
      endpoints: { type: 'string' },
      cacert: { type: 'string' },
      cert: { type: 'string' },
      key: { type: 'string' },
      puts: { type: 'string' },
      window: { type: 'string' },
    },
  });
  if (values.help) {
    process.stdout.write(USAGE + '\n');
    return 0;
  }
  if (values.version) {
    process.stdout.write(VERSION + '\n');
    return 0;
  }
  const [command, ...paths] = positionals;
  const format = values.format as string;
  if (command === 'check') {
    if (!['text', 'json', 'sarif'].includes(format))
      throw new UsageError(`unknown --format ${format}: use text, json or sarif`);
    if (values.jobs !== undefined) parseJobs(values.jobs, 0); // a bad --jobs is refused before any file is read
    const { inputs, failed } = gather(paths);
    const findings = await checkFilesParallel(inputs, {
      jobs: parseJobs(values.jobs, inputs.length),
      workerFile: CHECK_WORKER,
    });
    process.stdout.write(formatFindings(findings, format as CheckFormat, VERSION) + '\n');
    if (failed) return 2;
    return findings.some((f) => f.severity === 'error') && !values['exit-zero'] ? 1 : 0;
  }
  if (command === 'estimate') {
    if (!['text', 'json'].includes(format)) throw new UsageError(`unknown --format ${format}: use text or json`);
    const { inputs, failed } = gather(paths);
    const clusters = estimateFiles(inputs);
    const output = format === 'json' ? JSON.stringify({ clusters }, null, 2) : formatClustersText(clusters);
    process.stdout.write(output + '\n');
    if (failed) return 2;
    return clusters.some((c) => c.error) ? 1 : 0;
  }
  if (command === 'measure') return runMeasure(values as Record<string, string | boolean | undefined>, paths);
  if (command === 'calibrate')
    return runCalibrate(
      paths,
      values.topology as string | undefined,
      values['probe-overhead-ms'] as string | undefined,
    );
  if (command === 'report') {
    const out = values.out as string | undefined;
    if (!out) throw new UsageError('report needs --out FILE.html');
    const { inputs, failed } = gather(paths);
    if (failed && inputs.length === 0) {
      process.stderr.write(`etcd-capacity: nothing could be read; ${out} not written\n`);
      return 2;
    }
    let written: ReturnType<typeof writeReport>;
    try {
      written = writeReport(inputs, out);
    } catch (error) {
      if (!(error instanceof ReportWriteError)) throw error;
      process.stderr.write(`etcd-capacity: ${error.message}\n`);
      return 2;
    }
    const { data, bytes } = written;
    const scenarios = data.clusters.reduce((n, c) => n + c.scenarios.length, 0);
    process.stderr.write(
      `etcd-capacity: wrote ${out} (${data.clusters.length} cluster(s), ${scenarios} scenario(s), ${(bytes / 1024).toFixed(0)} KiB)\n`,
    );
    if (failed) return 2;
    return data.clusters.some((c) => c.estimate.error) ? 1 : 0;
  }
  throw new UsageError(command ? `unknown command ${command}` : 'no command given');
}

function readTls(file: string | undefined, flag: string): Buffer | undefined {
  if (file === undefined) return undefined;
  try {
    return fs.readFileSync(file);
  } catch (error) {
    throw new UsageError(
      `--${flag} ${file}: cannot read (${(error as NodeJS.ErrnoException).code ?? (error as Error).message})`,
    );
  }
}

/** measure: 0 written, 1 the cluster did not answer as expected (or too slowly), 2 bad usage. */
async function runMeasure(values: Record<string, string | boolean | undefined>, extra: string[]): Promise<number> {
  if (extra.length > 0) throw new UsageError(`measure takes no positional arguments (got ${extra.join(' ')})`);
  const endpoints = String(values.endpoints ?? '')
    .split(',')
    .map((e) => e.trim())
    .filter(Boolean);
  if (endpoints.length === 0) throw new UsageError('measure needs --endpoints URL[,URL...]');
  for (const e of endpoints)
    if (!/^https?:\/\/[^/]+/.test(e)) throw new UsageError(`--endpoints ${e}: an http:// or https:// URL`);
  if (typeof values.out !== 'string' || values.out === '') throw new UsageError('measure needs --out DIR');
  const int = (v: unknown, flag: string, dflt: number, max: number, min: number): number => {
    if (v === undefined) return dflt;
    const n = Number(v);
    if (!Number.isInteger(n) || n < min || n > max)
      throw new UsageError(`--${flag} ${String(v)}: a whole number from ${min} to ${max}`);
    return n;
  };
  const puts = int(values.puts, 'puts', DEFAULT_PUTS, MAX_PUTS, 0);
  const windowSeconds = int(values.window, 'window', DEFAULT_WINDOW_S, MAX_WINDOW_S, 0);
  const ca = readTls(values.cacert as string | undefined, 'cacert');
  const cert = readTls(values.cert as string | undefined, 'cert');
  const key = readTls(values.key as string | undefined, 'key');
  const tty = process.stderr.isTTY === true;
  try {
    await measure({
      endpoints,
      out: values.out,
      puts,
      windowSeconds,
      ...(ca || cert || key
        ? { tls: { ...(ca ? { ca } : {}), ...(cert ? { cert } : {}), ...(key ? { key } : {}) } }
        : {}),
      progress: (line, final) =>
        process.stderr.write(tty && !final ? `\r\x1b[K${line}` : `${tty ? '\r\x1b[K' : ''}${line}\n`),
    });
    return 0;
  } catch (error) {
    process.stderr.write(
      `${tty ? '\n' : ''}etcd-capacity: measure: ${error instanceof MeasureError ? error.message : ((error as Error).message ?? String(error))}\n`,
    );
    return 1;
  }
}

/** calibrate: 2 when a capture or the topology cannot be read, 1 when no topology can be made from them. */
function runCalibrate(dirs: string[], topologyFile: string | undefined, overhead: string | undefined): number {
  if (dirs.length === 0) throw new UsageError('calibrate needs at least one capture directory');
  const probeOverheadMs = overhead === undefined ? undefined : Number(overhead);
  if (probeOverheadMs !== undefined && !(Number.isFinite(probeOverheadMs) && probeOverheadMs >= 0))
    throw new UsageError(`--probe-overhead-ms ${overhead}: a non-negative number of milliseconds`);
  const warn = (m: string): boolean => process.stderr.write(`etcd-capacity: ${m}\n`);
  const captures: Capture[] = [];
  for (const dir of dirs) {
    const r = readCaptureDir(dir);
    if (!r.ok) {
      r.warnings.forEach(warn);
      warn(r.error);
      return 2;
    }
    captures.push(r.capture); // its warnings are printed by calibrate, in order
  }
  let topology: { text: string; file: string } | undefined;
  if (topologyFile !== undefined) {
    try {
      if (!fs.statSync(topologyFile).isFile())
        throw Object.assign(new Error('not a regular file'), { code: 'not a regular file' });
      topology = { text: fs.readFileSync(topologyFile, 'utf8'), file: topologyFile };
    } catch (error) {
      warn(`${topologyFile}: cannot read (${(error as NodeJS.ErrnoException).code ?? (error as Error).message})`);
      return 2;
    }
  }
  const result = calibrate(captures, {
    ...(topology ? { topology } : {}),
    ...(probeOverheadMs !== undefined ? { probeOverheadMs } : {}),
  });
  result.warnings.forEach(warn);
  if (!result.ok) {
    warn(result.error);
    return 1;
  }
  process.stdout.write(result.yaml);
  return 0;
}

// `etcd-capacity check DIR | head -1`: once the reader has gone, stop quietly instead of dying on EPIPE.
process.stdout.on('error', (error: NodeJS.ErrnoException) => {
  if (error.code === 'EPIPE') process.exit(process.exitCode ?? 0);
  throw error;
});

async function main(): Promise<void> {
  try {
    process.exitCode = await run(process.argv.slice(2));
  } catch (error) {
    if (error instanceof UsageError || (error as { code?: string }).code?.startsWith('ERR_PARSE_ARGS')) {
      process.stderr.write(`etcd-capacity: ${(error as Error).message}\n\n${USAGE}\n`);
      process.exitCode = 2;
    } else {
      process.stderr.write(`etcd-capacity: internal error: ${error instanceof Error ? error.stack : String(error)}\n`);
      process.exitCode = 2;
    }
  }
}

void main();
