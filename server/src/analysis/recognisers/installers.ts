// Cluster installers and their own config files: k0s ClusterConfig, kops Cluster/InstanceGroup, RKE1
// cluster.yml, Rancher provisioning.cattle.io Cluster, OpenShift install-config.yaml and kubespray
// inventories and group/role variables. Field names follow each project's Go types / role defaults.
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
  type YAMLMap,
} from '../parse';
import type {
  ConfigMember,
  DocumentFact,
  EtcdConfigFact,
  Finding,
  InstanceGroupFact,
  Located,
  Range,
  StorageFact,
} from '../types';
import { SettingsCollector } from './collector';
import { DOCS } from '../docs';
import { finding } from '../findings';
import { argItem, isTemplated } from './shellWords';
import { limited, seqStrings } from './yamlNodes';
import { computedCount, memberCountFrom, memberCountOfPair } from './counts';
import { addEnvMap } from './clusterApi';
import { addK3sEtcdSettings } from './distros';
import { classifyCloudVolumeType } from './storageClass';

function name(ctx: DocContext, root: YAMLMap): string {
  return stringValue(ctx, getIn(ctx, root, 'metadata', 'name')) ?? '(unnamed)';
}

function locatedString(ctx: DocContext, node: unknown): Located<string> | undefined {
  const v = scalarString(ctx, node);
  return v === undefined || v === '' ? undefined : { value: v, range: nodeRange(ctx, node) };
}

// ---------- k0s ----------

/**
 * `k0s.k0sproject.io` ClusterConfig: `spec.storage` (type etcd, the default), `etcd.extraArgs` (a map
 * k0s turns into `--name=value`) and `etcd.rawArgs` (argv items appended after them). kine or an
 * `externalCluster` means k0s runs no etcd here.
 */
export function recogniseK0s(ctx: DocContext, root: YAMLMap, facts: DocumentFact[], findings: Finding[]): void {
  const fact = k0sEtcd(ctx, root, findings, `k0s ClusterConfig ${name(ctx, root)} (spec.storage.etcd)`);
  if (fact) facts.push(fact);
}

/** The etcd a k0s ClusterConfig runs (undefined for kine or an external cluster); a missing `spec.storage` is etcd. */
function k0sEtcd(
  ctx: DocContext,
  root: YAMLMap | undefined,
  findings: Finding[],
  label: string,
  whole?: Range,
  extra: Partial<EtcdConfigFact> = {},
): EtcdConfigFact | undefined {
  const storage = getIn(ctx, root, 'spec', 'storage');
  const type = stringValue(ctx, getIn(ctx, storage, 'type')) ?? 'etcd';
  const etcd = asMap(ctx, getIn(ctx, storage, 'etcd'));
  if (type !== 'etcd' || (etcd && getPair(ctx, etcd, 'externalCluster'))) return undefined;
  if (!etcd && !whole) return undefined; // a ClusterConfig without storage.etcd says nothing about etcd
  const c = new SettingsCollector(ctx, findings);
  const extraArgs = asMap(ctx, getIn(ctx, etcd, 'extraArgs'));
  if (extraArgs) c.addExtraArgsMap(extraArgs);
  const raw = asSeq(ctx, getIn(ctx, etcd, 'rawArgs'));
  if (raw) {
    const items = limited(ctx, findings, raw, 'rawArgs').flatMap((node) => {
      const text = scalarString(ctx, node);
      return text === undefined ? [] : [argItem(ctx, node as Node, text)];
    });
    c.addArgs(items);
  }
  return c.build('k0s', label, etcd ? nodeRange(ctx, etcd) : whole!, extra);
}

/** k0sctl roles whose hosts run a k0s controller, and so an etcd member (k0s's default storage). */
const K0S_CONTROLLER_ROLES = new Set(['controller', 'controller+worker', 'single']);

/**
 * `k0sctl.k0sproject.io` Cluster: the etcd members are the `spec.hosts` with a controller role (named by
 * `hostname`, else their ssh/winRM/localhost address), configured by the embedded ClusterConfig in
 * `spec.k0s.config` (absent: k0s defaults, which run etcd on the controllers).
 */
