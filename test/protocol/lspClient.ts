// Talks LSP to the built server over a real JSON-RPC connection on its stdio, as an editor would.
// Waits on messages (never sleeps): every wait resolves on a notification or fails with its timeout.
import { ChildProcess, spawn } from 'node:child_process';
import * as path from 'node:path';
import {
  createMessageConnection,
  MessageConnection,
  StreamMessageReader,
  StreamMessageWriter,
} from 'vscode-jsonrpc/node';
import type {
  Diagnostic,
  InitializeResult,
  PublishDiagnosticsParams,
  TextDocumentContentChangeEvent,
} from 'vscode-languageserver-protocol';

export const SERVER = path.join(__dirname, '..', '..', 'server', 'out', 'server.js');

interface Waiter {
  uri: string;
  predicate: (diagnostics: Diagnostic[], version: number | undefined) => boolean;
  resolve: (d: Diagnostic[]) => void;
}

export class LspTestClient {
  readonly connection: MessageConnection;
  private readonly process: ChildProcess;
  private readonly latest = new Map<string, PublishDiagnosticsParams>();
  private waiters: Waiter[] = [];
  private versions = new Map<string, number>();
  /** What the server answers when it asks for the `etcdCapacity` settings. */
  settings: Record<string, unknown> = {};
  /** When set, answers each configuration item by its scopeUri instead of `settings`. */
  settingsFor?: (scopeUri: string | undefined) => Record<string, unknown>;
  /** Every workspace/configuration item the server asked for, in arrival order. */
  readonly configurationItems: { section?: string; scopeUri?: string }[] = [];
  /** Every refresh request the server sent (`workspace/inlayHint/refresh`, `workspace/codeLens/refresh`, ...). */
  readonly refreshRequests: string[] = [];
  readonly logs: string[] = [];
  /** Every publishDiagnostics version received, per uri, in arrival order. */
  readonly published = new Map<string, (number | undefined)[]>();
  /** What the server registered dynamically (client/registerCapability). */
  readonly registrations: { method: string; registerOptions?: unknown }[] = [];

  constructor() {
    this.process = spawn(process.execPath, [SERVER, '--stdio'], { stdio: ['pipe', 'pipe', 'pipe'] });
    this.connection = createMessageConnection(
      new StreamMessageReader(this.process.stdout!),
      new StreamMessageWriter(this.process.stdin!),
    );
    this.connection.onNotification('textDocument/publishDiagnostics', (params: PublishDiagnosticsParams) => {
      this.latest.set(params.uri, params);
      this.published.set(params.uri, [...(this.published.get(params.uri) ?? []), params.version]);
      this.waiters = this.waiters.filter((w) => {
        if (w.uri !== params.uri || !w.predicate(params.diagnostics, params.version)) return true;
        w.resolve(params.diagnostics);
        return false;
      });
    });
    this.connection.onNotification('window/logMessage', (p: { message: string }) => this.logs.push(p.message));
    this.connection.onRequest('workspace/configuration', (p: { items: { section?: string; scopeUri?: string }[] }) => {
      this.configurationItems.push(...p.items);
      return p.items.map((item) => (this.settingsFor ? this.settingsFor(item.scopeUri) : this.settings));
    });
    for (const method of [
      'workspace/inlayHint/refresh',
      'workspace/codeLens/refresh',
      'workspace/semanticTokens/refresh',
    ])
      this.connection.onRequest(method, () => {
        this.refreshRequests.push(method);
        return null;
      });
    this.connection.onRequest(
      'client/registerCapability',
      (p: { registrations: { method: string; registerOptions?: unknown }[] }) => {
        this.registrations.push(...p.registrations);
        return null;
      },
    );
    this.connection.listen();
  }

