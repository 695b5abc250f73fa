// The VS Code client: starts the language server, passes settings, and shows what the server sends
// (a status bar item, the estimate report a code lens opens, the capacity report webview). Everything else
// lives in the server.
import * as path from 'node:path';
import * as vscode from 'vscode';
import {
  CloseAction,
  ErrorAction,
  LanguageClient,
  LanguageClientOptions,
  ServerOptions,
  TransportKind,
  type ErrorHandler,
} from 'vscode-languageclient/node';
import {
  YAML_LANGUAGE_IDS,
  DocumentStatusNotification,
  EstimateReportRequest,
  SHOW_ESTIMATE_COMMAND,
  SHOW_REPORT_COMMAND,
  WorkspaceScanNotification,
  type DocumentStatus,
  type WorkspaceScanStatus,
} from '../../shared/protocol';
import { ReportPanel } from './reportPanel';

let client: LanguageClient | undefined;

/** Restarts allowed within RESTART_WINDOW_MS before the client gives up (and says so). */
const MAX_RESTARTS = 4;
const RESTART_WINDOW_MS = 3 * 60 * 1000;

/**
 * If the server process dies, restart it and tell the user, rather than leaving the editor silent;
 * after MAX_RESTARTS crashes within a few minutes, stop and say how to get it back.
 */
function crashHandler(outputChannel: vscode.OutputChannel): ErrorHandler {
  const restarts: number[] = [];
  return {
    // A broken message: log it and keep the connection (the server answers every request it can).
    error: (error, _message, count) => {
      outputChannel.appendLine(`connection error (${count ?? 1}): ${error.message}`);
      return { action: (count ?? 1) <= 3 ? ErrorAction.Continue : ErrorAction.Shutdown };
    },
    closed: () => {
      const now = Date.now();
      while (restarts.length > 0 && now - restarts[0]! > RESTART_WINDOW_MS) restarts.shift();
      if (restarts.length >= MAX_RESTARTS) {
        return {
          action: CloseAction.DoNotRestart,
          message: `etcd Capacity Review: the language server stopped ${MAX_RESTARTS + 1} times in a few minutes and was not restarted. See "etcd Capacity Review: Show server log", then reload the window to try again.`,
        };
      }
      restarts.push(now);
      void vscode.window
        .showWarningMessage(
          'etcd Capacity Review: the language server stopped unexpectedly and was restarted.',
          'Show server log',
        )
        .then((choice) => (choice ? outputChannel.show(true) : undefined));
      return { action: CloseAction.Restart, handled: true };
    },
  };
}

export async function activate(context: vscode.ExtensionContext): Promise<void> {
  const serverModule = context.asAbsolutePath(path.join('server', 'out', 'server.js'));
  const serverOptions: ServerOptions = {
    run: { module: serverModule, transport: TransportKind.ipc },
    debug: {
      module: serverModule,
      transport: TransportKind.ipc,
      options: { execArgv: ['--nolazy', '--inspect=6011'] },
    },
  };
  const outputChannel = vscode.window.createOutputChannel('etcd Capacity Review');
  const clientOptions: LanguageClientOptions = {
    // Compose files get the language id `dockercompose` when the Docker extension is installed.
    documentSelector: YAML_LANGUAGE_IDS.flatMap((language) => [
      { scheme: 'file', language },
      { scheme: 'untitled', language },
    ]),
    // No `synchronize.configurationSection`: the server pulls settings (workspace/configuration) and registers
    // for didChangeConfiguration itself, which the client then forwards.
    outputChannel,
    errorHandler: crashHandler(outputChannel),
    initializationFailedHandler: (error) => {
      outputChannel.appendLine(`initialization failed: ${error instanceof Error ? error.message : String(error)}`);
      void vscode.window.showErrorMessage(
        'etcd Capacity Review: the language server could not start. See "etcd Capacity Review: Show server log".',
      );
      return false;
    },
  };
  client = new LanguageClient('etcdCapacity', 'etcd Capacity Review', serverOptions, clientOptions);

  const status = vscode.window.createStatusBarItem(vscode.StatusBarAlignment.Right, 100);
  status.name = 'etcd Capacity Review';
  status.command = 'etcdCapacity.showOutput';
  const statuses = new Map<string, DocumentStatus>();
  const updateStatus = () => {
    const uri = vscode.window.activeTextEditor?.document.uri.toString();
    const current = uri ? statuses.get(uri) : undefined;
    if (current?.etcd) {
      status.text = '$(database) etcd';
      status.tooltip = `etcd Capacity Review: ${current.summary}`;
      status.show();
    } else {
      status.hide();
    }
  };

  const scanStatus = vscode.window.createStatusBarItem(vscode.StatusBarAlignment.Right, 99);
  scanStatus.name = 'etcd Capacity Review: workspace scan';
  scanStatus.command = 'etcdCapacity.showOutput';
  const showScan = (s: WorkspaceScanStatus) => {
    if (s.state === 'scanning') {
      scanStatus.text = `$(sync~spin) etcd: scanning${s.files > 0 ? ` (${s.files} files)` : ''}`;
      scanStatus.tooltip = 'etcd Capacity Review is indexing topologies, StorageClasses and claims in the workspace';
      scanStatus.show();
    } else if (s.limits.length > 0) {
      scanStatus.text = s.state === 'failed' ? '$(error) etcd: scan failed' : '$(warning) etcd: scan limited';
      scanStatus.tooltip = `etcd Capacity Review workspace scan (${s.files} files read): ${s.limits.join('; ')}`;
      scanStatus.show();
    } else {
      scanStatus.hide();
    }
  };

  const reportPanel = new ReportPanel(() => client);
  context.subscriptions.push(
    outputChannel,
    status,
    scanStatus,
    reportPanel,
    vscode.commands.registerCommand(SHOW_REPORT_COMMAND, (uri?: unknown) =>
      reportPanel.show(typeof uri === 'string' ? uri : uri instanceof vscode.Uri ? uri.toString() : undefined),
    ),
    vscode.window.onDidChangeActiveTextEditor(updateStatus),
    vscode.workspace.onDidCloseTextDocument((d) => statuses.delete(d.uri.toString())),
    vscode.commands.registerCommand('etcdCapacity.showOutput', () => outputChannel.show(true)),
    vscode.commands.registerCommand(SHOW_ESTIMATE_COMMAND, async (uri: string, index: number) => {
      const report = await client?.sendRequest(EstimateReportRequest, { uri, index });
      if (!report) {
        void vscode.window.showInformationMessage('etcd Capacity Review: no estimate for this document any more.');
        return;
      }
      const document = await vscode.workspace.openTextDocument({ language: 'markdown', content: report });
      await vscode.window.showTextDocument(document, { viewColumn: vscode.ViewColumn.Beside, preview: true });
    }),
  );

  // Before start: the scan begins right after `initialized` and its first notification must not be missed.
  context.subscriptions.push(client.onNotification(WorkspaceScanNotification, showScan));
  await client.start();
  context.subscriptions.push(
    client.onNotification(DocumentStatusNotification, (s: DocumentStatus) => {
      statuses.set(s.uri, s);
      updateStatus();
    }),
  );
}

export async function deactivate(): Promise<void> {
  await client?.stop();
  client = undefined;
}
