// The one table of etcd 3.5 / 3.6 settings: config-file keys, command-line flags and ETCD_* env vars.
// Read from etcd-io/etcd v3.5.33 and v3.6.14 (server/embed/config.go `configJSON` + `AddFlags`,
// server/etcdmain/config.go `deprecatedFlags`) and etcd's configuration guide (op-guide/configuration).
// `schemas/etcd-config.schema.json` is generated from this table (`buildEtcdConfigSchema`, checked
// by test/unit/recognisers/etcdKeys.test.ts; run it with UPDATE_SCHEMAS=1 to rewrite the file).
import { ETCD_MAX_ELECTION_MS } from '../model/timers';
import { DOCS } from './docs';

/**
 * How a value is written.
 * - `duration`: Go duration: `5s` on the command line, integer nanoseconds in a config file.
 * - `urls`: comma-separated URLs in one string (also in config files).
 * - `csv`: comma-separated strings in one string (flags and config file).
 * - `list`: comma-separated on the command line, a YAML list in a config file.
 * - `retention`: a string: hours as a bare number, or a Go duration (`30m`); quoted in a config file.
 */
export type EtcdValueKind =
  'string' | 'enum' | 'bool' | 'uint' | 'int' | 'duration' | 'urls' | 'csv' | 'list' | 'retention' | 'object';

export type EtcdVersionSet = 'both' | '3.5' | '3.6';

export interface EtcdKeySpec {
  name: string;
  kind: EtcdValueKind;
  description: string;
  /** Default as written in a config file (durations in nanoseconds). */
  default?: string | number | boolean | string[];
  enum?: string[];
  unit?: string;
  minimum?: number;
  /** Versions where the config-file key exists; false: no config-file key (flag/env only). */
  file: EtcdVersionSet | false;
  /** Versions where the flag (and its ETCD_* env var) exists; false: config-file only. */
  flag: EtcdVersionSet | false;
  deprecated?: { message: string; replacement?: string };
  /** Sub-keys of an object key (config file only). */
  properties?: EtcdKeySpec[];
}

const NS = 1_000_000; // nanoseconds in a millisecond

interface Opt {
  default?: EtcdKeySpec['default'];
  enum?: string[];
  unit?: string;
  minimum?: number;
  file?: EtcdVersionSet | false;
  flag?: EtcdVersionSet | false;
  dep?: string;
  use?: string;
  properties?: EtcdKeySpec[];
}

function k(name: string, kind: EtcdValueKind, description: string, o: Opt = {}): EtcdKeySpec {
  const spec: EtcdKeySpec = { name, kind, description, file: o.file ?? 'both', flag: o.flag ?? 'both' };
  if (o.default !== undefined) spec.default = o.default;
  if (o.enum) spec.enum = o.enum;
  if (o.unit) spec.unit = o.unit;
  if (o.minimum !== undefined) spec.minimum = o.minimum;
  if (o.properties) spec.properties = o.properties;
  if (o.dep) spec.deprecated = { message: o.dep, ...(o.use ? { replacement: o.use } : {}) };
  return spec;
}

/** `experimental-X` keys that etcd 3.6 deprecates in favour of `X` (removal in 3.7). */
function renamed(
  name: string,
  kind: EtcdValueKind,
  description: string,
  o: Opt & { since36?: boolean } = {},
): EtcdKeySpec[] {
  const newName = name.replace(/^experimental-/, '');
  return [
    k(newName, kind, description, { ...o, file: '3.6', flag: '3.6' }),
    k(name, kind, `${description} Deprecated in etcd 3.6 (removed in 3.7): use \`${newName}\`.`, {
      ...o,
      file: o.file ?? (o.since36 ? '3.6' : 'both'),
      flag: o.flag ?? (o.since36 ? '3.6' : 'both'),
      dep: `deprecated in etcd 3.6 and removed in 3.7; use \`${newName}\` (etcd 3.6+)`,
      use: newName,
    }),
  ];
}

function gated(name: string, gate: string, description: string, def: boolean): EtcdKeySpec {
  return k(name, 'bool', `${description} Deprecated in etcd 3.6: use \`feature-gates: ${gate}=true\`.`, {
    default: def,
    dep: `deprecated in etcd 3.6 and removed in 3.7; use the feature gate \`--feature-gates=${gate}=true\` (etcd 3.6+)`,
  });
}

