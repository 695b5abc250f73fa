// Finding YAML files on disk, shared by the CLI (`check PATH...`) and the server's workspace scan.
// Reads files only; nothing named by a workspace file is ever executed or fetched.
import * as fs from 'node:fs';
import * as path from 'node:path';

export const YAML_FILE = /\.ya?ml$/i;
export const SKIPPED_DIRECTORIES = new Set(['node_modules', '.git', '.hg', '.svn']);

export interface WalkLimits {
  /** Stop after this many files (a workspace scan must not read a whole monorepo). */
  maxFiles: number;
  /** Skip files larger than this. */
  maxFileBytes: number;
  /** Directories deeper than this below the root are not walked. */
  maxDepth: number;
}

/** What a walk found, and what its limits left out (so the caller can say so instead of stopping silently). */
export interface WalkResult {
  files: string[];
  /** The walk stopped at `maxFiles`: more YAML files may exist. */
  stoppedAtFileLimit: boolean;
  /** YAML files (reached through a symbolic link or named as the root) skipped for being larger than `maxFileBytes`;
   * the reader checks the others. */
  oversizedFiles: number;
  /** Directories not walked because they are deeper than `maxDepth`. */
  tooDeepDirectories: number;
}

/**
 * Every `*.yaml` / `*.yml` below `root` (or `root` itself when it is a file), sorted for stable output.
 * Asynchronous: each directory listing and stat goes through libuv, so the event loop answers requests
 * in between (the server's workspace scan runs while the user edits).
 */
export async function findYamlFiles(root: string, limits: WalkLimits): Promise<WalkResult> {
  const result: WalkResult = { files: [], stoppedAtFileLimit: false, oversizedFiles: 0, tooDeepDirectories: 0 };
  const stack: { path: string; depth: number }[] = [{ path: root, depth: 0 }];
  // Real paths already walked or found: a symlink loop (or two links to one directory) is walked once.
  const seen = new Set<string>();
  while (stack.length > 0) {
    if (result.files.length >= limits.maxFiles) {
      result.stoppedAtFileLimit = true;
      break;
    }
    const current = stack.pop()!;
    let stat: fs.Stats;
    let real: string;
    try {
      stat = await fs.promises.stat(current.path);
      real = await fs.promises.realpath(current.path);
    } catch {
      continue;
    }
    if (seen.has(real)) continue;
    seen.add(real);
    if (stat.isDirectory()) {
      if (current.depth > limits.maxDepth) {
        result.tooDeepDirectories++;
        continue;
      }
      let entries: fs.Dirent[];
      try {
        entries = await fs.promises.readdir(current.path, { withFileTypes: true });
      } catch {
        continue;
      }
      for (const entry of entries.sort((a, b) => (a.name < b.name ? 1 : a.name > b.name ? -1 : 0))) {
        const name = entry.name;
        if (SKIPPED_DIRECTORIES.has(name) || (name.startsWith('.') && name !== '.')) continue;
        const child = path.join(current.path, name);
        if (entry.isFile()) {
          // A plain file needs no stat of its own: its real path is the directory's, its size is checked on reading.
          if (!YAML_FILE.test(name) || seen.has(path.join(real, name))) continue;
          seen.add(path.join(real, name));
          if (result.files.length >= limits.maxFiles) {
            result.stoppedAtFileLimit = true;
            break;
          }
          result.files.push(child);
        } else if (entry.isDirectory() || entry.isSymbolicLink()) {
          stack.push({ path: child, depth: current.depth + 1 });
        }
      }
    } else if (stat.isFile() && YAML_FILE.test(current.path)) {
      if (stat.size > limits.maxFileBytes) result.oversizedFiles++;
      else if (result.files.length >= limits.maxFiles) result.stoppedAtFileLimit = true;
      else result.files.push(current.path);
    }
  }
  result.files.sort();
  return result;
}
