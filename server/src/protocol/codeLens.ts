// A code lens above each topology and each recognised etcd configuration: the headline estimate,
// opening the full report (SHOW_ESTIMATE_COMMAND, implemented by the client).
import type { CodeLens } from 'vscode-languageserver/node';
import type { EstimateOutcome } from '../analysis/estimates';
import { lensTitle, type EstimateModelChoice } from './estimateText';
import { SHOW_ESTIMATE_COMMAND } from '../../../shared/protocol';

export function codeLenses(uri: string, outcomes: EstimateOutcome[], model: EstimateModelChoice): CodeLens[] {
  return outcomes.map((outcome, index) => {
    const start = outcome.subject.fact.range.start;
    return {
      range: { start, end: start },
      command: { title: lensTitle(outcome, model), command: SHOW_ESTIMATE_COMMAND, arguments: [uri, index] },
    };
  });
}