const TLS_SUBKEYS: EtcdKeySpec[] = [
  k('cert-file', 'string', 'Path to the TLS certificate file.'),
  k('key-file', 'string', 'Path to the TLS key file.'),
  k('client-cert-file', 'string', 'Path to an explicit client TLS certificate file (otherwise cert-file is used).'),
  k('client-key-file', 'string', 'Path to an explicit client TLS key file (otherwise key-file is used).'),
  k('client-cert-auth', 'bool', 'Require and verify client certificates.', { default: false }),
  k('trusted-ca-file', 'string', 'Path to the trusted CA bundle used to verify client certificates.'),
  k('auto-tls', 'bool', 'Use automatically generated self-signed certificates.', { default: false }),
  k('allowed-cn', 'list', 'Allowed certificate common names.'),
  k('allowed-hostname', 'list', 'Allowed certificate SAN hostnames.'),
  k('skip-client-san-verification', 'bool', 'Skip verification of the SAN field in client certificates.', {
    default: false,
    file: '3.6',
  }),
];

const SECURE_SUBKEYS: EtcdKeySpec[] = [
  k('cert', 'string', 'Client TLS certificate for the discovery service.'),
  k('key', 'string', 'Client TLS key for the discovery service.'),
  k('cacert', 'string', 'CA bundle to verify the discovery service.'),
  k('server-name', 'string', 'Server name for TLS verification.'),
  k('insecure-transport', 'bool', 'Disable transport security.', { default: true }),
  k('insecure-skip-tls-verify', 'bool', 'Skip server certificate verification (unsafe).', { default: false }),
];

const DISCOVERY_SUBKEYS: EtcdKeySpec[] = [
  k('token', 'string', 'V3 discovery token of the cluster to bootstrap.'),
  k('client', 'object', 'Client settings for the v3 discovery service.', {
    properties: [
      k('endpoints', 'list', 'gRPC endpoints of the discovery service.'),
      k('dial-timeout', 'duration', 'Dial timeout (integer nanoseconds).', { default: 2000 * NS }),
      k('request-timeout', 'duration', 'Request timeout (integer nanoseconds).', { default: 5000 * NS }),
      k('keepalive-time', 'duration', 'Keepalive time (integer nanoseconds).', { default: 2000 * NS }),
      k('keepalive-timeout', 'duration', 'Keepalive timeout (integer nanoseconds).', { default: 6000 * NS }),
      k('secure', 'object', 'TLS settings for the discovery client.', { properties: SECURE_SUBKEYS }),
      k('auth', 'object', 'Credentials for the discovery service.', {
        properties: [k('username', 'string', 'User name.'), k('password', 'string', 'Password.')],
      }),
    ],
  }),
];

const peerTls = (s: string): string =>
  `Flag form of peer-transport-security.${s}; in a config file use the \`peer-transport-security\` object.`;
const clientTls = (s: string): string =>
  `Flag form of client-transport-security.${s}; in a config file use the \`client-transport-security\` object.`;
const v35Proxy = 'removed in etcd 3.6 (v2 proxy); delete it';

