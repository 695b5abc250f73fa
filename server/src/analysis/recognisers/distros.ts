// Distribution configs and operators: Talos machine config, k3s/RKE2 config.yaml, OpenShift Etcd
// operator CR, bitnami etcd Helm values, EtcdCluster CRs (CoreOS, etcd-io, improbable) and Gardener Etcd.
import { envToFlag } from '../etcdKeys';
import {
  asMap,
  asSeq,
  getIn,
  getPair,
  keyRange,
  keyText,
  mapPairs,
  nodeRange,
  numberValue,
  scalarString,
  stringValue,
  type DocContext,
  type Node,
  type Pair,
  type YAMLMap,
} from '../parse';
import type { DocumentFact, EtcdConfigFact, Finding, Range, StorageFact } from '../types';
import { SettingsCollector, type CollectorOptions } from './collector';
import { DOCS } from '../docs';
import { finding } from '../findings';
import { limited } from './yamlNodes';
import { memberCountFrom } from './counts';
import { helmPersistenceStorage } from './storage';

const K3S_ARGS: CollectorOptions = { unknownEffect: 'the embedded etcd refuses to start' };

function classNameStorage(ctx: DocContext, owner: unknown, key: string): StorageFact[] | undefined {
  const node = getIn(ctx, owner, key);
  const name = scalarString(ctx, node);
  if (!node || name === undefined || name === '' || name === '-') return undefined;
  return [
    { described: { value: name, range: nodeRange(ctx, node) }, risk: 'unknown', describedAs: 'storage-class-name' },
  ];
}

// ---------- Talos ----------

/** Talos refuses these extraArgs (it sets them itself). */
const TALOS_FORBIDDEN = new Set([
  'name',
  'data-dir',
  'initial-cluster-state',
  'listen-peer-urls',
  'listen-client-urls',
  'cert-file',
  'key-file',
  'trusted-ca-file',
  'peer-client-cert-auth',
  'peer-cert-file',
  'peer-trusted-ca-file',
  'peer-key-file',
]);

/** Detection: a map with `machine` and `cluster`, and `cluster.etcd` a map (control-plane machine config). */
export function recogniseTalos(ctx: DocContext, root: YAMLMap, facts: DocumentFact[], findings: Finding[]): boolean {
  if (!getPair(ctx, root, 'machine') || !getPair(ctx, root, 'cluster')) return false;
  const etcd = asMap(ctx, getIn(ctx, root, 'cluster', 'etcd'));
  if (!etcd) return true; // a Talos config without etcd settings: nothing to say
  const c = new SettingsCollector(ctx, findings);
  const extra = asMap(ctx, getIn(ctx, etcd, 'extraArgs'));
  if (extra) {
    for (const p of mapPairs(ctx, extra)) {
      const k = keyText(p.key);
      const kr = keyRange(ctx, p);
      if (k && TALOS_FORBIDDEN.has(k) && kr)
        findings.push(
          finding(
            'invalid-config-value',
            kr,
            `Talos manages \`${k}\` itself and rejects it in cluster.etcd.extraArgs: remove it.`,
            { docsUrl: DOCS.talos },
          ),
        );
    }
    c.addExtraArgsMap(extra);
  }
  facts.push(c.build('talos', 'Talos machine config (cluster.etcd)', nodeRange(ctx, etcd)));
  return true;
}

// ---------- k3s / RKE2 ----------

/** Detection: top-level `etcd-arg`, `etcd-extra-env`, or `cluster-init: true` (embedded etcd server). */
export function recogniseK3s(ctx: DocContext, root: YAMLMap, facts: DocumentFact[], findings: Finding[]): boolean {
  const args = getPair(ctx, root, 'etcd-arg');
  const env = getPair(ctx, root, 'etcd-extra-env');
  const init = getPair(ctx, root, 'cluster-init');
  const initTrue = init ? (getIn(ctx, root, 'cluster-init') as { value?: unknown } | undefined)?.value === true : false;
  if (!args && !env && !initTrue) return false;
  const c = new SettingsCollector(ctx, findings);
  addK3sEtcdSettings(ctx, c, root, nodeRange(ctx, (args ?? env ?? init)!.key));
  facts.push(c.build('k3s-rke2', 'k3s/RKE2 embedded etcd', nodeRange(ctx, root)));
  return true;
}

/**
 * k3s/RKE2 server config keys `etcd-arg` (flag=value items) and `etcd-extra-env` (NAME=value items) of
 * `config`, after the embedded etcd's own defaults (k3s pkg/etcd: heartbeat 500 ms, election 5000 ms).
 */
