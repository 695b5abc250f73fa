// kubeadm ClusterConfiguration (v1beta3 map extraArgs, v1beta4 list extraArgs + extraEnvs) and
// Cluster API KubeadmControlPlane (spec.kubeadmConfigSpec.clusterConfiguration.etcd, spec.replicas).
import {
  asMap,
  getIn,
  getPair,
  isMap,
  isSeq,
  keyRange,
  nodeRange,
  stringValue,
  type DocContext,
  type Node,
  type YAMLMap,
} from '../parse';
import type { DocumentFact, EtcdConfigFact, Finding, Located } from '../types';
import { SettingsCollector } from './collector';
import { DOCS } from '../docs';
import { finding } from '../findings';
import { memberCountFrom } from './counts';

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
  replicas?: Located<number> & { source: string; computed?: boolean },
): void {
  const etcd = asMap(ctx, etcdNode);
  const c = new SettingsCollector(ctx, findings);
  const extra: Partial<EtcdConfigFact> = {};
  // External etcd runs elsewhere: its endpoints are client URLs (often placeholders or a load
  // balancer), not members, and nothing here configures it. No fact, so no member-count finding.
  if (asMap(ctx, getIn(ctx, etcd, 'external'))) return;
  const local = asMap(ctx, getIn(ctx, etcd, 'local'));
  // '' (a kind patch without apiVersion): either shape is accepted, as kind applies it to whichever version it
  // generates.
  const v1beta4 = /\/v1beta[4-9]$/.test(apiVersion);
  const anyShape = apiVersion === '';
  if (local) {
    const dataDir = getPair(ctx, local, 'dataDir');
    const dd = dataDir ? stringValue(ctx, dataDir.value) : undefined;
    if (dataDir && dd) c.addDerived('data-dir', dd, 'dataDir', nodeRange(ctx, dataDir.value), keyRange(ctx, dataDir));
    const extraArgsNode = getIn(ctx, local, 'extraArgs');
    if (extraArgsNode && isMap(extraArgsNode)) {
      if (v1beta4 && !anyShape)
        findings.push(
          shapeFinding(
            ctx,
            extraArgsNode,
            'In kubeadm.k8s.io/v1beta4, etcd.local.extraArgs is a list of {name, value} entries, not a map: kubeadm rejects this file.',
          ),
        );
      c.addExtraArgsMap(extraArgsNode as YAMLMap);
    } else if (extraArgsNode && isSeq(extraArgsNode)) {
      if (!v1beta4 && !anyShape)
        findings.push(
          shapeFinding(
            ctx,
            extraArgsNode,
            `In ${apiVersion}, etcd.local.extraArgs is a map of flag: "value", not a list: kubeadm rejects this file.`,
          ),
        );
      c.addExtraArgsList(extraArgsNode);
    }
    c.addEnvList(getIn(ctx, local, 'extraEnvs'));
  }
  if (replicas) extra.memberCount = replicas;
  const range = local ? nodeRange(ctx, local) : etcd ? nodeRange(ctx, etcd) : ownerRange;
  facts.push(c.build('kubeadm-cluster-configuration', label, range, extra));
}

function shapeFinding(ctx: DocContext, node: Node, message: string): Finding {
  return finding('invalid-config-value', nodeRange(ctx, node), message, { docsUrl: DOCS.kubeadm });
}

export function recogniseClusterConfiguration(
  ctx: DocContext,
  root: YAMLMap,
  apiVersion: string,
  facts: DocumentFact[],
  findings: Finding[],
  label = 'kubeadm ClusterConfiguration',
  memberCount?: Located<number> & { source: string; computed?: boolean },
): void {
  const pair = getPair(ctx, root, 'etcd');
  if (!pair) return; // no etcd section: nothing configured here
  recogniseKubeadmEtcd(ctx, pair.value as Node, apiVersion, label, nodeRange(ctx, root), facts, findings, memberCount);
}

export function recogniseKubeadmControlPlane(
  ctx: DocContext,
  root: YAMLMap,
  facts: DocumentFact[],
  findings: Finding[],
): void {
  const spec = getIn(ctx, root, 'spec');
  const cc = getIn(ctx, spec, 'kubeadmConfigSpec', 'clusterConfiguration');
  const apiVersion = stringValue(ctx, getIn(ctx, cc, 'apiVersion')) ?? '';
  const replicas = memberCountFrom(ctx, spec, 'replicas', 'KubeadmControlPlane replicas');
  const name = stringValue(ctx, getIn(ctx, root, 'metadata', 'name'));
  const etcd = getIn(ctx, cc, 'etcd');
  // CAPI's own v1beta1 KubeadmConfigSpec uses the v1beta3-style map for extraArgs; v1beta2 uses the list.
  const rootVersion = stringValue(ctx, getIn(ctx, root, 'apiVersion')) ?? '';
  const shape = /v1beta2$/.test(rootVersion) ? 'kubeadm.k8s.io/v1beta4' : apiVersion || 'kubeadm.k8s.io/v1beta3';
  recogniseKubeadmEtcd(
    ctx,
    etcd,
    shape,
    `KubeadmControlPlane ${name ?? '(unnamed)'}`,
    nodeRange(ctx, spec ?? root),
    facts,
    findings,
    replicas,
  );
}
