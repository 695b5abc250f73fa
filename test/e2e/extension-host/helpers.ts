// Helpers for extension-host tests: waiting on diagnostics and calling the editor's provider commands.
// Waits are predicate waits on VS Code events with a deadline, never fixed sleeps.
import * as vscode from 'vscode';

export const EXTENSION_ID = 'etcd-capacity.etcd-capacity';
export const SOURCE = 'etcd-capacity';

export function workspaceUri(...segments: string[]): vscode.Uri {
  const folder = vscode.workspace.workspaceFolders?.[0];
  if (!folder) throw new Error('the test instance has no workspace folder open');
  return vscode.Uri.joinPath(folder.uri, ...segments);
}

export async function open(...segments: string[]): Promise<vscode.TextDocument> {
  const document = await vscode.workspace.openTextDocument(workspaceUri(...segments));
  await vscode.window.showTextDocument(document, { preview: false });
  return document;
}

/** Our diagnostics for a document (other extensions' are left out). */
export function ours(uri: vscode.Uri): vscode.Diagnostic[] {
  return vscode.languages.getDiagnostics(uri).filter((d) => d.source === SOURCE);
}

export function codeOf(d: vscode.Diagnostic): string {
  return typeof d.code === 'object' && d.code !== null ? String(d.code.value) : String(d.code);
}

export function describe(diagnostics: vscode.Diagnostic[]): string {
  return JSON.stringify(
    diagnostics.map((d) => `${d.range.start.line + 1}:${d.range.start.character + 1} ${codeOf(d)} ${d.message}`),
  );
}

/** Resolves with our diagnostics of `uri` once `accept` holds for them; rejects after `timeoutMs`. */
export function waitForDiagnostics(
  uri: vscode.Uri,
  accept: (diagnostics: vscode.Diagnostic[]) => boolean,
  what: string,
  timeoutMs = 30_000,
): Promise<vscode.Diagnostic[]> {
  return new Promise((resolve, reject) => {
    const check = (): boolean => {
      const current = ours(uri);
      if (!accept(current)) return false;
      cleanup();
      resolve(current);
      return true;
    };
    const listener = vscode.languages.onDidChangeDiagnostics((e) => {
      if (e.uris.some((u) => u.toString() === uri.toString())) check();
    });
    const timer = setTimeout(() => {
      cleanup();
      reject(
        new Error(`timed out after ${timeoutMs} ms waiting for ${what} in ${uri.path}; have ${describe(ours(uri))}`),
      );
    }, timeoutMs);
    function cleanup(): void {
      listener.dispose();
      clearTimeout(timer);
    }
    check();
  });
}

export const hasCode =
  (code: string) =>
  (diagnostics: vscode.Diagnostic[]): boolean =>
    diagnostics.some((d) => codeOf(d) === code);

/** Waits until the `etcdCapacity` section the extension host sees satisfies `accept` (settings writes are async). */
export function waitForConfiguration(accept: () => boolean, timeoutMs = 10_000): Promise<void> {
  return new Promise((resolve, reject) => {
    if (accept()) return resolve();
    const listener = vscode.workspace.onDidChangeConfiguration(() => {
      if (accept()) {
        listener.dispose();
        clearTimeout(timer);
        resolve();
      }
    });
    const timer = setTimeout(() => {
      listener.dispose();
      reject(new Error('timed out waiting for the settings change to reach the extension host'));
    }, timeoutMs);
  });
}

// ---- provider commands (for the hover / inlay hint / code lens suite) ------------------------------

function markdownText(content: vscode.MarkdownString | vscode.MarkedString): string {
  if (typeof content === 'string') return content;
  return content.value;
}

/** All hover texts the editor would show at a position (every provider's, joined per hover). */
export async function hoverTexts(uri: vscode.Uri, position: vscode.Position): Promise<string[]> {
  const hovers = await vscode.commands.executeCommand<vscode.Hover[]>('vscode.executeHoverProvider', uri, position);
  return (hovers ?? []).map((h) => h.contents.map(markdownText).join('\n'));
}

export async function inlayHintLabels(
  uri: vscode.Uri,
  range?: vscode.Range,
): Promise<{ line: number; label: string }[]> {
  const document = await vscode.workspace.openTextDocument(uri);
  const whole = range ?? new vscode.Range(0, 0, document.lineCount, 0);
  const hints = await vscode.commands.executeCommand<vscode.InlayHint[]>('vscode.executeInlayHintProvider', uri, whole);
  return (hints ?? []).map((h) => ({
    line: h.position.line,
    label: typeof h.label === 'string' ? h.label : h.label.map((part) => part.value).join(''),
  }));
}

export async function codeLensTitles(uri: vscode.Uri): Promise<{ line: number; title: string }[]> {
  // The second argument asks VS Code to resolve up to that many lenses, so unresolved lenses get their command.
  const lenses = await vscode.commands.executeCommand<vscode.CodeLens[]>('vscode.executeCodeLensProvider', uri, 100);
  return (lenses ?? []).map((l) => ({ line: l.range.start.line, title: l.command?.title ?? '' }));
}

/** Positions inside every YAML key and every scalar value after it: where a person would hover. */
export function hoverPositions(document: vscode.TextDocument): vscode.Position[] {
  const positions: vscode.Position[] = [];
  for (let line = 0; line < document.lineCount; line++) {
    const text = document.lineAt(line).text;
    const match = /^(\s*(?:-\s+)?)([A-Za-z][\w.-]*)(\s*:\s*)(.*)$/.exec(text);
    if (!match) continue;
    const keyStart = match[1].length;
    positions.push(new vscode.Position(line, keyStart + 1));
    const valueStart = keyStart + match[2].length + match[3].length;
    if (match[4].trim() && !match[4].startsWith('#')) positions.push(new vscode.Position(line, valueStart + 1));
  }
  return positions;
}
