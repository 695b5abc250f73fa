// Inputs and outputs of the latency and quorum model. Pure data, milliseconds throughout.
// Nothing here knows about YAML, LSP or files: the analysis layer builds a ModelCluster from facts.

/**
 * A measured CDF: ascending `[ms, cumulative probability]` points ending at probability 1; between two points the
 * probability is spread uniformly (see empirical.ts).
 */
export type EmpiricalCdf = ReadonlyArray<readonly [number, number]>;

/**
 * A non-negative random duration described by its mean and standard deviation (ms). With `empirical`, the
 * latency model samples that measured CDF instead of a Gamma; mean and sd stay for the closed-form parts
 * (timer safety) and for display.
 */
export interface Dist {
  mean: number;
  sd: number;
  empirical?: EmpiricalCdf;
}

export interface ModelMember {
  name: string;
  site: string;
  /** Learners receive the log but never vote or count towards the quorum. */
  learner?: boolean;
  /** WAL fdatasync latency. */
  fsync: Dist;
}

/** Round-trip time between two sites; `a === b` is the RTT between members of one site. Symmetric. */
export interface ModelLink {
  a: string;
  b: string;
  rtt: Dist;
}

export interface ModelCluster {
  members: ModelMember[];
  links: ModelLink[];
  heartbeatMs: number;
  electionMs: number;
  /** RTT used for a pair of sites with no link (and within a site with no self-link). */
  defaultRtt?: Dist;
  /**
   * Time of one request besides the modelled network and disk terms: gRPC, raft processing, apply, waking the
   * request (default DEFAULT_REQUEST_FLOOR; `calibrate` replaces it with what a capture's puts show).
   */
  requestFloor?: Dist;
}

/** Where a write comes from: the leader, the client's site, and the member it talks to. */
export interface WriteScenario {
  leader: string;
  clientSite: string;
  /** The member the client's request reaches; defaults to the leader if it is in the client's site, else a voting
   * member of that site, else the leader. */
  via?: string;
}
