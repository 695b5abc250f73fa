// The command-line reviewer: `etcd-capacity check PATH...` and `etcd-capacity estimate PATH...`.
// Exit status: 0 no error-severity finding, 1 an error finding (or a topology that cannot be estimated),
// 2 bad usage or an unreadable file.
import { parseArgs } from 'node:util';
import { checkFiles, formatFindings, type CheckFormat } from './cli/check';
import { estimateFiles, formatClustersText } from './cli/estimate';
import { readInputs, UsageError, type InputReport } from './cli/inputs';
import { ReportWriteError, writeReport } from './cli/report';

declare const __VERSION__: string | undefined;
const VERSION = typeof __VERSION__ === 'string' ? __VERSION__ : '0.0.0-dev';

const USAGE = `usage:
  etcd-capacity check PATH... [--format text|json|sarif] [--exit-zero]
  etcd-capacity estimate PATH... [--format text|json]
  etcd-capacity report PATH... --out FILE.html
  etcd-capacity --version | --help

check     reviews etcd settings in YAML files (directories are walked for *.yaml / *.yml)
estimate  prints quorum facts and write-latency estimates for every EtcdTopology document
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

function run(argv: string[]): number {
  const { values, positionals } = parseArgs({
    args: argv,
    allowPositionals: true,
    options: {
      format: { type: 'string', short: 'f', default: 'text' },
      'exit-zero': { type: 'boolean', default: false },
      out: { type: 'string', short: 'o' },
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
    process.stderr.write(`etcd-capacity: wrote ${out} (${data.clusters.length} cluster(s), ${scenarios} scenario(s), ${(bytes / 1024).toFixed(0)} KiB)\n`);
    if (failed) return 2;
    return data.clusters.some((c) => c.estimate.error) ? 1 : 0;
  }
  throw new UsageError(command ? `unknown command ${command}` : 'no command given');
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
