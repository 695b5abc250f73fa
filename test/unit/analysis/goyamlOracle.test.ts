// Differential test against the Go library Kubernetes and etcd read YAML with: sigs.k8s.io/yaml over
// gopkg.in/yaml.v2 (test/oracles/goyaml, built offline from Debian's packages by build.sh; install
// them with scripts/install-test-deps.sh). Our reading of a file (parse.ts, the value tree `toJS`
// gives) must hold the same values, with the same types, as go-yaml v2's decoding into interface{},
// and the same JSON as YAMLToJSON: over thousands of generated plain scalars as `k: <scalar>`
// values and over every .yaml/.yml under examples/ and test/fixtures/.
// Without Go the suite fails (beforeAll throws): it does not skip.
import { execFileSync } from 'node:child_process';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { isAlias, isMap, isScalar, isSeq, type Document } from 'yaml';
import { parseFile } from '../../../server/src/analysis/parse';
import { goResolvePlain } from '../../../server/src/analysis/goYaml';

const ROOT = resolve(__dirname, '../../..');
let oracle = '';

interface Typed {
  t: string;
  v?: unknown;
}
interface OracleResult {
  json?: string;
  jsonErr?: string;
  docs: Typed[];
  docsErr?: string;
}

function runOracle(texts: string[]): OracleResult[] {
  const out = execFileSync(oracle, [], { input: JSON.stringify(texts), maxBuffer: 1 << 28, encoding: 'utf8' });
  const results = JSON.parse(out) as OracleResult[];
  expect(results.length).toBe(texts.length);
  return results;
}

const numStr = (n: number): string => (Object.is(n, -0) ? '-0' : String(n));

function goNumber(t: Typed): number {
  const v = String(t.v);
  if (v === '+Inf') return Infinity;
  if (v === '-Inf') return -Infinity;
  return Number(v);
}

/** A JS Map holds -0 as 0 (SameValueZero): keys are compared without the sign of zero. */
const mapKey = (c: string) => (c === 'num:-0' ? 'num:0' : c);

/** Canonical text of a go-yaml v2 value; maps as sorted key/value pairs. */
function canonGo(t: Typed): string {
  switch (t.t) {
    case 'null':
      return 'null';
    case 'bool':
      return `bool:${String(t.v)}`;
    case 'int':
    case 'uint':
    case 'float':
      return `num:${numStr(goNumber(t))}`;
    case 'str':
      return `str:${JSON.stringify(t.v)}`;
    case 'seq':
      return `[${(t.v as Typed[]).map(canonGo).join(',')}]`;
    case 'map':
      return `{${(t.v as [Typed, Typed][])
        .map(([k, v]) => `${mapKey(canonGo(k))}=>${canonGo(v)}`)
        .sort()
        .join(',')}}`;
    default:
      return `other:${String(t.v)}`;
  }
}

/** Canonical text of our value tree (toJS with maps as Map). */
function canonOurs(v: unknown): string {
  if (v === null || v === undefined) return 'null';
  if (typeof v === 'boolean') return `bool:${v}`;
  if (typeof v === 'number') return `num:${numStr(v)}`;
  if (typeof v === 'bigint') return `num:${numStr(Number(v))}`;
  if (typeof v === 'string') return `str:${JSON.stringify(v)}`;
  if (Array.isArray(v)) return `[${v.map(canonOurs).join(',')}]`;
  if (v instanceof Map)
    return `{${[...v.entries()]
      .map(([k, x]) => `${canonOurs(k)}=>${canonOurs(x)}`)
      .sort()
      .join(',')}}`;
  return `other:${Object.prototype.toString.call(v)} ${String(v)}`;
}

class Unsupported extends Error {}
class Uncomparable extends Error {}

/**
 * Our first document as YAMLToJSON would write it (keys turned to strings as it does). Throws
 * Unsupported where YAMLToJSON fails (null and uint64 keys), Uncomparable where its key text is not
 * mirrored here (float keys, which it formats at float32 precision) or merge keys.
 */
