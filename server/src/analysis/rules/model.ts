// The rules' door to the shared model (server/src/model): quorum arithmetic and recommended timers come
// from there only. The model validates its input and throws on what it cannot use (a member without a
// site, a missing link); rules run on half-typed documents, so those cases read as "no recommendation".
import { recommendedTimers, type ModelCluster, type RecommendedTimers } from '../../model';

export { faultTolerance, quorumFacts, quorumSize, timersForRtt, ETCD_MAX_ELECTION_MS } from '../../model';

export function safeRecommendedTimers(cluster: ModelCluster | undefined): RecommendedTimers | undefined {
  if (!cluster) return undefined;
  try {
    return recommendedTimers(cluster);
  } catch {
    return undefined;
  }
}
