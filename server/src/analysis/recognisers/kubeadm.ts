// kubeadm ClusterConfiguration (v1beta3 map extraArgs, v1beta4 list extraArgs + extraEnvs) and
// Cluster API KubeadmControlPlane (spec.kubeadmConfigSpec.clusterConfiguration.etcd, spec.replicas).
import {
  asMap,
  asSeq,
  getIn,
  getPair,
  isMap,
  isSeq,
  keyRange,
  nodeRange,
  numberValue,
  stringValue,
  type DocContext,
  type Node,
  type YAMLMap,
} from '../parse';
import type { DocumentFact, EtcdConfigFact, Finding, Located } from '../types';
import { SettingsCollector, located, makeFinding } from './collector';

export const KUBEADM_DOCS = 'https://kubernetes.io/docs/reference/config-api/kubeadm-config.v1beta4/#kubeadm-k8s-io-v1beta4-LocalEtcd';

function memberCountFrom(ctx: DocContext, owner: unknown, key: string, source: string): (Located<number> & { source: string }) | undefined {
  const pair = getPair(ctx, owner, key);
  if (!pair) return undefined;
  const n = numberValue(ctx, pair.value);
  if (n === undefined || !Number.isInteger(n)) return undefined;
  const kr = keyRange(ctx, pair);
  return { ...located(n, { range: nodeRange(ctx, pair.value), ...(kr ? { keyRange: kr } : {}) }), source };
}

/**
 * Recognises `etcd:` of a ClusterConfiguration. `apiVersion` decides the extraArgs shape;
 * the other shape is reported (kubeadm rejects it).
 */
export function recogniseKubeadmEtcd(
  ctx: DocContext,
  etcdNode: Node | undefined,
  apiVersion: string,
  label: string,
  ownerRange: ReturnType<typeof nodeRange>,
  facts: DocumentFact[],
  findings: Finding[],
  replicas?: Located<number> & { source: string },
): void {
  const etcd = asMap(ctx, etcdNode);
  const c = new SettingsCollector(ctx, findings);
  const extra: Partial<EtcdConfigFact> = {};
  const external = asMap(ctx, getIn(ctx, etcd, 'external'));
  if (external) {
    const endpoints = asSeq(ctx, getIn(ctx, external, 'endpoints'));
    const pair = getPair(ctx, external, 'endpoints');
    if (endpoints && pair) {
      const kr = keyRange(ctx, pair);
      extra.memberCount = {
        ...located(endpoints.items.length, { range: nodeRange(ctx, endpoints), ...(kr ? { keyRange: kr } : {}) }),
        source: 'external etcd endpoints',
      };
    }
    facts.push(c.build('kubeadm-cluster-configuration', `${label} (external etcd)`, nodeRange(ctx, external), extra));
    return;
  }
  const local = asMap(ctx, getIn(ctx, etcd, 'local'));
  const v1beta4 = /\/v1beta[4-9]$/.test(apiVersion);
  if (local) {
    const dataDir = getPair(ctx, local, 'dataDir');
    const dd = dataDir ? stringValue(ctx, dataDir.value) : undefined;
    if (dataDir && dd) c.addDerived('data-dir', dd, 'dataDir', nodeRange(ctx, dataDir.value), keyRange(ctx, dataDir));
    const extraArgsNode = getIn(ctx, local, 'extraArgs');
    if (extraArgsNode && isMap(extraArgsNode)) {
      if (v1beta4) findings.push(shapeFinding(ctx, extraArgsNode, 'In kubeadm.k8s.io/v1beta4, etcd.local.extraArgs is a list of {name, value} entries, not a map: kubeadm rejects this file.'));
      c.addExtraArgsMap(extraArgsNode as YAMLMap);
    } else if (extraArgsNode && isSeq(extraArgsNode)) {
      if (!v1beta4) findings.push(shapeFinding(ctx, extraArgsNode, `In ${apiVersion || 'kubeadm.k8s.io/v1beta3'}, etcd.local.extraArgs is a map of flag: "value", not a list: kubeadm rejects this file.`));
      c.addExtraArgsList(extraArgsNode);
    }
    c.addEnvList(getIn(ctx, local, 'extraEnvs'));
  }
  if (replicas) extra.memberCount = replicas;
  const range = local ? nodeRange(ctx, local) : etcd ? nodeRange(ctx, etcd) : ownerRange;
  facts.push(c.build('kubeadm-cluster-configuration', label, range, extra));
}

function shapeFinding(ctx: DocContext, node: Node, message: string): Finding {
  return makeFinding('invalid-config-value', 'error', message, nodeRange(ctx, node), KUBEADM_DOCS);
}

export function recogniseClusterConfiguration(ctx: DocContext, root: YAMLMap, apiVersion: string, facts: DocumentFact[], findings: Finding[]): void {
  const pair = getPair(ctx, root, 'etcd');
  if (!pair) return; // no etcd section: nothing configured here
  recogniseKubeadmEtcd(ctx, pair.value as Node, apiVersion, 'kubeadm ClusterConfiguration', nodeRange(ctx, root), facts, findings);
}

export function recogniseKubeadmControlPlane(ctx: DocContext, root: YAMLMap, facts: DocumentFact[], findings: Finding[]): void {
  const spec = getIn(ctx, root, 'spec');
  const cc = getIn(ctx, spec, 'kubeadmConfigSpec', 'clusterConfiguration');
  const apiVersion = stringValue(ctx, getIn(ctx, cc, 'apiVersion')) ?? '';
  const replicas = memberCountFrom(ctx, spec, 'replicas', 'KubeadmControlPlane replicas');
  const name = stringValue(ctx, getIn(ctx, root, 'metadata', 'name'));
  const etcd = getIn(ctx, cc, 'etcd');
  // CAPI's own v1beta1 KubeadmConfigSpec uses the v1beta3-style map for extraArgs; v1beta2 uses the list.
  const rootVersion = stringValue(ctx, getIn(ctx, root, 'apiVersion')) ?? '';
  const shape = /v1beta2$/.test(rootVersion) ? 'kubeadm.k8s.io/v1beta4' : apiVersion || 'kubeadm.k8s.io/v1beta3';
  recogniseKubeadmEtcd(ctx, etcd, shape, `KubeadmControlPlane ${name ?? '(unnamed)'}`, nodeRange(ctx, spec ?? root), facts, findings, replicas);
}

export { memberCountFrom };