function oursAsJson(node: unknown, doc: Document): unknown {
  if (isAlias(node)) return oursAsJson(node.resolve(doc), doc);
  if (isMap(node)) {
    const o: Record<string, unknown> = {};
    for (const pair of node.items) {
      const k = pair.key;
      if (!isScalar(k)) throw new Uncomparable('collection key');
      if (k.value === '<<' && k.type === 'PLAIN') throw new Uncomparable('merge key');
      let key: string;
      if (k.value === null || k.value === undefined) throw new Unsupported('null key');
      if (typeof k.value === 'string' || typeof k.value === 'boolean') key = String(k.value);
      else if (typeof k.value === 'number') {
        const kind = k.type === 'PLAIN' && !k.tag ? goResolvePlain(String(k.source)).kind : 'other';
        if (kind !== 'int') throw new Uncomparable('float key');
        if (!Number.isSafeInteger(k.value)) {
          if (k.value > 2 ** 63 - 1) throw new Unsupported('uint64 key');
          throw new Uncomparable('inexact int key');
        }
        key = String(k.value);
      } else throw new Uncomparable('key');
      o[key] = oursAsJson(pair.value, doc);
    }
    return o;
  }
  if (isSeq(node)) return node.items.map((x) => oursAsJson(x, doc));
  if (isScalar(node)) return node.value instanceof Date ? node.value.toISOString() : (node.value ?? null);
  return null;
}

/** JSON with object keys sorted (encoding/json sorts map keys). */
function sortedJson(v: unknown): string {
  if (Array.isArray(v)) return `[${v.map(sortedJson).join(',')}]`;
  if (v && typeof v === 'object')
    return `{${Object.keys(v)
      .sort()
      .map((k) => `${JSON.stringify(k)}:${sortedJson((v as Record<string, unknown>)[k])}`)
      .join(',')}}`;
  return JSON.stringify(v) ?? 'undefined';
}

interface Ours {
  canon: string[];
  errors: number;
  first: Document | undefined;
}

function readOurs(text: string): Ours {
  const parsed = parseFile(text);
  const values = parsed.documents.map((d) => d.toJS({ mapAsMap: true, maxAliasCount: -1 }) as unknown);
  return {
    canon: values.map(canonOurs),
    errors: parsed.leadingErrors + parsed.documents.reduce((n, d) => n + d.errors.length, 0),
    first: parsed.documents[0],
  };
}

/** Compares one text; returns a description of the disagreement, or undefined. */
function disagreement(text: string, go: OracleResult): string | undefined {
  const ours = readOurs(text);
  if (go.docsErr !== undefined || ours.errors > 0) {
    if (go.docsErr !== undefined && ours.errors > 0) return undefined;
    return `error: go ${go.docsErr ?? 'none'}, ours ${ours.errors}`;
  }
  const theirs = go.docs.map(canonGo);
  // go-yaml yields no document for an empty stream; `yaml` yields one holding null.
  const oursCanon = theirs.length === 0 && ours.canon.length === 1 && ours.canon[0] === 'null' ? [] : ours.canon;
  if (JSON.stringify(oursCanon) !== JSON.stringify(theirs))
    return `values: go ${JSON.stringify(theirs)}, ours ${JSON.stringify(oursCanon)}`;
  if (go.json !== undefined) {
    let mine: unknown;
    try {
      mine = ours.first ? oursAsJson(ours.first.contents, ours.first) : null;
    } catch (e) {
      if (e instanceof Uncomparable) return undefined;
      return `json: go ${go.json}, ours ${String(e)}`;
    }
    const a = sortedJson(JSON.parse(go.json));
    const b = sortedJson(mine);
    if (a !== b) return `json: go ${a}, ours ${b}`;
  } else if (/unsupported value: (NaN|[+-]Inf)/.test(go.jsonErr ?? '')) {
    // JSON has no NaN or infinities: YAMLToJSON fails; ours must hold one.
    if (!/num:(NaN|-?Infinity)/.test(ours.canon[0] ?? '')) return `json: go ${go.jsonErr}, ours has no NaN/Inf`;
  } else {
    try {
      if (ours.first) oursAsJson(ours.first.contents, ours.first);
    } catch (e) {
      if (e instanceof Unsupported && /Unsupported map key/.test(go.jsonErr ?? '')) return undefined;
      if (e instanceof Uncomparable) return undefined;
    }
    return `json: go ${go.jsonErr}, ours converts`;
  }
  return undefined;
}

const GO_KIND: Record<string, string> = {
  int: 'int',
  uint: 'int',
  float: 'float',
  str: 'str',
  bool: 'bool',
  null: 'null',
};

