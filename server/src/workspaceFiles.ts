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
}

export const UNLIMITED: WalkLimits = { maxFiles: Number.POSITIVE_INFINITY, maxFileBytes: Number.POSITIVE_INFINITY };

/** Every `*.yaml` / `*.yml` below `root` (or `root` itself when it is a file), sorted for stable output. */
export function findYamlFiles(root: string, limits: WalkLimits = UNLIMITED): string[] {
  const found: string[] = [];
  const stack = [root];
  // Real paths already walked or found: a symlink loop (or two links to one directory) is walked once.
  const seen = new Set<string>();
  while (stack.length > 0 && found.length < limits.maxFiles) {
    const current = stack.pop()!;
    let stat: fs.Stats;
    try {
      stat = fs.statSync(current);
    } catch {
      continue;
    }
    let real: string;
    try {
      real = fs.realpathSync(current);
    } catch {
      continue;
    }
    if (seen.has(real)) continue;
    seen.add(real);
    if (stat.isDirectory()) {
      let entries: string[];
      try {
        entries = fs.readdirSync(current);
      } catch {
        continue;
      }
      for (const entry of entries.sort().reverse()) {
        if (SKIPPED_DIRECTORIES.has(entry) || (entry.startsWith('.') && entry !== '.')) continue;
        stack.push(path.join(current, entry));
      }
    } else if (stat.isFile() && YAML_FILE.test(current) && stat.size <= limits.maxFileBytes) {
      found.push(current);
    }
  }
  return found.sort();
}
