// Load generator, run inside the client's network namespace. Prints one JSON line on stdout.
//
//   node client.js ping <host> <port> <count> [gapMs]    TCP ping through a proxy's echo port
//   node client.js put  <host> <port> <count> <warmup> [grpc|gateway]
//   node client.js metrics <host> <port>                  GET /metrics (printed as {"text": ...})
//
// "put" issues sequential puts, exactly one in flight, over one kept-alive connection, and times
// each from just before the request is written to the end of its response:
//   grpc:    etcd's own gRPC API (etcdserverpb.KV/Put) over HTTP/2, protobuf encoded by hand —
//            what etcdctl and client-go speak, no extra hop inside etcd;
//   gateway: etcd 3.4's HTTP/JSON gRPC gateway (POST /v3/kv/put) over HTTP/1.1 keep-alive,
//            which re-dials etcd's gRPC listener internally (kept as a cross-check).

import * as http from 'node:http';
import * as http2 from 'node:http2';
import * as net from 'node:net';

function varint(n: number): Buffer {
  const out: number[] = [];
  while (n > 0x7f) {
    out.push((n & 0x7f) | 0x80);
    n >>>= 7;
  }
  out.push(n);
  return Buffer.from(out);
}

/** etcdserverpb.PutRequest { bytes key = 1; bytes value = 2; } in a gRPC length-prefixed frame. */
export function putFrame(key: Buffer, value: Buffer): Buffer {
  const msg = Buffer.concat([
    Buffer.from([0x0a]),
    varint(key.length),
    key,
    Buffer.from([0x12]),
    varint(value.length),
    value,
  ]);
  const head = Buffer.alloc(5);
  head.writeUInt8(0, 0);
  head.writeUInt32BE(msg.length, 1);
  return Buffer.concat([head, msg]);
}

async function ping(host: string, port: number, count: number, gapMs: number): Promise<number[]> {
  const sock = net.connect({ host, port, noDelay: true });
  await new Promise<void>((resolve, reject) => {
    sock.once('connect', resolve);
    sock.once('error', reject);
  });
  const rtts: number[] = [];
  const payload = Buffer.alloc(16, 7);
  for (let i = 0; i < count; i++) {
    const t0 = performance.now();
    await new Promise<void>((resolve) => {
      let got = 0;
      const onData = (b: Buffer): void => {
        got += b.length;
        if (got >= payload.length) {
          sock.off('data', onData);
          resolve();
        }
      };
      sock.on('data', onData);
      sock.write(payload);
    });
    rtts.push(performance.now() - t0);
    // A pause between pings so they do not queue behind each other in the FIFO.
    await new Promise((r) => setTimeout(r, gapMs));
  }
  sock.destroy();
  return rtts;
}

async function putsGrpc(host: string, port: number, count: number, warmup: number): Promise<number[]> {
  const session = http2.connect(`http://${host}:${port}`);
  let sessionError: Error | undefined;
  session.on('error', (e) => (sessionError = e));
  const value = Buffer.alloc(64, 0x61);
  const one = (i: number): Promise<number> =>
    new Promise((resolve, reject) => {
      const frame = putFrame(Buffer.from(`ecvval/${i % 1000}`), value);
      const t0 = performance.now();
      const req = session.request({
        ':method': 'POST',
        ':path': '/etcdserverpb.KV/Put',
        'content-type': 'application/grpc',
        te: 'trailers',
      });
      let status: string | undefined;
      let message = '';
      let httpStatus = '';
      req.on('response', (h) => {
        httpStatus = String(h[':status']);
        if (h['grpc-status'] !== undefined) status = String(h['grpc-status']);
        if (h['grpc-message'] !== undefined) message = String(h['grpc-message']);
      });
      req.on('trailers', (h) => {
        status = String(h['grpc-status']);
        message = String(h['grpc-message'] ?? '');
      });
      req.on('data', () => undefined);
      req.on('error', reject);
      req.on('end', () => {
        const dt = performance.now() - t0;
        if (status !== '0') {
          const why = `put ${i}: http ${httpStatus} grpc-status ${status} ${decodeURIComponent(message)} rst ${req.rstCode} ${sessionError?.message ?? ''}`;
          reject(new Error(why));
        } else resolve(dt);
      });
      req.end(frame);
    });
  const out: number[] = [];
  for (let i = 0; i < warmup + count; i++) {
    const dt = await one(i);
    if (i >= warmup) out.push(dt);
  }
  session.close();
  return out;
}

async function putsGateway(host: string, port: number, count: number, warmup: number): Promise<number[]> {
  const agent = new http.Agent({ keepAlive: true, maxSockets: 1 });
  const value = Buffer.alloc(64, 0x61).toString('base64');
  const one = (i: number): Promise<number> =>
    new Promise((resolve, reject) => {
      const body = JSON.stringify({ key: Buffer.from(`ecvval/${i % 1000}`).toString('base64'), value });
      const t0 = performance.now();
      const req = http.request(
        {
          host,
          port,
          agent,
          method: 'POST',
          path: '/v3/kv/put',
          headers: { 'content-type': 'application/json', 'content-length': Buffer.byteLength(body) },
        },
        (res) => {
          let text = '';
          res.on('data', (c: Buffer) => (text += c.toString()));
          res.on('end', () => {
            const dt = performance.now() - t0;
            if (res.statusCode !== 200 || !text.includes('"header"'))
              reject(new Error(`gateway ${res.statusCode}: ${text}`));
            else resolve(dt);
          });
        },
      );
      req.on('error', reject);
      req.setNoDelay(true);
      req.end(body);
    });
  const out: number[] = [];
  for (let i = 0; i < warmup + count; i++) {
    const dt = await one(i);
    if (i >= warmup) out.push(dt);
  }
  agent.destroy();
  return out;
}

async function main(): Promise<void> {
  const [mode, host, portS, countS, warmupS, api] = process.argv.slice(2);
  const port = Number(portS);
  const count = Number(countS);
  const t0 = Date.now();
  if (mode === 'metrics') {
    const text = await new Promise<string>((resolve, reject) => {
      http
        .get({ host, port, path: '/metrics' }, (res) => {
          let body = '';
          res.on('data', (c: Buffer) => (body += c.toString()));
          res.on('end', () => resolve(body));
        })
        .on('error', reject);
    });
    process.stdout.write(JSON.stringify({ mode, text }) + '\n');
    return;
  }
  let samples: number[];
  if (mode === 'ping') samples = await ping(host, port, count, Number(warmupS ?? 2));
  else if (mode === 'put' && api === 'gateway') samples = await putsGateway(host, port, count, Number(warmupS ?? 0));
  else if (mode === 'put') samples = await putsGrpc(host, port, count, Number(warmupS ?? 0));
  else throw new Error(`unknown mode ${mode}`);
  process.stdout.write(JSON.stringify({ mode, samples, wallMs: Date.now() - t0 }) + '\n');
}

if (require.main === module) {
  const timer = setTimeout(() => {
    process.stderr.write('client: timed out after 240 s\n');
    process.exit(3);
  }, 240_000);
  timer.unref();
  main().then(
    () => process.exit(0),
    (err: unknown) => {
      process.stderr.write(`client failed: ${err instanceof Error ? err.message : String(err)}\n`);
      process.exit(2);
    },
  );
}