export function recogniseK0sctl(ctx: DocContext, root: YAMLMap, facts: DocumentFact[], findings: Finding[]): void {
  const spec = asMap(ctx, getIn(ctx, root, 'spec'));
  const hostsPair = getPair(ctx, spec, 'hosts');
  const hosts = asSeq(ctx, hostsPair?.value);
  const members: ConfigMember[] = [];
  for (const h of hosts ? limited(ctx, findings, hosts, 'hosts') : []) {
    const role = scalarString(ctx, getIn(ctx, h, 'role'));
    if (!role || !K0S_CONTROLLER_ROLES.has(role)) continue;
    const memberName =
      locatedString(ctx, getIn(ctx, h, 'hostname')) ??
      locatedString(ctx, getIn(ctx, h, 'ssh', 'address')) ??
      locatedString(ctx, getIn(ctx, h, 'winRM', 'address')) ??
      locatedString(ctx, getIn(ctx, h, 'openSSH', 'address')) ??
      (getPair(ctx, h, 'localhost')
        ? { value: 'localhost', range: nodeRange(ctx, getPair(ctx, h, 'localhost')!.key) }
        : undefined);
    if (memberName) members.push({ name: memberName });
  }
  const extra: Partial<EtcdConfigFact> = { members };
  if (hostsPair && hosts)
    extra.memberCount = computedCount(
      members.length,
      keyRange(ctx, hostsPair) ?? nodeRange(ctx, hosts),
      'k0sctl hosts with a controller role',
    );
  const config = asMap(ctx, getIn(ctx, spec, 'k0s', 'config'));
  const whole = nodeRange(ctx, hostsPair?.key ?? spec ?? root);
  const fact = k0sEtcd(ctx, config, findings, `k0sctl Cluster ${name(ctx, root)} (spec.k0s.config)`, whole, extra);
  if (fact && members.length > 0) facts.push(fact);
}

// ---------- kops ----------

/**
 * `kops.k8s.io` Cluster: one fact per `spec.etcdClusters` entry (main, events): its `etcdMembers`
 * (instance group, volumeType, volumeIops) and `manager.env` ETCD_* variables, which etcd-manager
 * passes to etcd. kops refuses `heartbeatInterval`/`leaderElectionTimeout` with etcd-manager.
 */
export function recogniseKopsCluster(ctx: DocContext, root: YAMLMap, facts: DocumentFact[], findings: Finding[]): void {
  const clusters = asSeq(ctx, getIn(ctx, root, 'spec', 'etcdClusters'));
  if (!clusters) return;
  for (const item of limited(ctx, findings, clusters, 'etcdClusters', 20)) {
    const spec = asMap(ctx, item);
    if (!spec) continue;
    const c = new SettingsCollector(ctx, findings);
    for (const [key, env] of [
      ['heartbeatInterval', 'ETCD_HEARTBEAT_INTERVAL'],
      ['leaderElectionTimeout', 'ETCD_ELECTION_TIMEOUT'],
    ] as const) {
      const pair = getPair(ctx, spec, key);
      if (!pair) continue;
      findings.push(
        finding(
          'invalid-config-value',
          keyRange(ctx, pair) ?? nodeRange(ctx, pair.value),
          `kops rejects etcdClusters.${key} ("${key === 'heartbeatInterval' ? 'HeartbeatInterval' : 'LeaderElectionTimeout'} not supported by etcd-manager"). Set ${env} (milliseconds) in manager.env instead.`,
          { docsUrl: DOCS.kops },
        ),
      );
    }
    c.addEnvList(getIn(ctx, spec, 'manager', 'env'));
    const membersPair = getPair(ctx, spec, 'etcdMembers');
    const seq = asSeq(ctx, membersPair?.value);
    const members: ConfigMember[] = [];
    const storage: StorageFact[] = [];
    for (const m of seq ? limited(ctx, findings, seq, 'etcdMembers', 100) : []) {
      const memberName = locatedString(ctx, getIn(ctx, m, 'name'));
      if (!memberName) continue;
      const member: ConfigMember = { name: memberName };
      const group = locatedString(ctx, getIn(ctx, m, 'instanceGroup'));
      if (group) member.group = group;
      const volumeType = locatedString(ctx, getIn(ctx, m, 'volumeType'));
      if (volumeType) {
        member.volumeType = volumeType;
        // etcd-manager puts this member's data on a volume of that type: an HDD type is etcd on spinning disks.
        storage.push({
          described: volumeType,
          risk: classifyCloudVolumeType(volumeType.value),
          describedAs: 'volume-type',
          decidedAt: {
            range: memberName.range,
            message: `etcd member ${memberName.value}: volumeType ${volumeType.value}`,
          },
        });
      }
      const iopsNode = getIn(ctx, m, 'volumeIops');
      const iops = numberValue(ctx, iopsNode);
      if (iops !== undefined) member.volumeIops = { value: iops, range: nodeRange(ctx, iopsNode) };
      members.push(member);
    }
    const clusterName = stringValue(ctx, getIn(ctx, spec, 'name')) ?? '?';
    const extra: Partial<EtcdConfigFact> = { members, ...(storage.length > 0 ? { storage } : {}) };
    if (membersPair && seq)
      extra.memberCount = computedCount(
        seq.items.length,
        keyRange(ctx, membersPair) ?? nodeRange(ctx, seq),
        `kops etcdMembers of ${clusterName}`,
      );
    facts.push(
      c.build('kops', `kops Cluster ${name(ctx, root)} etcd cluster ${clusterName}`, nodeRange(ctx, spec), extra),
    );
  }
}

