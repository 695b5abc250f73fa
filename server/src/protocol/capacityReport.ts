// The capacity report for the editor's webview (CapacityReportRequest): the same page
// `etcd-capacity report` writes (report/data.ts, report/html.ts), for one open document's current text, with
// the workspace's topologies and the editor's settings; finding links post a message that reveals the line.
import * as path from 'node:path';
import { URI } from 'vscode-uri';
import type { AnalysisSettings } from '../analysis/settings';
import type { TopologyIndex } from '../analysis/workspace';
import { buildReportData } from '../report/data';
import { renderReportHtml } from '../report/html';

export type { CapacityReportParams } from '../../../shared/protocol';

/** The document's path relative to its workspace folder, else its file name. */
function displayName(uri: string, workspaceFolders: string[]): string {
  const file = URI.parse(uri);
  for (const folder of workspaceFolders) {
    const root = URI.parse(folder);
    if (root.scheme !== file.scheme) continue;
    const relative = path.posix.relative(root.path, file.path);
    if (relative && !relative.startsWith('..')) return relative;
  }
  return path.posix.basename(file.path) || uri;
}

/**
 * `related`: the files whose topologies describe this document's etcd configuration (a static pod's members
 * in a topology elsewhere in the workspace), so the report of the pod shows its cluster too.
 */
export function capacityReportHtml(
  uri: string,
  text: string,
  context: {
    settings: AnalysisSettings;
    topologies: TopologyIndex;
    workspaceFolders: string[];
    cspSource: string;
    related?: { uri: string; text: string }[];
  },
): string {
  const display = displayName(uri, context.workspaceFolders);
  const related = (context.related ?? [])
    .filter((r) => r.uri !== uri)
    .map((r) => ({ ...r, display: displayName(r.uri, context.workspaceFolders) }));
  const data = buildReportData([{ display, uri, text }, ...related], {
    settings: context.settings,
    topologies: context.topologies,
  });
  return renderReportHtml(data, {
    webview: { cspSource: context.cspSource },
    title: `etcd capacity report: ${display}`,
  });
}
