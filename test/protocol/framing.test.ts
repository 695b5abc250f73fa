// Raw bytes on the built server's stdin: bad framing closes the connection with the reason on stderr
// (never a live, silent server); bodies that are not JSON-RPC are answered with an error and reading
// goes on; a body over the size limit is skipped as it streams and its request answered.
import { ChildProcess, spawn } from 'node:child_process';
import { afterEach, describe, expect, it } from 'vitest';
import { messageWaiter, SERVER } from './lspClient';

const INIT = {
  jsonrpc: '2.0',
  id: 1,
  method: 'initialize',
  params: { processId: null, rootUri: null, capabilities: {} },
};

function frame(body: unknown): Buffer {
  const b = Buffer.from(typeof body === 'string' ? body : JSON.stringify(body));
  return Buffer.concat([Buffer.from(`Content-Length: ${b.length}\r\n\r\n`), b]);
}

interface Raw {
  process: ChildProcess;
  stderr: () => string;
  /** Parsed messages the server wrote to stdout so far. */
  messages: () => {
    id?: unknown;
    method?: string;
    result?: unknown;
    error?: { code: number; message: string };
    params?: { message?: string };
  }[];
  exited: Promise<number | null>;
  waitFor: (
    predicate: (m: ReturnType<Raw['messages']>[number]) => boolean,
    timeoutMs?: number,
  ) => Promise<ReturnType<Raw['messages']>[number]>;
}

let servers: Raw[] = [];
afterEach(() => {
  for (const s of servers) s.process.kill();
  servers = [];
});

function start(): Raw {
  const child = spawn(process.execPath, [SERVER, '--stdio'], { stdio: ['pipe', 'pipe', 'pipe'] });
  child.stdin!.on('error', () => undefined);
  let out = Buffer.alloc(0);
  let err = '';
  const parsed: ReturnType<Raw['messages']> = [];
  const waiter = messageWaiter(parsed);
  child.stdout!.on('data', (d: Buffer) => {
    out = Buffer.concat([out, d]);
    for (;;) {
      const end = out.indexOf('\r\n\r\n');
      if (end === -1) break;
      const length = Number(/Content-Length: (\d+)/.exec(out.subarray(0, end).toString())![1]);
      if (out.length < end + 4 + length) break;
      parsed.push(JSON.parse(out.subarray(end + 4, end + 4 + length).toString()));
      out = out.subarray(end + 4 + length);
    }
    waiter.notify();
  });
  child.stderr!.on('data', (d: Buffer) => (err += d.toString()));
  const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
  const raw: Raw = {
    process: child,
    stderr: () => err,
    messages: () => parsed,
    exited,
    waitFor: waiter.waitFor,
  };
  servers.push(raw);
  return raw;
}

async function initialized(): Promise<Raw> {
  const raw = start();
  raw.process.stdin!.write(frame(INIT));
  await raw.waitFor((m) => m.id === 1 && m.result !== undefined);
  return raw;
}

/** Exit code within a few seconds; a server that stays alive fails the test instead of hanging it. */
function exitWithin(raw: Raw, ms = 5000): Promise<number | null | 'alive'> {
  return Promise.race([raw.exited, new Promise<'alive'>((r) => setTimeout(() => r('alive'), ms))]);
}

describe('framing that cannot be trusted closes the connection with the reason logged', () => {
  const cases: [string, Buffer, RegExp][] = [
    [
      'negative Content-Length',
      Buffer.from('Content-Length: -5\r\n\r\n{}'),
      /Content-Length must be a non-negative integer, got "-5"/,
    ],
    [
      'NaN Content-Length',
      Buffer.from('Content-Length: NaN\r\n\r\n{}'),
      /Content-Length must be a non-negative integer, got "NaN"/,
    ],
    [
      'missing Content-Length',
      Buffer.from('Content-Type: application/vscode-jsonrpc; charset=utf-8\r\n\r\n{}'),
      /header without Content-Length/,
    ],
    ['LF-only header lines', Buffer.from('Content-Length: 2\n\n{}'), /header lines must end with CRLF/],
    ['a header that never ends', Buffer.from(`X-Padding: ${'a'.repeat(10000)}`), /header longer than 8192 bytes/],
    ['a header line that is not Name: value', Buffer.from('garbage\r\n\r\n'), /malformed header line "garbage"/],
  ];
  for (const [name, bytes, reason] of cases) {
    it(name, async () => {
      const raw = await initialized();
      raw.process.stdin!.write(bytes);
      expect(await exitWithin(raw)).toBe(1);
      expect(raw.stderr()).toMatch(reason);
      expect(raw.stderr()).toMatch(/closing the connection/);
    });
  }

  it('a server whose stdin ends exits (1 without shutdown)', async () => {
    const raw = await initialized();
    raw.process.stdin!.end();
    expect(await exitWithin(raw)).toBe(1);
  });
});

