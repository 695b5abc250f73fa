// TEMPORARY shim until server/src/model/index.ts lands; then this file re-exports the shared model.
import type { ModelCluster } from '../../model/types';

export function quorumSize(n: number): number {
  return Math.floor(Math.max(0, n) / 2) + 1;
}

export function faultTolerance(n: number): number {
  return Math.max(0, n - quorumSize(n));
}

export function recommendedTimers(cluster: ModelCluster): { heartbeatMs: number; electionMs: number; reason: string } {
  let rtt = cluster.defaultRtt?.mean ?? 0;
  for (const l of cluster.links) rtt = Math.max(rtt, l.rtt.mean);
  const heartbeatMs = Math.max(100, Math.ceil(rtt / 10) * 10);
  const electionMs = Math.max(1000, Math.ceil((10 * Math.max(rtt, heartbeatMs)) / 100) * 100);
  return { heartbeatMs, electionMs, reason: `max RTT ${rtt} ms` };
}
