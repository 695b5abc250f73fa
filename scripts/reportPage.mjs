// The report page's script (server/src/report/page): bundled for the browser, minified, in memory. The
// build inlines it into the server and the CLI as __REPORT_PAGE__; the report benchmark does the same.
import * as esbuild from 'esbuild';

export async function buildReportPage() {
  const page = await esbuild.build({
    entryPoints: ['server/src/report/page/page.ts'],
    bundle: true,
    platform: 'browser',
    format: 'iife',
    target: 'es2020',
    minify: true,
    legalComments: 'none',
    write: false,
    logLevel: 'warning',
  });
  return page.outputFiles[0].text;
}
