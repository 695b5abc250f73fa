// Key paths at a cursor and the schema entries they lead to: what completion offers and what hover
// documents for etcd config keys and topology fields. Works on the text line by line (block-style YAML),
// because the line being typed is usually not valid YAML yet.
import topologySchema from '../../../schemas/topology.schema.json';
import etcdConfigSchema from '../../../schemas/etcd-config.schema.json';

export interface JsonSchemaNode {
  description?: string;
  type?: string | string[];
  default?: unknown;
  enum?: unknown[];
  const?: unknown;
  properties?: Record<string, JsonSchemaNode>;
  items?: JsonSchemaNode;
  deprecated?: boolean;
  $ref?: string;
  definitions?: Record<string, JsonSchemaNode>;
}

export const TOPOLOGY_SCHEMA = topologySchema as JsonSchemaNode;
export const ETCD_CONFIG_SCHEMA = etcdConfigSchema as JsonSchemaNode;

/** `[]` stands for "an item of a sequence". */
export type KeyPath = string[];
export const ITEM = '[]';

const KEY_LINE = /^(\s*)(-\s+)?(["']?)([^\s"'#:][^"'#:]*?)\3\s*:(\s|$)/;
const DASH_LINE = /^(\s*)-(\s|$)/;

function indentOf(line: string): number {
  return line.length - line.trimStart().length;
}

/**
 * The path of mapping keys (and sequence items) that encloses a key written at column `keyIndent` of
 * `line`, found by walking up to lines with smaller indentation. Stops at a document marker.
 */
export function enclosingPath(lines: string[], line: number, keyIndent: number, inItemAt?: number): KeyPath {
  const path: KeyPath = [];
  let current = keyIndent;
  if (inItemAt !== undefined) {
    path.unshift(ITEM);
    current = inItemAt;
  }
  for (let l = line - 1; l >= 0 && current > 0; l--) {
    const text = lines[l];
    if (/^(---|\.\.\.)(\s|$)/.test(text)) break;
    const trimmed = text.trim();
    if (trimmed === '' || trimmed.startsWith('#')) continue;
    const indent = indentOf(text);
    const dash = DASH_LINE.exec(text);
    if (dash && indent < current) {
      // We are inside this sequence item; its key (if any) is a sibling of ours.
      path.unshift(ITEM);
      current = indent;
      continue;
    }
    if (indent >= current) continue;
    const key = KEY_LINE.exec(text);
    if (key) {
      path.unshift(key[4]);
      current = indent;
    }
  }
  return path;
}

export interface KeyContext {
  /** The enclosing path of the key being typed or hovered. */
  path: KeyPath;
  /** What is typed of the key so far, and where it starts. */
  prefix: string;
  prefixStart: number;
}

/** The key being typed at the end of `before` (the line's text up to the cursor), or undefined. */
export function keyBeingTyped(lines: string[], line: number, before: string): KeyContext | undefined {
  const m = /^(\s*)(-\s+)?([A-Za-z0-9_.-]*)$/.exec(before);
  if (!m) return undefined;
  const leading = m[1].length;
  const dashWidth = m[2]?.length ?? 0;
  const keyIndent = leading + dashWidth;
  const path = enclosingPath(lines, line, keyIndent, m[2] ? leading : undefined);
  return { path, prefix: m[3], prefixStart: keyIndent };
}

/** The key written on `lineText` whose name covers `character`, with its enclosing path. */
export function keyAt(
  lines: string[],
  line: number,
  character: number,
): { path: KeyPath; key: string; start: number; end: number } | undefined {
  const text = lines[line] ?? '';
  const m = KEY_LINE.exec(text);
  if (!m) return undefined;
  const start = m[1].length + (m[2]?.length ?? 0) + m[3].length;
  const end = start + m[4].length;
  if (character < start || character > end) return undefined;
  const path = enclosingPath(lines, line, m[1].length + (m[2]?.length ?? 0), m[2] ? m[1].length : undefined);
  return { path, key: m[4], start, end };
}

function resolve(root: JsonSchemaNode, node: JsonSchemaNode | undefined): JsonSchemaNode | undefined {
  let current = node;
  for (let hops = 0; current?.$ref && hops < 10; hops++) {
    const match = /^#\/definitions\/(.+)$/.exec(current.$ref);
    current = match ? root.definitions?.[match[1]] : undefined;
  }
  return current;
}

/** The schema node at `path` (mapping keys and `[]` for sequence items), or undefined. */
export function schemaAt(root: JsonSchemaNode, path: KeyPath): JsonSchemaNode | undefined {
  let node: JsonSchemaNode | undefined = resolve(root, root);
  for (const segment of path) {
    if (!node) return undefined;
    node = segment === ITEM ? resolve(root, node.items) : resolve(root, node.properties?.[segment]);
  }
  return node;
}

export function describe(node: JsonSchemaNode | undefined): string | undefined {
  if (!node) return undefined;
  const parts: string[] = [];
  if (node.description) parts.push(node.description);
  if (node.enum) parts.push(`One of: ${node.enum.map((v) => `\`${String(v)}\``).join(', ')}`);
  if (node.default !== undefined) parts.push(`Default: \`${JSON.stringify(node.default)}\``);
  return parts.length > 0 ? parts.join('\n\n') : undefined;
}