export function addK3sEtcdSettings(
  ctx: DocContext,
  c: SettingsCollector,
  config: unknown,
  defaultsAt: Range,
  keys: { args: string; env?: string } = { args: 'etcd-arg', env: 'etcd-extra-env' },
): void {
  c.addDerived('heartbeat-interval', '500', 'k3s/RKE2 embedded etcd default', defaultsAt);
  c.addDerived('election-timeout', '5000', 'k3s/RKE2 embedded etcd default', defaultsAt);
  const args = getPair(ctx, config, keys.args);
  const env = keys.env ? getPair(ctx, config, keys.env) : undefined;
  if (args) {
    const seq = asSeq(ctx, args.value);
    if (seq) for (const item of limited(ctx, c.findings, seq, keys.args)) c.addKeyValueItem(item, 'flag', K3S_ARGS);
    else if (scalarString(ctx, args.value) !== undefined) c.addKeyValueItem(args.value, 'flag', K3S_ARGS);
  }
  if (env) {
    const seq = asSeq(ctx, env.value);
    for (const item of seq ? limited(ctx, c.findings, seq, keys.env ?? 'env') : [env.value]) c.addNameValueItem(item);
  }
}

// ---------- OpenShift ----------

const SPEEDS: Record<string, [string, string]> = {
  '': ['100', '1000'],
  Standard: ['100', '1000'],
  Slower: ['500', '2500'],
};

export function recogniseOpenShiftEtcd(
  ctx: DocContext,
  root: YAMLMap,
  facts: DocumentFact[],
  findings: Finding[],
): void {
  const spec = getIn(ctx, root, 'spec');
  const c = new SettingsCollector(ctx, findings);
  const speedPair = getPair(ctx, spec, 'controlPlaneHardwareSpeed');
  const speed = speedPair ? (stringValue(ctx, speedPair.value) ?? '') : '';
  const at = speedPair ? nodeRange(ctx, speedPair.value) : nodeRange(ctx, spec ?? root);
  const kr = speedPair ? keyRange(ctx, speedPair) : undefined;
  const timers = SPEEDS[speed];
  if (!timers) {
    findings.push(
      finding(
        'invalid-config-value',
        at,
        `controlPlaneHardwareSpeed must be "", Standard or Slower; the operator rejects \`${speed}\`.`,
        { docsUrl: DOCS.openShiftEtcd },
      ),
    );
  } else {
    const written = speedPair
      ? `controlPlaneHardwareSpeed: ${speed || '""'}`
      : 'controlPlaneHardwareSpeed (unset: Standard, or Slower on Azure and IBM Cloud VPC)';
    c.addDerived('heartbeat-interval', timers[0], written, at, kr);
    c.addDerived('election-timeout', timers[1], written, at, kr);
  }
  const quotaPair = getPair(ctx, spec, 'backendQuotaGiB');
  if (quotaPair) {
    const gib = numberValue(ctx, quotaPair.value);
    const r = nodeRange(ctx, quotaPair.value);
    if (gib === undefined || !Number.isInteger(gib) || gib < 8 || gib > 16)
      findings.push(
        finding(
          'invalid-config-value',
          r,
          'backendQuotaGiB must be a whole number from 8 to 16 (and can never be decreased).',
          { docsUrl: DOCS.openShiftEtcd },
        ),
      );
    if (gib !== undefined && Number.isInteger(gib))
      c.addDerived(
        'quota-backend-bytes',
        String(gib * 1024 ** 3),
        `backendQuotaGiB: ${gib}`,
        r,
        keyRange(ctx, quotaPair),
      );
  } else {
    c.addDerived(
      'quota-backend-bytes',
      String(8 * 1024 ** 3),
      'OpenShift default backend quota (8 GiB)',
      nodeRange(ctx, spec ?? root),
    );
  }
  facts.push(
    c.build(
      'openshift-etcd',
      `OpenShift Etcd ${stringValue(ctx, getIn(ctx, root, 'metadata', 'name')) ?? 'cluster'}`,
      nodeRange(ctx, root),
    ),
  );
}

// ---------- bitnami etcd Helm values ----------

