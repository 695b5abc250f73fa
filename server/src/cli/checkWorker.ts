// A worker thread of `etcd-capacity check`: analyses the batches of files the main thread sends, against
// the cross-file index the main thread built once and sent first (see check.ts). Bundled as
// server/out/checkWorker.js.
import { parentPort } from 'node:worker_threads';
import type { AnalysisSettings } from '../analysis/settings';
import { TopologyIndex } from '../analysis/workspace';
import { checkFile, type CheckBatchResult, type CheckWorkerMessage } from './check';

let topologies = new TopologyIndex();
let settings: Partial<AnalysisSettings> | undefined;

parentPort!.on('message', (message: CheckWorkerMessage) => {
  if (message.type === 'index') {
    topologies = TopologyIndex.from(message.index);
    settings = message.settings;
    return;
  }
  const answer: CheckBatchResult = {
    id: message.id,
    findings: message.inputs.map((input) => checkFile(input, settings, topologies)),
  };
  parentPort!.postMessage(answer);
});