/** `kops.k8s.io` InstanceGroup: its zones (`spec.zones`, else its `spec.subnets`, named after zones by default). */
export function recogniseKopsInstanceGroup(
  ctx: DocContext,
  root: YAMLMap,
  facts: DocumentFact[],
  findings: Finding[],
): void {
  const spec = getIn(ctx, root, 'spec');
  const igName = locatedString(ctx, getIn(ctx, root, 'metadata', 'name'));
  if (!igName) return;
  const zones = seqStrings(ctx, getIn(ctx, spec, 'zones'), findings);
  const where = zones.length > 0 ? zones : seqStrings(ctx, getIn(ctx, spec, 'subnets'), findings);
  const fact: InstanceGroupFact = {
    type: 'instance-group',
    documentIndex: ctx.index,
    range: nodeRange(ctx, root),
    name: igName,
    zones: where.map((z) => ({ value: z.text, range: nodeRange(ctx, z.node) })),
  };
  const role = stringValue(ctx, getIn(ctx, spec, 'role'));
  if (role) fact.role = role;
  facts.push(fact);
}

/**
 * Facts that need another document of the same file: a kops member's site is the zone of its
 * instance group when the group runs in exactly one zone. Returns copies; never mutates.
 */
export function linkInstanceGroups(facts: DocumentFact[]): DocumentFact[] {
  const zones = new Map<string, Located<string>[]>();
  for (const f of facts) if (f.type === 'instance-group') zones.set(f.name.value, f.zones);
  if (zones.size === 0) return facts;
  return facts.map((f) => {
    if (f.type !== 'etcd-config' || !f.members?.some((m) => m.group && !m.site)) return f;
    const members = f.members.map((m) => {
      const z = m.group ? zones.get(m.group.value) : undefined;
      return z && z.length === 1 && !m.site ? { ...m, site: z[0]! } : m;
    });
    return { ...f, members };
  });
}

// ---------- RKE1 cluster.yml ----------

/** Detection: `nodes` whose items have `address` and `role`, or `services.etcd` next to `nodes`. */
export function recogniseRke1(ctx: DocContext, root: YAMLMap, facts: DocumentFact[], findings: Finding[]): boolean {
  const nodesPair = getPair(ctx, root, 'nodes');
  const nodes = asSeq(ctx, nodesPair?.value);
  const etcdService = asMap(ctx, getIn(ctx, root, 'services', 'etcd'));
  const rkeNodes = nodes?.items.some((n) => getPair(ctx, n, 'address') && getPair(ctx, n, 'role')) ?? false;
  if (!rkeNodes && !(nodes && etcdService)) return false;
  if (etcdService && getPair(ctx, etcdService, 'external_urls')) return true; // external etcd: configured elsewhere
  const c = new SettingsCollector(ctx, findings);
  // rke cluster/defaults.go: etcd runs with heartbeat-interval 500 and election-timeout 5000 unless extra_args set
  // them.
  const at = nodeRange(ctx, nodesPair!.key);
  c.addDerived('heartbeat-interval', '500', 'RKE default', at);
  c.addDerived('election-timeout', '5000', 'RKE default', at);
  const args = asMap(ctx, getIn(ctx, etcdService, 'extra_args'));
  // RKE reads cluster.yml with a YAML decoder that accepts unquoted numbers for string values.
  if (args) c.addExtraArgsMap(args, undefined, false);
  const env = asSeq(ctx, getIn(ctx, etcdService, 'extra_env'));
  for (const item of env ? limited(ctx, findings, env, 'extra_env') : []) c.addNameValueItem(item);
  const members: ConfigMember[] = [];
  for (const n of nodes ? limited(ctx, findings, nodes, 'nodes') : []) {
    const roleNode = getIn(ctx, n, 'role');
    const roles = seqStrings(ctx, roleNode, findings).map((r) => r.text);
    const single = scalarString(ctx, roleNode);
    if (!roles.includes('etcd') && single !== 'etcd') continue;
    const memberName =
      locatedString(ctx, getIn(ctx, n, 'hostname_override')) ?? locatedString(ctx, getIn(ctx, n, 'address'));
    if (memberName) members.push({ name: memberName });
  }
  const extra: Partial<EtcdConfigFact> = { members };
  if (members.length > 0) extra.memberCount = computedCount(members.length, at, 'RKE nodes with the etcd role');
  facts.push(c.build('rke1', 'RKE cluster.yml (services.etcd)', nodeRange(ctx, etcdService ?? root), extra));
  return true;
}