describe('well-framed bodies that are not valid JSON-RPC are answered and logged', () => {
  it('object and boolean ids: Invalid Request with id null; the server goes on answering', async () => {
    const raw = await initialized();
    raw.process.stdin!.write(frame({ jsonrpc: '2.0', id: { a: 1 }, method: 'textDocument/hover', params: {} }));
    raw.process.stdin!.write(frame({ jsonrpc: '2.0', id: true, method: 'textDocument/hover', params: {} }));
    raw.process.stdin!.write(frame({ jsonrpc: '2.0', id: 2, method: 'shutdown' }));
    await raw.waitFor((m) => m.id === 2 && 'result' in m);
    const errors = raw.messages().filter((m) => m.error);
    expect(errors).toHaveLength(2);
    for (const e of errors) {
      expect(e.id).toBeNull();
      expect(e.error!.code).toBe(-32600);
    }
    expect(errors[0]!.error!.message).toMatch(/"id" must be a string, a number or null, got \{"a":1\}/);
    expect(errors[1]!.error!.message).toMatch(/got true/);
    expect(raw.stderr()).toMatch(/Invalid Request/);
  });

  it('a body that is not JSON: Parse error with id null', async () => {
    const raw = await initialized();
    raw.process.stdin!.write(frame('{"jsonrpc": "2.0", "id": 3, '));
    raw.process.stdin!.write(frame({ jsonrpc: '2.0', id: 4, method: 'shutdown' }));
    await raw.waitFor((m) => m.id === 4);
    const error = raw.messages().find((m) => m.error);
    expect(error).toMatchObject({ id: null, error: { code: -32700 } });
    expect(raw.stderr()).toMatch(/Parse error/);
  });

  it('a batch, a wrong jsonrpc version and a numeric method are Invalid Request', async () => {
    const raw = await initialized();
    raw.process.stdin!.write(frame([{ jsonrpc: '2.0', id: 5, method: 'shutdown' }]));
    raw.process.stdin!.write(frame({ jsonrpc: '1.0', id: 6, method: 'shutdown' }));
    raw.process.stdin!.write(frame({ jsonrpc: '2.0', id: 7, method: 42 }));
    raw.process.stdin!.write(frame({ jsonrpc: '2.0', id: 8, method: 'shutdown' }));
    await raw.waitFor((m) => m.id === 8);
    const errors = raw.messages().filter((m) => m.error);
    expect(errors.map((e) => [e.id, e.error!.code])).toEqual([
      [null, -32600],
      [6, -32600],
      [7, -32600],
    ]);
  });
});

describe('a message over the size limit', () => {
  it('is skipped as it streams in, its request answered with an error, and reading goes on', async () => {
    const raw = await initialized();
    const size = 128 * 1024 * 1024 + 1;
    const head = Buffer.from('{"jsonrpc":"2.0","id":9,"method":"textDocument/hover","params":{"pad":"');
    const tail = Buffer.from('"}}');
    const stdin = raw.process.stdin!;
    const write = (b: Buffer) =>
      stdin.write(b) ? Promise.resolve() : new Promise<void>((r) => stdin.once('drain', () => r()));
    await write(Buffer.from(`Content-Length: ${size}\r\n\r\n`));
    await write(head);
    const filler = Buffer.alloc(1024 * 1024, 97);
    let left = size - head.length - tail.length;
    while (left > 0) {
      const n = Math.min(left, filler.length);
      await write(filler.subarray(0, n));
      left -= n;
    }
    await write(tail);
    await write(frame({ jsonrpc: '2.0', id: 10, method: 'shutdown' }));
    const answer = await raw.waitFor((m) => m.id === 9, 30000);
    expect(answer.error).toMatchObject({ code: -32600 });
    expect(answer.error!.message).toMatch(/message too large: 134217729 bytes/);
    await raw.waitFor((m) => m.id === 10 && 'result' in m, 30000);
    expect(raw.stderr()).toMatch(/over the 134217728-byte limit/);
  }, 60_000);
});
