// Member lists as etcd parses them.
import type { InitialClusterMember } from '../types';

/** `n1=https://a:2380,n1=https://b:2380,n2=...` → members in first-seen order. */
export function parseInitialCluster(text: string): InitialClusterMember[] {
  const byName = new Map<string, InitialClusterMember>();
  for (const part of text.split(',')) {
    const eq = part.indexOf('=');
    if (eq <= 0) continue;
    const name = part.slice(0, eq).trim();
    const url = part.slice(eq + 1).trim();
    let m = byName.get(name);
    if (!m) byName.set(name, (m = { name, peerUrls: [] }));
    if (url) m.peerUrls.push(url);
  }
  return [...byName.values()];
}