// ---------- Rancher provisioning.cattle.io Cluster ----------

/**
 * `provisioning.cattle.io` Cluster: etcd members are the `spec.rkeConfig.machinePools` with
 * `etcdRole: true` (their `quantity`); `machineGlobalConfig` is the RKE2/k3s server config (`etcd-arg`).
 */
export function recogniseRancherCluster(
  ctx: DocContext,
  root: YAMLMap,
  facts: DocumentFact[],
  findings: Finding[],
): void {
  const rke = getIn(ctx, root, 'spec', 'rkeConfig');
  const poolsPair = getPair(ctx, rke, 'machinePools');
  const pools = asSeq(ctx, poolsPair?.value);
  const global = asMap(ctx, getIn(ctx, rke, 'machineGlobalConfig'));
  const etcdPools = (pools ? limited(ctx, findings, pools, 'machinePools', 200) : []).filter(
    (p) => (getIn(ctx, p, 'etcdRole') as { value?: unknown } | undefined)?.value === true,
  );
  if (etcdPools.length === 0 && !getPair(ctx, global, 'etcd-arg')) return;
  const c = new SettingsCollector(ctx, findings);
  addK3sEtcdSettings(ctx, c, global, nodeRange(ctx, poolsPair?.key ?? rke ?? root));
  const extra: Partial<EtcdConfigFact> = {};
  const quantities = etcdPools.map((p) => {
    const pair = getPair(ctx, p, 'quantity');
    return pair
      ? memberCountOfPair(
          ctx,
          pair,
          `machine pool ${stringValue(ctx, getIn(ctx, p, 'name')) ?? ''} quantity`.replace('  ', ' '),
        )
      : undefined;
  });
  if (quantities.length === 1 && quantities[0]) extra.memberCount = quantities[0];
  else if (quantities.length > 1 && quantities.every((q) => q)) {
    const total = quantities.reduce((sum, q) => sum + q!.value, 0);
    extra.memberCount = computedCount(
      total,
      keyRange(ctx, poolsPair!) ?? nodeRange(ctx, pools),
      'etcd machine pools (sum of quantity)',
    );
  }
  facts.push(c.build('rancher', `Rancher Cluster ${name(ctx, root)}`, nodeRange(ctx, rke ?? root), extra));
}

// ---------- OpenShift install-config.yaml ----------

/** Platforms where the etcd operator picks the Slower hardware profile when none is set (pkg/etcdenvvar). */
const SLOWER_PLATFORMS = ['azure', 'ibmcloud'];

/**
 * Detection: `baseDomain` and a `controlPlane` map (install-config.yaml has apiVersion v1 and no kind).
 * Members: `controlPlane.replicas`, plus `arbiter.replicas` (two-node OpenShift with an arbiter).
 */