const BITNAMI_KEYS = [
  'autoCompactionMode',
  'autoCompactionRetention',
  'initialClusterState',
  'removeMemberOnContainerTermination',
  'initialClusterToken',
  'disasterRecovery',
];
/** Chart values that the chart turns into ETCD_* variables. */
const BITNAMI_VALUES: Record<string, string> = {
  autoCompactionMode: 'auto-compaction-mode',
  autoCompactionRetention: 'auto-compaction-retention',
  initialClusterState: 'initial-cluster-state',
  initialClusterToken: 'initial-cluster-token',
  maxProcs: '',
};

function etcdEnvNames(ctx: DocContext, node: unknown): number {
  let n = 0;
  for (const item of asSeq(ctx, node)?.items.slice(0, 500) ?? []) {
    const name = stringValue(ctx, getIn(ctx, item, 'name'));
    if (name && envToFlag(name)) n++;
  }
  return n;
}

/**
 * `etcd:` of an umbrella chart's values is the etcd sub-chart when `enabled: true`; never when `enabled: false`;
 * otherwise unless it describes a client of an etcd elsewhere (`endpoints`, `host`, `hosts`, `external...`).
 */
function isEnabledSubChart(ctx: DocContext, values: YAMLMap): boolean {
  const enabled = (getIn(ctx, values, 'enabled') as { value?: unknown } | undefined)?.value;
  if (enabled === false) return false;
  if (enabled === true) return true; // the sub-chart runs; client keys next to it are for when it does not
  return !mapPairs(ctx, values).some((p) => /^(endpoints?|hosts?|external.*|url|urls)$/.test(keyText(p.key) ?? ''));
}

/**
 * Detection: `replicaCount` (or `statefulset.replicaCount`) together with bitnami etcd keys
 * (`autoCompactionMode`, `initialClusterState`, `removeMemberOnContainerTermination`, ...) or
 * `extraEnvVars` naming ETCD_* variables; at the root or under `etcd:` of an umbrella chart.
 */
export function recogniseBitnami(ctx: DocContext, root: YAMLMap, facts: DocumentFact[], findings: Finding[]): boolean {
  let taken = false;
  for (const [values, label] of [
    [root, 'bitnami etcd Helm values'],
    [asMap(ctx, getIn(ctx, root, 'etcd')), 'bitnami etcd Helm values (etcd:)'],
  ] as const) {
    if (!values) continue;
    const replicas =
      getPair(ctx, values, 'replicaCount') ?? getPair(ctx, getIn(ctx, values, 'statefulset'), 'replicaCount');
    const etcdish =
      BITNAMI_KEYS.some((k) => getPair(ctx, values, k)) || etcdEnvNames(ctx, getIn(ctx, values, 'extraEnvVars')) > 0;
    // An umbrella chart's `etcd:` sub-chart values: an override file may set only etcd.replicaCount.
    const subChart = values !== root && replicas !== undefined && isEnabledSubChart(ctx, values);
    if (!subChart && (!etcdish || (!replicas && !getPair(ctx, values, 'extraEnvVars')))) continue;
    if (values !== root && !isEnabledSubChart(ctx, values)) continue;
    taken = true;
    const c = new SettingsCollector(ctx, findings);
    for (const [key, flag] of Object.entries(BITNAMI_VALUES)) {
      const p = getPair(ctx, values, key);
      const v = p ? scalarString(ctx, p.value) : undefined;
      if (p && flag && v !== undefined && v !== '')
        c.addDerived(flag, v, key, nodeRange(ctx, p.value), keyRange(ctx, p));
    }
    c.addEnvList(getIn(ctx, values, 'extraEnvVars'));
    const extra: Partial<EtcdConfigFact> = {};
    if (replicas) {
      const owner = getPair(ctx, values, 'replicaCount') ? values : getIn(ctx, values, 'statefulset');
      const mc = memberCountFrom(ctx, owner, 'replicaCount', 'replicaCount');
      if (mc) extra.memberCount = mc;
    }
    const storage = helmPersistenceStorage(ctx, values);
    if (storage) extra.storage = storage;
    facts.push(c.build('bitnami-helm-values', label, nodeRange(ctx, values), extra));
  }
  return taken;
}

// ---------- EtcdCluster CRs and Gardener Etcd ----------

