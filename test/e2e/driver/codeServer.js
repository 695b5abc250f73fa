// code-server (a real VS Code 1.100.3 workbench and extension host) from the e2e modules folder.
'use strict';
const fs = require('fs');
const path = require('path');
const { spawn, spawnSync } = require('child_process');
const { ROOT } = require('./workspace');
const { freePort, httpStatus, killTree, log, onInterrupt, subtree, memoryMiB, waitUntil } = require('./procs');

/** Set in the environment of the code-server we start (inherited by all its children), to find stragglers. */
const MARKER = 'ETCD_CAPACITY_E2E_INSTANCE';
const MODULES = path.resolve(process.env.E2E_MODULES || path.join(ROOT, '.e2e', 'modules'));

function resolveModule(name) {
  return require.resolve(name, { paths: [MODULES] });
}

function codeServerEntry() {
  const pkg = resolveModule('code-server/package.json');
  return path.join(path.dirname(pkg), 'out', 'node', 'entry.js');
}

/** code-server's own environment: its config/data/cache go into the instance folder, never under $HOME. */
function instanceEnv(instance, extra = {}) {
  return {
    ...process.env,
    XDG_CONFIG_HOME: path.join(instance.dir, 'xdg', 'config'),
    XDG_DATA_HOME: path.join(instance.dir, 'xdg', 'data'),
    XDG_CACHE_HOME: path.join(instance.dir, 'xdg', 'cache'),
    ...extra,
  };
}

function baseArgs(instance, configFile) {
  return ['--config', configFile, '--user-data-dir', instance.userData, '--extensions-dir', instance.extensions];
}

/** `code-server --install-extension <vsix>` into the instance's (fresh) extensions folder. */
function installExtension(instance, vsix) {
  const config = path.join(instance.dir, 'install-config.yaml');
  fs.writeFileSync(config, 'bind-addr: 127.0.0.1:0\nauth: none\ncert: false\n');
  const result = spawnSync(
    process.execPath,
    [codeServerEntry(), ...baseArgs(instance, config), '--install-extension', vsix],
    { encoding: 'utf8', env: instanceEnv(instance), timeout: 120_000 },
  );
  const output = `${result.stdout}${result.stderr}`;
  if (result.status !== 0 || !/successfully installed/i.test(output)) {
    throw new Error(`code-server --install-extension failed (exit ${result.status}): ${output.trim()}`);
  }
  const installed = fs.readdirSync(instance.extensions).filter((d) => d.startsWith('etcd-capacity.etcd-capacity-'));
  if (installed.length !== 1)
    throw new Error(`expected one etcd-capacity folder in the extensions dir, found ${installed}`);
  return path.join(instance.extensions, installed[0]);
}

/**
 * Starts code-server on a free 127.0.0.1 port for `instance` and waits for /healthz.
 * @returns {Promise<{ base: string, port: number, pid: number, log: string, memoryMiB: () => number, stop: () =>
 * Promise<void> }>}
 */
async function startCodeServer(instance, env = {}) {
  const port = await freePort();
  const config = path.join(instance.dir, 'config.yaml');
  fs.writeFileSync(config, `bind-addr: 127.0.0.1:${port}\nauth: none\ncert: false\n`);
  const logFile = path.join(instance.dir, 'code-server.log');
  const out = fs.openSync(logFile, 'a');
  const child = spawn(
    process.execPath,
    [
      codeServerEntry(),
      ...baseArgs(instance, config),
      '--disable-telemetry',
      '--disable-update-check',
      '--disable-workspace-trust',
      '--disable-getting-started-override',
      '--ignore-last-opened',
      instance.ws,
    ],
    { stdio: ['ignore', out, out], env: instanceEnv(instance, { ...env, [MARKER]: instance.dir }), detached: true },
  );
  fs.closeSync(out);
  let stopped;
  const stop = () => {
    stopped ??= killTree(child.pid, { marker: [MARKER, instance.dir] }).then((left) => {
      if (left.length) log(`processes left after SIGKILL: ${left}`);
    });
    return stopped;
  };
  const forget = onInterrupt(stop);
  const base = `http://127.0.0.1:${port}`;
  const t0 = Date.now();
  try {
    await waitUntil(
      async () => {
        if (child.exitCode !== null) throw new Error(`code-server exited early (${child.exitCode}); see ${logFile}`);
        return (await httpStatus(`${base}/healthz`)) === 200;
      },
      'code-server /healthz',
      60_000,
    );
  } catch (error) {
    await stop();
    forget();
    throw error;
  }
  log(`code-server up on ${base} in ${Date.now() - t0} ms (pid ${child.pid})`);
  return {
    base,
    port,
    pid: child.pid,
    log: logFile,
    readyMs: Date.now() - t0,
    memoryMiB: () => memoryMiB(subtree(child.pid)),
    stop: async () => {
      await stop();
      forget();
    },
  };
}

module.exports = { MODULES, resolveModule, codeServerEntry, installExtension, startCodeServer };