// Characters numbers, words and near-misses are made of.
const CHARS = [
  ...'0123456789',
  '+',
  '-',
  '.',
  'e',
  'E',
  '_',
  ':',
  'x',
  'X',
  'o',
  'O',
  'b',
  'B',
  'a',
  'f',
  'F',
  'n',
  'N',
  'i',
  'I',
  'y',
  'Y',
  's',
  'l',
  'u',
  't',
  'r',
  '~',
  'T',
  'Z',
];
const WORDS = [
  'y',
  'Y',
  'yes',
  'Yes',
  'YES',
  'n',
  'N',
  'no',
  'No',
  'NO',
  'true',
  'True',
  'TRUE',
  'false',
  'False',
  'FALSE',
  'on',
  'On',
  'ON',
  'off',
  'Off',
  'OFF',
  'null',
  'Null',
  'NULL',
  '~',
  '.inf',
  '.Inf',
  '.INF',
  '+.inf',
  '-.inf',
  '-.Inf',
  '.nan',
  '.NaN',
  '.NAN',
  'nan',
  'inf',
  'Infinity',
  '+inf',
  'yEs',
  'oN',
  'tRUE',
  'nULL',
  'NaN',
];
const FIXED = [
  'e1',
  'E5',
  '.',
  '1_000',
  '0o17',
  '017',
  '018',
  '08',
  '0',
  '00',
  '-0',
  '+0',
  '-0.0',
  '1:20',
  '190:20:30',
  '1.',
  '.5',
  '+.5',
  '-.5e3',
  '.5_0',
  '._5',
  '1_',
  '_1',
  '0x1F',
  '0X1f',
  '-0x1F',
  '+0x1F',
  '0x',
  '0b101',
  '0B101',
  '0b',
  '0b2',
  '0b-101',
  '0b+101',
  '-0b101',
  '0o',
  '0O17',
  '0o8',
  '1e400',
  '-1e400',
  '1e-400',
  '1E+5',
  '1e',
  '1e+',
  '2001-12-14',
  '2001-12-14t21:59:43.10-05:00',
  '2001-12-14 21:59:43.10',
  '2002-1-1',
  '20011-12-14',
  '9223372036854775807',
  '9223372036854775808',
  '-9223372036854775808',
  '-9223372036854775809',
  '18446744073709551615',
  '18446744073709551616',
  '+18446744073709551615',
  '0xFFFFFFFFFFFFFFFF',
  '0x1FFFFFFFFFFFFFFFF',
  '9007199254740993',
  '1__0',
  '1_0.5',
  '0x_1F',
  '1.5e1_0',
  '1e1.5',
  '1.2.3',
  '--1',
  '+-1',
  '-',
  '+',
  '+.',
  '-.',
  '.e1',
  '0.e1',
  '1e0000000000000000000000001',
  '00000000000000000000000000000000000000000000000000000000000000000000001',
];

const scalarArb = fc.oneof(
  {
    weight: 6,
    arbitrary: fc.array(fc.constantFrom(...CHARS), { minLength: 1, maxLength: 12 }).map((cs) => cs.join('')),
  },
  {
    weight: 2,
    arbitrary: fc
      .tuple(
        fc.constantFrom('', '+', '-'),
        fc.constantFrom('', '0x', '0o', '0b', '0', '.'),
        fc.stringMatching(/^[0-9a-fA-F_]{1,24}$/),
        fc.constantFrom('', 'e5', 'E-3', '.5', '_'),
      )
      .map((p) => p.join('')),
  },
  { weight: 1, arbitrary: fc.constantFrom(...WORDS) },
  {
    weight: 1,
    arbitrary: fc
      .tuple(fc.integer({ min: 0, max: 9999 }), fc.integer({ min: 0, max: 99 }), fc.integer({ min: 0, max: 99 }))
      .map(([y, m, d]) => `${y}-${m}-${d}`),
  },
);

/** Plain scalars only: nothing YAML reads as an indicator or a comment here. */
const isPlainValue = (s: string) =>
  s !== '' && !/^[-?:](\s|$)/.test(s) && !/:$/.test(s) && !/\s/.test(s) && !s.startsWith('~~');

function yamlFiles(dir: string): string[] {
  const out: string[] = [];
  for (const name of readdirSync(dir)) {
    const p = join(dir, name);
    if (statSync(p).isDirectory()) out.push(...yamlFiles(p));
    else if (/\.ya?ml$/.test(name)) out.push(p);
  }
  return out;
}

