// etcd `--config-file` YAML: recognised by its keys, checked key by key.
import { distance } from 'fastest-levenshtein';
import { CONFIG_FILE_KEYS, DISTINCTIVE_CONFIG_KEYS } from '../etcdKeys';
import { documentRange, keyText, mapPairs, type DocContext, type YAMLMap } from '../parse';
import type { DocumentFact, Finding } from '../types';
import { SettingsCollector } from './collector';

const KNOWN_NAMES = [...CONFIG_FILE_KEYS.keys()];

/** A key within two edits of a known etcd key (only dashed names of some length, to stay specific). */
function nearMiss(key: string): string | undefined {
  if (key.length < 8 || !key.includes('-')) return undefined;
  for (const name of KNOWN_NAMES) {
    if (Math.abs(name.length - key.length) > 2) continue;
    if (distance(name, key) <= 2) return name;
  }
  return undefined;
}

/**
 * Detection: no apiVersion/kind, and either
 *  - a distinctive key (initial-cluster, listen-peer-urls, heartbeat-interval, ...) or a near miss of one,
 *    with at least two known-or-near keys in all; or
 *  - three known keys; or `name` with `data-dir`;
 * and known-or-near keys are at least half of all keys (so a big unrelated map with `name:` is not taken).
 */
export function looksLikeEtcdConfigFile(ctx: DocContext, map: YAMLMap): boolean {
  let known = 0;
  let near = 0;
  let distinctive = 0;
  let total = 0;
  let hasName = false;
  let hasDataDir = false;
  const pairs = mapPairs(ctx, map);
  for (const pair of pairs) {
    const key = keyText(pair.key);
    if (key === undefined) continue;
    total++;
    if (key === 'apiVersion' || key === 'kind') return false;
    if (CONFIG_FILE_KEYS.has(key)) {
      known++;
      if (DISTINCTIVE_CONFIG_KEYS.has(key)) distinctive++;
      if (key === 'name') hasName = true;
      if (key === 'data-dir') hasDataDir = true;
    } else if (total <= 400) {
      const n = nearMiss(key);
      if (n) {
        near++;
        if (DISTINCTIVE_CONFIG_KEYS.has(n)) distinctive++;
      }
    }
  }
  if (known === 0) return false;
  const etcdish = known + near;
  if (etcdish * 2 < total) return false;
  return (distinctive > 0 && etcdish >= 2) || known >= 3 || (hasName && hasDataDir);
}

export function recogniseConfigFile(ctx: DocContext, map: YAMLMap, facts: DocumentFact[], findings: Finding[]): void {
  const c = new SettingsCollector(ctx, findings);
  c.addConfigFileMap(map);
  facts.push(c.build('etcd-config-file', 'etcd config file', documentRange(ctx)));
}
