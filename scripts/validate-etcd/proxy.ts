// User-space delay proxy. One runs inside each etcd member's network namespace, listening on the
// member's namespace address and forwarding to etcd on that namespace's loopback. It looks at the
// caller's address, and holds every chunk, in both directions, for one one-way delay of that pair
// of sites (a Gamma sample matched to mean/sd), keeping FIFO order per connection and direction.
// A connection from member A to member B passes only B's proxy, so its round trip is two one-way
// delays of the pair (A, B): the RTT configured for it.
//
// Usage: node proxy.js <config.json>   (prints "READY <pid>" once every port listens)

import * as net from 'node:net';
import { readFileSync } from 'node:fs';
import { gammaSampler } from './stats';

export interface ProxyRoute {
  listenPort: number;
  /** Port on 127.0.0.1 to forward to, or "echo" to send each chunk straight back (for RTT pings). */
  target: number | 'echo';
}

export interface ProxyConfig {
  listenHost: string;
  routes: ProxyRoute[];
  /** One-way delay by caller address (mean RTT/2, sd RTT_sd/sqrt(2)). */
  delays: Record<string, { meanMs: number; sdMs: number }>;
  defaultDelay: { meanMs: number; sdMs: number };
}

const TIMER_LATENESS_MS = 0.2;
/** A chunk whose timer fired is released if due within this much (rounding error + lateness). */
const TIMER_SLACK_MS = 0.75;

/** Where a pipe delivers: a socket, or (for the echo) another pipe. */
interface Sink {
  write(buf: Buffer): boolean;
  end(): void;
  once(event: 'drain', cb: () => void): unknown;
  readonly destroyed: boolean;
}

/** A one-direction FIFO: each chunk leaves at max(previous release, arrival + sample). */
class DelayedPipe implements Sink {
  private queue: { at: number; buf: Buffer }[] = [];
  private timer: NodeJS.Timeout | undefined;
  private lastAt = 0;
  private ended = false;
  readonly destroyed = false;

  constructor(
    private readonly dst: Sink,
    private readonly sample: () => number,
    private readonly src: net.Socket,
  ) {}

  write(buf: Buffer): boolean {
    this.push(buf);
    return true;
  }

  once(): this {
    return this;
  }

  push(buf: Buffer): void {
    const d = this.sample();
    if (d <= 0 && this.queue.length === 0) {
      this.deliver(buf);
      return;
    }
    const at = Math.max(this.lastAt, performance.now() + d);
    this.lastAt = at;
    this.queue.push({ at, buf });
    if (this.queue.length === 1) this.arm();
  }

  end(): void {
    this.ended = true;
    if (this.queue.length === 0) this.dst.end();
  }

  private deliver(buf: Buffer): void {
    if (!this.dst.destroyed && !this.dst.write(buf)) {
      this.src.pause();
      this.dst.once('drain', () => this.src.resume());
    }
  }

  private arm(): void {
    if (this.timer || this.queue.length === 0) return;
    // Node's timers are whole milliseconds (a fractional timeout fires up to 1 ms early) and fire
    // about 0.2 ms late on this machine: round to the nearest millisecond after taking off the
    // lateness, so the error is centred near zero (the harness measures what it really gets).
    const wait = this.queue[0].at - performance.now() - TIMER_LATENESS_MS;
    this.timer = setTimeout(() => this.flush(), Math.max(0, Math.round(wait)));
  }

  private flush(): void {
    this.timer = undefined;
    const now = performance.now();
    while (this.queue.length > 0 && this.queue[0].at <= now + TIMER_SLACK_MS) this.deliver(this.queue.shift()!.buf);
    if (this.queue.length > 0) this.arm();
    else if (this.ended && !this.dst.destroyed) this.dst.end();
  }

  destroy(): void {
    if (this.timer) clearTimeout(this.timer);
    this.queue = [];
  }
}

function normalizeAddress(a: string | undefined): string {
  if (!a) return '';
  return a.startsWith('::ffff:') ? a.slice(7) : a;
}

export function startProxy(cfg: ProxyConfig): Promise<net.Server[]> {
  const servers: net.Server[] = [];
  const listening: Promise<void>[] = [];
  for (const route of cfg.routes) {
    const server = net.createServer({ noDelay: true }, (client) => {
      const from = normalizeAddress(client.remoteAddress);
      const d = cfg.delays[from] ?? cfg.defaultDelay;
      // The harness gives one-way figures: mean RTT/2 and sd RTT_sd/sqrt(2), so two add up to the RTT.
      const sampleIn = gammaSampler(d.meanMs, d.sdMs);
      const sampleOut = gammaSampler(d.meanMs, d.sdMs);
      if (route.target === 'echo') {
        const back = new DelayedPipe(client, sampleOut, client);
        // An echo: one one-way delay in, one out.
        const inbound = new DelayedPipe(back, sampleIn, client);
        client.on('data', (b: Buffer) => inbound.push(b));
        client.on('end', () => inbound.end());
        client.on('error', () => undefined);
        client.on('close', () => (inbound.destroy(), back.destroy()));
        return;
      }
      const upstream = net.connect({ host: '127.0.0.1', port: route.target, noDelay: true });
      const toUp = new DelayedPipe(upstream, sampleIn, client);
      const toDown = new DelayedPipe(client, sampleOut, upstream);
      client.on('data', (b: Buffer) => toUp.push(b));
      upstream.on('data', (b: Buffer) => toDown.push(b));
      client.on('end', () => toUp.end());
      upstream.on('end', () => toDown.end());
      const close = (): void => {
        toUp.destroy();
        toDown.destroy();
        client.destroy();
        upstream.destroy();
      };
      client.on('error', close);
      upstream.on('error', close);
      client.on('close', () => setTimeout(close, 1000));
      upstream.on('close', () => setTimeout(close, 1000));
    });
    servers.push(server);
    listening.push(
      new Promise((resolve, reject) => {
        server.once('error', reject);
        server.listen(route.listenPort, cfg.listenHost, () => resolve());
      }),
    );
  }
  return Promise.all(listening).then(() => servers);
}

if (require.main === module) {
  const cfg = JSON.parse(readFileSync(process.argv[2], 'utf8')) as ProxyConfig;
  startProxy(cfg).then(
    () => process.stdout.write(`READY ${process.pid}\n`),
    (err: unknown) => {
      process.stderr.write(`proxy failed: ${String(err)}\n`);
      process.exit(1);
    },
  );
  for (const sig of ['SIGTERM', 'SIGINT'] as const) process.on(sig, () => process.exit(0));
}
