// The command-line reviewer: `etcd-capacity check PATH...` and `etcd-capacity estimate PATH...`.
// Exit status: 0 no error-severity finding, 1 an error finding (or a topology that cannot be estimated),
// 2 bad usage or an unreadable file.
import { parseArgs } from 'node:util';
import { checkFiles, formatFindings, type CheckFormat } from './cli/check';
import { estimateFiles, formatClustersText } from './cli/estimate';
import { readInputs, UsageError, type InputReport } from './cli/inputs';
import { calibrate } from './cli/calibrate';
import { readCaptureDir } from './cli/captureDir';
import type { Capture } from './capture/capture';
import * as fs from 'node:fs';

declare const __VERSION__: string | undefined;
const VERSION = typeof __VERSION__ === 'string' ? __VERSION__ : '0.0.0-dev';

const USAGE = `usage:
  etcd-capacity check PATH... [--format text|json|sarif] [--exit-zero]
  etcd-capacity estimate PATH... [--format text|json]
  etcd-capacity calibrate DIR... [--topology FILE] [--probe-overhead-ms MS]
  etcd-capacity --version | --help

check     reviews etcd settings in YAML files (directories are walked for *.yaml / *.yml)
estimate  prints quorum facts and write-latency estimates for every EtcdTopology document
calibrate writes an EtcdTopology to stdout whose figures come from capture directories (members.json,
          status.json, <member>.metrics, optional <member>.before.metrics, <member>.fio.json, puts.json);
          --topology gives the sites, placement, disks and clients; later directories win

exit status: 0 no error finding, 1 error finding(s), 2 bad usage or unreadable file`;

/** Reads the inputs, printing each problem; a path that could not be read makes the exit status 2. */
function gather(paths: string[]): { inputs: ReturnType<typeof readInputs>; failed: boolean } {
  const report: InputReport = { warnings: [], failed: false };
  const inputs = readInputs(paths, report);
  for (const warning of report.warnings) process.stderr.write(`etcd-capacity: ${warning}\n`);
  return { inputs, failed: report.failed };
}

function run(argv: string[]): number {
  const { values, positionals } = parseArgs({
    args: argv,
    allowPositionals: true,
    options: {
      format: { type: 'string', short: 'f', default: 'text' },
      'exit-zero': { type: 'boolean', default: false },
      help: { type: 'boolean', short: 'h', default: false },
      version: { type: 'boolean', short: 'v', default: false },
      topology: { type: 'string' },
      'probe-overhead-ms': { type: 'string' },
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
    if (!['text', 'json', 'sarif'].includes(format)) throw new UsageError(`unknown --format ${format}: use text, json or sarif`);
    const { inputs, failed } = gather(paths);
    const findings = checkFiles(inputs);
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
  if (command === 'calibrate') return runCalibrate(paths, values.topology as string | undefined, values['probe-overhead-ms'] as string | undefined);
  throw new UsageError(command ? `unknown command ${command}` : 'no command given');
}

/** calibrate: 2 when a capture or the topology cannot be read, 1 when no topology can be made from them. */
function runCalibrate(dirs: string[], topologyFile: string | undefined, overhead: string | undefined): number {
  if (dirs.length === 0) throw new UsageError('calibrate needs at least one capture directory');
  const probeOverheadMs = overhead === undefined ? undefined : Number(overhead);
  if (probeOverheadMs !== undefined && !(Number.isFinite(probeOverheadMs) && probeOverheadMs >= 0)) throw new UsageError(`--probe-overhead-ms ${overhead}: a non-negative number of milliseconds`);
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
      if (!fs.statSync(topologyFile).isFile()) throw Object.assign(new Error('not a regular file'), { code: 'not a regular file' });
      topology = { text: fs.readFileSync(topologyFile, 'utf8'), file: topologyFile };
    } catch (error) {
      warn(`${topologyFile}: cannot read (${(error as NodeJS.ErrnoException).code ?? (error as Error).message})`);
      return 2;
    }
  }
  const result = calibrate(captures, { ...(topology ? { topology } : {}), ...(probeOverheadMs !== undefined ? { probeOverheadMs } : {}) });
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

try {
  process.exitCode = run(process.argv.slice(2));
} catch (error) {
  if (error instanceof UsageError || (error as { code?: string }).code?.startsWith('ERR_PARSE_ARGS')) {
    process.stderr.write(`etcd-capacity: ${(error as Error).message}\n\n${USAGE}\n`);
    process.exitCode = 2;
  } else {
    process.stderr.write(`etcd-capacity: internal error: ${error instanceof Error ? error.stack : String(error)}\n`);
    process.exitCode = 2;
  }
}
