// Fresh folders for one editor instance: user data (with quiet settings), extensions, and a workspace that is
// a copy of examples/ plus test/e2e/fixtures/ (not-etcd/, wan-static-pod/, shapes/).
'use strict';
const fs = require('fs');
const path = require('path');

const ROOT = path.join(__dirname, '..', '..', '..');

const USER_SETTINGS = {
  'security.workspace.trust.enabled': false,
  'workbench.startupEditor': 'none',
  'workbench.tips.enabled': false,
  'workbench.welcomePage.walkthroughs.openOnInstall': false,
  'workbench.enableExperiments': false,
  'extensions.ignoreRecommendations': true,
  'extensions.autoCheckUpdates': false,
  'extensions.autoUpdate': false,
  'telemetry.telemetryLevel': 'off',
  'update.mode': 'none',
  'chat.disableAIFeatures': true,
  'editor.inlayHints.enabled': 'on',
  'editor.codeLens': true,
  'editor.hover.delay': 100,
  'editor.lightbulb.enabled': 'on',
  'files.autoSave': 'off',
  'workbench.colorTheme': 'Default Light Modern',
};

function prepareInstance(dir) {
  const userData = path.join(dir, 'user-data');
  const extensions = path.join(dir, 'extensions');
  const ws = path.join(dir, 'workspace');
  fs.mkdirSync(path.join(userData, 'User'), { recursive: true });
  fs.mkdirSync(extensions, { recursive: true });
  fs.cpSync(path.join(ROOT, 'examples'), ws, { recursive: true });
  fs.cpSync(path.join(__dirname, '..', 'fixtures'), ws, { recursive: true });
  fs.writeFileSync(path.join(userData, 'User', 'settings.json'), JSON.stringify(USER_SETTINGS, null, 2));
  return { dir, userData, extensions, ws };
}

module.exports = { ROOT, prepareInstance };
