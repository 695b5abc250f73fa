// The stdio transport's reader: LSP base-protocol framing and the JSON-RPC envelope, checked strictly.
// vscode-jsonrpc's StreamMessageReader waits for ever on a header that never ends (LF-only line breaks),
// reads a negative Content-Length as a body of length -5, and reports the other framing errors and
// undecodable bodies through an error event the language server ignores: a live server that never
// answers again, with nothing logged. Here every problem is logged with its reason, and then:
// - framing that cannot be trusted any more (a bad or missing Content-Length, a header that is not
//   `Name: value` lines ending in CRLF, a header longer than MAX_HEADER_BYTES) closes the connection,
//   since no later message boundary can be found with certainty;
// - a body over MAX_MESSAGE_BYTES is skipped as it streams in (never buffered) and, when it is a
//   request, answered with an error; reading goes on after it;
// - a body that is not JSON is answered with Parse error (-32700), one that is not a JSON-RPC 2.0
//   message (an id that is an object or a boolean, a batch, a method that is not a string) with
//   Invalid Request (-32600) and id null (JSON-RPC 2.0 §5, "id ... could not be detected");
// - `check` (the LSP-level checks of boundary.ts) may drop or answer a well-formed message.
import {
  AbstractMessageReader,
  DataCallback,
  Disposable,
  Message,
  MessageReader,
  ResponseMessage,
} from 'vscode-jsonrpc/node';

/** Largest message body read (bytes): a 100 MB didOpen is read, and answered with `analysis-limited`. */
export const MAX_MESSAGE_BYTES = 128 * 1024 * 1024;
/** Largest header section (bytes); real headers are two short lines. */
export const MAX_HEADER_BYTES = 8 * 1024;

export const PARSE_ERROR = -32700;
export const INVALID_REQUEST = -32600;
export const INVALID_PARAMS = -32602;

/** What boundary checks decide about a well-formed message. */
export type CheckResult =
  { message: Message } | { reject: string; /** For a request: the error code of the answer. */ code?: number };

export interface FramedReaderOptions {
  maxMessageBytes?: number;
  /** Where the reasons go (the server writes them to stderr and the client's log). */
  log: (reason: string) => void;
  /** Sends an error response (the connection's writer). */
  reply: (response: ResponseMessage) => void;
  check?: (message: Message) => CheckResult;
}

type IdValue = string | number | null;

function errorResponse(id: IdValue, code: number, message: string): ResponseMessage {
  return { jsonrpc: '2.0', id, error: { code, message } };
}

const HEADER_END = Buffer.from('\r\n\r\n');

/** A short, printable rendering of a bad value for a log line. */
function shown(value: unknown): string {
  const s = typeof value === 'string' ? JSON.stringify(value) : (JSON.stringify(value) ?? String(value));
  return s.length > 80 ? `${s.slice(0, 77)}...` : s;
}

/** The id of a request, if its start shows one (a skipped oversized body is never parsed). */
function sniffId(head: string): IdValue | undefined {
  const m = /"id"\s*:\s*("(?:[^"\\]|\\.){0,200}"|-?\d{1,16})\s*[,}]/.exec(head);
  if (!m) return undefined;
  try {
    return JSON.parse(m[1]!) as string | number;
  } catch {
    return undefined;
  }
}

export class FramedMessageReader extends AbstractMessageReader implements MessageReader {
  private readonly maxMessageBytes: number;
  private header: Buffer = Buffer.alloc(0);
  /** The body being read: its length, and the chunks so far (none kept when it is being skipped). */
  private body: { length: number; received: number; chunks: Buffer[]; skip: boolean; head: string } | undefined;
  private callback: DataCallback | undefined;
  private closed = false;

  constructor(
    private readonly input: NodeJS.ReadableStream,
    private readonly options: FramedReaderOptions,
  ) {
    super();
    this.maxMessageBytes = options.maxMessageBytes ?? MAX_MESSAGE_BYTES;
  }

  listen(callback: DataCallback): Disposable {
    this.callback = callback;
    const onData = (data: Buffer | string) => this.onData(typeof data === 'string' ? Buffer.from(data, 'utf8') : data);
    const onEnd = () => this.close();
    const onError = (error: Error) => this.fireError(error);
    this.input.on('data', onData);
    this.input.on('end', onEnd);
    this.input.on('close', onEnd);
    this.input.on('error', onError);
    return Disposable.create(() => {
      this.input.off('data', onData);
      this.input.off('end', onEnd);
      this.input.off('close', onEnd);
      this.input.off('error', onError);
    });
  }

