// Wires the protocol onto the analysis: document sync, settings, diagnostics and quick fixes.
// Each feature is a thin view over AnalysisCache; no analysis happens in a handler.
import {
  CodeAction,
  CodeActionKind,
  CodeActionParams,
  CodeLens,
  CompletionItem,
  Connection,
  DidChangeConfigurationNotification,
  DidChangeWatchedFilesNotification,
  Hover,
  InitializeParams,
  InitializeResult,
  InlayHint,
  TextDocumentPositionParams,
  TextDocumentSyncKind,
  TextDocuments,
} from 'vscode-languageserver/node';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { performance } from 'node:perf_hooks';
import {
  CapacityReportRequest,
  CONFIGURATION_SECTION,
  DocumentStatusNotification,
  EstimateReportRequest,
  WorkspaceScanNotification,
  YAML_LANGUAGE_IDS,
  type WorkspaceScanStatus,
} from '../../../shared/protocol';
import type { EstimateOutcome } from '../analysis/estimates';
import type { Finding } from '../analysis/types';
import { AnalysisCache, readWorkspaceFile } from './analysisCache';
import { capacityReportHtml } from './capacityReport';
import { codeLenses } from './codeLens';
import { completions, keyHover } from './completion';
import { suppressionActions, toCodeActions, toDiagnostic } from './convert';
import { estimateReport } from './estimateReport';
import type { EstimateModelChoice } from './estimateText';
import { hoverAt } from './hover';
import { inlayHints } from './inlayHints';
import { EditorSettings, toAnalysisSettings } from './settings';
import { scanWorkspace } from './workspaceScan';

/** Longest stretch (ms) of first-time parsing before the server answers queued requests. */
const SLICE_MS = 20;
/**
 * Edit bursts. vscode-jsonrpc hands the server one message per event-loop turn, so a setImmediate alone never sees
 * two queued edits together, and each analysis spaces the next edit out by its own duration: 1,000 edits sent at
 * once were analysed and published 1,000 times. A change is part of a burst when it comes less than BURST_GAP_MS
 * after the previous change of the document, or less than QUEUED_MS after its last publication (it was waiting in
 * the queue while that analysis ran). Its analysis then waits until the document has been quiet for BURST_GAP_MS,
 * but never longer than BURST_MAX_MS after the burst began (a long burst still shows progress). A lone edit, or one
 * typed after the answer to the previous one, is analysed at once.
 */
const BURST_GAP_MS = 2;
const QUEUED_MS = 1;
const BURST_MAX_MS = 100;
/**
 * Longest stretch (ms) of the workspace scan's recognising between turns of the event loop: background
 * work, so shorter (a 20,000-file scan: event-loop delay p99 21-24 ms at 10 against 32-35 at 20, no slower).
 */
const SCAN_SLICE_MS = 10;

/** A YAML document by language id, or by extension for clients that send none useful. */
function isYaml(document: TextDocument): boolean {
  return YAML_LANGUAGE_IDS.includes(document.languageId) || /\.ya?ml$/i.test(document.uri);
}

function sameRange(a: Finding['range'], b: Finding['range']): boolean {
  return (
    a.start.line === b.start.line &&
    a.start.character === b.start.character &&
    a.end.line === b.end.line &&
    a.end.character === b.end.character
  );
}

export class EtcdCapacityLanguageService {
  private readonly documents = new TextDocuments(TextDocument);
  private readonly analyses = new AnalysisCache();
  /** Documents waiting for analysis; several edits in a row are analysed once, on the newest text. */
  private readonly pending = new Set<string>();
  private flushScheduled = false;
  /** Per document: when its last change arrived, and the burst it belongs to (see BURST_GAP_MS). */
  private readonly lastChange = new Map<string, number>();
  private readonly lastPublished = new Map<string, number>();
  private readonly bursts = new Map<string, { startedAt: number; timer: NodeJS.Timeout }>();
  private supportsConfiguration = false;
  private watchedFilesDynamic = false;
  private configurationDynamic = false;
  /** Which `workspace/.../refresh` requests the client said it handles (none unless it says so). */
  private refreshSupport = { inlayHint: false, codeLens: false };
  private estimateModel: EstimateModelChoice = 'raft';
  /** Per open document: the estimate model of its own settings (scopeUri = the document). */
  private readonly estimateModels = new Map<string, EstimateModelChoice>();
  /** Documents whose own settings arrived since the last configuration change, and pulls in flight. */
  private readonly settingsLoaded = new Set<string>();
  private readonly settingsPulls = new Set<string>();
  /** Bumped by each configuration change: answers to older pulls are dropped. */
  private settingsGeneration = 0;
  /** Settings from initializationOptions; workspace/configuration values override them key by key. */
  private initialSettings: EditorSettings = {};
  private workspaceFolders: string[] = [];
  /** Documents whose hints or lenses were asked for before their analysis was ready. */
  private readonly viewsWaiting = new Set<string>();