export function recogniseEtcdClusterCR(
  ctx: DocContext,
  root: YAMLMap,
  apiVersion: string,
  facts: DocumentFact[],
  findings: Finding[],
): boolean {
  const group = apiVersion.split('/')[0] ?? '';
  const spec = getIn(ctx, root, 'spec');
  const name = stringValue(ctx, getIn(ctx, root, 'metadata', 'name')) ?? '(unnamed)';
  const c = new SettingsCollector(ctx, findings);
  const extra: Partial<EtcdConfigFact> = {};
  let storage: StorageFact[] | undefined;
  switch (group) {
    case 'etcd.database.coreos.com': {
      const mc = memberCountFrom(ctx, spec, 'size', 'EtcdCluster size');
      if (mc) extra.memberCount = mc;
      c.addEnvList(getIn(ctx, spec, 'pod', 'etcdEnv'));
      storage = classNameStorage(ctx, getIn(ctx, spec, 'pod', 'persistentVolumeClaimSpec'), 'storageClassName');
      break;
    }
    case 'operator.etcd.io': {
      const mc = memberCountFrom(ctx, spec, 'size', 'EtcdCluster size');
      if (mc) extra.memberCount = mc;
      const options = asSeq(ctx, getIn(ctx, spec, 'etcdOptions'));
      for (const item of options ? limited(ctx, findings, options, 'etcdOptions') : []) c.addKeyValueItem(item, 'flag');
      storage = classNameStorage(ctx, getIn(ctx, spec, 'storageSpec'), 'storageClassName');
      break;
    }
    case 'etcd.improbable.io': {
      const mc = memberCountFrom(ctx, spec, 'replicas', 'EtcdCluster replicas');
      if (mc) extra.memberCount = mc;
      c.addEnvList(getIn(ctx, spec, 'podTemplate', 'etcdEnv'));
      storage = classNameStorage(ctx, getIn(ctx, spec, 'storage', 'volumeClaimTemplate'), 'storageClassName');
      break;
    }
    default:
      return false;
  }
  if (storage) extra.storage = storage;
  facts.push(c.build('etcd-cluster-cr', `EtcdCluster ${name} (${group})`, nodeRange(ctx, root), extra));
  return true;
}

export function recogniseGardenerEtcd(
  ctx: DocContext,
  root: YAMLMap,
  facts: DocumentFact[],
  findings: Finding[],
): void {
  const spec = getIn(ctx, root, 'spec');
  const c = new SettingsCollector(ctx, findings);
  const extra: Partial<EtcdConfigFact> = {};
  const mc = memberCountFrom(ctx, spec, 'replicas', 'Etcd replicas');
  if (mc) extra.memberCount = mc;
  const shared = getIn(ctx, spec, 'sharedConfig');
  for (const [key, flag] of [
    ['autoCompactionMode', 'auto-compaction-mode'],
    ['autoCompactionRetention', 'auto-compaction-retention'],
  ] as const) {
    const p = getPair(ctx, shared, key);
    const v = p ? scalarString(ctx, p.value) : undefined;
    if (p && v !== undefined) c.addDerived(flag, v, `sharedConfig.${key}`, nodeRange(ctx, p.value), keyRange(ctx, p));
  }
  const quota = getPair(ctx, getIn(ctx, spec, 'etcd'), 'quota');
  if (quota) {
    const q = scalarString(ctx, quota.value);
    const bytes = q !== undefined ? quantityBytes(q) : undefined;
    if (bytes !== undefined)
      c.addDerived(
        'quota-backend-bytes',
        String(bytes),
        `etcd.quota: ${q}`,
        nodeRange(ctx, quota.value),
        keyRange(ctx, quota),
      );
  }
  const storage = classNameStorage(ctx, spec, 'storageClass');
  if (storage) extra.storage = storage;
  facts.push(
    c.build(
      'etcd-cluster-cr',
      `Gardener Etcd ${stringValue(ctx, getIn(ctx, root, 'metadata', 'name')) ?? '(unnamed)'}`,
      nodeRange(ctx, root),
      extra,
    ),
  );
}

const QUANTITY: Record<string, number> = {
  '': 1,
  Ki: 1024,
  Mi: 1024 ** 2,
  Gi: 1024 ** 3,
  Ti: 1024 ** 4,
  k: 1e3,
  K: 1e3,
  M: 1e6,
  G: 1e9,
  T: 1e12,
};

/** Kubernetes resource quantity (8Gi, 500M, 1024) → bytes. */
export function quantityBytes(q: string): number | undefined {
  const m = /^\s*(\d+(?:\.\d+)?)\s*(Ki|Mi|Gi|Ti|k|K|M|G|T)?\s*$/.exec(q);
  if (!m) return undefined;
  return Math.round(Number(m[1]) * (QUANTITY[m[2] ?? ''] ?? 1));
}

export type { Node, Pair };
