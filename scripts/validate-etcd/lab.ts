// The lab: network namespaces, a bridge and veth pairs made by this script, and the processes run inside them.
// Everything it makes is named with PREFIX so a later run can remove what a crashed one left behind.
// Every address used is in SUBNET, which exists only inside these namespaces (the bridge lives in its own
// namespace too, so the root namespace never gets a route to it and no traffic can leave the machine).

import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { existsSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export const PREFIX = 'ecvval-';
export const SUBNET = '10.231.77';
export const HUB = `${PREFIX}hub`;
export const CLIENT_NS = `${PREFIX}cl`;
export const CLIENT_IP = `${SUBNET}.100`;
const LOCK = '/run/ecvval.lock';

export const memberNs = (i: number): string => `${PREFIX}m${i}`;
export const memberIp = (i: number): string => `${SUBNET}.${10 + i}`;

export interface RunResult {
  status: number;
  stdout: string;
  stderr: string;
}

/** Runs a command synchronously; throws with its stderr when it fails (unless allowFail). */
export function run(
  cmd: string,
  args: string[],
  opts: { allowFail?: boolean; timeoutMs?: number; input?: string } = {},
): RunResult {
  const r = spawnSync(cmd, args, { encoding: 'utf8', timeout: opts.timeoutMs ?? 30_000, input: opts.input });
  const res = {
    status: r.status ?? (r.error ? 127 : 1),
    stdout: r.stdout ?? '',
    stderr: r.stderr ?? String(r.error ?? ''),
  };
  if (!opts.allowFail && res.status !== 0) {
    throw new Error(`${cmd} ${args.join(' ')} failed (${res.status}): ${res.stderr.trim() || res.stdout.trim()}`);
  }
  return res;
}

export function nsExecArgs(ns: string, cmd: string[]): string[] {
  return ['netns', 'exec', ns, ...cmd];
}

function pidAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

/** Kills every process inside a namespace (TERM, then KILL). */
export function killNamespaceProcesses(ns: string): void {
  const list = (): number[] =>
    run('ip', ['netns', 'pids', ns], { allowFail: true })
      .stdout.split(/\s+/)
      .map(Number)
      .filter((p) => p > 0 && p !== process.pid);
  let pids = list();
  if (pids.length === 0) return;
  for (const p of pids) {
    try {
      process.kill(p, 'SIGTERM');
    } catch {
      /* gone */
    }
  }
  for (let i = 0; i < 30 && pids.length > 0; i++) {
    spawnSync('sleep', ['0.1']);
    pids = list();
  }
  for (const p of pids) {
    try {
      process.kill(p, 'SIGKILL');
    } catch {
      /* gone */
    }
  }
  for (let i = 0; i < 20 && list().length > 0; i++) spawnSync('sleep', ['0.1']);
}

/** Removes every namespace (with its processes, veths and bridge) and temp dir named with PREFIX. */
export function removeLeftovers(keepDirs: string[] = []): string[] {
  const removed: string[] = [];
  const nss = run('ip', ['netns', 'list'], { allowFail: true })
    .stdout.split('\n')
    .map((l) => l.split(' ')[0])
    .filter((n) => n.startsWith(PREFIX));
  for (const ns of nss) killNamespaceProcesses(ns);
  for (const ns of nss) {
    run('ip', ['netns', 'del', ns], { allowFail: true });
    removed.push(`netns ${ns}`);
  }
  for (const base of ['/dev/shm', tmpdir()]) {
    if (!existsSync(base)) continue;
    for (const d of readdirSync(base)) {
      const full = join(base, d);
      if (d.startsWith(PREFIX) && !keepDirs.includes(full)) {
        rmSync(full, { recursive: true, force: true });
        removed.push(full);
      }
    }
  }
  return removed;
}

/** One run at a time: the lab's names are fixed. */
export function takeLock(): void {
  if (existsSync(LOCK)) {
    const pid = Number(readFileSync(LOCK, 'utf8').trim());
    if (pid > 0 && pid !== process.pid && pidAlive(pid))
      throw new Error(`another validate:etcd run (pid ${pid}) holds ${LOCK}`);
  }
  writeFileSync(LOCK, `${process.pid}\n`);
}

export function releaseLock(): void {
  try {
    if (existsSync(LOCK) && Number(readFileSync(LOCK, 'utf8').trim()) === process.pid) rmSync(LOCK);
  } catch {
    /* best effort */
  }
}

/** Builds the hub (bridge) and one namespace per member plus the client's, each with a veth on the bridge. */
export function buildNetwork(members: number): void {
  run('ip', ['netns', 'add', HUB]);
  run('ip', ['-n', HUB, 'link', 'add', 'br0', 'type', 'bridge']);
  run('ip', ['-n', HUB, 'link', 'set', 'br0', 'up']);
  run('ip', ['-n', HUB, 'link', 'set', 'lo', 'up']);
  const ends: [string, string][] = [[CLIENT_NS, CLIENT_IP]];
  for (let i = 1; i <= members; i++) ends.push([memberNs(i), memberIp(i)]);
  ends.forEach(([ns, ip], k) => {
    const hostSide = `v${k}`;
    run('ip', ['netns', 'add', ns]);
    run('ip', ['-n', HUB, 'link', 'add', hostSide, 'type', 'veth', 'peer', 'name', 'eth0', 'netns', ns]);
    run('ip', ['-n', HUB, 'link', 'set', hostSide, 'master', 'br0', 'up']);
    run('ip', ['-n', ns, 'addr', 'add', `${ip}/24`, 'dev', 'eth0']);
    run('ip', ['-n', ns, 'link', 'set', 'eth0', 'up']);
    run('ip', ['-n', ns, 'link', 'set', 'lo', 'up']);
  });
}

/** A process started inside a namespace, with its output collected. */
export class NsProcess {
  readonly child: ChildProcess;
  stdout = '';
  stderr = '';
  readonly exited: Promise<number>;

  constructor(
    readonly ns: string,
    cmd: string[],
    readonly label: string,
  ) {
    this.child = spawn('ip', nsExecArgs(ns, cmd), { stdio: ['ignore', 'pipe', 'pipe'] });
    this.child.stdout?.on('data', (b: Buffer) => (this.stdout += b.toString()));
    this.child.stderr?.on('data', (b: Buffer) => {
      this.stderr += b.toString();
      if (this.stderr.length > 200_000) this.stderr = this.stderr.slice(-100_000);
    });
    this.exited = new Promise((resolve) => this.child.on('exit', (code, sig) => resolve(code ?? (sig ? 128 : 1))));
  }

  /** Resolves when stdout contains `marker`; rejects if the process exits first or time runs out. */
  waitFor(marker: string, timeoutMs: number): Promise<void> {
    return new Promise((resolve, reject) => {
      const t = setTimeout(
        () =>
          reject(new Error(`${this.label}: no "${marker}" within ${timeoutMs} ms; stderr: ${this.stderr.slice(-500)}`)),
        timeoutMs,
      );
      const check = (): void => {
        if (this.stdout.includes(marker)) {
          clearTimeout(t);
          resolve();
        }
      };
      this.child.stdout?.on('data', check);
      void this.exited.then((code) => {
        clearTimeout(t);
        if (!this.stdout.includes(marker))
          reject(new Error(`${this.label} exited ${code}: ${this.stderr.slice(-800)}`));
      });
      check();
    });
  }
}

/** Runs a command inside a namespace to completion, asynchronously, with a time limit. */
export async function nsRun(ns: string, cmd: string[], label: string, timeoutMs: number): Promise<string> {
  const p = new NsProcess(ns, cmd, label);
  const timer = setTimeout(() => p.child.kill('SIGKILL'), timeoutMs);
  const code = await p.exited;
  clearTimeout(timer);
  if (code !== 0) throw new Error(`${label} failed (${code}): ${p.stderr.slice(-1500)}`);
  return p.stdout;
}
