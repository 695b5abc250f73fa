// `etcd-capacity check PATH...`: the same analysis the editor runs, for CI.
// With many files the per-file analysis runs on worker threads (`checkWorker.ts`); the cross-file index
// (topologies, StorageClasses, claims) is built first, once, on the main thread and given to every worker,
// and the results are put back in input order, so the output is identical to the serial run's.
import * as os from 'node:os';
import { Worker } from 'node:worker_threads';
import { analyzeFile, analyzeRecognised } from '../analysis/analyze';
import type { RecognisedFile } from '../analysis/recognisers';
import type { AnalysisSettings } from '../analysis/settings';
import type { Contribution, TopologyIndex } from '../analysis/workspace';
import { indexTopologies, type InputFile } from './inputs';
import { toSarif, type FileFinding } from './sarif';

export type CheckFormat = 'text' | 'json' | 'sarif';

/** One file's findings in line and column order, each with the file's display path. */
export function checkFile(
  input: InputFile,
  settings: Partial<AnalysisSettings> | undefined,
  topologies: TopologyIndex,
  recognised?: RecognisedFile,
): FileFinding[] {
  const result = recognised
    ? analyzeRecognised(input.uri, input.text, recognised, settings, topologies)
    : analyzeFile(input.uri, input.text, settings, topologies);
  const sorted = [...result.findings].sort(
    (a, b) => a.range.start.line - b.range.start.line || a.range.start.character - b.range.start.character,
  );
  return sorted.map((finding) => ({ ...finding, file: input.display }));
}

/** `topologies`: the cross-file index (default: built from the inputs; the editor passes its workspace index). */
export function checkFiles(
  inputs: InputFile[],
  settings?: Partial<AnalysisSettings>,
  topologies?: TopologyIndex,
): FileFinding[] {
  const recognised = new Map<InputFile, RecognisedFile>();
  const index = topologies ?? indexTopologies(inputs, recognised);
  return inputs.flatMap((input) => checkFile(input, settings, index, recognised.get(input)));
}

/** The messages of the worker protocol: first the index, then batches of files. */
export type CheckWorkerMessage =
  | { type: 'index'; settings?: Partial<AnalysisSettings>; index: [string, Contribution][] }
  | { type: 'batch'; id: number; inputs: InputFile[] };
/** The answer to a batch: one findings list per file, in the batch's order. */
export interface CheckBatchResult {
  id: number;
  findings: FileFinding[][];
}

/** Fewer files than this per worker and starting the worker costs more than it saves. */
const FILES_PER_WORKER = 200;
/** Files per message: small enough to share the work out evenly, large enough to keep messages few. */
const BATCH_FILES = 25;
/** Batches sent ahead to each worker, so it never waits while the main thread is busy. */
const IN_FLIGHT = 2;

/** Threads for `files` files: one per core, one (serial) for few files; `--jobs N` overrides. */
export function defaultJobs(files: number): number {
  return Math.max(1, Math.min(os.availableParallelism(), Math.floor(files / FILES_PER_WORKER)));
}

/**
 * `checkFiles` on `jobs` threads: this one and `jobs - 1` workers running `workerFile` (the bundled
 * `checkWorker.js`); serial for one job. The workers start while this thread builds the cross-file index;
 * this thread then analyses the files that index parsed (already recognised) and takes batches from the
 * same queue as the workers, yielding between its batches so that free workers are fed. Results are placed
 * by input index, so the order is the serial run's.
 */
export async function checkFilesParallel(
  inputs: InputFile[],
  options: { jobs: number; workerFile: string; settings?: Partial<AnalysisSettings> },
): Promise<FileFinding[]> {
  const jobs = Math.min(options.jobs, Math.ceil(inputs.length / BATCH_FILES));
  if (jobs <= 1) return checkFiles(inputs, options.settings);
  const workers: Worker[] = [];
  for (let i = 1; i < jobs; i++) workers.push(new Worker(options.workerFile));
  try {
    const recognised = new Map<InputFile, RecognisedFile>();
    const topologies = indexTopologies(inputs, recognised);
    const setup: CheckWorkerMessage = { type: 'index', settings: options.settings, index: topologies.entries() };
    for (const worker of workers) worker.postMessage(setup);
    const results: FileFinding[][] = new Array(inputs.length);
    const queue = inputs.map((_, i) => i).filter((i) => !recognised.has(inputs[i]!));
    let next = 0;
    /** The next batch's first queue position, or undefined when the queue is empty. */
    const take = (): number | undefined => {
      if (next >= queue.length) return undefined;
      next += BATCH_FILES;
      return next - BATCH_FILES;
    };
    const place = (id: number, findings: FileFinding[][]): void =>
      findings.forEach((f, offset) => (results[queue[id + offset]!] = f));
    let outstanding = 0;
    let mainDone = false;
    let finish: () => void = () => undefined;
    const workersDone = new Promise<void>((resolve, reject) => {
      finish = () => {
        if (mainDone && outstanding === 0) resolve();
      };
      const feed = (worker: Worker): void => {
        const id = take();
        if (id === undefined) return finish();
        outstanding++;
        const batch = queue.slice(id, id + BATCH_FILES).map((i) => inputs[i]!);
        worker.postMessage({ type: 'batch', id, inputs: batch } satisfies CheckWorkerMessage);
      };
      for (const worker of workers) {
        worker.on('message', (answer: CheckBatchResult) => {
          outstanding--;
          place(answer.id, answer.findings);
          feed(worker);
        });
        worker.on('error', reject);
        worker.on('exit', (code) => reject(new Error(`a check worker exited with code ${code}`)));
        for (let k = 0; k < IN_FLIGHT; k++) feed(worker);
      }
    });
    // This thread: the files the index pass parsed, then batches like a worker.
    inputs.forEach((input, i) => {
      const file = recognised.get(input);
      if (file) results[i] = checkFile(input, options.settings, topologies, file);
    });
    for (let id = take(); id !== undefined; id = take()) {
      place(
        id,
        queue.slice(id, id + BATCH_FILES).map((i) => checkFile(inputs[i]!, options.settings, topologies)),
      );
      await new Promise((resolve) => setImmediate(resolve));
    }
    mainDone = true;
    finish();
    await workersDone;
    return results.flat();
  } finally {
    await Promise.all(workers.map((w) => w.terminate()));
  }
}

export function formatFindings(findings: FileFinding[], format: CheckFormat, toolVersion: string): string {
  switch (format) {
    case 'json':
      return JSON.stringify(
        {
          findings: findings.map((f) => ({
            file: f.file,
            range: f.range,
            severity: f.severity,
            code: f.code,
            message: f.message,
            docsUrl: f.docsUrl,
          })),
        },
        null,
        2,
      );
    case 'sarif':
      return JSON.stringify(toSarif(findings, toolVersion), null, 2);
    case 'text': {
      const lines = findings.map(
        (f) =>
          `${f.file}:${f.range.start.line + 1}:${f.range.start.character + 1} ${f.severity} ${f.code} ${f.message}`,
      );
      const errors = findings.filter((f) => f.severity === 'error').length;
      lines.push(`${findings.length} finding(s), ${errors} error(s)`);
      return lines.join('\n');
    }
  }
}
