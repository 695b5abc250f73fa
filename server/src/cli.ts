// The command-line reviewer: `etcd-capacity check PATH...` and `etcd-capacity estimate PATH...`.
// Exit status: 0 no error-severity finding, 1 an error finding (or a topology that cannot be estimated),
// 2 bad usage or an unreadable file.
import * as path from 'node:path';
import { parseArgs } from 'node:util';
import { checkFilesParallel, defaultJobs, formatFindings, type CheckFormat } from './cli/check';
import { estimateFiles, formatClustersText } from './cli/estimate';
import { readInputs, UsageError, type InputReport } from './cli/inputs';

declare const __VERSION__: string | undefined;
const VERSION = typeof __VERSION__ === 'string' ? __VERSION__ : '0.0.0-dev';

const USAGE = `usage:
  etcd-capacity check PATH... [--format text|json|sarif] [--exit-zero] [--jobs N]
  etcd-capacity estimate PATH... [--format text|json]
  etcd-capacity --version | --help

check     reviews etcd settings in YAML files (directories are walked for *.yaml / *.yml);
          --jobs N analyses on N threads (default: one per core for 400 files or more; 1: serial),
          the output is the same whatever N
estimate  prints quorum facts and write-latency estimates for every EtcdTopology document

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
      help: { type: 'boolean', short: 'h', default: false },
      version: { type: 'boolean', short: 'v', default: false },
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
    if (values.jobs !== undefined) parseJobs(values.jobs, 0); // a bad --jobs is refused before any file is read
    const { inputs, failed } = gather(paths);
    const findings = await checkFilesParallel(inputs, { jobs: parseJobs(values.jobs, inputs.length), workerFile: CHECK_WORKER });
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
  throw new UsageError(command ? `unknown command ${command}` : 'no command given');
}

// `etcd-capacity check DIR | head -1`: once the reader has gone, stop quietly instead of dying on EPIPE.
process.stdout.on('error', (error: NodeJS.ErrnoException) => {
  if (error.code === 'EPIPE') process.exit(process.exitCode ?? 0);
  throw error;
});

run(process.argv.slice(2)).then((code) => {
  process.exitCode = code;
}, (error: unknown) => {
  if (error instanceof UsageError || (error as { code?: string }).code?.startsWith('ERR_PARSE_ARGS')) {
    process.stderr.write(`etcd-capacity: ${(error as Error).message}\n\n${USAGE}\n`);
    process.exitCode = 2;
  } else {
    process.stderr.write(`etcd-capacity: internal error: ${error instanceof Error ? error.stack : String(error)}\n`);
    process.exitCode = 2;
  }
});
