// docker-compose files whose services run etcd: `entrypoint`/`command` (a list, or a string split as a
// shell would), `environment` (a list of NAME=value or a map), anchors and `<<` merge keys (parse.ts).
// Services that share one initial-cluster are one cluster: its membership is judged once.
import {
  asMap,
  asSeq,
  getIn,
  getPair,
  keyText,
  mapPairs,
  nodeRange,
  scalarString,
  stringValue,
  type DocContext,
  type Node,
  type YAMLMap,
} from '../parse';
import type { DocumentFact, EtcdConfigFact, Finding } from '../types';
import { SettingsCollector } from './collector';
import { argItem, isTemplated, shellWords, type ArgItem } from './shellWords';
import { limited } from './yamlNodes';
import { addEnvMap } from './clusterApi';
import { findEtcdInvocation } from './workloads';

/** Words of a compose `entrypoint`/`command`: list items as they are, a string split into shell words. */
function words(ctx: DocContext, node: Node | undefined, findings: Finding[]): ArgItem[] {
  const seq = asSeq(ctx, node);
  if (seq) {
    return limited(ctx, findings, seq, 'command').flatMap((item) => {
      const text = scalarString(ctx, item);
      return text === undefined ? [] : [argItem(ctx, item as Node, text)];
    });
  }
  const text = scalarString(ctx, node);
  return text === undefined || !node ? [] : shellWords(ctx, node, text);
}

/** Detection: a top-level `services` map; each service whose entrypoint/command or image runs etcd. */
export function recogniseCompose(ctx: DocContext, root: YAMLMap, facts: DocumentFact[], findings: Finding[]): boolean {
  const services = asMap(ctx, getIn(ctx, root, 'services'));
  if (!services) return false;
  const found: EtcdConfigFact[] = [];
  for (const pair of limited(ctx, findings, mapPairs(ctx, services), 'services', 500)) {
    const serviceName = keyText(pair.key);
    const service = asMap(ctx, pair.value);
    if (!serviceName || !service) continue;
    const image = stringValue(ctx, getIn(ctx, service, 'image'));
    const entrypoint = words(ctx, getIn(ctx, service, 'entrypoint'), findings);
    const command = words(ctx, getIn(ctx, service, 'command'), findings);
    const all = [...entrypoint, ...command];
    const cmd = findEtcdInvocation(all, entrypoint.length > 0 ? entrypoint.length : command.length, image, (item) =>
      item.node ? shellWords(ctx, item.node, item.text) : [item],
    );
    if (!cmd) continue;
    const c = new SettingsCollector(ctx, findings);
    // Environment first: flags shadow the ETCD_* variables, as in etcd.
    const environment = getIn(ctx, service, 'environment');
    const envList = asSeq(ctx, environment);
    if (envList) for (const item of limited(ctx, findings, envList, 'environment')) c.addNameValueItem(item);
    const envMap = asMap(ctx, environment);
    if (envMap) addEnvMap(ctx, c, envMap);
    c.addArgs(cmd.args.filter((a) => !isTemplated(a.text)));
    const hasSettings = c.settings.length > 0 || cmd.binary;
    if (!hasSettings) continue;
    found.push(c.build('docker-compose', `docker-compose service ${serviceName}`, nodeRange(ctx, service)));
  }
  // One cluster per initial-cluster value: the first service states the membership, the others point at it.
  const firstWith = new Map<string, EtcdConfigFact>();
  for (const f of found) {
    const key = f.initialCluster
      ? f.initialCluster.value
          .map((m) => m.name)
          .sort()
          .join(',')
      : undefined;
    const first = key ? firstWith.get(key) : undefined;
    if (key && !first) firstWith.set(key, f);
    facts.push(first?.initialCluster ? { ...f, membershipStatedBy: first.initialCluster.range } : f);
  }
  return getPair(ctx, root, 'services') !== undefined && (found.length > 0 || looksLikeCompose(ctx, root));
}

/** A compose file without etcd is still a compose file (no other recogniser should take it). */
function looksLikeCompose(ctx: DocContext, root: YAMLMap): boolean {
  return mapPairs(ctx, root).every(
    (p) =>
      ['services', 'version', 'volumes', 'networks', 'configs', 'secrets', 'name', 'include'].includes(
        keyText(p.key) ?? '',
      ) || (keyText(p.key) ?? '').startsWith('x-'),
  );
}