  private close(): void {
    if (this.closed) return;
    this.closed = true;
    this.fireClose();
  }

  /** Framing is lost: log why, stop reading, and close the connection. */
  private fail(reason: string): void {
    this.options.log(`closing the connection: ${reason}`);
    this.fireError(new Error(reason));
    this.input.pause();
    this.close();
  }

  private onData(data: Buffer): void {
    let chunk: Buffer | undefined = data;
    while (chunk && chunk.length > 0 && !this.closed) {
      chunk = this.body ? this.readBody(chunk) : this.readHeader(chunk);
    }
  }

  /** Consumes header bytes; returns what follows the header (or nothing while it is incomplete). */
  private readHeader(chunk: Buffer): Buffer | undefined {
    const start = Math.max(0, this.header.length - 3);
    this.header = this.header.length === 0 ? chunk : Buffer.concat([this.header, chunk]);
    const end = this.header.indexOf(HEADER_END, start);
    const limit = end === -1 ? this.header.length : end;
    // A header line that ends in a bare LF is never followed by CRLF CRLF: refuse it at once.
    const lf = this.header
      .subarray(0, Math.min(limit + 1, this.header.length))
      .findIndex((b, i, a) => b === 10 && (i === 0 || a[i - 1] !== 13));
    if (lf !== -1) {
      this.fail(`header lines must end with CRLF (a line ends with a bare LF at byte ${lf})`);
      return undefined;
    }
    if (end === -1) {
      if (this.header.length > MAX_HEADER_BYTES)
        this.fail(`header longer than ${MAX_HEADER_BYTES} bytes without an empty line`);
      return undefined;
    }
    if (end > MAX_HEADER_BYTES) {
      this.fail(`header longer than ${MAX_HEADER_BYTES} bytes`);
      return undefined;
    }
    const text = this.header.subarray(0, end).toString('ascii');
    const rest = this.header.subarray(end + HEADER_END.length);
    this.header = Buffer.alloc(0);
    const length = this.contentLength(text);
    if (length === undefined) return undefined;
    const skip = length > this.maxMessageBytes;
    if (skip) {
      this.options.log(
        `message of ${length} bytes is over the ${this.maxMessageBytes}-byte limit: skipped without reading it`,
      );
    }
    this.body = { length, received: 0, chunks: [], skip, head: '' };
    if (length === 0) this.finishBody();
    return rest;
  }

  /** The Content-Length of a header section, or undefined after failing the connection. */
  private contentLength(text: string): number | undefined {
    let length: number | undefined;
    for (const line of text.split('\r\n')) {
      const colon = line.indexOf(':');
      if (colon <= 0) {
        this.fail(`malformed header line ${shown(line)} (expected "Name: value")`);
        return undefined;
      }
      const name = line.slice(0, colon).trim().toLowerCase();
      const value = line.slice(colon + 1).trim();
      if (name === 'content-length') {
        if (!/^\d{1,15}$/.test(value)) {
          this.fail(`Content-Length must be a non-negative integer, got ${shown(value)}`);
          return undefined;
        }
        length = Number(value);
      } else if (name === 'content-type') {
        const charset = /charset=([^;\s]+)/i.exec(value)?.[1]?.replace(/^"|"$/g, '').toLowerCase();
        if (charset && charset !== 'utf-8' && charset !== 'utf8') {
          this.fail(`unsupported charset ${shown(charset)} (only utf-8)`);
          return undefined;
        }
      }
    }
    if (length === undefined) this.fail(`header without Content-Length: ${shown(text)}`);
    return length;
  }

  private readBody(chunk: Buffer): Buffer | undefined {
    const body = this.body!;
    const take = Math.min(chunk.length, body.length - body.received);
    const part = chunk.subarray(0, take);
    if (body.skip) {
      if (body.head.length < 4096) body.head += part.subarray(0, 4096).toString('utf8');
    } else {
      body.chunks.push(part);
    }
    body.received += take;
    if (body.received === body.length) this.finishBody();
    return chunk.subarray(take);
  }