export function recogniseInstallConfig(
  ctx: DocContext,
  root: YAMLMap,
  facts: DocumentFact[],
  findings: Finding[],
): boolean {
  const controlPlane = asMap(ctx, getIn(ctx, root, 'controlPlane'));
  if (!controlPlane || !getPair(ctx, root, 'baseDomain')) return false;
  const c = new SettingsCollector(ctx, findings);
  const platform = asMap(ctx, getIn(ctx, root, 'platform'));
  const platformName = platform ? (keyText(mapPairs(ctx, platform)[0]?.key) ?? '') : '';
  const slower = SLOWER_PLATFORMS.includes(platformName);
  const at = nodeRange(ctx, getPair(ctx, root, 'platform')?.key ?? controlPlane);
  const why = `OpenShift etcd on platform ${platformName || '(unset)'}: ${slower ? 'Slower' : 'Standard'} hardware speed`;
  c.addDerived('heartbeat-interval', slower ? '500' : '100', why, at);
  c.addDerived('election-timeout', slower ? '2500' : '1000', why, at);
  c.addDerived('quota-backend-bytes', String(8 * 1024 ** 3), 'OpenShift default backend quota (8 GiB)', at);
  const extra: Partial<EtcdConfigFact> = {};
  const masters = memberCountFrom(ctx, controlPlane, 'replicas', 'controlPlane.replicas');
  const arbiter = memberCountFrom(ctx, getIn(ctx, root, 'arbiter'), 'replicas', 'arbiter.replicas');
  if (masters && arbiter && arbiter.value > 0)
    extra.memberCount = computedCount(
      masters.value + arbiter.value,
      masters.range,
      'controlPlane.replicas + arbiter.replicas',
    );
  else if (masters) extra.memberCount = masters;
  facts.push(
    c.build(
      'openshift-install-config',
      `OpenShift install-config ${name(ctx, root)}`,
      nodeRange(ctx, controlPlane),
      extra,
    ),
  );
  return true;
}

// ---------- kubespray ----------

/** Kubespray variables (roles/etcd_defaults, roles/kubernetes/control-plane) and the etcd flags they set. */
const KUBESPRAY_VARS: Record<string, string> = {
  etcd_heartbeat_interval: 'heartbeat-interval',
  etcd_election_timeout: 'election-timeout',
  etcd_quota_backend_bytes: 'quota-backend-bytes',
  etcd_snapshot_count: 'snapshot-count',
  etcd_compaction_retention: 'auto-compaction-retention',
  etcd_max_request_bytes: 'max-request-bytes',
};

function hasKubesprayVars(ctx: DocContext, map: unknown): boolean {
  return Object.keys(KUBESPRAY_VARS).some((k) => getPair(ctx, map, k)) || !!getPair(ctx, map, 'etcd_extra_vars');
}

/** Kubespray variables of one map (a group_vars file, or an inventory group's `vars`). */
function addKubesprayVars(ctx: DocContext, c: SettingsCollector, vars: unknown): void {
  if (!asMap(ctx, vars)) return;
  for (const [key, flag] of Object.entries(KUBESPRAY_VARS)) {
    const pair = getPair(ctx, vars, key);
    const value = pair ? scalarString(ctx, pair.value) : undefined;
    if (!pair || value === undefined || isTemplated(value)) continue;
    const kr = keyRange(ctx, pair);
    c.addWritten({
      name: flag,
      writtenAs: key,
      origin: 'extra-args',
      value,
      range: nodeRange(ctx, pair.value),
      ...(kr ? { keyRange: kr } : {}),
    });
  }
  const extraVars = asMap(ctx, getIn(ctx, vars, 'etcd_extra_vars'));
  if (!extraVars) return;
  // Host deployments write these to etcd.env (ETCD_* names); kubeadm deployments make them extraArgs (flag names).
  addEnvMap(ctx, c, extraVars);
  for (const pair of limited(ctx, c.findings, mapPairs(ctx, extraVars), 'etcd_extra_vars')) {
    const key = keyText(pair.key);
    const value = scalarString(ctx, pair.value);
    if (!key || key.startsWith('ETCD_') || value === undefined || isTemplated(value)) continue;
    const kr = nodeRange(ctx, pair.key);
    c.addWritten({
      name: key,
      writtenAs: key,
      origin: 'extra-args',
      value,
      range: nodeRange(ctx, pair.value),
      keyRange: kr,
      nameRange: kr,
    });
  }
}

/** Every group defined anywhere in a YAML inventory, by name (Ansible merges a group's definitions). */
function inventoryGroups(ctx: DocContext, root: YAMLMap): Map<string, YAMLMap[]> {
  const groups = new Map<string, YAMLMap[]>();
  const stack: { name: string; map: YAMLMap; depth: number }[] = [];
  for (const p of mapPairs(ctx, root)) {
    const n = keyText(p.key);
    const m = asMap(ctx, p.value);
    if (n && m) stack.push({ name: n, map: m, depth: 0 });
  }
  let budget = 10000;
  while (stack.length > 0 && budget-- > 0) {
    const { name: groupName, map, depth } = stack.pop()!;
    groups.set(groupName, [...(groups.get(groupName) ?? []), map]);
    const children = asMap(ctx, getIn(ctx, map, 'children'));
    if (!children || depth > 32) continue;
    for (const p of mapPairs(ctx, children)) {
      const n = keyText(p.key);
      if (!n) continue;
      const m = asMap(ctx, p.value);
      if (m) stack.push({ name: n, map: m, depth: depth + 1 });
      else if (!groups.has(n)) groups.set(n, []);
    }
  }
  return groups;
}

