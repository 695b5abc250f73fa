// Calibration constants of the raft latency model (milliseconds unless stated).
// The real-etcd validation harness (`npm run validate:etcd`) may adjust these VALUES; keep the names.
//
// The request floor below is everything of one sequential put that is neither a modelled network round trip nor
// a modelled fdatasync: gRPC/HTTP2 and protobuf on both sides, the raft step and Ready loop hand-offs, apply into
// bbolt's write buffer and waking the request. It is a distribution with a tail (CPU scheduling, Go GC, the
// Ready loop's batching), not a constant.
//
// Published anchor: etcd's performance page (https://etcd.io/docs/v3.6/op-guide/performance/), 3 members, one
// client, one connection, writes to the leader: 1.6 ms average, 583 writes/s. Measured anchor: a 3-member etcd
// 3.4 on one host (2 vCPU, fast disk, RTT and fsync ≈ 0.1–0.3 ms) gives p50 1.4–1.6 ms and p99 4.3–4.6 ms
// (docs/validation.md). The default floor is the distribution that, with such near-zero network and disk terms,
// reproduces both: mean ≈ 1.5 ms (the published 1.6 ms average less a same-host RTT and fsync), median ≈ 1.2 ms,
// p99 ≈ 4.1 ms. `etcd-capacity calibrate` replaces it with the floor a capture's own puts show.

/** Default request floor: a piecewise-linear CDF, [ms, cumulative probability] (see the comment above). */
export const DEFAULT_REQUEST_FLOOR_CDF: ReadonlyArray<readonly [number, number]> = [
  [0.6, 0],
  [0.85, 0.1],
  [1.0, 0.3],
  [1.2, 0.5],
  [1.5, 0.68],
  [2.0, 0.82],
  [2.8, 0.92],
  [3.6, 0.97],
  [4.1, 0.99],
  [7.0, 1],
];

/** Where DEFAULT_REQUEST_FLOOR_CDF comes from, for the "assumed" marks of hovers and reports. */
export const DEFAULT_REQUEST_FLOOR_SOURCE =
  'etcd performance page (1.6 ms average, one client) and a same-host 3-member etcd 3.4 (p50 1.4–1.6 ms, p99 4.3–4.6 ms)';

/**
 * etcd commits its bbolt backend every backend-batch-interval (default 100 ms). The commit writes dirty pages
 * and fdatasyncs twice (data, then meta page) while holding the batch-tx lock that an apply needs, so a put
 * whose apply lands inside that window waits for the rest of it. Found by the real-etcd validation
 * (docs/validation.md): with a 10 ms disk, ~1 extra fdatasync per 4 puts and a measured p99 2.4× the
 * WAL-only model before this term was added.
 */
export const BACKEND_BATCH_INTERVAL_MS = 100;

/** CPU time of one backend commit besides its two fdatasyncs (page writes, freelist), a small fixed cost. */
export const BACKEND_COMMIT_CPU_MS = 0.3;

/**
 * Smallest round trip assumed between two processes even when the topology says 0 ms (loopback/same host):
 * a TCP round trip through the kernel on one host is tens of microseconds.
 */
export const LOOPBACK_FLOOR_MS = 0.05;

/**
 * Writes/s one etcd server can process when batching is perfect, CPU-bound
 * (performance page: 44,341 writes/s leader-only and 50,104 writes/s all members with 1000 clients, 8 vCPU).
 */
export const SERVER_WRITE_CEILING_PER_S = 45_000;

/** Monte Carlo samples per raft estimate: p99 varies by ~0.6 % (1 sd) across seeds at 4096, ~2 ms for 7 members. */
export const RAFT_SAMPLES = 4096;

/** Fixed seed of the model's PRNG: the same input always gives the same answer. */
export const MODEL_SEED = 0x5eed_e7cd;

/** Monte Carlo samples for the leader-election time. */
export const ELECTION_SAMPLES = 2048;

/**
 * Share of TCP segments lost on a peer link (assumption: 0.01 %, a healthy WAN; LANs lose less). A lost heartbeat
 * is retransmitted after the TCP RTO, and everything behind it on the stream waits: that is how a longer RTT
 * (a longer RTO) turns into longer gaps between heartbeats.
 */
export const PACKET_LOSS_RATE = 1e-4;

/** Linux TCP_RTO_MIN: the retransmission timeout is max(200 ms, srtt + 4 × rttvar), doubling per retry. */
export const TCP_MIN_RTO_MS = 200;

/**
 * RTT assumed between two members of one site when the topology gives only the links between sites: a switched
 * LAN in one data centre (etcd's performance page: "several hundred microseconds"; Red Hat asks for < 2 ms inside
 * a site). Estimates built on it say it was assumed.
 */
export const ASSUMED_SITE_RTT_MS = { mean: 0.5, sd: 0.15 } as const;

/**
 * Largest share of etcd's peer RTT probe (`etcd_network_peer_round_trip_time_seconds`) taken to be the probe's
 * own overhead rather than network. The probe is an HTTP GET to /raft/probing, smoothed, so it reads above the
 * raft message RTT: 0.1–0.2 ms on an idle loopback (test/fixtures/capture), 2.5–3.3 ms for links with no added
 * delay in the validation lab's proxied namespaces on this 2-core machine (a 30 ms link reads 32–34 ms there).
 * calibrate estimates the overhead from the capture's smallest link (its probe mean less LOOPBACK_FLOOR_MS, i.e.
 * the smallest link is taken to be next to zero) and caps it here, so a cluster whose every link is a real WAN
 * link loses at most this much of its true RTT (docs/calibration.md).
 */
export const PEER_PROBE_OVERHEAD_MAX_MS = 3;