  constructor(private readonly connection: Connection) {}

  listen(): void {
    const { connection, documents } = this;
    connection.onInitialize((params) => this.initialize(params));
    connection.onInitialized(() => void this.initialized());
    connection.onDidChangeConfiguration(() => void this.reloadSettings());
    connection.onCodeAction((params) => this.guard('codeAction', [], () => this.codeActions(params)));
    connection.onHover((params) => this.guard('hover', null, () => this.hover(params)));
    connection.onCompletion((params) => this.guard('completion', [], () => this.completion(params)));
    connection.languages.inlayHint.on((params) =>
      this.guard('inlayHint', [], () =>
        this.withEstimates<InlayHint[]>(params.textDocument.uri, [], (estimates) =>
          inlayHints(estimates, params.range, this.modelFor(params.textDocument.uri)),
        ),
      ),
    );
    connection.onCodeLens((params) =>
      this.guard('codeLens', [], () =>
        this.withEstimates<CodeLens[]>(params.textDocument.uri, [], (estimates, doc) =>
          codeLenses(doc.uri, estimates, this.modelFor(doc.uri)),
        ),
      ),
    );
    connection.onRequest(EstimateReportRequest, ({ uri, index }) =>
      this.guard('estimateReport', null, () =>
        this.withEstimates<string | null>(uri, null, (estimates) => {
          const outcome = estimates[index];
          return outcome ? estimateReport(outcome) : null;
        }),
      ),
    );
    connection.onRequest(CapacityReportRequest, ({ uri, cspSource }) =>
      this.guard('capacityReport', null, () => {
        const doc = typeof uri === 'string' ? this.documents.get(uri) : undefined;
        if (!doc) return null;
        // Topologies in other files that describe this document's etcd configurations: their clusters join the page.
        const borrowed = new Set<string>();
        for (const o of this.analyses.estimates(doc.uri, doc.version, doc.getText()))
          if (o.subject.topologyUri) borrowed.add(o.subject.topologyUri);
        const related: { uri: string; text: string }[] = [];
        for (const other of borrowed) {
          const text = this.documents.get(other)?.getText() ?? readWorkspaceFile(other);
          if (text !== undefined) related.push({ uri: other, text });
        }
        return capacityReportHtml(doc.uri, doc.getText(), {
          settings: this.analyses.settingsFor(doc.uri),
          topologies: this.analyses.topologies,
          workspaceFolders: this.workspaceFolders,
          cspSource: typeof cspSource === 'string' ? cspSource : '',
          related,
        });
      }),
    );
    documents.onDidOpen((e) => this.schedule(e.document.uri));
    documents.onDidChangeContent((e) => this.changed(e.document.uri));
    documents.onDidClose((e) => {
      this.pending.delete(e.document.uri);
      this.endBurst(e.document.uri);
      this.lastChange.delete(e.document.uri);
      this.lastPublished.delete(e.document.uri);
      this.analyses.forget(e.document.uri);
      this.forgetSettings(e.document.uri);
      void connection.sendDiagnostics({ uri: e.document.uri, diagnostics: [] });
      // What it shared falls back to the file on disk (nothing for an untitled document).
      if (this.analyses.reloadFromDisk(e.document.uri)) this.sharedStateChanged();
    });
    connection.onDidChangeWatchedFiles((params) =>
      this.guard('didChangeWatchedFiles', undefined, () => {
        let changed = false;
        for (const change of params.changes) {
          // An open document's text wins over the file on disk until it is closed.
          if (this.documents.get(change.uri)) continue;
          if (this.analyses.reloadFromDisk(change.uri)) changed = true;
        }
        if (changed) this.sharedStateChanged();
      }),
    );
    documents.listen(connection);
    connection.listen();
  }

