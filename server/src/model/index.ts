// The shared latency and quorum model: pure, deterministic, milliseconds throughout. See docs/model.md.
export * from './types';
export * from './errors';
export * from './calibration';
export * from './stats';
export * from './empirical';
export * from './topology';
export * from './quorum';
export * from './sequential';
export * from './raft';
export * from './throughput';
export * from './timers';
export * from './disk';
export * from './cluster';
export * from './floorFit';
export * from './measured';
