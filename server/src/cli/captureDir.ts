// Reads a capture directory for calibrate: the files parseCapture knows, each bounded in size, regular files only.
import * as fs from 'node:fs';
import * as path from 'node:path';
import { parseCapture, type CaptureFile, type CaptureResult } from '../capture/capture';

/** Largest file read from a capture (etcd's full /metrics is ~100–300 KiB; puts.json of 1e6 puts ~10 MiB). */
export const MAX_CAPTURE_FILE_BYTES = 32 * 1024 * 1024;
/** Most files looked at in one capture directory. */
export const MAX_CAPTURE_FILES = 2000;

const WANTED = (name: string): boolean =>
  name === 'members.json' ||
  name === 'status.json' ||
  name === 'puts.json' ||
  name.endsWith('.metrics') ||
  name.endsWith('.fio.json');

export function readCaptureDir(dir: string): CaptureResult {
  let entries: string[];
  try {
    entries = fs.readdirSync(dir);
  } catch (error) {
    return {
      ok: false,
      error: `${dir}: cannot read the capture directory (${(error as NodeJS.ErrnoException).code ?? (error as Error).message})`,
      warnings: [],
    };
  }
  const warnings: string[] = [];
  const files: CaptureFile[] = [];
  for (const name of entries.filter(WANTED).sort().slice(0, MAX_CAPTURE_FILES)) {
    const file = path.join(dir, name);
    try {
      const st = fs.statSync(file);
      if (!st.isFile()) {
        warnings.push(`${file}: not a regular file; not used`);
        continue;
      }
      if (st.size > MAX_CAPTURE_FILE_BYTES) {
        warnings.push(`${file}: larger than ${MAX_CAPTURE_FILE_BYTES / 2 ** 20} MiB; not used`);
        continue;
      }
      const text = fs.readFileSync(file, 'utf8');
      files.push({ name, text, mtimeMs: st.mtimeMs });
    } catch (error) {
      warnings.push(
        `${file}: cannot read (${(error as NodeJS.ErrnoException).code ?? (error as Error).message}); not used`,
      );
    }
  }
  const result = parseCapture(dir, files);
  if (!result.ok) return { ...result, warnings: [...warnings, ...result.warnings] };
  result.capture.warnings.unshift(...warnings);
  return result;
}
