// Pods, static pod manifests and pod templates whose container runs etcd.
import { envToFlag } from '../etcdKeys';
import {
  asMap,
  asSeq,
  getIn,
  getPair,
  keyRange,
  nodeRange,
  numberValue,
  scalarString,
  stringValue,
  type DocContext,
  type Node,
  type YAMLMap,
} from '../parse';
import type { DocumentFact, EtcdConfigFact, Finding, StorageFact } from '../types';
import { SettingsCollector } from './collector';
import { argItem, shellWords, type ArgItem } from './shellWords';
import { limited, listItems, located, seqStrings } from './yamlNodes';
import { dataDirStorage } from './storage';

/** Kinds with a pod template, and the path to the pod spec. */
const POD_SPEC_PATHS: Record<string, string[]> = {
  Pod: ['spec'],
  PodTemplate: ['template', 'spec'],
  Deployment: ['spec', 'template', 'spec'],
  StatefulSet: ['spec', 'template', 'spec'],
  DaemonSet: ['spec', 'template', 'spec'],
  ReplicaSet: ['spec', 'template', 'spec'],
  ReplicationController: ['spec', 'template', 'spec'],
  Job: ['spec', 'template', 'spec'],
  CronJob: ['spec', 'jobTemplate', 'spec', 'template', 'spec'],
};

export function isWorkloadKind(kind: string): boolean {
  return Object.prototype.hasOwnProperty.call(POD_SPEC_PATHS, kind);
}

export const SHELLS = new Set(['sh', 'bash', 'ash', 'dash', 'zsh', 'busybox']);
/** Images and binaries named like etcd that do not run an etcd member. */
export const NOT_ETCD =
  /etcdctl|etcdutl|backup|restore|etcd-?druid|etcd-?operator|etcdbrctl|etcd-?manager-?ctl|etcd-?defrag|exporter|etcdkeeper|etcd-?browser|etcd-?walker|snapshot|e3w/i;

export function basename(path: string): string {
  const i = path.lastIndexOf('/');
  return i >= 0 ? path.slice(i + 1) : path;
}

/** The image name without registry path and tag: `registry.k8s.io/etcd:3.5.9-0` → `etcd`. */
export function imageName(image: string): string {
  const noDigest = image.split('@')[0] ?? image;
  const last = basename(noDigest);
  return last.split(':')[0] ?? last;
}

export interface EtcdCommand {
  /** Arguments after the etcd binary (flags). */
  args: ArgItem[];
  /** The etcd word itself, when it is in the command. */
  binary?: ArgItem;
}

/** Finds the etcd invocation in command + args: `etcd ...`, `/usr/local/bin/etcd ...`, or `sh -c "... etcd --x=y"`. */
function findEtcdCommand(ctx: DocContext, container: YAMLMap, image: string | undefined): EtcdCommand | undefined {
  const command = seqStrings(ctx, getIn(ctx, container, 'command'));
  const args = seqStrings(ctx, getIn(ctx, container, 'args'));
  const items = [...command, ...args].map((a) => argItem(ctx, a.node, a.text));
  return findEtcdInvocation(items, command.length, image, (item) =>
    item.node ? shellWords(ctx, item.node, item.text) : [item],
  );
}

/**
 * The etcd invocation in an argument vector (entrypoint/command words first): the etcd binary and the
 * flags after it, the etcd word inside a shell's `-c` script, or an etcd image's default entrypoint
 * given flag arguments. `commandLength` is how many leading words replace the image's entrypoint.
 */
