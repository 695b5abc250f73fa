// Where an etcd container keeps its data: the volume mounted at (or above) its --data-dir / --wal-dir,
// followed to what decides the disk: an inline network volume (nfs, iscsi, rbd, cephfs, glusterfs...),
// a CSI driver, a PersistentVolumeClaim (resolved later, possibly in another file), a generic ephemeral
// volume's or a StatefulSet volumeClaimTemplate's StorageClass (or the default class when none is named).
import {
  asMap,
  getIn,
  getPair,
  keyRange,
  keyText,
  mapPairs,
  nodeRange,
  scalarString,
  stringValue,
  type DocContext,
  type Node,
  type YAMLMap,
} from '../parse';
import type { EtcdSetting, Finding, Range, StorageFact, StorageRisk } from '../types';
import { classifyProvisioner } from './storageClass';
import { listItems } from './yamlNodes';

/** In-tree volume sources and what they are for etcd's fsync (Kubernetes `VolumeSource` fields). */
const INLINE_VOLUMES: Record<string, StorageRisk> = {
  nfs: 'network-filesystem',
  cephfs: 'network-filesystem',
  glusterfs: 'network-filesystem',
  azureFile: 'network-filesystem',
  quobyte: 'network-filesystem',
  iscsi: 'network-block',
  rbd: 'network-block',
  fc: 'network-block',
  cinder: 'network-block',
  portworxVolume: 'network-block',
  storageos: 'network-block',
  scaleIO: 'network-block',
  flocker: 'network-block',
};

/** Volume sources that never hold a data dir worth judging (config, secrets, API data). */
const NOT_DATA = new Set(['configMap', 'secret', 'projected', 'downwardAPI', 'serviceAccountToken']);

interface Mount {
  name: string;
  path: string;
  pathRange: Range;
}

function lastSetting(settings: EtcdSetting[], flag: string): string | undefined {
  for (let i = settings.length - 1; i >= 0; i--) {
    const s = settings[i]!;
    if (s.flag === flag) return typeof s.raw === 'string' && s.raw !== '' ? s.raw : undefined;
  }
  return undefined;
}

function normalise(path: string): string {
  return path.length > 1 ? path.replace(/\/+$/, '') : path;
}

/** The mount whose path is the longest directory prefix of `dir`. */
function mountHolding(mounts: Mount[], dir: string): Mount | undefined {
  const target = normalise(dir);
  let best: Mount | undefined;
  for (const m of mounts) {
    const p = normalise(m.path);
    const holds = target === p || target.startsWith(p === '/' ? '/' : `${p}/`);
    if (holds && (!best || p.length > normalise(best.path).length)) best = m;
  }
  return best;
}

function volumeSourceKey(ctx: DocContext, volume: YAMLMap): string | undefined {
  for (const pair of mapPairs(ctx, volume)) {
    const k = keyText(pair.key);
    if (k !== undefined && k !== 'name') return k;
  }
  return undefined;
}

/** A claim template's class: named → resolve it; absent → the default class; `""` → no class (silent). */
function templateClass(
  ctx: DocContext,
  spec: unknown,
  where: Range,
  namespace: string | undefined,
): StorageFact | undefined {
  const node = getIn(ctx, spec, 'storageClassName');
  const name = scalarString(ctx, node);
  if (node && name !== undefined) {
    if (name === '') return undefined;
    return {
      described: { value: name, range: nodeRange(ctx, node as Node) },
      risk: 'unknown',
      describedAs: 'storage-class-name',
      ...(namespace ? { namespace } : {}),
    };
  }
  return {
    described: { value: '(default StorageClass)', range: where },
    risk: 'unknown',
    describedAs: 'default-storage-class',
    ...(namespace ? { namespace } : {}),
  };
}

/**
 * Storage behind the etcd data (and WAL) directories of `container` in `podSpec`. `root` is the
 * workload document (for StatefulSet volumeClaimTemplates). Returns undefined when no mount could be
 * tied to the data dir, so the caller can fall back to what the workload names without a mount.
 */
