// A code lens above each topology and each recognised etcd configuration: the headline estimate,
// opening the full report (SHOW_ESTIMATE_COMMAND, implemented by the client); beside it, on a topology, one that
// opens the capacity report's webview (SHOW_REPORT_COMMAND).
import type { CodeLens } from 'vscode-languageserver/node';
import type { EstimateOutcome } from '../analysis/estimates';
import { lensTitle, type EstimateModelChoice } from './estimateText';
import { SHOW_ESTIMATE_COMMAND, SHOW_REPORT_COMMAND } from '../../../shared/protocol';

export function codeLenses(uri: string, outcomes: EstimateOutcome[], model: EstimateModelChoice): CodeLens[] {
  return outcomes.flatMap((outcome, index) => {
    const start = outcome.subject.fact.range.start;
    const range = { start, end: start };
    const lenses: CodeLens[] = [
      { range, command: { title: lensTitle(outcome, model), command: SHOW_ESTIMATE_COMMAND, arguments: [uri, index] } },
    ];
    if (outcome.subject.kind === 'topology')
      lenses.push({ range, command: { title: 'capacity report', command: SHOW_REPORT_COMMAND, arguments: [uri] } });
    return lenses;
  });
}