export function findEtcdInvocation(
  items: ArgItem[],
  commandLength: number,
  image: string | undefined,
  splitScript: (item: ArgItem) => ArgItem[],
): EtcdCommand | undefined {
  if (items.length > 0) {
    const first = basename(items[0]!.text);
    if (first === 'etcd') return { args: items.slice(1), binary: items[0]! };
    if (SHELLS.has(first)) {
      for (const a of items.slice(1)) {
        if (!/(^|[\s/;&|(])etcd(\s|$)/.test(a.text)) continue;
        const words = splitScript(a);
        const i = words.findIndex((w) => basename(w.text) === 'etcd');
        if (i >= 0) return { args: words.slice(i + 1), binary: words[i]! };
      }
      return undefined;
    }
    if (NOT_ETCD.test(first)) return undefined;
  }
  // No etcd binary in the command: an etcd image with its default entrypoint and flag args.
  const name = image ? imageName(image) : '';
  if (!name.includes('etcd') || NOT_ETCD.test(name)) return undefined;
  if (commandLength > 0 && !items[0]!.text.startsWith('-')) return undefined;
  const start = items.findIndex((i) => i.text.startsWith('-'));
  return { args: start >= 0 ? items.slice(start) : [] };
}

function hasEtcdEnv(ctx: DocContext, container: YAMLMap): boolean {
  const env = asSeq(ctx, getIn(ctx, container, 'env'));
  if (!env) return false;
  return env.items.some((i) => {
    const n = stringValue(ctx, getIn(ctx, i, 'name'));
    return n !== undefined && envToFlag(n) !== undefined;
  });
}

function metaLabel(ctx: DocContext, root: YAMLMap, kind: string): string {
  const name = stringValue(ctx, getIn(ctx, root, 'metadata', 'name'));
  const ns = stringValue(ctx, getIn(ctx, root, 'metadata', 'namespace'));
  return `${kind} ${ns ? `${ns}/` : ''}${name ?? '(unnamed)'}`;
}

export function recogniseWorkload(
  ctx: DocContext,
  root: YAMLMap,
  kind: string,
  facts: DocumentFact[],
  findings: Finding[],
): void {
  const path = POD_SPEC_PATHS[kind];
  if (!path) return;
  const podSpec = asMap(ctx, getIn(ctx, root, ...path));
  if (!podSpec) return;
  const containers = asSeq(ctx, getIn(ctx, podSpec, 'containers'));
  if (!containers) return;
  const label = metaLabel(ctx, root, kind);
  const found: { container: YAMLMap; cmd: EtcdCommand | undefined; name: string | undefined }[] = [];
  for (const item of limited(ctx, findings, containers, 'containers', 100)) {
    const container = asMap(ctx, item);
    if (!container) continue;
    const image = stringValue(ctx, getIn(ctx, container, 'image'));
    const cmd = findEtcdCommand(ctx, container, image);
    const name = stringValue(ctx, getIn(ctx, container, 'name'));
    if (cmd && (cmd.binary || cmd.args.length > 0 || hasEtcdEnv(ctx, container))) {
      found.push({ container, cmd, name });
    } else if (
      !cmd &&
      image &&
      imageName(image).includes('etcd') &&
      !NOT_ETCD.test(imageName(image)) &&
      hasEtcdEnv(ctx, container) &&
      !getIn(ctx, container, 'command')
    ) {
      found.push({ container, cmd: undefined, name });
    }
  }
  for (const { container, cmd, name } of found) {
    const c = new SettingsCollector(ctx, findings);
    // Env vars first: flags written later shadow them, as etcd does.
    c.addEnvList(getIn(ctx, container, 'env'));
    if (cmd) c.addArgs(cmd.args);
    const extra: Partial<EtcdConfigFact> = {};
    if (kind === 'StatefulSet' || kind === 'Deployment' || kind === 'ReplicaSet') {
      const replicasPair = getPair(ctx, getIn(ctx, root, 'spec'), 'replicas');
      const replicas = replicasPair ? numberValue(ctx, replicasPair.value) : undefined;
      if (replicasPair && replicas !== undefined && Number.isInteger(replicas)) {
        const kr = keyRange(ctx, replicasPair);
        extra.memberCount = {
          ...located(replicas, { range: nodeRange(ctx, replicasPair.value), ...(kr ? { keyRange: kr } : {}) }),
          source: `${kind} replicas`,
        };
      }
    }
    const fullLabel = found.length > 1 || (name && name !== 'etcd') ? `${label} (container ${name ?? '?'})` : label;
    const fact = c.build(kind === 'Pod' ? 'pod' : 'workload', fullLabel, nodeRange(ctx, container), extra);
    const namespace = stringValue(ctx, getIn(ctx, root, 'metadata', 'namespace'));
    // The volume behind the data dir; without one tied to it, every class a StatefulSet names.
    const storage =
      dataDirStorage(ctx, root, podSpec, container, fact.settings, namespace, findings) ??
      (kind === 'StatefulSet' ? volumeClaimStorage(ctx, root, findings) : []);
    if (storage.length) fact.storage = storage;
    facts.push(fact);
  }
}

/** StatefulSet volumeClaimTemplates[].spec.storageClassName, to be resolved against StorageClass facts. */
function volumeClaimStorage(ctx: DocContext, root: YAMLMap, findings: Finding[]): StorageFact[] {
  const out: StorageFact[] = [];
  const templates = getIn(ctx, root, 'spec', 'volumeClaimTemplates');
  for (const t of listItems(ctx, findings, templates, 'volumeClaimTemplates', 50)) {
    const node = getIn(ctx, t, 'spec', 'storageClassName');
    const name = scalarString(ctx, node);
    if (name === undefined || name === '') continue;
    out.push({
      described: { value: name, range: nodeRange(ctx, node as Node) },
      risk: 'unknown',
      describedAs: 'storage-class-name',
    });
  }
  return out;
}
