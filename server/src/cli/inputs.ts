// Reading the files named on the command line, with one topology index across all of them.
// Only regular files are ever opened: a FIFO, socket or device is refused after stat (opening a FIFO
// would block for ever, /dev/zero would never end). Directory walks follow symlinks but walk each real
// directory and read each real file once, reporting a loop instead of hanging on it.
import * as fs from 'node:fs';
import * as path from 'node:path';
import { recogniseFile, type RecognisedFile } from '../analysis/recognisers';
import { MAY_BE_SHARED, TopologyIndex } from '../analysis/workspace';
import { SKIPPED_DIRECTORIES, YAML_FILE } from '../workspaceFiles';

export class UsageError extends Error {}

export interface InputFile {
  /** The path as the user will want to read it (relative to the working directory when below it). */
  display: string;
  uri: string;
  text: string;
}

/** What went wrong while gathering inputs; the CLI prints the warnings and exits 2 when `failed`. */
export interface InputReport {
  warnings: string[];
  /** A path named on the command line, or a YAML file found in a walk, could not be read. */
  failed: boolean;
}

function displayPath(file: string): string {
  const relative = path.relative(process.cwd(), file);
  return relative && !relative.startsWith('..') && !path.isAbsolute(relative) ? relative : file;
}

const ERROR_MESSAGES: Record<string, string> = {
  ENOENT: 'no such file or directory',
  EACCES: 'permission denied',
  EPERM: 'operation not permitted',
  ELOOP: 'too many levels of symbolic links',
  ENOTDIR: 'not a directory',
  EISDIR: 'is a directory',
  ENAMETOOLONG: 'file name too long',
  EMFILE: 'too many open files',
  ENFILE: 'too many open files in system',
  EIO: 'input/output error',
  ENXIO: 'no such device or address',
  EAGAIN: 'resource temporarily unavailable',
};

/** The real reason, in words, from a Node error's `code` (never a blanket "no such file"). */
export function describeError(error: unknown): string {
  const code = (error as NodeJS.ErrnoException | undefined)?.code;
  if (code && ERROR_MESSAGES[code]) return ERROR_MESSAGES[code];
  if (code) return code;
  return error instanceof Error ? error.message : String(error);
}

/** `undefined` for a regular file or directory, else what kind of special file it is. */
export function specialKind(stat: fs.Stats): string | undefined {
  if (stat.isFile() || stat.isDirectory()) return undefined;
  if (stat.isFIFO()) return 'FIFO';
  if (stat.isSocket()) return 'socket';
  if (stat.isCharacterDevice()) return 'character device';
  if (stat.isBlockDevice()) return 'block device';
  return 'special file';
}

/** Reads a file only if it is (still) regular: opened non-blocking, then checked with fstat before any read. */
function readRegularFile(file: string): string {
  const fd = fs.openSync(file, fs.constants.O_RDONLY | fs.constants.O_NONBLOCK);
  try {
    const stat = fs.fstatSync(fd);
    const kind = specialKind(stat) ?? (stat.isDirectory() ? 'directory' : undefined);
    if (kind) throw Object.assign(new Error(`not a regular file (${kind})`), { notRegular: kind });
    return fs.readFileSync(fd, 'utf8');
  } finally {
    fs.closeSync(fd);
  }
}

interface Candidate {
  file: string;
  /** Named on the command line (read whatever its extension; problems are fatal). */
  named: boolean;
}