  private initialize(params: InitializeParams): InitializeResult {
    this.supportsConfiguration = params.capabilities.workspace?.configuration === true;
    this.watchedFilesDynamic = params.capabilities.workspace?.didChangeWatchedFiles?.dynamicRegistration === true;
    this.configurationDynamic = params.capabilities.workspace?.didChangeConfiguration?.dynamicRegistration === true;
    this.refreshSupport = {
      inlayHint: params.capabilities.workspace?.inlayHint?.refreshSupport === true,
      codeLens: params.capabilities.workspace?.codeLens?.refreshSupport === true,
    };
    this.workspaceFolders = params.workspaceFolders?.map((f) => f.uri) ?? (params.rootUri ? [params.rootUri] : []);
    // Editors without workspace/configuration pass settings at start: `{settings: {...}}` (Helix's `config`)
    // or `{etcdCapacity: {...}}`.
    const options = params.initializationOptions as
      { settings?: EditorSettings; etcdCapacity?: EditorSettings } | undefined;
    const settings = options?.settings ?? options?.etcdCapacity;
    if (settings && typeof settings === 'object') {
      this.initialSettings = settings;
      this.applySettings(settings);
    }
    return {
      capabilities: {
        textDocumentSync: TextDocumentSyncKind.Incremental,
        codeActionProvider: { codeActionKinds: [CodeActionKind.QuickFix] },
        hoverProvider: true,
        inlayHintProvider: true,
        codeLensProvider: { resolveProvider: false },
        completionProvider: { triggerCharacters: ['-', '_'] },
      },
      serverInfo: { name: 'etcd-capacity-language-server' },
    };
  }

  private async initialized(): Promise<void> {
    if (this.supportsConfiguration) {
      // Clients send didChangeConfiguration once the server registers for it (the extension does not
      // synchronize a section itself); without dynamic registration the server re-pulls on whatever arrives.
      if (this.configurationDynamic) {
        await this.connection.client
          .register(DidChangeConfigurationNotification.type, { section: CONFIGURATION_SECTION })
          .catch((error: unknown) => this.connection.console.error(`could not register: ${String(error)}`));
      }
      await this.reloadSettings();
    }
    if (this.watchedFilesDynamic) {
      // Topology, StorageClass and claim files are found by content, so every YAML file is watched.
      await this.connection.client
        .register(DidChangeWatchedFilesNotification.type, { watchers: [{ globPattern: '**/*.{yaml,yml}' }] })
        .catch((error: unknown) => this.connection.console.error(`could not watch files: ${String(error)}`));
    }
    this.scheduleAll();
    await this.scanWorkspace();
  }

  /**
   * Indexes what closed files share without blocking requests (see workspaceScan.ts). The log and an
   * WorkspaceScanNotification (the client's status item) say when it runs, what it found
   * and which limit stopped it; open documents are analysed again when it found something.
   */
  private async scanWorkspace(): Promise<void> {
    const folders = this.workspaceFolders;
    if (folders.length === 0) return;
    const status = (params: WorkspaceScanStatus) =>
      void this.connection.sendNotification(WorkspaceScanNotification, params);
    this.connection.console.info(`workspace scan: started in ${folders.length} folder(s)`);
    status({ state: 'scanning', files: 0, shared: 0, limits: [] });
    try {
      const report = await scanWorkspace(folders, {
        sliceMs: SCAN_SLICE_MS,
        isOpen: (uri) => this.documents.get(uri) !== undefined,
        update: (uri, facts) => this.analyses.topologies.update(uri, facts),
        onProgress: (files) => status({ state: 'scanning', files, shared: 0, limits: [] }),
      });
      const summary = `${report.files} YAML file(s) read, ${report.shared} with topology, StorageClass or claim documents`;
      this.connection.console.info(`workspace scan: done: ${summary}`);
      for (const limit of report.limits) this.connection.console.warn(`workspace scan limited: ${limit}`);
      status({ state: 'done', ...report });
      if (report.shared > 0) this.sharedStateChanged();
    } catch (error) {
      this.connection.console.error(`workspace scan failed: ${String(error)}`);
      status({ state: 'failed', files: 0, shared: 0, limits: [String(error)] });
    }
  }

  /**
   * Settings changed: the default (unscoped) settings are pulled again, and each open document's own
   * (scopeUri = the document, so each folder of a multi-root workspace has its own) as it is next analysed.
   */
  private async reloadSettings(): Promise<void> {
    if (!this.supportsConfiguration) return;
    this.settingsGeneration++;
    this.settingsLoaded.clear();
    this.settingsPulls.clear();
    try {
      const settings = (await this.connection.workspace.getConfiguration(
        CONFIGURATION_SECTION,
      )) as EditorSettings | null;
      this.applySettings({ ...this.initialSettings, ...(settings && typeof settings === 'object' ? settings : {}) });
    } catch (error) {
      this.connection.console.error(`could not read settings: ${String(error)}`);
    }
    this.scheduleAll();
  }

  private applySettings(settings: EditorSettings | null | undefined, uri?: string): void {
    this.analyses.setSettings(toAnalysisSettings(settings), uri);
    const model = settings?.estimateModel === 'sequential' ? 'sequential' : 'raft';
    if (uri === undefined) this.estimateModel = model;
    else this.estimateModels.set(uri, model);
  }

