// The server as VS Code starts it (--node-ipc: whole messages, no framing) makes the same envelope and
// boundary checks as over stdio: an object id is answered with Invalid Request, a didChange version
// "abc" is dropped with a logged reason and never echoed.
import { ChildProcess, fork } from 'node:child_process';
import { afterEach, describe, expect, it } from 'vitest';
import { messageWaiter, SERVER } from './lspClient';

type Msg = {
  id?: unknown;
  method?: string;
  result?: unknown;
  error?: { code: number; message: string };
  params?: { message?: string; version?: unknown };
};

let child: ChildProcess | undefined;
afterEach(() => child?.kill());

function start(): {
  send: (m: unknown) => void;
  messages: Msg[];
  stderr: () => string;
  waitFor: (p: (m: Msg) => boolean) => Promise<Msg>;
} {
  const proc = fork(SERVER, ['--node-ipc'], { silent: true });
  child = proc;
  const messages: Msg[] = [];
  const waiter = messageWaiter(messages);
  let err = '';
  proc.stderr!.on('data', (d: Buffer) => (err += d.toString()));
  proc.on('message', (m) => {
    messages.push(m as Msg);
    waiter.notify();
  });
  return { send: (m) => proc.send(m as object), messages, stderr: () => err, waitFor: waiter.waitFor };
}

describe('over IPC', () => {
  it('checks ids and document versions as over stdio', async () => {
    const s = start();
    s.send({
      jsonrpc: '2.0',
      id: 1,
      method: 'initialize',
      params: { processId: null, rootUri: null, capabilities: {} },
    });
    await s.waitFor((m) => m.id === 1);
    s.send({ jsonrpc: '2.0', method: 'initialized', params: {} });
    s.send({ jsonrpc: '2.0', id: { a: 1 }, method: 'textDocument/hover', params: {} });
    const error = await s.waitFor((m) => m.error !== undefined);
    expect(error).toMatchObject({ id: null, error: { code: -32600 } });
    const uri = 'file:///ipc/config.yaml';
    s.send({
      jsonrpc: '2.0',
      method: 'textDocument/didOpen',
      params: { textDocument: { uri, languageId: 'yaml', version: 1, text: 'name: a\n' } },
    });
    await s.waitFor((m) => m.method === 'textDocument/publishDiagnostics' && m.params?.version === 1);
    s.send({
      jsonrpc: '2.0',
      method: 'textDocument/didChange',
      params: { textDocument: { uri, version: 'abc' }, contentChanges: [{ text: 'x: [\n' }] },
    });
    s.send({
      jsonrpc: '2.0',
      method: 'textDocument/didChange',
      params: { textDocument: { uri, version: 2 }, contentChanges: [{ text: 'name: b\n' }] },
    });
    await s.waitFor((m) => m.method === 'textDocument/publishDiagnostics' && m.params?.version === 2);
    expect(s.messages.some((m) => m.method === 'textDocument/publishDiagnostics' && m.params?.version === 'abc')).toBe(
      false,
    );
    // The reason, in the client's log (stderr is written too, but may arrive later than the message).
    await s.waitFor(
      (m) =>
        m.method === 'window/logMessage' &&
        /didChange ignored: .*version must be an integer, got "abc"/.test(m.params?.message ?? ''),
    );
  });
});
