// Calibration constants of the raft latency model (milliseconds unless stated).
// The real-etcd validation harness (`npm run validate:etcd`) may adjust these VALUES; keep the names.
//
// Anchor used for the first values: etcd's performance page (https://etcd.io/docs/v3.6/op-guide/performance/),
// 3 members on GCE (8 vCPU, SSD PD): one client, one connection, writes to the leader: 1.6 ms average,
// 583 writes/s; 1000 clients: ~44,000–50,000 writes/s. Take a same-zone RTT of ~0.3 ms and an SSD PD fdatasync
// of ~0.8 ms: client RTT 0.3 + commit (max(leader fsync, RTT + follower fsync) ≈ 1.1) leaves ≈ 0.2–0.3 ms for
// gRPC, proposal handling and apply, split below.

/** gRPC/HTTP2 and protobuf work for one unary Put, client and server side together (added once per request). */
export const GRPC_OVERHEAD_MS = 0.1;

/** Leader-side proposal handling before the entry leaves for the followers (raft step, Ready loop hand-off). */
export const PROPOSAL_CPU_MS = 0.05;

/**
 * Apply on the member the client talked to: MVCC put into bbolt's in-memory write buffer and waking the waiting
 * request. The bbolt commit itself is batched (backend-batch-interval 100 ms); see BACKEND_BATCH_INTERVAL_MS
 * for the wait it causes when an apply arrives while that commit runs.
 */
export const APPLY_MS = 0.1;

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