  private modelFor(uri: string): EstimateModelChoice {
    return this.estimateModels.get(uri) ?? this.estimateModel;
  }

  private forgetSettings(uri: string): void {
    this.estimateModels.delete(uri);
    this.settingsLoaded.delete(uri);
    this.settingsPulls.delete(uri);
  }

  /**
   * Whether the document's own settings are known (always, for a client without workspace/configuration).
   * If not, pulls them with the document as scopeUri and analyses the document again when they arrive.
   */
  private settingsReady(uri: string): boolean {
    if (!this.supportsConfiguration || this.settingsLoaded.has(uri)) return true;
    if (this.settingsPulls.has(uri)) return false;
    this.settingsPulls.add(uri);
    const generation = this.settingsGeneration;
    void this.connection.workspace
      .getConfiguration({ scopeUri: uri, section: CONFIGURATION_SECTION })
      .then(
        (settings: unknown) => settings as EditorSettings | null,
        (error: unknown) => {
          this.connection.console.error(`could not read settings for ${uri}: ${String(error)}`);
          return null;
        },
      )
      .then((settings) => {
        if (generation !== this.settingsGeneration || !this.settingsPulls.delete(uri)) return;
        if (!this.documents.get(uri)) return;
        const own = settings && typeof settings === 'object' ? settings : {};
        this.applySettings({ ...this.initialSettings, ...own }, uri);
        this.settingsLoaded.add(uri);
        this.refreshViews();
        this.schedule(uri);
      });
    return false;
  }

  /**
   * Hints and lenses depend on settings and on other files' topologies: ask the client to pull them
   * again, each only if the client declared refreshSupport for it (no semantic tokens, so no such refresh).
   */
  private refreshViews(): void {
    if (this.refreshSupport.inlayHint) void this.connection.languages.inlayHint.refresh().catch(() => undefined);
    if (this.refreshSupport.codeLens)
      void this.connection.sendRequest('workspace/codeLens/refresh').catch(() => undefined);
  }

  /** A topology, StorageClass or claim changed: analyse and publish again the open documents that may use it. */
  private sharedStateChanged(except?: string): void {
    this.analyses.invalidateOthers(except ?? '');
    for (const other of this.documents.all()) if (other.uri !== except) this.schedule(other.uri);
    this.refreshViews();
  }

  private scheduleAll(): void {
    this.refreshViews();
    for (const document of this.documents.all()) this.schedule(document.uri);
  }

  /** A document's text changed: analyse it now, or, inside a burst of edits, once the burst pauses. */
  private changed(uri: string): void {
    const now = performance.now();
    const previous = this.lastChange.get(uri);
    this.lastChange.set(uri, now);
    const burst = this.bursts.get(uri);
    const queued = now - (this.lastPublished.get(uri) ?? -Infinity) < QUEUED_MS;
    if (!burst && !queued && (previous === undefined || now - previous >= BURST_GAP_MS)) {
      this.schedule(uri);
      return;
    }
    const startedAt = burst?.startedAt ?? now;
    if (burst) clearTimeout(burst.timer);
    if (now - startedAt >= BURST_MAX_MS) {
      this.endBurst(uri);
      this.schedule(uri);
      return;
    }
    const timer = setTimeout(() => {
      this.bursts.delete(uri);
      this.schedule(uri);
    }, BURST_GAP_MS);
    this.bursts.set(uri, { startedAt, timer });
  }

  private endBurst(uri: string): void {
    const burst = this.bursts.get(uri);
    if (burst) clearTimeout(burst.timer);
    this.bursts.delete(uri);
  }

  private schedule(uri: string): void {
    this.pending.add(uri);
    if (this.flushScheduled) return;
    this.flushScheduled = true;
    // setImmediate, not a timer: no fixed delay, yet edits already queued behind this one are coalesced.
    setImmediate(() => {
      this.flushScheduled = false;
      const uris = [...this.pending];
      this.pending.clear();
      for (const pendingUri of uris) this.publish(pendingUri);
    });
  }

