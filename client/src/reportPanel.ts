// The "etcd: Show Capacity Report" webview: shows the page the server renders (CapacityReportRequest, the same
// report `etcd-capacity report` writes) for the active YAML file,
// follows the active editor, re-renders as the file changes, and reveals a finding's line when its link is
// clicked (the page posts {type: 'reveal', uri, line, character}). No analysis and no HTML of its own.
import * as vscode from 'vscode';
import type { LanguageClient } from 'vscode-languageclient/node';
import { CapacityReportRequest } from '../../shared/protocol';

const VIEW_TYPE = 'etcdCapacity.report';
/** Edits in a row re-render once, this long after the last. */
const RERENDER_DELAY_MS = 400;

interface RevealMessage {
  type: 'reveal';
  uri: string;
  line: number;
  character?: number;
}

function isReveal(m: unknown): m is RevealMessage {
  const r = m as RevealMessage | null;
  return !!r && r.type === 'reveal' && typeof r.uri === 'string' && Number.isInteger(r.line) && r.line >= 0;
}

const isYaml = (document: vscode.TextDocument): boolean =>
  document.languageId === 'yaml' || /\.ya?ml$/i.test(document.uri.path);

export class ReportPanel implements vscode.Disposable {
  private panel: vscode.WebviewPanel | undefined;
  private uri: string | undefined;
  private timer: NodeJS.Timeout | undefined;
  /** Answers older than the latest request are dropped (a slow render must not overwrite a newer one). */
  private generation = 0;
  private readonly subscriptions: vscode.Disposable[] = [];

  constructor(private readonly client: () => LanguageClient | undefined) {
    this.subscriptions.push(
      vscode.window.onDidChangeActiveTextEditor((editor) => {
        if (this.panel && editor && isYaml(editor.document) && editor.document.uri.toString() !== this.uri)
          void this.show(editor.document.uri.toString(), false);
      }),
      vscode.workspace.onDidChangeTextDocument((e) => {
        if (!this.panel || e.document.uri.toString() !== this.uri || e.contentChanges.length === 0) return;
        if (this.timer) clearTimeout(this.timer);
        this.timer = setTimeout(() => void this.render(), RERENDER_DELAY_MS);
      }),
    );
  }

  /** Opens (or reveals) the panel on `uri`, default the active YAML editor's document. */
  async show(uri?: string, reveal = true): Promise<void> {
    const target =
      uri ??
      (vscode.window.activeTextEditor && isYaml(vscode.window.activeTextEditor.document)
        ? vscode.window.activeTextEditor.document.uri.toString()
        : undefined);
    if (!target) {
      void vscode.window.showInformationMessage('etcd Capacity Review: open a YAML file to see its capacity report.');
      return;
    }
    this.uri = target;
    if (!this.panel) {
      this.panel = vscode.window.createWebviewPanel(
        VIEW_TYPE,
        'etcd Capacity Report',
        { viewColumn: vscode.ViewColumn.Beside, preserveFocus: true },
        {
          enableScripts: true,
          enableCommandUris: false,
          localResourceRoots: [],
        },
      );
      this.panel.onDidDispose(() => {
        this.panel = undefined;
        this.uri = undefined;
      });
      this.panel.webview.onDidReceiveMessage((m: unknown) => void this.reveal(m));
    } else if (reveal) {
      this.panel.reveal(undefined, true);
    }
    await this.render();
  }

  private async render(): Promise<void> {
    const panel = this.panel;
    const uri = this.uri;
    const client = this.client();
    if (!panel || !uri || !client) return;
    const generation = ++this.generation;
    // The server renders open documents only: make sure it has this one (a lens may name a closed file).
    if (!vscode.workspace.textDocuments.some((d) => d.uri.toString() === uri))
      await vscode.workspace.openTextDocument(vscode.Uri.parse(uri));
    let html: string | null;
    try {
      html = await client.sendRequest(CapacityReportRequest, { uri, cspSource: panel.webview.cspSource });
    } catch (error) {
      html = null;
      void vscode.window.showWarningMessage(
        `etcd Capacity Review: the capacity report failed: ${error instanceof Error ? error.message : String(error)}`,
      );
    }
    if (generation !== this.generation || panel !== this.panel) return;
    panel.title = `Capacity report: ${vscode.Uri.parse(uri).path.split('/').pop()}`;
    if (html) panel.webview.html = html;
  }

  private async reveal(message: unknown): Promise<void> {
    if (!isReveal(message)) return;
    const uri = vscode.Uri.parse(message.uri);
    const position = new vscode.Position(message.line, Math.max(0, message.character ?? 0));
    const open = vscode.window.visibleTextEditors.find((e) => e.document.uri.toString() === uri.toString());
    const editor = await vscode.window.showTextDocument(uri, {
      viewColumn: open?.viewColumn ?? vscode.ViewColumn.One,
      selection: new vscode.Range(position, position),
      preserveFocus: false,
    });
    editor.revealRange(new vscode.Range(position, position), vscode.TextEditorRevealType.InCenterIfOutsideViewport);
  }

  dispose(): void {
    if (this.timer) clearTimeout(this.timer);
    this.panel?.dispose();
    for (const s of this.subscriptions) s.dispose();
  }
}
