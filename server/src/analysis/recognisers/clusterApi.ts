// Cluster API control planes and etcd providers beyond KubeadmControlPlane (kubeadm.ts):
// EtcdadmCluster (etcdadm provider, external etcd machines), RKE2ControlPlane (embedded etcd on every
// control-plane machine) and the EKS Anywhere Cluster (stacked, or external etcd machines).
import {
  asMap,
  getIn,
  getPair,
  isMap,
  keyText,
  mapPairs,
  nodeRange,
  scalarString,
  stringValue,
  type DocContext,
  type YAMLMap,
} from '../parse';
import type { DocumentFact, EtcdConfigFact, Finding } from '../types';
import { SettingsCollector } from './collector';
import { limited } from './yamlNodes';
import { memberCountFrom } from './counts';
import { addK3sEtcdSettings } from './distros';

function metaName(ctx: DocContext, root: YAMLMap): string {
  return stringValue(ctx, getIn(ctx, root, 'metadata', 'name')) ?? '(unnamed)';
}

/** `etcdcluster.cluster.x-k8s.io` EtcdadmCluster: `spec.replicas` etcd machines (its config spec has no etcd flags). */
export function recogniseEtcdadmCluster(
  ctx: DocContext,
  root: YAMLMap,
  facts: DocumentFact[],
  findings: Finding[],
): void {
  const spec = getIn(ctx, root, 'spec');
  const c = new SettingsCollector(ctx, findings);
  const extra: Partial<EtcdConfigFact> = {};
  const mc = memberCountFrom(ctx, spec, 'replicas', 'EtcdadmCluster replicas');
  if (mc) extra.memberCount = mc;
  facts.push(c.build('cluster-api', `EtcdadmCluster ${metaName(ctx, root)}`, nodeRange(ctx, root), extra));
}

/**
 * `controlplane.cluster.x-k8s.io` RKE2ControlPlane: `spec.replicas` servers, each an embedded etcd member;
 * `spec.serverConfig.etcd.customConfig.extraArgs` (flag=value items) and `extraEnv` (a map of variables).
 */
export function recogniseRke2ControlPlane(
  ctx: DocContext,
  root: YAMLMap,
  facts: DocumentFact[],
  findings: Finding[],
): void {
  const spec = getIn(ctx, root, 'spec');
  const c = new SettingsCollector(ctx, findings);
  const custom = getIn(ctx, spec, 'serverConfig', 'etcd', 'customConfig');
  // The same flag=value items as an RKE2 config.yaml's etcd-arg, under another name.
  addK3sEtcdSettings(ctx, c, custom, nodeRange(ctx, getPair(ctx, spec, 'replicas')?.key ?? spec ?? root), {
    args: 'extraArgs',
  });
  const env = asMap(ctx, getIn(ctx, custom, 'extraEnv'));
  if (env) addEnvMap(ctx, c, env);
  const extra: Partial<EtcdConfigFact> = {};
  const mc = memberCountFrom(ctx, spec, 'replicas', 'RKE2ControlPlane replicas');
  if (mc) extra.memberCount = mc;
  facts.push(c.build('cluster-api', `RKE2ControlPlane ${metaName(ctx, root)}`, nodeRange(ctx, root), extra));
}

/** A map of environment variables (`NAME: value`): ETCD_* entries become env settings. */
export function addEnvMap(ctx: DocContext, c: SettingsCollector, env: YAMLMap): void {
  for (const pair of limited(ctx, c.findings, mapPairs(ctx, env), 'environment')) {
    const name = keyText(pair.key);
    if (!name || !name.startsWith('ETCD_') || !pair.value || isMap(pair.value)) continue;
    const value = scalarString(ctx, pair.value);
    if (value === undefined || value.includes('${') || value.includes('{{')) continue;
    const kr = nodeRange(ctx, pair.key);
    c.addWritten({
      name,
      writtenAs: name,
      origin: 'env',
      value,
      range: nodeRange(ctx, pair.value),
      keyRange: kr,
      nameRange: kr,
    });
  }
}

/**
 * `anywhere.eks.amazonaws.com` Cluster: `spec.externalEtcdConfiguration.count` etcd machines (on its
 * `machineGroupRef`), or, without it, stacked etcd on `spec.controlPlaneConfiguration.count` machines.
 */
export function recogniseEksAnywhereCluster(
  ctx: DocContext,
  root: YAMLMap,
  facts: DocumentFact[],
  findings: Finding[],
): void {
  const spec = getIn(ctx, root, 'spec');
  const external = asMap(ctx, getIn(ctx, spec, 'externalEtcdConfiguration'));
  const c = new SettingsCollector(ctx, findings);
  const extra: Partial<EtcdConfigFact> = {};
  let label = `EKS Anywhere Cluster ${metaName(ctx, root)}`;
  if (external) {
    const mc = memberCountFrom(ctx, external, 'count', 'externalEtcdConfiguration.count');
    if (mc && mc.value > 0) extra.memberCount = mc;
    const group = stringValue(ctx, getIn(ctx, external, 'machineGroupRef', 'name'));
    const groupKind = stringValue(ctx, getIn(ctx, external, 'machineGroupRef', 'kind'));
    label += ` (external etcd${group ? ` on ${groupKind ? `${groupKind} ` : ''}${group}` : ''})`;
  } else {
    const mc = memberCountFrom(
      ctx,
      getIn(ctx, spec, 'controlPlaneConfiguration'),
      'count',
      'controlPlaneConfiguration.count (stacked etcd)',
    );
    if (!mc) return; // neither count written: nothing to judge
    extra.memberCount = mc;
    label += ' (stacked etcd)';
  }
  facts.push(c.build('eks-anywhere', label, nodeRange(ctx, external ?? root), extra));
}
