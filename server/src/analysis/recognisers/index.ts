// Entry point: YAML text → typed etcd facts with source ranges, plus config-level findings.
// Documents are recognised by content (apiVersion, kind, keys, container command), never by file name.
// Anything that does not configure etcd yields no fact and no finding. Never throws.
import {
  asMap,
  collectComments,
  documentRange,
  getIn,
  offsetRange,
  positionAt,
  stringValue,
  parseFile,
  type DocContext,
  type YAMLMap,
} from '../parse';
import { analysedLength, checkText, MAX_ANALYSED_CHARS, splitDocuments } from '../documents';
import type { DocumentFact, Finding, Located } from '../types';
import { DOCS } from '../docs';
import { firstLine, splitLines, withLoneCrAsLf } from '../lines';
import { finding } from '../findings';
import { limited } from './yamlNodes';
import { looksLikeEtcdConfigFile, recogniseConfigFile } from './configFile';
import { recogniseClusterConfiguration, recogniseKubeadmControlPlane } from './kubeadm';
import {
  recogniseBitnami,
  recogniseEtcdClusterCR,
  recogniseGardenerEtcd,
  recogniseK3s,
  recogniseOpenShiftEtcd,
  recogniseTalos,
} from './distros';
import { recogniseEksAnywhereCluster, recogniseEtcdadmCluster, recogniseRke2ControlPlane } from './clusterApi';
import { recogniseCompose } from './compose';
import {
  linkInstanceGroups,
  recogniseInstallConfig,
  recogniseK0s,
  recogniseK0sctl,
  recogniseKopsCluster,
  recogniseKopsInstanceGroup,
  recogniseKubespray,
  recogniseRancherCluster,
  recogniseRke1,
} from './installers';
import { recogniseKindCluster } from './kind';
import { recognisePersistentVolumeClaim, recogniseStorageClass } from './storageClass';
import { recogniseTopology } from './topology';
import { isWorkloadKind, recogniseWorkload } from './workloads';

export {
  classifyCloudVolumeType,
  classifyProvisioner,
  classifyStorageType,
  KNOWN_PROVISIONERS,
  KNOWN_STORAGE_TYPES,
} from './storageClass';

export interface RecognisedFile {
  /** Every recognised etcd config / topology / StorageClass, in document order. */
  facts: DocumentFact[];
  /** yaml-syntax, schema, unknown-config-key, invalid-config-value and deprecated-config-key findings. */
  findings: Finding[];
  documentCount: number;
  /** All comments (for suppression / topology pointers). */
  comments: { line: number; text: string }[];
  /** The line each YAML document starts at, as the parser split them (`---`, `...`, directives). */
  docStartLines: number[];
}

/** Recognisers for documents with `apiVersion`/`kind`, tried in order; each returns true when it took the document. */
type KindRecogniser = (
  ctx: DocContext,
  root: YAMLMap,
  apiVersion: string,
  kind: string,
  facts: DocumentFact[],
  findings: Finding[],
) => boolean;
/** Recognisers for plain YAML (config files, Helm values, distro configs). */
type PlainRecogniser = (ctx: DocContext, root: YAMLMap, facts: DocumentFact[], findings: Finding[]) => boolean;