  private finishBody(): void {
    const body = this.body!;
    this.body = undefined;
    if (body.skip) {
      const id = sniffId(body.head);
      if (id !== undefined && /"method"\s*:/.test(body.head)) {
        this.options.reply(
          errorResponse(
            id,
            INVALID_REQUEST,
            `message too large: ${body.length} bytes, the limit is ${this.maxMessageBytes}`,
          ),
        );
      }
      return;
    }
    const bytes = body.chunks.length === 1 ? body.chunks[0]! : Buffer.concat(body.chunks, body.length);
    let parsed: unknown;
    try {
      parsed = JSON.parse(bytes.toString('utf8'));
    } catch (error) {
      const reason = `Parse error: the message body is not JSON (${error instanceof Error ? error.message : String(error)})`;
      this.options.log(reason);
      this.options.reply(errorResponse(null, PARSE_ERROR, reason));
      return;
    }
    const message = admitMessage(parsed, this.options);
    if (message) this.callback?.(message);
  }
}

/**
 * A reader whose transport delivers whole messages (IPC): the same envelope and boundary checks as
 * FramedMessageReader, on each message before the connection sees it.
 */
export class CheckedMessageReader extends AbstractMessageReader implements MessageReader {
  constructor(
    private readonly inner: MessageReader,
    private readonly options: FramedReaderOptions,
  ) {
    super();
    inner.onError((error) => this.fireError(error));
    inner.onClose(() => this.fireClose());
    inner.onPartialMessage((info) => this.firePartialMessage(info));
  }

  listen(callback: DataCallback): Disposable {
    return this.inner.listen((parsed) => {
      const message = admitMessage(parsed, this.options);
      if (message) callback(message);
    });
  }

  override dispose(): void {
    this.inner.dispose();
    super.dispose();
  }
}

/**
 * The envelope check (a JSON-RPC 2.0 request, notification or response) and then `check`: the message
 * to pass on, or undefined when it was answered with an error and / or logged instead.
 */
export function admitMessage(parsed: unknown, options: FramedReaderOptions): Message | undefined {
  const problem = envelopeProblem(parsed);
  if (problem) {
    const reason = `Invalid Request: ${problem}`;
    options.log(reason);
    const id = (parsed as { id?: unknown } | null)?.id;
    // Answered with the request's id when it is a valid one, else null; never a reply to a reply.
    const replyId = typeof id === 'string' || typeof id === 'number' ? id : null;
    if (!isResponseShaped(parsed)) options.reply(errorResponse(replyId, INVALID_REQUEST, reason));
    return undefined;
  }
  const message = parsed as Message;
  const checked = options.check ? options.check(message) : { message };
  if ('reject' in checked) {
    const m = message as { method?: string; id?: IdValue };
    options.log(`${m.method ?? 'message'} ignored: ${checked.reject}`);
    if (m.id !== undefined && m.method !== undefined) {
      options.reply(errorResponse(m.id, checked.code ?? INVALID_PARAMS, checked.reject));
    }
    return undefined;
  }
  return checked.message;
}

function isResponseShaped(value: unknown): boolean {
  return typeof value === 'object' && value !== null && !('method' in value) && ('result' in value || 'error' in value);
}

/** Why a parsed body is not a JSON-RPC 2.0 message this server can take, or undefined. */
export function envelopeProblem(value: unknown): string | undefined {
  if (Array.isArray(value)) return 'batches are not supported by the Language Server Protocol';
  if (typeof value !== 'object' || value === null) return `a message must be an object, got ${shown(value)}`;
  const m = value as Record<string, unknown>;
  if (m.jsonrpc !== '2.0') return `"jsonrpc" must be "2.0", got ${shown(m.jsonrpc)}`;
  if ('id' in m && m.id !== null && typeof m.id !== 'string' && !(typeof m.id === 'number' && Number.isFinite(m.id))) {
    return `"id" must be a string, a number or null, got ${shown(m.id)}`;
  }
  if ('method' in m) {
    if (typeof m.method !== 'string') return `"method" must be a string, got ${shown(m.method)}`;
    if (m.id === null) return 'a request id must not be null';
    if ('params' in m && m.params !== undefined && typeof m.params !== 'object') {
      return `"params" must be an object or an array, got ${shown(m.params)}`;
    }
    return undefined;
  }
  if (!('result' in m) && !('error' in m)) return 'neither a request, a notification nor a response';
  return undefined;
}