describe('go-yaml v2 oracle (sigs.k8s.io/yaml)', () => {
  beforeAll(() => {
    // Throws when Go or the Debian Go packages are missing: the suite fails, it does not skip.
    oracle = execFileSync('bash', [join(ROOT, 'test/oracles/goyaml/build.sh')], { encoding: 'utf8', timeout: 180_000 })
      .trim()
      .split('\n')
      .pop()!;
  }, 200_000);

  it('plain scalars as block-map values read as go-yaml reads them (values, types, YAMLToJSON)', () => {
    const generated = fc.sample(scalarArb, { numRuns: 6000, seed: 20260309 });
    const scalars = [...new Set([...FIXED, ...WORDS, ...generated])].filter(isPlainValue);
    expect(scalars.length).toBeGreaterThan(3000);
    const texts = scalars.map((s) => `k: ${s}\n`);
    const results = runOracle(texts);
    const bad: string[] = [];
    let typedCompared = 0;
    scalars.forEach((s, i) => {
      const go = results[i]!;
      const d = disagreement(texts[i]!, go);
      if (d) bad.push(`${JSON.stringify(s)}: ${d}`);
      const value = (go.docs[0]?.v as [Typed, Typed][] | undefined)?.[0]?.[1];
      if (go.docsErr === undefined && value) {
        typedCompared++;
        const kind = goResolvePlain(s).kind;
        if (kind !== GO_KIND[value.t]) bad.push(`${JSON.stringify(s)}: kind: go ${value.t}, ours ${kind}`);
      }
    });
    expect(bad.slice(0, 40)).toEqual([]);
    expect(typedCompared).toBeGreaterThan(3000);
  }, 120_000);

  it('the same scalars in a flow sequence and as keys', () => {
    const scalars = [...FIXED, ...WORDS].filter((s) => isPlainValue(s) && !/[,[\]{}]/.test(s));
    const texts = scalars.map((s) => `s: [${s}]\n${s}: v\n`);
    const results = runOracle(texts);
    const bad = texts
      .map((t, i) => [t, disagreement(t, results[i]!)] as const)
      .filter(([, d]) => d)
      .map(([t, d]) => `${JSON.stringify(t)}: ${d}`);
    expect(bad).toEqual([]);
  }, 60_000);

  it('tagged and quoted scalars', () => {
    const values = [
      '!!str 123',
      '!!str yes',
      '!!str 1e3',
      '!!str',
      '!!int 0x1F',
      '!!int 1_000',
      '!!int 017',
      '!!int "12"',
      '!!float 1',
      '!!float .5',
      '!!float "2.5"',
      '!!float 1e400',
      '!!bool yes',
      '!!bool y',
      '!!bool "true"',
      '!!null ""',
      '!!null ~',
      '"123"',
      "'1e3'",
      '"yes"',
      "'~'",
      '"0x1F"',
      '!!binary aGVsbG8=',
      '!!timestamp 2001-12-14',
      '!!str 2001-12-14',
      '!local bar',
      '!!map {}',
      '!!seq []',
      '!!str [a]',
      '!!int 1.5',
      '!!float abc',
      '!!bool maybe',
      '!<tag:yaml.org,2002:str> 5',
    ];
    const texts = values.map((v) => `k: ${v}\n`);
    const results = runOracle(texts);
    const bad = texts
      .map((t, i) => [t, disagreement(t, results[i]!)] as const)
      .filter(([, d]) => d)
      .map(([t, d]) => `${JSON.stringify(t)}: ${d}`);
    expect(bad).toEqual([]);
  }, 60_000);

  it('every example and fixture file reads as go-yaml reads it', () => {
    const files = [...yamlFiles(join(ROOT, 'examples')), ...yamlFiles(join(ROOT, 'test/fixtures'))];
    expect(files.length).toBeGreaterThan(10);
    const texts = files.map((f) => readFileSync(f, 'utf8'));
    const results = runOracle(texts);
    const bad = files
      .map((f, i) => [f, disagreement(texts[i]!, results[i]!)] as const)
      .filter(([, d]) => d)
      .map(([f, d]) => `${f.slice(ROOT.length + 1)}: ${d!.slice(0, 300)}`);
    expect(bad).toEqual([]);
  }, 60_000);
});