const kindRecognisers: KindRecogniser[] = [
  (ctx, root, apiVersion, kind, facts, findings) => {
    if (kind !== 'EtcdTopology' || !apiVersion.startsWith('etcd-capacity/')) return false;
    recogniseTopology(ctx, root, facts, findings);
    return true;
  },
  (ctx, root, apiVersion, kind, facts, findings) => {
    if (kind !== 'StorageClass' || !apiVersion.startsWith('storage.k8s.io/')) return false;
    recogniseStorageClass(ctx, root, facts, findings);
    return true;
  },
  (ctx, root, apiVersion, kind, facts) => {
    if (kind !== 'PersistentVolumeClaim' || apiVersion !== 'v1') return false;
    recognisePersistentVolumeClaim(ctx, root, facts);
    return true;
  },
  (ctx, root, apiVersion, kind, facts, findings) => {
    if (!isWorkloadKind(kind)) return false;
    recogniseWorkload(ctx, root, kind, facts, findings);
    return true;
  },
  (ctx, root, apiVersion, kind, facts, findings) => {
    if (kind !== 'ClusterConfiguration' || !apiVersion.startsWith('kubeadm.k8s.io/')) return false;
    recogniseClusterConfiguration(ctx, root, apiVersion, facts, findings);
    return true;
  },
  (ctx, root, apiVersion, kind, facts, findings) => {
    if (kind !== 'KubeadmControlPlane' || !apiVersion.startsWith('controlplane.cluster.x-k8s.io/')) return false;
    recogniseKubeadmControlPlane(ctx, root, facts, findings);
    return true;
  },
  (ctx, root, apiVersion, kind, facts, findings) => {
    if (kind !== 'Etcd' || !apiVersion.startsWith('operator.openshift.io/')) return false;
    recogniseOpenShiftEtcd(ctx, root, facts, findings);
    return true;
  },
  (ctx, root, apiVersion, kind, facts, findings) => {
    if (kind !== 'Etcd' || !apiVersion.startsWith('druid.gardener.cloud/')) return false;
    recogniseGardenerEtcd(ctx, root, facts, findings);
    return true;
  },
  (ctx, root, apiVersion, kind, facts, findings) =>
    kind === 'EtcdCluster' && recogniseEtcdClusterCR(ctx, root, apiVersion, facts, findings),
  byKind('EtcdadmCluster', 'etcdcluster.cluster.x-k8s.io/', recogniseEtcdadmCluster),
  byKind('RKE2ControlPlane', 'controlplane.cluster.x-k8s.io/', recogniseRke2ControlPlane),
  byKind('Cluster', 'anywhere.eks.amazonaws.com/', recogniseEksAnywhereCluster),
  byKind('Cluster', 'kind.x-k8s.io/', recogniseKindCluster),
  byKind('Cluster', 'kops.k8s.io/', recogniseKopsCluster),
  byKind('InstanceGroup', 'kops.k8s.io/', recogniseKopsInstanceGroup),
  byKind('Cluster', 'provisioning.cattle.io/', recogniseRancherCluster),
  byKind('ClusterConfig', 'k0s.k0sproject.io/', recogniseK0s),
  byKind('Cluster', 'k0sctl.k0sproject.io/', recogniseK0sctl),
];

/** A recogniser for one kind of one API group (any version). */
function byKind(
  kind: string,
  groupPrefix: string,
  recognise: (ctx: DocContext, root: YAMLMap, facts: DocumentFact[], findings: Finding[]) => void,
): KindRecogniser {
  return (ctx, root, apiVersion, k, facts, findings) => {
    if (k !== kind || !apiVersion.startsWith(groupPrefix)) return false;
    recognise(ctx, root, facts, findings);
    return true;
  };
}

const plainRecognisers: PlainRecogniser[] = [
  (ctx, root, facts, findings) => {
    if (!looksLikeEtcdConfigFile(ctx, root)) return false;
    recogniseConfigFile(ctx, root, facts, findings);
    return true;
  },
  recogniseTalos,
  recogniseK3s,
  recogniseInstallConfig,
  recogniseRke1,
  recogniseKubespray,
  recogniseCompose,
  recogniseBitnami,
];

const MAX_LIST_ITEMS = 1000;

function recogniseRoot(ctx: DocContext, root: YAMLMap, facts: DocumentFact[], findings: Finding[], depth = 0): void {
  const apiVersion = stringValue(ctx, getIn(ctx, root, 'apiVersion')) ?? '';
  const kind = stringValue(ctx, getIn(ctx, root, 'kind')) ?? '';
  if (kind) {
    if (kind === 'List' && depth === 0) {
      const items = getIn(ctx, root, 'items');
      const seq = items && 'items' in items ? (items as { items: unknown[] }).items : [];
      for (const item of limited(ctx, findings, { items: seq }, 'items', MAX_LIST_ITEMS)) {
        const m = asMap(ctx, item);
        if (m) recogniseRoot(ctx, m, facts, findings, depth + 1);
      }
      return;
    }
    for (const r of kindRecognisers) if (r(ctx, root, apiVersion, kind, facts, findings)) return;
    return;
  }
  for (const r of plainRecognisers) if (r(ctx, root, facts, findings)) return;
}

