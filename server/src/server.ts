// The language server's entry point: a connection and the service that wires features onto it.
// Runs over stdio (`etcd-capacity-language-server --stdio`), IPC (VS Code) or a socket.
// Over stdio the messages are read by FramedMessageReader (protocol/transport.ts), which checks the
// framing and the JSON-RPC envelope and logs every message it refuses; IPC carries whole messages
// (no framing), and the socket and pipe transports are vscode-jsonrpc's own.
import { format } from 'node:util';
import { createConnection, ProposedFeatures, StreamMessageWriter } from 'vscode-languageserver/node';
import type { Connection } from 'vscode-languageserver/node';
import { checkMessage } from './protocol/boundary';
import { EtcdCapacityLanguageService } from './protocol/languageService';
import { FramedMessageReader } from './protocol/transport';

function stdioConnection(): Connection {
  // stdout carries the protocol: anything printed goes to stderr instead (what vscode-languageserver
  // does for --stdio when it creates the streams itself).
  const toStderr = (...args: unknown[]) => void process.stderr.write(`${format(...args)}\n`);
  console.log = console.info = console.warn = console.debug = console.error = toStderr;
  const writer = new StreamMessageWriter(process.stdout);
  let shutdown = false;
  let connection: Connection | undefined;
  const reader = new FramedMessageReader(process.stdin, {
    log: (reason) => {
      process.stderr.write(`etcd-capacity-language-server: ${reason}\n`);
      try {
        connection?.console.error(reason);
      } catch {
        // The log message is best effort once the connection is closing.
      }
    },
    reply: (response) => void writer.write(response).catch(() => undefined),
    check: (message) => {
      if ((message as { method?: unknown }).method === 'shutdown') shutdown = true;
      return checkMessage(message);
    },
  });
  // The end of stdin, or framing that cannot be trusted: exit as vscode-languageserver does when its
  // input closes (0 after a shutdown request, else 1), once the log line has been written.
  reader.onClose(() => setImmediate(() => process.exit(shutdown ? 0 : 1)));
  connection = createConnection(ProposedFeatures.all, reader, writer);
  return connection;
}

const connection = process.argv.includes('--stdio') ? stdioConnection() : createConnection(ProposedFeatures.all);
new EtcdCapacityLanguageService(connection).listen();