  private publish(uri: string): void {
    const document = this.documents.get(uri);
    if (!document || !isYaml(document) || !this.settingsReady(uri)) return;
    this.guard('analysis', undefined, () => {
      // The first analysis of a huge file is parsed in slices, so requests (a hover) are answered in
      // between; a newer edit simply replaces the text the next slice reads (stale work is dropped,
      // documents it shares with the old text stay parsed).
      if (
        !this.analyses.isReady(uri, document.version) &&
        !this.analyses.warm(uri, document.getText(), performance.now() + SLICE_MS)
      ) {
        this.schedule(uri);
        return;
      }
      const result = this.analyses.get(uri, document.version, document.getText());
      // Another file's RTT or storage rules may depend on what this one shares.
      if (this.analyses.updateTopologies(uri, result)) this.sharedStateChanged(uri);
      void this.connection.sendDiagnostics({
        uri,
        version: document.version,
        diagnostics: result.findings.map((f) => toDiagnostic(uri, f)),
      });
      this.lastPublished.set(uri, performance.now());
      if (this.viewsWaiting.delete(uri)) this.refreshViews();
      const kinds = result.facts.map((f) =>
        f.type === 'topology' ? 'topology' : f.type === 'etcd-config' ? f.label : '',
      );
      void this.connection.sendNotification(DocumentStatusNotification, {
        uri,
        etcd: result.facts.some((f) => f.type !== 'storage-class' && f.type !== 'persistent-volume-claim'),
        summary: [...new Set(kinds.filter(Boolean))].join(', '),
      });
    });
  }

  private codeActions(params: CodeActionParams): CodeAction[] {
    const document = this.documents.get(params.textDocument.uri);
    if (!document || !isYaml(document)) return [];
    const result = this.analyses.get(document.uri, document.version, document.getText());
    const actions: CodeAction[] = [];
    for (const diagnostic of params.context.diagnostics) {
      const finding = result.findings.find(
        (f) => f.code === diagnostic.code && sameRange(f.range, diagnostic.range) && f.message === diagnostic.message,
      );
      if (finding) actions.push(...toCodeActions(document.uri, finding, diagnostic));
      if (finding || diagnostic.source === 'etcd-capacity') {
        actions.push(...suppressionActions(document.uri, document.getText(), diagnostic));
      }
    }
    return actions;
  }

  /**
   * Runs `run` on the document's estimates, as hover does: after an edit the incremental cache finishes
   * within one slice; while the first sliced analysis of a large file is still running it answers
   * `fallback` at once instead of parsing the whole file inside the request, and asks the client to pull
   * hints and lenses again when that analysis is done.
   */
  private withEstimates<T>(
    uri: string,
    fallback: T,
    run: (estimates: EstimateOutcome[], document: TextDocument) => T,
  ): T {
    return this.withDocument(uri, fallback, (doc) => {
      const text = doc.getText();
      if (
        !this.analyses.isReady(doc.uri, doc.version) &&
        !this.analyses.warm(doc.uri, text, performance.now() + SLICE_MS)
      ) {
        this.viewsWaiting.add(doc.uri);
        return fallback;
      }
      return run(this.analyses.estimates(doc.uri, doc.version, text), doc);
    });
  }

  private withDocument<T>(uri: string, fallback: T, run: (document: TextDocument) => T): T {
    const document = this.documents.get(uri);
    return document && isYaml(document) ? run(document) : fallback;
  }

  private hover(params: TextDocumentPositionParams): Hover | null {
    return this.withDocument<Hover | null>(params.textDocument.uri, null, (doc) => {
      const text = doc.getText();
      if (
        !this.analyses.isReady(doc.uri, doc.version) &&
        !this.analyses.warm(doc.uri, text, performance.now() + SLICE_MS)
      ) {
        // Never wait behind a long first analysis: key documentation from the last facts known.
        const latest = this.analyses.latest(doc.uri);
        return keyHover(text, params.position, latest?.facts ?? [], latest?.recognised.docStartLines ?? []) ?? null;
      }
      const { facts, recognised } = this.analyses.get(doc.uri, doc.version, text);
      const estimates = () => this.analyses.estimates(doc.uri, doc.version, text);
      return (
        hoverAt(facts, estimates, params.position, this.modelFor(doc.uri)) ??
        keyHover(text, params.position, facts, recognised.docStartLines) ??
        null
      );
    });
  }

  private completion(params: TextDocumentPositionParams): CompletionItem[] {
    return this.withDocument<CompletionItem[]>(params.textDocument.uri, [], (doc) => {
      const text = doc.getText();
      const { facts, recognised } = this.analyses.get(doc.uri, doc.version, text);
      return completions(text, params.position, facts, recognised.docStartLines);
    });
  }

  /** A failing request is logged and answered with an empty result; it never takes the server down. */
  private guard<T>(what: string, fallback: T, run: () => T): T {
    try {
      return run();
    } catch (error) {
      const detail = error instanceof Error ? (error.stack ?? error.message) : String(error);
      this.connection.console.error(`${what} failed: ${detail}`);
      return fallback;
    }
  }
}