const TOPOLOGY_REF = /etcd-capacity:\s*topology\s*=\s*([^\s#,;]+)/;

function yamlErrorFindings(ctx: DocContext, findings: Finding[]): void {
  const issues = [
    ...ctx.doc.errors.map((e) => ({ e, severity: 'error' as const })),
    ...ctx.doc.warnings.map((e) => ({ e, severity: 'warning' as const })),
  ];
  for (const { e, severity } of limitedIssues(ctx, issues, findings)) {
    const [start, end] = e.pos ?? [0, 0];
    const duplicate = e.code === 'DUPLICATE_KEY';
    const message = duplicate
      ? `Duplicate key: ${shortFirstLine(e.message)} Kubernetes and etcd keep only the last value; remove one.`
      : /call stack/i.test(e.message)
        ? 'YAML syntax error: the YAML nests too deeply to be read (thousands of levels); nothing in this document was analysed.'
        : `YAML syntax error: ${shortFirstLine(e.message)}`;
    findings.push(
      finding('yaml-syntax', offsetRange(ctx.lineCounter, ctx.text, start, Math.max(end, start + 1)), message, {
        lesser: duplicate || severity === 'warning',
      }),
    );
  }
}

const MAX_YAML_ISSUES = 50;

/** The first YAML errors and warnings; past the limit, one `analysis-limited` finding says how many more. */
function limitedIssues<T extends { e: { pos?: [number, number] } }>(
  ctx: DocContext,
  issues: T[],
  findings: Finding[],
): T[] {
  if (issues.length <= MAX_YAML_ISSUES) return issues;
  const [start, end] = issues[MAX_YAML_ISSUES]!.e.pos ?? [0, 0];
  findings.push(
    finding(
      'analysis-limited',
      offsetRange(ctx.lineCounter, ctx.text, start, Math.max(end, start + 1)),
      `This document has ${issues.length} YAML errors and warnings; the first ${MAX_YAML_ISSUES} are listed. Fix those first: the rest were not reported.`,
      { docsUrl: DOCS.yaml },
    ),
  );
  return issues.slice(0, MAX_YAML_ISSUES);
}

function shortFirstLine(s: string): string {
  const line = firstLine(s);
  return line.length > 300 ? `${line.slice(0, 300)}…` : line;
}

/** One file or one piece of a file (analysis/documents.ts) recognised, before topology pointers are attached. */
export interface RecognisedPiece {
  facts: DocumentFact[];
  findings: Finding[];
  documentCount: number;
  comments: { line: number; text: string }[];
  /** 0-based line where each document starts. */
  docStartLines: number[];
  /** Syntax errors met before the first document was complete (see ParsedFile.leadingErrors). */
  leadingErrors: number;
  /** With `markerAfter`: the `---` after the piece did not start a document of its own. */
  runsOn: boolean;
}

/**
 * Recognises every document of `text`. With `markerAfter`, `text` is a piece cut from a larger file
 * just before a `---` line (analysis/documents.ts): it is parsed with that `---` after it, so the
 * parser ends the last document exactly as it does in the file, and the empty document the marker
 * starts is then dropped. If the marker does not start a document of its own there (a quote left open
 * swallows it, or the parser holds a document open after an error), `runsOn` is set and the piece
 * cannot be read apart from what follows. Never throws.
 */
export function recognisePiece(piece: string, markerAfter = false): RecognisedPiece {
  const facts: DocumentFact[] = [];
  const findings: Finding[] = [];
  const text = markerAfter ? `${piece}---\n` : piece;
  const parsed = parseFile(text);
  let runsOn = false;
  if (markerAfter) {
    const probe = parsed.documents[parsed.documents.length - 1];
    runsOn = !probe || probe.range?.[0] !== piece.length || probe.errors.length > 0 || probe.warnings.length > 0;
    if (!runsOn) parsed.documents.pop();
  }
  let comments: { line: number; text: string }[];
  try {
    comments = collectComments(text, parsed.lineCounter);
  } catch {
    comments = [];
  }
  const docStartLines: number[] = [];
  parsed.documents.forEach((doc, index) => {
    const ctx: DocContext = { text, lineCounter: parsed.lineCounter, doc, index };
    docStartLines.push(positionAt(parsed.lineCounter, text, doc.range?.[0] ?? 0).line);
    try {
      yamlErrorFindings(ctx, findings);
      const root = asMap(ctx, doc.contents);
      if (!root) return;
      const before = facts.length;
      recogniseRoot(ctx, root, facts, findings);
      for (let i = before; i < facts.length; i++) facts[i]!.documentIndex = index;
    } catch (e) {
      // A recogniser bug must not hide the other documents; report it where the document starts.
      findings.push(
        finding(
          'internal-error',
          documentRange(ctx),
          `etcd-capacity could not analyse this document (${e instanceof Error ? e.message : String(e)}).`,
        ),
      );
    }
  });
  return {
    facts,
    findings,
    documentCount: parsed.documents.length,
    comments,
    docStartLines,
    leadingErrors: parsed.leadingErrors,
    runsOn,
  };
}

export function recogniseFile(input: string): RecognisedFile {
  if (typeof input !== 'string') return { facts: [], findings: [], documentCount: 0, comments: [], docStartLines: [] };
  const text = withLoneCrAsLf(input);
  let starts: number[] | undefined;
  const pieceStarts = (): number[] => (starts ??= splitDocuments(text));
  const check = checkText(text, pieceStarts);
  if (!check.parse) return { facts: [], findings: check.findings, documentCount: 0, comments: [], docStartLines: [] };
  // Over the size limit only the pieces that end within it are read (as the incremental cache does).
  const length = text.length > MAX_ANALYSED_CHARS ? analysedLength(text, pieceStarts()) : text.length;
  const piece = length === text.length ? recognisePiece(text) : recognisePiece(text.slice(0, length), true);
  let lines: string[] | undefined;
  const facts = attachTopologyRefs(
    (line) => (lines ??= splitLines(text))[line] ?? '',
    piece.comments,
    piece.docStartLines,
    linkFacts(piece.facts),
  );
  return {
    facts,
    findings: check.findings.length > 0 ? [...check.findings, ...piece.findings] : piece.findings,
    documentCount: piece.documentCount,
    comments: piece.comments,
    docStartLines: piece.docStartLines,
  };
}

/** Facts that need another document of the file (kops members and their instance groups' zones). */
export function linkFacts(facts: DocumentFact[]): DocumentFact[] {
  return linkInstanceGroups(facts);
}

/**
 * `# etcd-capacity: topology=NAME` anywhere in a document → topologyRef on that document's config
 * facts. Returns the facts, with a copy in place of each one it gives a topologyRef (never mutates).
 */
export function attachTopologyRefs(
  lineText: (line: number) => string,
  comments: { line: number; text: string }[],
  docStartLines: number[],
  facts: DocumentFact[],
): DocumentFact[] {
  if (comments.length === 0 || facts.length === 0) return facts;
  let out = facts;
  for (const c of comments) {
    const m = TOPOLOGY_REF.exec(c.text);
    if (!m) continue;
    let doc = 0;
    for (let i = 0; i < docStartLines.length; i++) if (docStartLines[i]! <= c.line) doc = i;
    const line = lineText(c.line);
    const col = line.indexOf(c.text);
    const nameCol = col + (m.index ?? 0) + m[0].length - m[1]!.length;
    const ref: Located<string> = {
      value: m[1]!,
      range: { start: { line: c.line, character: nameCol }, end: { line: c.line, character: nameCol + m[1]!.length } },
    };
    for (let i = 0; i < out.length; i++) {
      const f = out[i]!;
      if (f.type === 'etcd-config' && f.documentIndex === doc && !f.topologyRef) {
        if (out === facts) out = facts.slice();
        out[i] = { ...f, topologyRef: ref };
      }
    }
  }
  return out;
}