export const ETCD_KEYS: EtcdKeySpec[] = [
  // member
  k('name', 'string', 'Human-readable name of this member; must match its entry in initial-cluster.', {
    default: 'default',
  }),
  k('data-dir', 'string', 'Path to the data directory (default `${name}.etcd`).'),
  k('wal-dir', 'string', 'Path to a dedicated WAL directory; a separate fast disk lowers fsync latency.'),
  k(
    'snapshot-count',
    'uint',
    'Committed transactions that trigger a snapshot to disk (3.6 default 10000; 3.5 default 100000).',
    { default: 10000 },
  ),
  ...renamed(
    'experimental-snapshot-catchup-entries',
    'uint',
    'Entries a slow follower may catch up after the raft log is compacted.',
    { default: 5000, file: false },
  ),
  k(
    'experimental-snapshot-catch-up-entries',
    'uint',
    'Config-file spelling of experimental-snapshot-catchup-entries. Deprecated in etcd 3.6: use `snapshot-catchup-entries`.',
    {
      default: 5000,
      flag: false,
      dep: 'deprecated in etcd 3.6 and removed in 3.7; use `snapshot-catchup-entries` (etcd 3.6+)',
      use: 'snapshot-catchup-entries',
    },
  ),
  k('max-snapshots', 'uint', 'Maximum number of snapshot files to retain (0 is unlimited).', {
    default: 5,
    dep: 'deprecated in etcd 3.6 and removed in 3.8; delete it',
  }),
  k('max-wals', 'uint', 'Maximum number of WAL files to retain (0 is unlimited).', { default: 5 }),
  k(
    'heartbeat-interval',
    'uint',
    'Time (in milliseconds) of a heartbeat interval; about the round-trip time between members (0.5-1.5x).',
    { default: 100, unit: 'ms', minimum: 1 },
  ),
  k(
    'election-timeout',
    'uint',
    `Time (in milliseconds) for an election to time out; at least 5x heartbeat-interval (hard), about 10x the round-trip time, at most ${ETCD_MAX_ELECTION_MS}.`,
    { default: 1000, unit: 'ms', minimum: 1 },
  ),
  k('initial-election-tick-advance', 'bool', 'Fast-forward initial election ticks on boot for faster election.', {
    default: true,
  }),
  k('backend-batch-interval', 'duration', 'Maximum time before committing the backend transaction (0 means 100ms).', {
    default: 0,
  }),
  k('backend-batch-limit', 'int', 'Maximum operations before committing the backend transaction (0 means 10000).', {
    default: 0,
  }),
  k('backend-bbolt-freelist-type', 'enum', 'Freelist type of the bbolt backend.', {
    default: 'map',
    enum: ['map', 'array'],
  }),
  k(
    'quota-backend-bytes',
    'int',
    'Raise alarms when the backend size exceeds this quota in bytes (0 means 2 GiB; more than 8 GiB is not recommended).',
    { default: 0, unit: 'bytes' },
  ),
  k('max-txn-ops', 'uint', 'Maximum number of operations permitted in a transaction.', { default: 128 }),
  k('max-request-bytes', 'uint', 'Maximum client request size in bytes the server will accept.', {
    default: 1572864,
    unit: 'bytes',
  }),
  k('max-concurrent-streams', 'uint', 'Maximum concurrent streams that each client can open at a time.', {
    default: 4294967295,
  }),
  k('max-learners', 'int', 'Maximum number of learners in the cluster membership.', {
    default: 1,
    file: '3.6',
    flag: '3.6',
  }),
  k('grpc-keepalive-min-time', 'duration', 'Minimum interval a client should wait before pinging the server.', {
    default: 5000 * NS,
  }),
  k(
    'grpc-keepalive-interval',
    'duration',
    'Frequency of server-to-client pings to check that a connection is alive (0 disables).',
    { default: 7_200_000 * NS },
  ),
  k('grpc-keepalive-timeout', 'duration', 'Additional wait before closing a non-responsive connection (0 disables).', {
    default: 20_000 * NS,
  }),
  k('socket-options', 'object', 'Socket options of the listeners.', {
    flag: false,
    properties: [
      k('reuse-port', 'bool', 'Set SO_REUSEPORT on listeners.', { default: false }),
      k('reuse-address', 'bool', 'Set SO_REUSEADDR on listeners.', { default: false }),
    ],
  }),
  k('socket-reuse-port', 'bool', 'Set SO_REUSEPORT on listeners (config file: socket-options.reuse-port).', {
    default: false,
    file: false,
  }),
  k('socket-reuse-address', 'bool', 'Set SO_REUSEADDR on listeners (config file: socket-options.reuse-address).', {
    default: false,
    file: false,
  }),
  k('raft-read-timeout', 'duration', 'Read timeout set on each rafthttp connection.', {
    default: 5000 * NS,
    file: false,
  }),
  k('raft-write-timeout', 'duration', 'Write timeout set on each rafthttp connection.', {
    default: 5000 * NS,
    file: false,
  }),
  // listening and advertising
  k('listen-peer-urls', 'urls', 'Comma-separated URLs to listen on for peer traffic.', {
    default: 'http://localhost:2380',
  }),
  k('listen-client-urls', 'urls', 'Comma-separated URLs to listen on for client traffic.', {
    default: 'http://localhost:2379',
  }),
  k('listen-client-http-urls', 'urls', 'Comma-separated URLs to listen on for HTTP-only client traffic.', {
    default: '',
  }),
  k('listen-metrics-urls', 'urls', 'Comma-separated URLs to listen on for the metrics and health endpoints.', {
    default: '',
  }),
  k(
    'initial-advertise-peer-urls',
    'urls',
    'Comma-separated peer URLs of this member to advertise to the rest of the cluster.',
    { default: 'http://localhost:2380' },
  ),
  k(
    'advertise-client-urls',
    'urls',
    'Comma-separated client URLs of this member to advertise to the public (required with listen-client-urls).',
    { default: 'http://localhost:2379' },
  ),
  // clustering
  k(
    'initial-cluster',
    'string',
    'Initial cluster configuration for bootstrapping: `name1=peerURL1,name2=peerURL2,...`.',
    { default: 'default=http://localhost:2380' },
  ),
  k(
    'initial-cluster-state',
    'enum',
    "Initial cluster state: 'new' when bootstrapping, 'existing' when joining an existing cluster.",
    { default: 'new', enum: ['new', 'existing'] },
  ),
  k('initial-cluster-token', 'string', 'Initial cluster token for the etcd cluster during bootstrap.', {
    default: 'etcd-cluster',
  }),
  k('strict-reconfig-check', 'bool', 'Reject reconfiguration requests that would cause quorum loss.', {
    default: true,
  }),
  k('pre-vote', 'bool', 'Enable the raft Pre-Vote algorithm to prevent disruption when a partitioned member rejoins.', {
    default: true,
  }),
  k('discovery', 'string', 'V2 discovery URL used to bootstrap the cluster (to be deprecated in 3.7).', {
    default: '',
  }),
  k('discovery-proxy', 'string', 'HTTP proxy to use for traffic to the discovery service (to be deprecated in 3.7).', {
    default: '',
  }),
  k('discovery-srv', 'string', 'DNS domain used to bootstrap the initial cluster.', { default: '' }),
  k('discovery-srv-name', 'string', 'Suffix of the DNS SRV name queried for discovery.', { default: '' }),
  k('discovery-fallback', 'enum', "Behaviour when discovery fails: 'exit' or 'proxy' (v2 proxy, removed in 3.6).", {
    default: 'exit',
    enum: ['exit', 'proxy'],
    file: '3.5',
  }),
  k('discovery-config', 'object', 'V3 discovery settings (token and client).', {
    flag: false,
    file: '3.6',
    properties: DISCOVERY_SUBKEYS,
  }),
  k(
    'discovery-endpoints',
    'csv',
    'V3 discovery: gRPC endpoints of the discovery service (config file: discovery-config.client.endpoints).',
    { file: false, flag: '3.6' },
  ),
  k('discovery-token', 'string', 'V3 discovery: discovery token (config file: discovery-config.token).', {
    file: false,
    flag: '3.6',
  }),
  k('discovery-dial-timeout', 'duration', 'V3 discovery: dial timeout.', {
    default: 2000 * NS,
    file: false,
    flag: '3.6',
  }),
  k('discovery-request-timeout', 'duration', 'V3 discovery: request timeout.', {
    default: 5000 * NS,
    file: false,
    flag: '3.6',
  }),
  k('discovery-keepalive-time', 'duration', 'V3 discovery: keepalive time.', {
    default: 2000 * NS,
    file: false,
    flag: '3.6',
  }),
  k('discovery-keepalive-timeout', 'duration', 'V3 discovery: keepalive timeout.', {
    default: 6000 * NS,
    file: false,
    flag: '3.6',
  }),
  k('discovery-insecure-transport', 'bool', 'V3 discovery: disable transport security.', {
    default: true,
    file: false,
    flag: '3.6',
  }),
  k('discovery-insecure-skip-tls-verify', 'bool', 'V3 discovery: skip server certificate verification.', {
    default: false,
    file: false,
    flag: '3.6',
  }),
  k('discovery-cert', 'string', 'V3 discovery: client TLS certificate.', { file: false, flag: '3.6' }),
  k('discovery-key', 'string', 'V3 discovery: client TLS key.', { file: false, flag: '3.6' }),
  k('discovery-cacert', 'string', 'V3 discovery: CA bundle.', { file: false, flag: '3.6' }),
  k('discovery-user', 'string', 'V3 discovery: username[:password].', { file: false, flag: '3.6' }),
  k('discovery-password', 'string', 'V3 discovery: password.', { file: false, flag: '3.6' }),
  k(
    'auto-compaction-mode',
    'enum',
    "Interpretation of auto-compaction-retention: 'periodic' (duration) or 'revision' (revision count).",
    { default: 'periodic', enum: ['periodic', 'revision'] },
  ),
  k(
    'auto-compaction-retention',
    'retention',
    'Auto compaction retention, a string: hours when a bare number in periodic mode (`"1"`), or a duration (`"30m"`); "0" disables. Quote it in a config file.',
    { default: '0' },
  ),
  // security
  k('client-transport-security', 'object', 'TLS settings for client traffic.', {
    flag: false,
    properties: TLS_SUBKEYS,
  }),
  k('peer-transport-security', 'object', 'TLS settings for peer traffic.', { flag: false, properties: TLS_SUBKEYS }),
  k('cert-file', 'string', clientTls('cert-file'), { file: false }),
  k('key-file', 'string', clientTls('key-file'), { file: false }),
  k('client-cert-file', 'string', clientTls('client-cert-file'), { file: false }),
  k('client-key-file', 'string', clientTls('client-key-file'), { file: false }),
  k('client-cert-auth', 'bool', clientTls('client-cert-auth'), { default: false, file: false }),
  k('client-crl-file', 'string', 'Path to the client certificate revocation list file.', { file: false }),
  k('client-cert-allowed-hostname', 'csv', 'Comma-separated allowed SAN hostnames for client cert authentication.', {
    file: false,
  }),
  k('trusted-ca-file', 'string', clientTls('trusted-ca-file'), { file: false }),
  k('auto-tls', 'bool', clientTls('auto-tls'), { default: false, file: false }),
  k('peer-cert-file', 'string', peerTls('cert-file'), { file: false }),
  k('peer-key-file', 'string', peerTls('key-file'), { file: false }),
  k('peer-client-cert-file', 'string', peerTls('client-cert-file'), { file: false }),
  k('peer-client-key-file', 'string', peerTls('client-key-file'), { file: false }),
  k('peer-client-cert-auth', 'bool', peerTls('client-cert-auth'), { default: false, file: false }),
  k('peer-trusted-ca-file', 'string', peerTls('trusted-ca-file'), { file: false }),
  k('peer-auto-tls', 'bool', peerTls('auto-tls'), { default: false, file: false }),
  k('peer-crl-file', 'string', 'Path to the peer certificate revocation list file.', { file: false }),
  k('peer-cert-allowed-cn', 'csv', 'Comma-separated allowed CNs for inter-peer TLS authentication.', { file: false }),
  k('peer-cert-allowed-hostname', 'csv', 'Comma-separated allowed SAN hostnames for inter-peer TLS authentication.', {
    file: false,
  }),
  k('peer-skip-client-san-verification', 'bool', peerTls('skip-client-san-verification'), {
    default: false,
    file: false,
    flag: '3.6',
  }),
  k(
    'experimental-peer-skip-client-san-verification',
    'bool',
    'Skip verification of the SAN field in peer client certificates. Deprecated in etcd 3.6: use peer-transport-security.skip-client-san-verification.',
    {
      default: false,
      file: '3.6',
      dep: 'deprecated in etcd 3.6 and removed in 3.7; use `--peer-skip-client-san-verification` (config file: peer-transport-security.skip-client-san-verification)',
    },
  ),
  k('self-signed-cert-validity', 'uint', 'Validity period of the self-signed client and peer certificates, in years.', {
    default: 1,
    unit: 'years',
  }),
  k('cipher-suites', 'list', 'Supported TLS cipher suites between client/server and peers (empty: Go defaults).'),
  k('tls-min-version', 'enum', 'Minimum TLS version supported by etcd.', {
    default: 'TLS1.2',
    enum: ['TLS1.2', 'TLS1.3'],
  }),
  k('tls-max-version', 'enum', 'Maximum TLS version supported by etcd (empty defers to Go).', {
    default: '',
    enum: ['', 'TLS1.2', 'TLS1.3'],
  }),
  k('cors', 'csv', 'Comma-separated white list of origins for CORS (empty or * means allow all).', { default: '*' }),
  k(
    'host-whitelist',
    'csv',
    'Comma-separated acceptable hostnames from HTTP client requests, if the server is not secure.',
    { default: '*' },
  ),
  // auth
  k(
    'auth-token',
    'string',
    "Auth token type and options: 'simple' or 'jwt,pub-key=...,priv-key=...,sign-method=...'.",
    { default: 'simple' },
  ),
  k('bcrypt-cost', 'uint', 'Bcrypt cost factor for auth password hashing.', { default: 10 }),
  k('auth-token-ttl', 'uint', 'Lifetime of the auth token, in seconds.', { default: 300, unit: 's' }),
  // logging and profiling
  k('enable-pprof', 'bool', 'Enable runtime profiling data via HTTP server at client URL + /debug/pprof/.', {
    default: false,
  }),
  k('metrics', 'enum', "Level of detail of exported metrics: 'basic' or 'extensive'.", {
    default: 'basic',
    enum: ['basic', 'extensive'],
  }),
  k('logger', 'enum', "Logger; only 'zap' is supported (capnslog was removed in 3.5).", {
    default: 'zap',
    enum: ['zap'],
  }),
  k('log-level', 'enum', 'Log level.', { default: 'info', enum: ['debug', 'info', 'warn', 'error', 'panic', 'fatal'] }),
  k('log-format', 'enum', 'Log format.', { default: 'json', enum: ['json', 'console'], file: '3.6', flag: '3.6' }),
  k('log-outputs', 'list', "Log outputs: 'default', 'stderr', 'stdout' or file paths.", { default: ['default'] }),
  k('enable-log-rotation', 'bool', 'Enable log rotation of a single log-outputs file target.', { default: false }),
  k('log-rotation-config-json', 'string', 'JSON configuration of log rotation.', {
    default: '{"maxsize": 100, "maxage": 0, "maxbackups": 0, "localtime": false, "compress": false}',
  }),
  k('enable-grpc-gateway', 'bool', 'Enable the gRPC gateway (JSON over HTTP).', { default: true }),
  ...renamed('experimental-enable-distributed-tracing', 'bool', 'Enable distributed tracing using OpenTelemetry.', {
    default: false,
  }),
  ...renamed('experimental-distributed-tracing-address', 'string', 'Address of the OpenTelemetry collector.', {
    default: 'localhost:4317',
  }),
  ...renamed(
    'experimental-distributed-tracing-service-name',
    'string',
    'Service name of this member in distributed tracing.',
    { default: 'etcd' },
  ),
  ...renamed(
    'experimental-distributed-tracing-instance-id',
    'string',
    'Service instance ID of this member in distributed tracing.',
    { default: '' },
  ),
  ...renamed('experimental-distributed-tracing-sampling-rate', 'int', 'Samples to collect per million spans.', {
    default: 0,
    unit: 'per million',
  }),
  // feature gates and experimental features
  k(
    'feature-gates',
    'csv',
    'Comma-separated `Gate=bool` pairs, e.g. `InitialCorruptCheck=true,CompactHashCheck=true`.',
    { default: '', file: '3.6', flag: '3.6' },
  ),
  gated(
    'experimental-initial-corrupt-check',
    'InitialCorruptCheck',
    'Check data corruption before serving any client or peer traffic.',
    false,
  ),
  gated(
    'experimental-compact-hash-check-enabled',
    'CompactHashCheck',
    'Leader periodically checks followers compaction hashes.',
    false,
  ),
  gated(
    'experimental-txn-mode-write-with-shared-buffer',
    'TxnModeWriteWithSharedBuffer',
    'Write transactions use a shared buffer in their read processes.',
    true,
  ),
  gated(
    'experimental-stop-grpc-service-on-defrag',
    'StopGRPCServiceOnDefrag',
    'Stop serving client gRPC requests during defragmentation.',
    false,
  ),
  k(
    'experimental-enable-lease-checkpoint',
    'bool',
    'Leader sends regular lease checkpoints to other members (feature gate LeaseCheckpoint in 3.6).',
    { default: false },
  ),
  k(
    'experimental-enable-lease-checkpoint-persist',
    'bool',
    'Persist lease remaining TTL (feature gate LeaseCheckpointPersist in 3.6).',
    { default: false },
  ),
  ...renamed('experimental-corrupt-check-time', 'duration', 'Duration between cluster corruption check passes.', {
    default: 0,
  }),
  ...renamed(
    'experimental-compact-hash-check-time',
    'duration',
    'Duration between leader checks of followers compaction hashes.',
    { default: 60_000 * NS },
  ),
  ...renamed('experimental-compaction-batch-limit', 'int', 'Maximum revisions deleted in each compaction batch.', {
    default: 1000,
  }),
  ...renamed('experimental-compaction-sleep-interval', 'duration', 'Sleep interval between compaction batches.', {
    default: 10 * NS,
  }),
  ...renamed(
    'experimental-watch-progress-notify-interval',
    'duration',
    'Duration of periodic watch progress notifications.',
    { default: 600_000 * NS },
  ),
  ...renamed('experimental-warning-apply-duration', 'duration', 'Apply duration after which a warning is logged.', {
    default: 100 * NS,
  }),
  ...renamed(
    'experimental-warning-unary-request-duration',
    'duration',
    'Unary request duration after which a warning is logged.',
    { default: 300 * NS, since36: true },
  ),
  ...renamed(
    'experimental-bootstrap-defrag-threshold-megabytes',
    'uint',
    'Defragment during bootstrap when this many megabytes would be freed (0 disables).',
    { default: 0, unit: 'MB' },
  ),
  ...renamed('experimental-downgrade-check-time', 'duration', 'Duration between two downgrade status checks.', {
    default: 5000 * NS,
  }),
  ...renamed('experimental-memory-mlock', 'bool', 'Keep etcd pages (in particular bbolt) in RAM.', { default: false }),
  // unsafe
  k(
    'unsafe-no-fsync',
    'bool',
    'Disables fsync: unsafe, a crash loses acknowledged writes. Never enable it in production.',
    { default: false },
  ),
  k(
    'force-new-cluster',
    'bool',
    'Force to create a new one-member cluster from existing data (recovery only; remove after use).',
    { default: false },
  ),
  // v2 and removed
  k(
    'v2-deprecation',
    'enum',
    'Phase of the v2store deprecation; etcd 3.6 enforces the default and ignores the value.',
    {
      default: 'write-only',
      enum: ['not-yet', 'write-only', 'write-only-drop-data', 'gone'],
      dep: 'deprecated in etcd 3.6 (removal in 3.8) and ignored; delete it',
    },
  ),
  k('enable-v2', 'bool', 'Accept etcd V2 client requests (etcd 3.5 only).', {
    default: false,
    file: '3.5',
    flag: '3.5',
    dep: 'deprecated in etcd 3.5 and removed in 3.6; delete it',
  }),
  k('experimental-enable-v2v3', 'string', 'Serve the v2 API on top of a v3 store prefix (etcd 3.5 only).', {
    file: '3.5',
    flag: '3.5',
    dep: 'deprecated in etcd 3.5 and removed in 3.6; delete it',
  }),
  k('proxy', 'enum', 'V2 proxy mode (etcd 3.5 only).', {
    default: 'off',
    enum: ['off', 'readonly', 'on'],
    file: '3.5',
    flag: '3.5',
    dep: v35Proxy,
  }),
  k('proxy-failure-wait', 'uint', 'V2 proxy: time (ms) an endpoint is held in a failed state (etcd 3.5 only).', {
    default: 5000,
    unit: 'ms',
    file: '3.5',
    flag: '3.5',
    dep: v35Proxy,
  }),
  k('proxy-refresh-interval', 'uint', 'V2 proxy: endpoints refresh interval in ms (etcd 3.5 only).', {
    default: 30000,
    unit: 'ms',
    file: '3.5',
    flag: '3.5',
    dep: v35Proxy,
  }),
  k('proxy-dial-timeout', 'uint', 'V2 proxy: dial timeout in ms (etcd 3.5 only).', {
    default: 1000,
    unit: 'ms',
    file: '3.5',
    flag: '3.5',
    dep: v35Proxy,
  }),
  k('proxy-write-timeout', 'uint', 'V2 proxy: write timeout in ms (etcd 3.5 only).', {
    default: 5000,
    unit: 'ms',
    file: '3.5',
    flag: '3.5',
    dep: v35Proxy,
  }),
  k('proxy-read-timeout', 'uint', 'V2 proxy: read timeout in ms (etcd 3.5 only).', {
    default: 0,
    unit: 'ms',
    file: '3.5',
    flag: '3.5',
    dep: v35Proxy,
  }),
  // command line only
  k('config-file', 'string', 'Path to a config file; when given, all other flags and ETCD_* env vars are ignored.', {
    file: false,
  }),
  k('version', 'bool', 'Print the version and exit.', { default: false, file: false }),
];

