// The VS Code client: starts the language server, passes settings, and shows what the server sends
// (a status bar item, the estimate report a code lens opens). Everything else lives in the server.
import * as path from 'node:path';
import * as vscode from 'vscode';
import { LanguageClient, LanguageClientOptions, ServerOptions, TransportKind } from 'vscode-languageclient/node';

let client: LanguageClient | undefined;

interface DocumentStatus {
  uri: string;
  etcd: boolean;
  summary: string;
}

export async function activate(context: vscode.ExtensionContext): Promise<void> {
  const serverModule = context.asAbsolutePath(path.join('server', 'out', 'server.js'));
  const serverOptions: ServerOptions = {
    run: { module: serverModule, transport: TransportKind.ipc },
    debug: { module: serverModule, transport: TransportKind.ipc, options: { execArgv: ['--nolazy', '--inspect=6011'] } },
  };
  const outputChannel = vscode.window.createOutputChannel('etcd Capacity Review');
  const clientOptions: LanguageClientOptions = {
    documentSelector: [
      { scheme: 'file', language: 'yaml' },
      { scheme: 'untitled', language: 'yaml' },
    ],
    synchronize: { configurationSection: 'etcdCapacity' },
    outputChannel,
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

  context.subscriptions.push(
    outputChannel,
    status,
    vscode.window.onDidChangeActiveTextEditor(updateStatus),
    vscode.workspace.onDidCloseTextDocument((d) => statuses.delete(d.uri.toString())),
    vscode.commands.registerCommand('etcdCapacity.showOutput', () => outputChannel.show(true)),
    vscode.commands.registerCommand('etcdCapacity.showEstimate', async (uri: string, index: number) => {
      const report = await client?.sendRequest<string | null>('etcdCapacity/estimateReport', { uri, index });
      if (!report) {
        void vscode.window.showInformationMessage('etcd Capacity Review: no estimate for this document any more.');
        return;
      }
      const document = await vscode.workspace.openTextDocument({ language: 'markdown', content: report });
      await vscode.window.showTextDocument(document, { viewColumn: vscode.ViewColumn.Beside, preview: true });
    }),
  );

  await client.start();
  context.subscriptions.push(
    client.onNotification('etcdCapacity/documentStatus', (s: DocumentStatus) => {
      statuses.set(s.uri, s);
      updateStatus();
    }),
  );
}

export async function deactivate(): Promise<void> {
  await client?.stop();
  client = undefined;
}
