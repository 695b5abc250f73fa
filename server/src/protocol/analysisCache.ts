// Analysis results per open document and version, and the workspace's topology index.
// Every protocol view (diagnostics, code actions, and later hover, hints and lenses) reads from here,
// so a document version is analysed once however many features ask about it.
import * as fs from 'node:fs';
import { URI } from 'vscode-uri';
import { analyzeRecognised, internalError, type AnalysisResult } from '../analysis/analyze';
import { IncrementalRecogniser } from '../analysis/incremental';
import type { RecognisedFile } from '../analysis/recognisers';
import { scanComments } from '../analysis/suppression';
import { estimateFacts, type EstimateOutcome } from '../analysis/estimates';
import type { AnalysisSettings } from '../analysis/settings';
import { DEFAULT_SETTINGS } from '../analysis/settings';
import { MAY_BE_SHARED, TopologyIndex } from '../analysis/workspace';
import { recogniseFile } from '../analysis/recognisers';
import { WORKSPACE_SCAN_LIMITS } from './workspaceScan';

export interface CachedAnalysis {
  version: number;
  result: AnalysisResult;
  /** Computed on first use: estimates cost a few ms each and only hover, hints and lenses need them. */
  estimates?: EstimateOutcome[];
}

/** The text of a `file:` URI on disk, or undefined (another scheme, gone, unreadable, too large). */
export function readWorkspaceFile(uri: string): string | undefined {
  const parsed = URI.parse(uri);
  if (parsed.scheme !== 'file') return undefined;
  try {
    if (fs.statSync(parsed.fsPath).size > WORKSPACE_SCAN_LIMITS.maxFileBytes) return undefined;
    return fs.readFileSync(parsed.fsPath, 'utf8');
  } catch {
    return undefined;
  }
}

export class AnalysisCache {
  readonly topologies = new TopologyIndex();
  private readonly cache = new Map<string, CachedAnalysis>();
  /** Per open document: its pieces' facts and findings, so an edit re-parses only what it touched. */
  private readonly recognisers = new Map<string, IncrementalRecogniser>();
  private settings: AnalysisSettings = DEFAULT_SETTINGS;
  /** Per document: the settings of its own scope (its workspace folder's), where the client gave them. */
  private readonly resourceSettings = new Map<string, AnalysisSettings>();

  /** The analysis settings in force for a document (the capacity report's findings use them too). */
  settingsFor(uri: string): AnalysisSettings {
    return this.resourceSettings.get(uri) ?? this.settings;
  }

  /** The settings of one document when `uri` is given, else the default of documents without their own. */
  setSettings(settings: AnalysisSettings, uri?: string): void {
    if (uri === undefined) {
      this.settings = settings;
      this.cache.clear();
    } else {
      this.resourceSettings.set(uri, settings);
      this.cache.delete(uri);
    }
  }

  get(uri: string, version: number, text: string): AnalysisResult {
    return this.entry(uri, version, text).result;
  }

  /** Estimates for each topology and etcd configuration of the document, from the shared model. */
  estimates(uri: string, version: number, text: string): EstimateOutcome[] {
    const entry = this.entry(uri, version, text);
    entry.estimates ??= estimateFacts(uri, entry.result.facts, this.settingsFor(uri), this.topologies);
    return entry.estimates;
  }

  private entry(uri: string, version: number, text: string): CachedAnalysis {
    const cached = this.cache.get(uri);
    if (cached && cached.version === version) return cached;
    const entry: CachedAnalysis = {
      version,
      result: analyzeRecognised(uri, text, this.recognise(uri, text), this.settingsFor(uri), this.topologies),
    };
    this.cache.set(uri, entry);
    return entry;
  }

  private recogniser(uri: string): IncrementalRecogniser {
    let recogniser = this.recognisers.get(uri);
    if (!recogniser) this.recognisers.set(uri, (recogniser = new IncrementalRecogniser()));
    return recogniser;
  }

  /** What `recogniseFile(text)` gives, re-parsing only the documents that changed since the last call. */
  private recognise(uri: string, text: string): RecognisedFile {
    try {
      return this.recogniser(uri).recognise(text);
    } catch (error) {
      this.recognisers.delete(uri);
      return {
        facts: [],
        findings: [internalError('reading the YAML', error)],
        documentCount: 0,
        docStartLines: [],
        comments: scanComments(text),
      };
    }
  }

  /** The newest analysis of the document, whatever its version. */
  latest(uri: string): AnalysisResult | undefined {
    return this.cache.get(uri)?.result;
  }

  /** Whether the analysis of this version is already cached (a request can be answered at once). */
  isReady(uri: string, version: number): boolean {
    return this.cache.get(uri)?.version === version;
  }

  /**
   * Parses the documents of `text` not yet cached until `deadline` (performance.now()); true when all
   * are. The first analysis of a huge file is spread over several turns of the event loop this way.
   */
  warm(uri: string, text: string, deadline: number): boolean {
    try {
      return this.recogniser(uri).warm(text, deadline);
    } catch {
      return true;
    }
  }

  /** Records what a document shares (topologies, StorageClasses, claims); true when other files may see a change. */
  updateTopologies(uri: string, result: AnalysisResult): boolean {
    return this.topologies.update(uri, result.facts);
  }

  /**
   * What a closed (or changed on disk) file shares, read again from disk: its text there, or nothing
   * when it is gone or not a file. True when that changed what other files see.
   */
  reloadFromDisk(uri: string): boolean {
    const text = readWorkspaceFile(uri);
    if (text === undefined || !MAY_BE_SHARED.test(text)) return this.topologies.remove(uri);
    return this.topologies.update(uri, recogniseFile(text).facts);
  }

  forget(uri: string): void {
    this.cache.delete(uri);
    this.recognisers.delete(uri);
    this.resourceSettings.delete(uri);
  }

  invalidateAll(): void {
    this.cache.clear();
  }

  /** Invalidates cached results of every document except `uri` (after a topology they may use changed). */
  invalidateOthers(uri: string): void {
    for (const key of [...this.cache.keys()]) if (key !== uri) this.cache.delete(key);
  }
}