/** Flags etcd accepts and ignores (etcd 2 leftovers), so they are not reported as unknown. */
export const IGNORED_FLAGS = new Set([
  'cluster-active-size',
  'cluster-remove-delay',
  'cluster-sync-interval',
  'config',
  'force',
  'max-result-buffer',
  'max-retry-attempts',
  'peer-heartbeat-interval',
  'peer-election-timeout',
  'retry-interval',
  'snapshot',
  'v',
  'vv',
]);

/** Config-file keys by name (top level). */
export const CONFIG_FILE_KEYS: ReadonlyMap<string, EtcdKeySpec> = new Map(
  ETCD_KEYS.filter((s) => s.file !== false).map((s) => [s.name, s]),
);
/** Flags (also the source of ETCD_* env vars) by name without dashes. */
export const FLAG_KEYS: ReadonlyMap<string, EtcdKeySpec> = new Map(
  ETCD_KEYS.filter((s) => s.flag !== false).map((s) => [s.name, s]),
);

/** `ETCD_` + upper(flag with `-` → `_`), as etcd's pkg/flags FlagToEnv. */
export function flagToEnv(flag: string): string {
  return 'ETCD_' + flag.toUpperCase().replace(/-/g, '_');
}

const ENV_TO_FLAG: ReadonlyMap<string, string> = new Map([...FLAG_KEYS.keys()].map((f) => [flagToEnv(f), f]));

