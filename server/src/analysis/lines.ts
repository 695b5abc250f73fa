// Lines as LSP and YAML count them: `\r\n`, a lone `\r` and `\n` each end a line. The one place that
// splits text into lines or finds where lines start.

/** A line break: `\r\n`, `\r` or `\n`. */
export const LINE_BREAK = /\r\n|\r|\n/;

export function splitLines(text: string): string[] {
  return text.split(LINE_BREAK);
}

/** The first line of a (multi-line) message. */
export function firstLine(text: string): string {
  return splitLines(text)[0] ?? text;
}

/** Offsets where each line starts; always begins with 0. */
export function lineStarts(text: string): number[] {
  const starts = [0];
  for (let i = 0; i < text.length; i++) {
    const ch = text.charCodeAt(i);
    if (ch === 10) starts.push(i + 1);
    else if (ch === 13) {
      if (text.charCodeAt(i + 1) === 10) i++;
      starts.push(i + 1);
    }
  }
  return starts;
}

/**
 * The text with each lone `\r` turned into `\n`: same length and offsets, same lines and characters,
 * but a text the `yaml` parser (which breaks lines at `\n` only) reads line by line as go-yaml does.
 */
export function withLoneCrAsLf(text: string): string {
  return text.includes('\r') ? text.replace(/\r(?!\n)/g, '\n') : text;
}
