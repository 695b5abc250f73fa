// The custom messages between the VS Code client and the language server, spelled once: both import
// this module (each bundle gets its own copy), so a name or a payload cannot drift between the two.
import { NotificationType, RequestType } from 'vscode-jsonrpc';

/** Language ids of YAML documents: VS Code's, and the Docker extension's for compose files (compose.yaml,
 * docker-compose.yml). */
export const YAML_LANGUAGE_IDS: readonly string[] = ['yaml', 'dockercompose'];

/** The `etcdCapacity` settings section the server reads (`workspace/configuration`). */
export const CONFIGURATION_SECTION = 'etcdCapacity';

export interface EstimateReportParams {
  uri: string;
  /** Which estimate of the document (a code lens carries `[uri, index]` as its command arguments). */
  index: number;
}

/** The full estimate behind a code lens, as Markdown; null when the document has no such estimate any more. */
export const EstimateReportRequest = new RequestType<EstimateReportParams, string | null, void>(
  'etcdCapacity/estimateReport',
);

export interface DocumentStatus {
  uri: string;
  /** Whether the document configures etcd (the client then shows its status bar item). */
  etcd: boolean;
  summary: string;
}

/** Tells the client whether a document configures etcd, for its status bar item. */
export const DocumentStatusNotification = new NotificationType<DocumentStatus>('etcdCapacity/documentStatus');

/** The client command a code lens runs to open the estimate report (arguments: uri, index). */
export const SHOW_ESTIMATE_COMMAND = 'etcdCapacity.showEstimate';

/** The workspace scan's progress, for the client's status item: `limits` says what a limit left out. */
export interface WorkspaceScanStatus {
  state: 'scanning' | 'done' | 'failed';
  files: number;
  shared: number;
  limits: string[];
}

/** Sent while the server indexes the workspace's closed files, when it ends, and when a limit stopped it. */
export const WorkspaceScanNotification = new NotificationType<WorkspaceScanStatus>('etcdCapacity/workspaceScan');

/** The client command that opens the capacity report's webview (argument: a document uri, else the active file). */
export const SHOW_REPORT_COMMAND = 'etcdCapacity.showReport';

export interface CapacityReportParams {
  uri: string;
  /** The webview's `cspSource` (the page loads nothing from it; it only joins img-src). */
  cspSource: string;
}

/** The capacity report of an open document as a webview page (HTML); null when the document is not open. */
export const CapacityReportRequest = new RequestType<CapacityReportParams, string | null, void>(
  'etcdCapacity/capacityReport',
);
