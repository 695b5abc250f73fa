// CLI input gathering called directly: special files refused without being opened, symlink loops walked once,
// and error messages that name the real error.
import { execFileSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { describeError, readInputs, type InputReport } from '../../../server/src/cli/inputs';
import { WORKSPACE_SCAN_LIMITS } from '../../../server/src/protocol/workspaceScan';
import { findYamlFiles } from '../../../server/src/workspaceFiles';

const YAML = 'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: x\n';
const IS_ROOT = process.getuid?.() === 0;
let dir: string;

function fresh(): InputReport {
  return { warnings: [], failed: false };
}

beforeEach(() => {
  dir = fs.realpathSync(fs.mkdtempSync(path.join(os.tmpdir(), 'etcd-capacity-inputs-')));
});
/**
 * Every entry below `root`, never through a symbolic link. (`fs.readdirSync(dir, { recursive: true })`
 * follows links to directories on Node 20: the two links to the parent made the cleanup after the loop
 * test walk for ever, which hung the whole file.)
 */
function entriesBelow(root: string): string[] {
  const out: string[] = [];
  const stack = [root];
  while (stack.length > 0) {
    const d = stack.pop()!;
    for (const e of fs.readdirSync(d, { withFileTypes: true })) {
      const p = path.join(d, e.name);
      out.push(p);
      if (e.isDirectory()) stack.push(p); // a symlink's dirent is never a directory
    }
  }
  return out;
}

afterEach(() => {
  for (const f of entriesBelow(dir)) {
    if (fs.lstatSync(f).isSymbolicLink()) continue; // chmod would change the target (or fail on a dangling link)
    try {
      fs.chmodSync(f, 0o755);
    } catch {
      // FIFOs need nothing
    }
  }
  fs.rmSync(dir, { recursive: true, force: true });
});

describe('readInputs: non-regular files', () => {
  it('refuses a FIFO named on the command line without opening it (would block for ever)', { timeout: 5000 }, () => {
    const fifo = path.join(dir, 'pipe.yaml');
    execFileSync('mkfifo', [fifo]);
    const report = fresh();
    expect(readInputs([fifo], report)).toEqual([]);
    expect(report.failed).toBe(true);
    expect(report.warnings).toEqual([`${fifo}: not a regular file (FIFO); skipped`]);
  });

  it('refuses a character device named on the command line (/dev/zero would never end)', { timeout: 5000 }, () => {
    const report = fresh();
    expect(readInputs(['/dev/zero'], report)).toEqual([]);
    expect(report.failed).toBe(true);
    expect(report.warnings).toEqual(['/dev/zero: not a regular file (character device); skipped']);
  });

  it(
    'skips a FIFO met in a directory walk with a warning, reading the regular files beside it',
    { timeout: 5000 },
    () => {
      execFileSync('mkfifo', [path.join(dir, 'b-pipe.yaml')]);
      fs.writeFileSync(path.join(dir, 'a.yaml'), YAML);
      const report = fresh();
      const inputs = readInputs([dir], report);
      expect(inputs.map((i) => path.basename(i.display))).toEqual(['a.yaml']);
      expect(report.failed).toBe(false);
      expect(report.warnings).toHaveLength(1);
      expect(report.warnings[0]).toMatch(/b-pipe\.yaml: not a regular file \(FIFO\); skipped$/);
    },
  );
});

describe('readInputs: symlink loops', () => {
  it('walks two links to the parent once each and reports them as loops instead of hanging', { timeout: 5000 }, () => {
    fs.mkdirSync(path.join(dir, 'sub'));
    fs.writeFileSync(path.join(dir, 'top.yaml'), YAML);
    fs.writeFileSync(path.join(dir, 'sub', 'inner.yaml'), YAML);
    fs.symlinkSync('..', path.join(dir, 'sub', 'up1'));
    fs.symlinkSync('..', path.join(dir, 'sub', 'up2'));
    const report = fresh();
    const inputs = readInputs([dir], report);
    expect(
      inputs.map((i) => path.relative(dir, i.display.startsWith('/') ? i.display : path.resolve(i.display))),
    ).toEqual([path.join('sub', 'inner.yaml'), 'top.yaml']);
    expect(report.failed).toBe(false);
    expect(report.warnings).toHaveLength(2);
    for (const w of report.warnings)
      expect(w).toMatch(/sub\/up[12]: symbolic link loop \(back to .*\); not walked again$/);
  });

  it('reads a file reached through a symlinked directory once, not once per path', { timeout: 5000 }, () => {
    fs.mkdirSync(path.join(dir, 'real'));
    fs.writeFileSync(path.join(dir, 'real', 'etcd.yaml'), YAML);
    fs.symlinkSync('real', path.join(dir, 'alias'));
    fs.symlinkSync(path.join(dir, 'real', 'etcd.yaml'), path.join(dir, 'link.yaml'));
    const report = fresh();
    const inputs = readInputs([dir, dir, path.join(dir, 'alias')], report);
    expect(inputs).toHaveLength(1);
    expect(report.warnings).toEqual([]);
  });

  it('says "too many levels of symbolic links" for a self-referential link', { timeout: 5000 }, () => {
    fs.symlinkSync('self.yaml', path.join(dir, 'self.yaml'));
    const named = fresh();
    readInputs([path.join(dir, 'self.yaml')], named);
    expect(named.failed).toBe(true);
    expect(named.warnings).toEqual([`cannot read ${path.join(dir, 'self.yaml')}: too many levels of symbolic links`]);
    const walked = fresh();
    readInputs([dir], walked);
    expect(walked.warnings).toHaveLength(1);
    expect(walked.warnings[0]).toMatch(/self\.yaml: too many levels of symbolic links; skipped$/);
  });

  it(
    'the workspace scan (findYamlFiles) also terminates on a loop and lists each real file once',
    { timeout: 5000 },
    async () => {
      fs.writeFileSync(path.join(dir, 'a.yaml'), YAML);
      fs.symlinkSync('.', path.join(dir, 'again'));
      fs.symlinkSync('a.yaml', path.join(dir, 'b.yaml'));
      expect((await findYamlFiles(dir, WORKSPACE_SCAN_LIMITS)).files).toHaveLength(1);
    },
  );
});

describe('readInputs: error messages name the real error', () => {
  it('ENOENT → "no such file or directory"', () => {
    const report = fresh();
    readInputs([path.join(dir, 'missing.yaml')], report);
    expect(report.warnings).toEqual([`cannot read ${path.join(dir, 'missing.yaml')}: no such file or directory`]);
    expect(report.failed).toBe(true);
  });

  it('maps err.code rather than always saying ENOENT', () => {
    const err = (code: string): NodeJS.ErrnoException => Object.assign(new Error(code), { code });
    expect(describeError(err('EACCES'))).toBe('permission denied');
    expect(describeError(err('ELOOP'))).toBe('too many levels of symbolic links');
    expect(describeError(err('ENOENT'))).toBe('no such file or directory');
    expect(describeError(err('EWHATEVER'))).toBe('EWHATEVER');
  });

  it(`a chmod 000 file: ${IS_ROOT ? 'root reads it anyway (no EACCES for uid 0)' : '"permission denied"'}`, () => {
    const file = path.join(dir, 'secret.yaml');
    fs.writeFileSync(file, YAML);
    fs.chmodSync(file, 0o000);
    const report = fresh();
    const inputs = readInputs([file], report);
    if (IS_ROOT) {
      expect(inputs.map((i) => i.text)).toEqual([YAML]);
      expect(report).toEqual({ warnings: [], failed: false });
    } else {
      expect(inputs).toEqual([]);
      expect(report.failed).toBe(true);
      expect(report.warnings).toEqual([`cannot read ${file}: permission denied`]);
    }
  });
});
