// The rules' door to the shared model (server/src/model): quorum arithmetic and recommended timers come
// from there only. The model validates its input and throws on what it cannot use (a member without a
// site, a missing link); rules run on half-typed documents, so those cases read as "no recommendation".
// Timer judgements and recommendations: ../timerChecks.ts, shared with the views.
export {
  faultTolerance,
  quorumFacts,
  quorumSize,
  ETCD_DEFAULT_ELECTION_MS,
  ETCD_DEFAULT_HEARTBEAT_MS,
  ETCD_MAX_ELECTION_MS,
  ETCD_MIN_ELECTION_TO_HEARTBEAT,
  timersForRtt,
} from '../../model';
export { safeRecommendedTimers, timerChecks, ELECTION_TO_RTT } from '../timerChecks';
