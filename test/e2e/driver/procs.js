// Process, port and wait helpers for the end-to-end driver (Linux: process trees from /proc).
'use strict';
const fs = require('fs');
const http = require('http');
const net = require('net');

const log = (...a) => console.log(`[e2e ${new Date().toISOString().slice(11, 23)}]`, ...a);

function freePort() {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address();
      server.close(() => resolve(port));
    });
  });
}

function httpStatus(url) {
  return new Promise((resolve) => {
    const request = http.get(url, (response) => {
      response.resume();
      resolve(response.statusCode);
    });
    request.on('error', () => resolve(0));
    request.setTimeout(1000, () => {
      request.destroy();
      resolve(0);
    });
  });
}

/** Polls `probe` (async, truthy = done) every `everyMs` until it holds; throws `what` after `timeoutMs`. */
async function waitUntil(probe, what, timeoutMs, everyMs = 100) {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await probe();
    if (value) return value;
    if (Date.now() > deadline) throw new Error(`timed out after ${timeoutMs} ms: ${what}`);
    await new Promise((r) => setTimeout(r, everyMs));
  }
}

function children() {
  const kids = new Map();
  for (const entry of fs.readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const stat = fs.readFileSync(`/proc/${entry}/stat`, 'utf8');
      const ppid = Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]);
      if (!kids.has(ppid)) kids.set(ppid, []);
      kids.get(ppid).push(Number(entry));
    } catch {
      /* gone */
    }
  }
  return kids;
}

function subtree(pid) {
  const kids = children();
  const out = [pid];
  for (let i = 0; i < out.length; i++) out.push(...(kids.get(out[i]) || []));
  return out;
}

function alive(pid) {
  try {
    return !/^\d+ \(.*\) Z/s.test(fs.readFileSync(`/proc/${pid}/stat`, 'utf8'));
  } catch {
    return false;
  }
}

function memoryMiB(pids) {
  let rss = 0;
  for (const pid of pids) {
    try {
      rss += Number((fs.readFileSync(`/proc/${pid}/status`, 'utf8').match(/VmRSS:\s+(\d+)/) || [0, 0])[1]);
    } catch {
      /* gone */
    }
  }
  return Math.round(rss / 1024);
}

/** Live processes whose environment holds `KEY=value` exactly: the markers we give the processes we start. */
function processesWithEnv(key, value) {
  const needle = Buffer.from(`\0${key}=${value}\0`);
  const found = [];
  for (const entry of fs.readdirSync('/proc')) {
    if (!/^\d+$/.test(entry) || Number(entry) === process.pid) continue;
    try {
      const env = Buffer.concat([Buffer.from('\0'), fs.readFileSync(`/proc/${entry}/environ`), Buffer.from('\0')]);
      if (env.includes(needle) && alive(Number(entry))) found.push(Number(entry));
    } catch {
      /* gone, or not ours to read */
    }
  }
  return found;
}

/**
 * Ends a process we started and everything below it: SIGTERM to its process group (it was spawned detached,
 * so the group is its own) and to every descendant found in /proc (re-scanned while waiting, so children
 * spawned during shutdown are caught too), then SIGKILL for whatever is left after `graceMs`.
 * `marker` ([key, value]) also catches descendants that were re-parented to init: only processes carrying
 * that exact environment entry, which we set on the processes we start, are touched.
 */
async function killTree(pid, { graceMs = 10_000, marker } = {}) {
  const known = new Set(subtree(pid));
  const refresh = () => {
    for (const p of [...known]) if (alive(p)) for (const c of subtree(p)) known.add(c);
    if (marker) for (const p of processesWithEnv(...marker)) known.add(p);
    return [...known].filter(alive);
  };
  const signal = (sig, pids) => {
    try {
      process.kill(-pid, sig);
    } catch {
      /* no group */
    }
    for (const p of pids) {
      try {
        process.kill(p, sig);
      } catch {
        /* gone */
      }
    }
  };
  const signalled = new Set();
  const deadline = Date.now() + graceMs;
  for (let left = refresh(); left.length; left = refresh()) {
    const fresh = left.filter((p) => !signalled.has(p));
    if (fresh.length) {
      signal('SIGTERM', fresh);
      fresh.forEach((p) => signalled.add(p));
    }
    if (Date.now() > deadline) {
      signal('SIGKILL', left);
      break;
    }
    await new Promise((r) => setTimeout(r, 100));
  }
  await waitUntil(() => refresh().length === 0, `process tree of ${pid} to exit`, 5000).catch(() => {});
  return refresh();
}

/** Cleanups to run when the driver is interrupted (SIGINT/SIGTERM from a test runner's timeout). */
const cleanups = new Set();
function onInterrupt(fn) {
  cleanups.add(fn);
  return () => cleanups.delete(fn);
}
for (const sig of ['SIGINT', 'SIGTERM']) {
  process.on(sig, async () => {
    log(`${sig}: stopping code-server and Chromium`);
    // Newest first: the browser (started after code-server) goes before code-server, so no page reconnects.
    for (const fn of [...cleanups].reverse())
      await Promise.resolve()
        .then(fn)
        .catch(() => {});
    process.exit(130);
  });
}

module.exports = { log, freePort, httpStatus, waitUntil, subtree, killTree, processesWithEnv, memoryMiB, onInterrupt };
