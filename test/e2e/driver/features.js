// The editor features beyond diagnostics that the tests check (extension host AND page). Every one is
// required: a missing provider file fails the run loudly instead of quietly dropping its checks.
'use strict';
const fs = require('fs');
const path = require('path');

const FEATURES = [
  { id: 'hover', label: 'hover', files: ['server/src/protocol/hover.ts'] },
  {
    id: 'inlayHints',
    label: 'inlay hints',
    files: ['server/src/protocol/inlayHints.ts', 'server/src/protocol/inlayHint.ts'],
  },
  {
    id: 'codeLens',
    label: 'code lenses',
    files: ['server/src/protocol/codeLens.ts', 'server/src/protocol/codeLenses.ts'],
  },
];

/** @returns {{ present: string[], notBuilt: string[] }} */
function detectFeatures(root) {
  const present = [];
  const notBuilt = [];
  for (const f of FEATURES) {
    if (f.files.some((file) => fs.existsSync(path.join(root, file)))) present.push(f.id);
    else notBuilt.push(`${f.label} (no ${f.files.join(' or ')})`);
  }
  if (notBuilt.length > 0) throw new Error(`editor feature providers missing: ${notBuilt.join('; ')}`);
  return { present, notBuilt };
}

module.exports = { FEATURES, detectFeatures };
