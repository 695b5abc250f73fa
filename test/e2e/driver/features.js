// Which editor features beyond diagnostics the tests check. A feature's checks (extension host AND page)
// are built in only when its provider's source file exists in server/src/protocol/ at build time: the lead
// is adding them there. There is no run-time skip: once the file exists, the checks must pass.
'use strict';
const fs = require('fs');
const path = require('path');

const FEATURES = [
  { id: 'hover', label: 'hover', files: ['server/src/protocol/hover.ts'] },
  { id: 'inlayHints', label: 'inlay hints', files: ['server/src/protocol/inlayHints.ts', 'server/src/protocol/inlayHint.ts'] },
  { id: 'codeLens', label: 'code lenses', files: ['server/src/protocol/codeLens.ts', 'server/src/protocol/codeLenses.ts'] },
];

/** @returns {{ present: string[], notBuilt: string[] }} */
function detectFeatures(root) {
  const present = [];
  const notBuilt = [];
  for (const f of FEATURES) {
    if (f.files.some((file) => fs.existsSync(path.join(root, file)))) present.push(f.id);
    else notBuilt.push(`${f.label} (no ${f.files.join(' or ')})`);
  }
  return { present, notBuilt };
}

module.exports = { FEATURES, detectFeatures };
