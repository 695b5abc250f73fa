// The validation matrix. RTTs are what the delay proxies are asked for; the model is fed what was measured.

export interface RttSpec {
  a: string;
  b: string;
  meanMs: number;
  sdMs: number;
}

export interface Scenario {
  name: string;
  description: string;
  /** Member name → site. Members are m1..mN in this order. */
  sites: string[];
  /** Site-pair RTTs (a === b for within a site); a pair not listed has 0 ms (proxy and veth only). */
  rtt: RttSpec[];
  /** Member (1-based index) that must lead. */
  leader: number;
  /** Member (1-based index) the client talks to. */
  via: number;
  clientSite: string;
  /** Delay strace adds to every fdatasync/fsync of every member, microseconds; null = no strace at all. */
  fsyncDelayUs: number | null;
  /**
   * In the --quick subset that CI runs: 3 and 5 members, leader and follower, and one slow disk (which exercises
   * the model's backend-commit term, see docs/validation.md).
   */
  quick?: boolean;
}

const FAST_US = 1000;
const SLOW_US = 10000;
const THREE_SITES: RttSpec[] = [
  { a: 'A', b: 'B', meanMs: 10, sdMs: 0 },
  { a: 'A', b: 'C', meanMs: 15, sdMs: 0 },
  { a: 'B', b: 'C', meanMs: 20, sdMs: 0 },
];
const WAN: RttSpec[] = [
  { a: 'A', b: 'B', meanMs: 30, sdMs: 4 },
  { a: 'A', b: 'C', meanMs: 50, sdMs: 6 },
  { a: 'B', b: 'C', meanMs: 70, sdMs: 8 },
  { a: 'A', b: 'A', meanMs: 1, sdMs: 0.3 },
  { a: 'B', b: 'B', meanMs: 1, sdMs: 0.3 },
];

export const SCENARIOS: Scenario[] = [
  {
    name: 'same-site-3-fast-leader',
    description: '3 members in one site (proxy and veth only), 1 ms fsync, client at the leader',
    sites: ['A', 'A', 'A'],
    rtt: [],
    leader: 1,
    via: 1,
    clientSite: 'A',
    fsyncDelayUs: FAST_US,
  },
  {
    name: 'same-site-3-slow-leader',
    description: '3 members in one site, 10 ms fsync, client at the leader',
    sites: ['A', 'A', 'A'],
    rtt: [],
    leader: 1,
    via: 1,
    clientSite: 'A',
    fsyncDelayUs: SLOW_US,
    quick: true,
  },
  {
    name: '3-sites-fast-leader',
    description: '3 sites, RTT A-B 10, A-C 15, B-C 20 ms, 1 ms fsync, leader in A, client in A',
    sites: ['A', 'B', 'C'],
    rtt: THREE_SITES,
    leader: 1,
    via: 1,
    clientSite: 'A',
    fsyncDelayUs: FAST_US,
  },
  {
    name: '3-sites-fast-follower',
    description: '3 sites 10/15/20 ms, 1 ms fsync, leader in A, client in B talking to the follower there',
    sites: ['A', 'B', 'C'],
    rtt: THREE_SITES,
    leader: 1,
    via: 2,
    clientSite: 'B',
    fsyncDelayUs: FAST_US,
    quick: true,
  },
  {
    name: '3-sites-slow-leader-C',
    description: '3 sites 10/15/20 ms, 10 ms fsync, leader in C (quorum over the 15 ms link), client in C',
    sites: ['A', 'B', 'C'],
    rtt: THREE_SITES,
    leader: 3,
    via: 3,
    clientSite: 'C',
    fsyncDelayUs: SLOW_US,
  },
  {
    name: 'wan-jitter-3-follower',
    description: 'wide area 30±4/50±6/70±8 ms, 1 ms fsync, leader in A, client in C at the follower',
    sites: ['A', 'B', 'C'],
    rtt: WAN,
    leader: 1,
    via: 3,
    clientSite: 'C',
    fsyncDelayUs: FAST_US,
  },
  {
    name: '5-members-3-sites-fast-leader',
    description: '5 members A,A,B,B,C at 10/15/20 ms, 1 ms fsync, leader in A, client in A',
    sites: ['A', 'A', 'B', 'B', 'C'],
    rtt: THREE_SITES,
    leader: 1,
    via: 1,
    clientSite: 'A',
    fsyncDelayUs: FAST_US,
    quick: true,
  },
  {
    name: '5-members-wan-slow-follower',
    description: '5 members A,A,B,B,C over the jittery wide area, 10 ms fsync, leader in A, client in B at a follower',
    sites: ['A', 'A', 'B', 'B', 'C'],
    rtt: WAN,
    leader: 1,
    via: 3,
    clientSite: 'B',
    fsyncDelayUs: SLOW_US,
  },
  {
    name: '5-members-same-site-slow-follower',
    description: '5 members in one site, 10 ms fsync, client at a follower',
    sites: ['A', 'A', 'A', 'A', 'A'],
    rtt: [],
    leader: 2,
    via: 4,
    clientSite: 'A',
    fsyncDelayUs: SLOW_US,
  },
];

/** Baselines (reported, not judged): what strace and the proxy cost by themselves. */
export const BASELINE_SITES = ['A', 'A', 'A'];