/** Files named directly are read whatever their extension; directories are walked for *.yaml / *.yml. */
export function readInputs(paths: string[], report?: InputReport): InputFile[] {
  if (paths.length === 0) throw new UsageError('no PATH given: name one or more YAML files or directories');
  const out: InputReport = report ?? { warnings: [], failed: false };
  const warn = (message: string, fatal: boolean): void => {
    out.warnings.push(message);
    if (fatal) out.failed = true;
    if (!report) process.stderr.write(`etcd-capacity: ${message}\n`);
  };
  const candidates: Candidate[] = [];
  const walkedDirectories = new Set<string>();
  for (const given of paths) {
    let stat: fs.Stats;
    try {
      stat = fs.statSync(given);
    } catch (error) {
      warn(`cannot read ${given}: ${describeError(error)}`, true);
      continue;
    }
    const kind = specialKind(stat);
    if (kind) warn(`${given}: not a regular file (${kind}); skipped`, true);
    else if (stat.isDirectory()) {
      const found: Candidate[] = [];
      walk(path.resolve(given), walkedDirectories, found, warn);
      candidates.push(...found.sort((a, b) => (a.file < b.file ? -1 : a.file > b.file ? 1 : 0)));
    } else candidates.push({ file: path.resolve(given), named: true });
  }
  const readReal = new Set<string>();
  const inputs: InputFile[] = [];
  for (const { file, named } of candidates) {
    const display = displayPath(file);
    let real: string;
    try {
      real = fs.realpathSync(file);
    } catch (error) {
      warn(`cannot read ${display}: ${describeError(error)}`, true);
      continue;
    }
    if (readReal.has(real)) continue; // the same file by another path (a symlink, or named twice)
    readReal.add(real);
    let text: string;
    try {
      text = readRegularFile(file);
    } catch (error) {
      const kind = (error as { notRegular?: string }).notRegular;
      if (kind) warn(`${display}: not a regular file (${kind}); skipped`, named);
      else warn(`cannot read ${display}: ${describeError(error)}`, true);
      continue;
    }
    inputs.push({ display, uri: 'file://' + file.split(path.sep).join('/'), text });
  }
  return inputs;
}

/** Depth-first walk of `root` for YAML files, following symlinks but walking each real directory once. */
function walk(
  root: string,
  walked: Set<string>,
  candidates: Candidate[],
  warn: (message: string, fatal: boolean) => void,
): void {
  // Each stack entry carries the real paths of its ancestors, so a link back up is told apart from a second
  // link to a directory already walked elsewhere (reported as a loop only in the first case).
  const stack: { dir: string; ancestors: string[] }[] = [{ dir: root, ancestors: [] }];
  while (stack.length > 0) {
    const { dir, ancestors } = stack.pop()!;
    let real: string;
    try {
      real = fs.realpathSync(dir);
    } catch (error) {
      warn(`cannot read ${displayPath(dir)}: ${describeError(error)}; skipped`, false);
      continue;
    }
    if (ancestors.includes(real)) {
      warn(`${displayPath(dir)}: symbolic link loop (back to ${displayPath(real)}); not walked again`, false);
      continue;
    }
    if (walked.has(real)) continue;
    walked.add(real);
    let entries: string[];
    try {
      entries = fs.readdirSync(dir);
    } catch (error) {
      warn(`cannot read directory ${displayPath(dir)}: ${describeError(error)}; skipped`, false);
      continue;
    }
    for (const entry of entries.sort().reverse()) {
      if (SKIPPED_DIRECTORIES.has(entry) || entry.startsWith('.')) continue;
      const child = path.join(dir, entry);
      const yaml = YAML_FILE.test(entry);
      let stat: fs.Stats;
      try {
        stat = fs.statSync(child);
      } catch (error) {
        const code = (error as NodeJS.ErrnoException).code;
        // A dangling link not named like YAML is nothing we would have read; anything else is worth saying.
        if (yaml || code !== 'ENOENT')
          warn(`cannot read ${displayPath(child)}: ${describeError(error)}; skipped`, false);
        continue;
      }
      if (stat.isDirectory()) {
        stack.push({ dir: child, ancestors: [...ancestors, real] });
      } else if (yaml) {
        const kind = specialKind(stat);
        if (kind) warn(`${displayPath(child)}: not a regular file (${kind}); skipped`, false);
        else candidates.push({ file: child, named: false });
      }
    }
  }
}

/**
 * Topologies, StorageClasses and claims from every input, so a static pod or StatefulSet is checked against
 * them in another file. What it recognised is kept in `recognised` when given, so `check` does not parse
 * those files twice.
 */
export function indexTopologies(inputs: InputFile[], recognised?: Map<InputFile, RecognisedFile>): TopologyIndex {
  const index = new TopologyIndex();
  for (const input of inputs) {
    if (!MAY_BE_SHARED.test(input.text)) continue;
    const file = recogniseFile(input.text);
    recognised?.set(input, file);
    index.update(input.uri, file.facts);
  }
  return index;
}
