// Writes per second from a latency estimate, for one client and for N concurrent clients.
import { SERVER_WRITE_CEILING_PER_S } from './calibration';
import { ModelInputError } from './errors';

export interface ThroughputEstimate {
  clients: number;
  /** One client, one write in flight: 1000 / mean latency. */
  oneClientWritesPerSecond: number;
  /** N clients, one write in flight each: min(N × 1000 / mean latency, ceiling). */
  writesPerSecond: number;
  /** What batching and pipelining reach at best (calibrated CPU-bound server capacity). */
  ceilingWritesPerSecond: number;
  limitedBy: 'latency' | 'ceiling';
  assumption: string;
}

export const THROUGHPUT_ASSUMPTION =
  "N clients each keep one write in flight (closed loop, Little's law: X = N / latency). The leader appends every " +
  'proposal that arrives during one WAL fsync as one batch and pipelines MsgApp to followers (up to 512 in flight, ' +
  '1 MiB each), so one fsync and one quorum round are shared by the whole batch and the per-write latency stays ' +
  `about the single-client latency; throughput grows linearly until the per-write CPU cost caps it at ` +
  `${SERVER_WRITE_CEILING_PER_S} writes/s (etcd performance page, 8 vCPU, 256-byte values). Queueing below the ` +
  'ceiling, large values and slow apply are not modelled.';

export function throughput(estimate: { meanMs: number }, clients: number): ThroughputEstimate {
  if (!(estimate.meanMs > 0) || !Number.isFinite(estimate.meanMs))
    throw new ModelInputError(`latency must be a positive number of ms (got ${estimate.meanMs})`);
  if (!Number.isFinite(clients) || clients < 0)
    throw new ModelInputError(`client count must be a non-negative number (got ${clients})`);
  const one = 1000 / estimate.meanMs;
  const linear = clients * one;
  const ceiling = SERVER_WRITE_CEILING_PER_S;
  return {
    clients,
    oneClientWritesPerSecond: one,
    writesPerSecond: Math.min(linear, ceiling),
    ceilingWritesPerSecond: ceiling,
    limitedBy: linear > ceiling ? 'ceiling' : 'latency',
    assumption: THROUGHPUT_ASSUMPTION,
  };
}