/** The flag an ETCD_* env var sets, if any. */
export function envToFlag(env: string): string | undefined {
  return ENV_TO_FLAG.get(env);
}

export const ENV_NAMES: readonly string[] = [...ENV_TO_FLAG.keys()];

/** Keys a config file should contain for a recogniser to call it an etcd config file. */
export const DISTINCTIVE_CONFIG_KEYS = new Set([
  'initial-cluster',
  'initial-cluster-state',
  'initial-cluster-token',
  'initial-advertise-peer-urls',
  'listen-peer-urls',
  'listen-client-urls',
  'advertise-client-urls',
  'heartbeat-interval',
  'election-timeout',
  'quota-backend-bytes',
  'snapshot-count',
  'auto-compaction-retention',
  'auto-compaction-mode',
  'client-transport-security',
  'peer-transport-security',
  'unsafe-no-fsync',
  'force-new-cluster',
]);

// ---- JSON Schema generation (the schema file is generated from the table above) ----

type JsonSchema = Record<string, unknown>;

function versionNote(spec: EtcdKeySpec): string {
  if (spec.file === '3.5') return ' (etcd 3.5 only)';
  if (spec.file === '3.6') return ' (etcd 3.6+)';
  return '';
}

function keySchema(spec: EtcdKeySpec): JsonSchema {
  const s: JsonSchema = {};
  const unit = spec.unit ? ` Unit: ${spec.unit}.` : '';
  let description = spec.description + unit + versionNote(spec);
  switch (spec.kind) {
    case 'string':
      s.type = 'string';
      break;
    case 'enum':
      s.type = 'string';
      s.enum = spec.enum;
      break;
    case 'bool':
      s.type = 'boolean';
      break;
    case 'uint':
      s.type = 'integer';
      s.minimum = spec.minimum ?? 0;
      break;
    case 'int':
      s.type = 'integer';
      if (spec.minimum !== undefined) s.minimum = spec.minimum;
      break;
    case 'duration':
      s.type = 'integer';
      description +=
        ' In a config file a duration is an integer number of nanoseconds (e.g. 600000000000 for 10m), not "10m".';
      break;
    case 'urls':
      s.type = 'string';
      description += ' A single comma-separated string, not a YAML list.';
      break;
    case 'csv':
    case 'retention':
      s.type = 'string';
      break;
    case 'list':
      s.type = 'array';
      s.items = { type: 'string' };
      break;
    case 'object': {
      s.type = 'object';
      const props: Record<string, JsonSchema> = {};
      for (const p of spec.properties ?? []) props[p.name] = keySchema(p);
      s.properties = props;
      s.additionalProperties = false;
      break;
    }
  }
  s.description = description;
  if (spec.default !== undefined) s.default = spec.default;
  if (spec.deprecated) s.deprecationMessage = `${spec.name} is ${spec.deprecated.message}.`;
  return s;
}

/** The JSON Schema of an etcd `--config-file` YAML, generated from ETCD_KEYS. */
export function buildEtcdConfigSchema(): JsonSchema {
  const properties: Record<string, JsonSchema> = {};
  for (const spec of ETCD_KEYS) if (spec.file !== false) properties[spec.name] = keySchema(spec);
  return {
    $schema: 'http://json-schema.org/draft-07/schema#',
    $id: 'https://etcd-capacity.invalid/schemas/etcd-config.schema.json',
    title: 'etcd configuration file (--config-file), etcd 3.5 and 3.6',
    description: `Keys of an etcd configuration file. etcd ignores unknown keys silently; durations are integer nanoseconds. Generated from server/src/analysis/etcdKeys.ts. See ${DOCS.configuration}`,
    type: 'object',
    properties,
    additionalProperties: false,
  };
}
