// `etcd-capacity report PATH... --out FILE.html`: the capacity report as one self-contained HTML page.
// A thin view: the data is report/data.ts (the same model run as `estimate`), the page report/html.ts.
import * as fs from 'node:fs';
import { buildReportData, type ReportData } from '../report/data';
import { renderReportHtml } from '../report/html';
import { describeError, UsageError, type InputFile } from './inputs';

export interface ReportResult {
  data: ReportData;
  bytes: number;
}

/** The output file could not be written (exit status 2, like an unreadable input). */
export class ReportWriteError extends Error {}

export function writeReport(inputs: InputFile[], out: string | undefined): ReportResult {
  if (!out) throw new UsageError('report needs --out FILE.html');
  const data = buildReportData(inputs);
  const html = renderReportHtml(data);
  try {
    fs.writeFileSync(out, html);
  } catch (error) {
    throw new ReportWriteError(`cannot write ${out}: ${describeError(error)}`);
  }
  return { data, bytes: Buffer.byteLength(html) };
}
