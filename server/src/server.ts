// The language server's entry point: a connection and the service that wires features onto it.
// Runs over stdio (`etcd-capacity-language-server --stdio`), IPC (VS Code) or a socket.
// Over stdio the messages are read by FramedMessageReader (protocol/transport.ts), which checks the
// framing and the JSON-RPC envelope and logs every message it refuses; over IPC (whole messages, no
// framing) CheckedMessageReader makes the same envelope and boundary checks. The socket and pipe
// transports are vscode-jsonrpc's own.
import { format } from 'node:util';
import {
  createConnection,
  IPCMessageReader,
  IPCMessageWriter,
  ProposedFeatures,
  StreamMessageWriter,
} from 'vscode-languageserver/node';
import type { Connection, MessageWriter } from 'vscode-languageserver/node';
import { checkMessage } from './protocol/boundary';
import { EtcdCapacityLanguageService } from './protocol/languageService';
import { CheckedMessageReader, FramedMessageReader, type FramedReaderOptions } from './protocol/transport';

/** What the readers log and answer through, and whether a shutdown request went by. */
function readerOptions(writer: MessageWriter, connection: () => Connection | undefined) {
  const state = { shutdown: false };
  const options: FramedReaderOptions = {
    log: (reason) => {
      process.stderr.write(`etcd-capacity-language-server: ${reason}\n`);
      try {
        connection()?.console.error(reason);
      } catch {
        // The log message is best effort once the connection is closing.
      }
    },
    reply: (response) => void writer.write(response).catch(() => undefined),
    check: (message) => {
      if ((message as { method?: unknown }).method === 'shutdown') state.shutdown = true;
      return checkMessage(message);
    },
  };
  return { options, state };
}

function stdioConnection(): Connection {
  // stdout carries the protocol: anything printed goes to stderr instead (what vscode-languageserver
  // does for --stdio when it creates the streams itself).
  const toStderr = (...args: unknown[]) => void process.stderr.write(`${format(...args)}\n`);
  console.log = console.info = console.warn = console.debug = console.error = toStderr;
  const writer = new StreamMessageWriter(process.stdout);
  // Assigned once below; the reader's callbacks, created first, read it later.
  // eslint-disable-next-line prefer-const
  let connection: Connection | undefined;
  const { options, state } = readerOptions(writer, () => connection);
  const reader = new FramedMessageReader(process.stdin, options);
  // The end of stdin, or framing that cannot be trusted: exit as vscode-languageserver does when its
  // input closes (0 after a shutdown request, else 1), once the log line has been written.
  reader.onClose(() => setImmediate(() => process.exit(state.shutdown ? 0 : 1)));
  connection = createConnection(ProposedFeatures.all, reader, writer);
  return connection;
}

function ipcConnection(): Connection {
  const writer = new IPCMessageWriter(process);
  // Assigned once below; the reader's callbacks, created first, read it later.
  // eslint-disable-next-line prefer-const
  let connection: Connection | undefined;
  const { options } = readerOptions(writer, () => connection);
  connection = createConnection(
    ProposedFeatures.all,
    new CheckedMessageReader(new IPCMessageReader(process), options),
    writer,
  );
  return connection;
}

const connection = process.argv.includes('--stdio')
  ? stdioConnection()
  : process.argv.includes('--node-ipc')
    ? ipcConnection()
    : createConnection(ProposedFeatures.all);
new EtcdCapacityLanguageService(connection).listen();
