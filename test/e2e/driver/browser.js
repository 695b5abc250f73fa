// Debian's Chromium through playwright-core, with the flags from the research notes.
'use strict';
const { resolveModule } = require('./codeServer');
const { onInterrupt } = require('./procs');

const CHROMIUM = process.env.CHROMIUM || '/usr/bin/chromium';

async function launchBrowser() {
  const { chromium } = require(resolveModule('playwright-core'));
  const browser = await chromium.launch({
    executablePath: CHROMIUM,
    headless: true,
    // Our own SIGINT/SIGTERM handler (procs.js) stops code-server AND the browser; Playwright's would exit first.
    handleSIGINT: false,
    handleSIGTERM: false,
    handleSIGHUP: false,
    // playwright adds --no-sandbox itself (chromiumSandbox defaults to false), which root needs.
    args: [
      '--disable-gpu',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      '--disable-quic',
      '--disable-default-apps',
      '--disable-extensions',
    ],
  });
  const forget = onInterrupt(() => browser.close().catch(() => {}));
  const close = async () => {
    forget();
    await browser.close().catch(() => {});
  };
  return { browser, close };
}

module.exports = { CHROMIUM, launchBrowser };
