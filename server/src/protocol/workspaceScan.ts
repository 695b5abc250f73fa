// The server's scan of the workspace folders for what files share (topologies, StorageClasses, claims).
// It runs after `initialized` without blocking the event loop: the walk and every read are asynchronous,
// and the recognising of the files that share something is cut into slices of at most `sliceMs` (10 ms), with a
// setImmediate between them, so hover, diagnostics and edits are answered while a monorepo is scanned.
// What it finds goes into the TopologyIndex, the cache every later analysis reads; a limit that stops it
// is reported, never silent.
import * as fs from 'node:fs';
import { performance } from 'node:perf_hooks';
import { URI } from 'vscode-uri';
import { recogniseFile } from '../analysis/recognisers';
import type { DocumentFact } from '../analysis/types';
import { MAY_BE_SHARED } from '../analysis/workspace';
import { findYamlFiles, type WalkLimits } from '../workspaceFiles';

export const WORKSPACE_SCAN_LIMITS: WalkLimits = { maxFiles: 50_000, maxFileBytes: 2 * 1024 * 1024, maxDepth: 32 };

/** Files read at once: enough to keep libuv's thread pool busy, few enough to hold little text in memory. */
const READ_BATCH = 16;

export interface ScanReport {
  /** YAML files read. */
  files: number;
  /** Files whose topologies, StorageClasses or claims changed the index. */
  shared: number;
  /** What a limit left out, in words; empty when the scan read everything. */
  limits: string[];
}

export interface ScanOptions {
  limits?: WalkLimits;
  /** Longest stretch (ms) of recognising before the scan yields to queued requests. */
  sliceMs: number;
  /** True for an open document: its text in the editor wins over the file on disk. */
  isOpen(uri: string): boolean;
  /** Records a file's facts in the index; true when that changed what other files see. */
  update(uri: string, facts: DocumentFact[]): boolean;
  /** Called every `progressEvery` files read. */
  onProgress?(files: number): void;
  progressEvery?: number;
}

const yieldToEventLoop = (): Promise<void> => new Promise((resolve) => setImmediate(resolve));

/** The text of `file` when it is at most `maxBytes`; 'too-large', or undefined when it cannot be read. */
async function readLimited(file: string, maxBytes: number): Promise<string | 'too-large' | undefined> {
  try {
    const stat = await fs.promises.stat(file);
    if (stat.size > maxBytes) return 'too-large';
    return await fs.promises.readFile(file, 'utf8');
  } catch {
    return undefined;
  }
}

export async function scanWorkspace(folderUris: string[], options: ScanOptions): Promise<ScanReport> {
  const limits = options.limits ?? WORKSPACE_SCAN_LIMITS;
  const report: ScanReport = { files: 0, shared: 0, limits: [] };
  let oversized = 0;
  let tooDeep = 0;
  let stopped = false;
  let deadline = performance.now() + options.sliceMs;
  for (const folderUri of folderUris) {
    const folder = URI.parse(folderUri);
    if (folder.scheme !== 'file') continue;
    const walk = await findYamlFiles(folder.fsPath, { ...limits, maxFiles: limits.maxFiles - report.files });
    oversized += walk.oversizedFiles;
    tooDeep += walk.tooDeepDirectories;
    stopped ||= walk.stoppedAtFileLimit;
    for (let start = 0; start < walk.files.length; start += READ_BATCH) {
      const batch = walk.files.slice(start, start + READ_BATCH);
      const texts = await Promise.all(batch.map((file) => readLimited(file, limits.maxFileBytes)));
      for (let i = 0; i < batch.length; i++) {
        const text = texts[i];
        if (text === 'too-large') oversized++;
        if (typeof text !== 'string') continue;
        report.files++;
        if (options.onProgress && report.files % (options.progressEvery ?? 1000) === 0)
          options.onProgress(report.files);
        if (!MAY_BE_SHARED.test(text)) continue;
        if (performance.now() >= deadline) {
          await yieldToEventLoop();
          deadline = performance.now() + options.sliceMs;
        }
        const uri = URI.file(batch[i]!).toString();
        // Checked after the yield: the document may have been opened meanwhile.
        if (options.isOpen(uri)) continue;
        if (options.update(uri, recogniseFile(text).facts)) report.shared++;
      }
    }
    if (stopped) break;
  }
  if (stopped) report.limits.push(`stopped after ${limits.maxFiles} YAML files; files beyond them are not indexed`);
  if (oversized > 0)
    report.limits.push(`${oversized} file(s) larger than ${limits.maxFileBytes / 1024 / 1024} MiB skipped`);
  if (tooDeep > 0) report.limits.push(`${tooDeep} director(y/ies) deeper than ${limits.maxDepth} levels not walked`);
  return report;
}