  /**
   * `workspace` adds to (or overrides) the client's workspace capabilities, e.g.
   * `{ inlayHint: { refreshSupport: true } }`; `folders` lists the workspace folders (default: rootUri alone).
   */
  async initialize(
    rootUri: string | null = null,
    initializationOptions?: unknown,
    options: { workspace?: Record<string, unknown>; folders?: string[] } = {},
  ): Promise<InitializeResult> {
    const folders = options.folders ?? (rootUri ? [rootUri] : []);
    const result = await this.connection.sendRequest<InitializeResult>('initialize', {
      processId: process.pid,
      rootUri,
      workspaceFolders: folders.length > 0 ? folders.map((uri, i) => ({ uri, name: `folder${i}` })) : null,
      initializationOptions,
      capabilities: {
        workspace: {
          configuration: true,
          didChangeConfiguration: { dynamicRegistration: true },
          didChangeWatchedFiles: { dynamicRegistration: true },
          ...options.workspace,
        },
        textDocument: {
          publishDiagnostics: { relatedInformation: true, versionSupport: true, codeDescriptionSupport: true },
          codeAction: { codeActionLiteralSupport: { codeActionKind: { valueSet: ['quickfix'] } } },
        },
      },
    });
    await this.connection.sendNotification('initialized', {});
    return result;
  }

  /** Resolves with the first diagnostics for `uri` that satisfy `predicate` (including ones already received). */
  waitForDiagnostics(
    uri: string,
    predicate: (diagnostics: Diagnostic[], version: number | undefined) => boolean = () => true,
    timeoutMs = 10000,
  ): Promise<Diagnostic[]> {
    const current = this.latest.get(uri);
    if (current && predicate(current.diagnostics, current.version)) return Promise.resolve(current.diagnostics);
    return new Promise((resolve, reject) => {
      const timer = setTimeout(
        () => reject(new Error(`no matching diagnostics for ${uri} within ${timeoutMs} ms`)),
        timeoutMs,
      );
      this.waiters.push({
        uri,
        predicate,
        resolve: (d) => {
          clearTimeout(timer);
          resolve(d);
        },
      });
    });
  }

  /** The next diagnostics published for `uri` from now on (not ones already received). */
  nextDiagnostics(uri: string, timeoutMs = 10000): Promise<Diagnostic[]> {
    this.latest.delete(uri);
    return this.waitForDiagnostics(uri, () => true, timeoutMs);
  }

  /** Opens a document and waits for the diagnostics of exactly that version. */
  async open(uri: string, text: string, languageId = 'yaml'): Promise<Diagnostic[]> {
    this.versions.set(uri, 1);
    this.latest.delete(uri);
    await this.connection.sendNotification('textDocument/didOpen', {
      textDocument: { uri, languageId, version: 1, text },
    });
    return this.waitForDiagnostics(uri, (_d, version) => version === 1);
  }

  /** Sends incremental changes and waits for the diagnostics of the new version. */
  async change(uri: string, changes: TextDocumentContentChangeEvent[]): Promise<Diagnostic[]> {
    const version = (this.versions.get(uri) ?? 1) + 1;
    this.versions.set(uri, version);
    await this.connection.sendNotification('textDocument/didChange', {
      textDocument: { uri, version },
      contentChanges: changes,
    });
    return this.waitForDiagnostics(uri, (_d, v) => v === version);
  }

  async close(uri: string): Promise<Diagnostic[]> {
    await this.connection.sendNotification('textDocument/didClose', { textDocument: { uri } });
    return this.waitForDiagnostics(uri, (d) => d.length === 0);
  }

  async dispose(): Promise<void> {
    try {
      await this.connection.sendRequest('shutdown');
      await this.connection.sendNotification('exit');
    } catch {
      // the server may already be gone
    }
    this.connection.dispose();
    if (this.process.exitCode === null) this.process.kill();
  }
}

/**
 * Waits on a list of raw messages that grows (tests that write bytes or IPC messages themselves): call
 * `notify` after each push; `waitFor` resolves with the first message matching, or fails at its timeout.
 */
export function messageWaiter<T>(messages: T[]): {
  notify: () => void;
  waitFor: (predicate: (m: T) => boolean, timeoutMs?: number) => Promise<T>;
} {
  const listeners: (() => void)[] = [];
  return {
    notify: () => {
      for (const l of listeners) l();
    },
    waitFor: (predicate, timeoutMs = 10000) =>
      new Promise((resolve, reject) => {
        const timer = setTimeout(
          () =>
            reject(new Error(`no matching message within ${timeoutMs} ms: ${JSON.stringify(messages).slice(0, 500)}`)),
          timeoutMs,
        );
        const check = () => {
          const found = messages.find(predicate);
          if (found) {
            clearTimeout(timer);
            resolve(found);
          }
        };
        listeners.push(check);
        check();
      }),
  };
}