export function dataDirStorage(
  ctx: DocContext,
  root: YAMLMap,
  podSpec: YAMLMap,
  container: YAMLMap,
  settings: EtcdSetting[],
  namespace: string | undefined,
  findings: Finding[],
): StorageFact[] | undefined {
  const mounts: Mount[] = [];
  for (const item of listItems(ctx, findings, getIn(ctx, container, 'volumeMounts'), 'volumeMounts', 200)) {
    const name = stringValue(ctx, getIn(ctx, item, 'name'));
    const pathNode = getIn(ctx, item, 'mountPath');
    const path = stringValue(ctx, pathNode);
    if (name && path) mounts.push({ name, path, pathRange: nodeRange(ctx, pathNode) });
  }
  if (mounts.length === 0) return undefined;
  const volumes = new Map<string, YAMLMap>();
  for (const item of listItems(ctx, findings, getIn(ctx, podSpec, 'volumes'), 'volumes', 200)) {
    const volume = asMap(ctx, item);
    const name = volume && stringValue(ctx, getIn(ctx, volume, 'name'));
    if (volume && name && !volumes.has(name)) volumes.set(name, volume);
  }
  const templates = new Map<string, YAMLMap>();
  const claimTemplates = getIn(ctx, root, 'spec', 'volumeClaimTemplates');
  for (const item of listItems(ctx, findings, claimTemplates, 'volumeClaimTemplates', 50)) {
    const template = asMap(ctx, item);
    const name = template && stringValue(ctx, getIn(ctx, template, 'metadata', 'name'));
    if (template && name && !templates.has(name)) templates.set(name, template);
  }
  const isData = (m: Mount) => {
    const v = volumes.get(m.name);
    return v ? !NOT_DATA.has(volumeSourceKey(ctx, v) ?? '') : templates.has(m.name);
  };

  const chosen = new Set<Mount>();
  const dirs = [lastSetting(settings, 'data-dir'), lastSetting(settings, 'wal-dir')].filter((d): d is string => !!d);
  for (const dir of dirs) {
    const m = mountHolding(mounts, dir);
    if (m) chosen.add(m);
  }
  if (dirs.length === 0) {
    // No data dir written: etcd's default is relative to the working directory, so only a single
    // data volume can be the one.
    const data = mounts.filter(isData);
    if (data.length === 1) chosen.add(data[0]!);
  }
  if (chosen.size === 0) return undefined;

  const out: StorageFact[] = [];
  for (const mount of chosen) {
    const volume = volumes.get(mount.name);
    if (volume) {
      const fact = volumeStorage(ctx, volume, mount, namespace);
      if (fact) out.push(fact);
      continue;
    }
    const template = templates.get(mount.name);
    if (template) {
      const where = nodeRange(ctx, getIn(ctx, template, 'metadata', 'name'));
      const fact = templateClass(ctx, getIn(ctx, template, 'spec'), where, namespace);
      if (fact) out.push(fact);
    }
  }
  return out;
}

function volumeStorage(
  ctx: DocContext,
  volume: YAMLMap,
  mount: Mount,
  namespace: string | undefined,
): StorageFact | undefined {
  const key = volumeSourceKey(ctx, volume);
  if (key === undefined) return undefined;
  const pair = getPair(ctx, volume, key)!;
  const keyAt = keyRange(ctx, pair) ?? nodeRange(ctx, pair.value);
  if (key === 'persistentVolumeClaim') {
    const claim = getIn(ctx, pair.value, 'claimName');
    const name = stringValue(ctx, claim);
    if (!name) return undefined;
    return {
      described: { value: name, range: nodeRange(ctx, claim) },
      risk: 'unknown',
      describedAs: 'claim-name',
      ...(namespace ? { namespace } : {}),
    };
  }
  if (key === 'ephemeral')
    return templateClass(ctx, getIn(ctx, pair.value, 'volumeClaimTemplate', 'spec'), keyAt, namespace);
  if (key === 'csi') {
    const driverNode = getIn(ctx, pair.value, 'driver');
    const driver = stringValue(ctx, driverNode);
    if (!driver) return undefined;
    return {
      described: { value: driver, range: mount.pathRange },
      risk: classifyProvisioner(driver),
      describedAs: 'volume',
      decidedAt: { range: nodeRange(ctx, driverNode), message: `volume ${mount.name}: CSI driver ${driver}` },
    };
  }
  const risk = INLINE_VOLUMES[key];
  if (risk === undefined) return undefined;
  return {
    described: { value: key, range: mount.pathRange },
    risk,
    describedAs: 'volume',
    decidedAt: { range: keyAt, message: `volume ${mount.name}: ${key}` },
  };
}

/**
 * Helm values `persistence` (bitnami and charts that follow it): `storageClass: NAME` → that class;
 * absent, `""` or null → the cluster's default class (the chart then omits `storageClassName`);
 * `"-"` → no class (`storageClassName: ""`); `enabled: false` → an emptyDir, nothing to judge.
 */
export function helmPersistenceStorage(ctx: DocContext, values: YAMLMap): StorageFact[] | undefined {
  const pair = getPair(ctx, values, 'persistence');
  const persistence = pair && asMap(ctx, pair.value);
  if (!pair || !persistence) return undefined;
  const enabled = scalarString(ctx, getIn(ctx, persistence, 'enabled'));
  if (enabled === 'false') return undefined;
  const node = getIn(ctx, persistence, 'storageClass');
  const name = scalarString(ctx, node);
  if (name === '-') return undefined;
  if (node && name)
    return [
      { described: { value: name, range: nodeRange(ctx, node) }, risk: 'unknown', describedAs: 'storage-class-name' },
    ];
  const where = keyRange(ctx, pair) ?? nodeRange(ctx, pair.value);
  return [
    {
      described: { value: '(default StorageClass)', range: where },
      risk: 'unknown',
      describedAs: 'default-storage-class',
    },
  ];
}