/** Hosts of a group and of its children groups, each once. */
function groupHosts(ctx: DocContext, groups: Map<string, YAMLMap[]>, group: string): string[] {
  const hosts = new Set<string>();
  const seen = new Set<string>();
  const queue = [group];
  while (queue.length > 0 && seen.size < 1000) {
    const g = queue.shift()!;
    if (seen.has(g)) continue;
    seen.add(g);
    for (const def of groups.get(g) ?? []) {
      for (const p of mapPairs(ctx, asMap(ctx, getIn(ctx, def, 'hosts')) ?? ({ items: [] } as unknown as YAMLMap))) {
        const h = keyText(p.key);
        if (h) hosts.add(h);
      }
      for (const p of mapPairs(ctx, asMap(ctx, getIn(ctx, def, 'children')) ?? ({ items: [] } as unknown as YAMLMap))) {
        const child = keyText(p.key);
        if (child) queue.push(child);
      }
    }
  }
  return [...hosts];
}

/** The `etcd` key of the inventory (where the member count is reported). */
function etcdGroupKey(ctx: DocContext, root: YAMLMap): Range | undefined {
  const stack: { map: YAMLMap; depth: number }[] = [{ map: root, depth: 0 }];
  let budget = 10000;
  while (stack.length > 0 && budget-- > 0) {
    const { map, depth } = stack.pop()!;
    for (const p of mapPairs(ctx, map)) {
      if (keyText(p.key) === 'etcd' && depth > 0) return keyRange(ctx, p);
      const child = asMap(ctx, p.value);
      if (child && depth < 32 && (keyText(p.key) === 'children' || depth % 2 === 0))
        stack.push({ map: child, depth: depth + 1 });
    }
  }
  return undefined;
}

/**
 * Kubespray: a YAML inventory (`all:` with `children`, an `etcd` group) whose etcd hosts are the members,
 * and group/role variable files that set `etcd_heartbeat_interval`, `etcd_election_timeout`,
 * `etcd_quota_backend_bytes`... Kubespray's own defaults are heartbeat 250 ms and election 5000 ms.
 */
export function recogniseKubespray(
  ctx: DocContext,
  root: YAMLMap,
  facts: DocumentFact[],
  findings: Finding[],
): boolean {
  const all = asMap(ctx, getIn(ctx, root, 'all'));
  const inventory = all && (getPair(ctx, all, 'children') || getPair(ctx, all, 'hosts'));
  if (!inventory && !hasKubesprayVars(ctx, root)) return false;
  const c = new SettingsCollector(ctx, findings);
  const extra: Partial<EtcdConfigFact> = {};
  let label = 'kubespray variables';
  let anchor: Node = root;
  const addDefaults = (at: Range): void => {
    c.addDerived('heartbeat-interval', '250', 'kubespray default (etcd_heartbeat_interval)', at);
    c.addDerived('election-timeout', '5000', 'kubespray default (etcd_election_timeout)', at);
  };
  if (inventory) {
    const groups = inventoryGroups(ctx, root);
    if (!groups.has('etcd')) return true; // an inventory without an etcd group: nothing to judge
    const hosts = groupHosts(ctx, groups, 'etcd');
    const keyAt = etcdGroupKey(ctx, root);
    if (hosts.length > 0 && keyAt) {
      extra.memberCount = computedCount(hosts.length, keyAt, 'hosts in the kubespray etcd group');
      extra.members = hosts.map((h) => ({ name: { value: h, range: keyAt } }));
    }
    addDefaults(keyAt ?? nodeRange(ctx, all));
    for (const vars of [getIn(ctx, all, 'vars'), ...(groups.get('etcd') ?? []).map((g) => getIn(ctx, g, 'vars'))])
      addKubesprayVars(ctx, c, vars);
    label = 'kubespray inventory (etcd group)';
    anchor = all;
  } else {
    addDefaults(
      nodeRange(
        ctx,
        Object.keys(KUBESPRAY_VARS)
          .map((k) => getPair(ctx, root, k)?.key)
          .find((k) => k) ?? root,
      ),
    );
    addKubesprayVars(ctx, c, root);
  }
  facts.push(c.build('kubespray', label, nodeRange(ctx, anchor), extra));
  return true;
}
