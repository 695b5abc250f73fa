// Plain-scalar resolution exactly as Kubernetes and etcd read YAML: sigs.k8s.io/yaml over
// gopkg.in/yaml.v2 (resolve.go), decoding into interface{}. The `yaml` package's YAML 1.1 schema
// differs (it reads `e1` or `.` as NaN, `1:20` as 80, `0o17` as a string, dates as Date), so
// parse.ts swaps its scalar tags for these. Checked against the Go library itself by
// test/unit/analysis/goyamlOracle.test.ts (test/oracles/goyaml).
//
// Rules (go-yaml v2.4, Go ≥ 1.13 strconv):
// - "", ~, null/Null/NULL → null; y/yes/true/on (and capitalised, upper-case forms) → true,
//   n/no/false/off → false; .inf/.nan forms → ±Infinity/NaN.
// - Only scalars starting with a digit, a sign or a dot can be numbers. A dot start: Go's ParseFloat.
//   A digit or sign start: with every `_` removed, ParseInt(base 0: 0x, 0o, 0b, leading-0 octal), then
//   ParseUint, then a float matching `^[-+]?(\.[0-9]+|[0-9]+(\.[0-9]*)?)([eE][-+]?[0-9]+)?$` whose
//   value is finite (1e400 stays a string), then `0b` followed by a signed binary number.
// - Everything else, timestamps and sexagesimal `1:20` included, is a string.
//
// Integers beyond ±2^53 are read as the nearest double (JSON-safe, as everywhere else a number is
// read); the scalar keeps its source text, and goResolvePlain's `exact` tells whether the number is exact.

export type GoScalar =
  | { kind: 'null'; value: null }
  | { kind: 'bool'; value: boolean }
  | { kind: 'int'; value: number; exact: boolean; integer: bigint }
  | { kind: 'float'; value: number }
  | { kind: 'str'; value: string };

const WORDS = new Map<string, GoScalar>();
for (const w of ['y', 'Y', 'yes', 'Yes', 'YES', 'true', 'True', 'TRUE', 'on', 'On', 'ON'])
  WORDS.set(w, { kind: 'bool', value: true });
for (const w of ['n', 'N', 'no', 'No', 'NO', 'false', 'False', 'FALSE', 'off', 'Off', 'OFF'])
  WORDS.set(w, { kind: 'bool', value: false });
for (const w of ['', '~', 'null', 'Null', 'NULL']) WORDS.set(w, { kind: 'null', value: null });
for (const w of ['.nan', '.NaN', '.NAN']) WORDS.set(w, { kind: 'float', value: NaN });
for (const w of ['.inf', '.Inf', '.INF', '+.inf', '+.Inf', '+.INF']) WORDS.set(w, { kind: 'float', value: Infinity });
for (const w of ['-.inf', '-.Inf', '-.INF']) WORDS.set(w, { kind: 'float', value: -Infinity });

const YAML_STYLE_FLOAT = /^[-+]?(\.[0-9]+|[0-9]+(\.[0-9]*)?)([eE][-+]?[0-9]+)?$/;
const DOT_FLOAT = /^\.[0-9]+([eE][-+]?[0-9]+)?$/;
const INT64_MAX = (1n << 63n) - 1n;
const INT64_MIN = -(1n << 63n);
const UINT64_MAX = (1n << 64n) - 1n;
const DIGITS: Record<number, RegExp> = { 2: /^[01]+$/, 8: /^[0-7]+$/, 10: /^[0-9]+$/, 16: /^[0-9a-fA-F]+$/ };

/** strconv.ParseUint(s, base, 64) for base 0 or 2 (s has no underscores); undefined on error. */
function parseUint(s: string, base: 0 | 2): bigint | undefined {
  if (s === '') return undefined;
  let radix = 10;
  let digits = s;
  if (base === 2) radix = 2;
  else if (s[0] === '0') {
    const p = s.length >= 3 ? s[1]!.toLowerCase() : '';
    if (p === 'b') {
      radix = 2;
      digits = s.slice(2);
    } else if (p === 'o') {
      radix = 8;
      digits = s.slice(2);
    } else if (p === 'x') {
      radix = 16;
      digits = s.slice(2);
    } else {
      radix = 8;
      digits = s.slice(1);
      if (digits === '') return 0n;
    }
  }
  if (!DIGITS[radix]!.test(digits)) return undefined;
  digits = digits.replace(/^0+(?=.)/, '');
  if (digits.length > 64) return undefined; // beyond 64 bits in any base ≥ 2
  const prefix = radix === 2 ? '0b' : radix === 8 ? '0o' : radix === 16 ? '0x' : '';
  const n = BigInt(prefix + digits);
  return n > UINT64_MAX ? undefined : n;
}

/** strconv.ParseInt(s, base, 64); undefined on error. */
function parseInt64(s: string, base: 0 | 2): bigint | undefined {
  if (s === '') return undefined;
  let neg = false;
  let rest = s;
  if (s[0] === '+' || s[0] === '-') {
    neg = s[0] === '-';
    rest = s.slice(1);
  }
  const u = parseUint(rest, base);
  if (u === undefined) return undefined;
  const n = neg ? -u : u;
  return n < INT64_MIN || n > INT64_MAX ? undefined : n;
}

function intResult(n: bigint): GoScalar {
  const value = Number(n);
  return { kind: 'int', value: value === 0 ? 0 : value, exact: BigInt(value) === n, integer: n };
}

/** Go's underscoreOK: `_` only between digits (or after a base prefix), never trailing. */
function underscoreOK(s: string): boolean {
  let saw = '^';
  let i = 0;
  if (s.length >= 1 && (s[0] === '-' || s[0] === '+')) s = s.slice(1);
  let hex = false;
  if (s.length >= 2 && s[0] === '0') {
    const c = s[1]!.toLowerCase();
    if (c === 'b' || c === 'o' || c === 'x') {
      i = 2;
      saw = '0';
      hex = c === 'x';
    }
  }
  for (; i < s.length; i++) {
    const c = s[i]!;
    if ((c >= '0' && c <= '9') || (hex && /[a-fA-F]/.test(c))) {
      saw = '0';
      continue;
    }
    if (c === '_') {
      if (saw !== '0') return false;
      saw = '_';
      continue;
    }
    if (saw === '_') return false;
    saw = '!';
  }
  return saw !== '_';
}

/**
 * strconv.ParseUint(s, 0, 64) (unsigned) or strconv.ParseInt(s, 0, 64): how Go's flag package reads etcd's uint,
 * uint64 and int64 flags and ETCD_* variables (0x, 0o, 0b and leading-0 octal, `_` between digits); undefined on error.
 */
export function goParseInteger(s: string, unsigned: boolean): bigint | undefined {
  if (s.includes('_') && !underscoreOK(s)) return undefined;
  const t = s.replace(/_/g, '');
  if (unsigned) return t[0] === '+' || t[0] === '-' ? undefined : parseUint(t, 0);
  return parseInt64(t, 0);
}

// The library tests a scalar against the int tag, then the float tag, then resolves it: the same text
// several times in a row.
let lastText: string | undefined;
let lastResult: GoScalar | undefined;

/** How go-yaml v2 resolves an untagged plain scalar when decoding into interface{}. */
export function goResolvePlain(s: string): GoScalar {
  if (s === lastText && lastResult) return lastResult;
  const r = resolveUncached(s);
  lastText = s;
  lastResult = r;
  return r;
}

function resolveUncached(s: string): GoScalar {
  const word = WORDS.get(s);
  if (word) return word;
  const c = s.charCodeAt(0);
  if (s[0] === '.') {
    // strconv.ParseFloat(s, 64): decimal only (no prefix can follow a dot), `_` between digits.
    if (s.includes('_') && !underscoreOK(s)) return { kind: 'str', value: s };
    const t = s.replace(/_/g, '');
    if (DOT_FLOAT.test(t)) {
      const v = Number(t);
      if (Number.isFinite(v)) return { kind: 'float', value: v };
    }
    return { kind: 'str', value: s };
  }
  if (!((c >= 48 && c <= 57) || s[0] === '+' || s[0] === '-')) return { kind: 'str', value: s };
  const plain = s.replace(/_/g, '');
  const i = parseInt64(plain, 0);
  if (i !== undefined) return intResult(i);
  const u = parseUint(plain, 0);
  if (u !== undefined && plain[0] !== '+' && plain[0] !== '-') return intResult(u);
  if (YAML_STYLE_FLOAT.test(plain)) {
    const v = Number(plain);
    if (Number.isFinite(v)) return { kind: 'float', value: v };
  }
  if (plain.startsWith('0b')) {
    const b = parseInt64(plain.slice(2), 2);
    if (b !== undefined) return intResult(b);
    const bu = plain[2] === '+' || plain[2] === '-' ? undefined : parseUint(plain.slice(2), 2);
    if (bu !== undefined) return intResult(bu);
  } else if (plain.startsWith('-0b')) {
    const b = parseInt64('-' + plain.slice(3), 2);
    if (b !== undefined) return intResult(b);
  }
  return { kind: 'str', value: s };
}

/** The exact integer go-yaml reads from a plain scalar (int64 or uint64 range), or undefined if it is not an integer.
 * */
export function goInteger(source: string): bigint | undefined {
  const r = goResolvePlain(source);
  return r.kind === 'int' ? r.integer : undefined;
}

/** Tests a plain scalar with a predicate (the `yaml` package only calls `test.test(value)`). */
class PredicateTest extends RegExp {
  constructor(private readonly predicate: (s: string) => boolean) {
    super('(?:)');
  }
  override test(s: string): boolean {
    return this.predicate(s);
  }
}

const INT_TAG = 'tag:yaml.org,2002:int';
const FLOAT_TAG = 'tag:yaml.org,2002:float';

const BINARY_TAG = 'tag:yaml.org,2002:binary';

/** `!!binary`: go-yaml v2 decodes the base64 into the string of its bytes. */
function decodeBinary(s: string, onError: (message: string) => void): string {
  try {
    const bytes = Uint8Array.from(atob(s.replace(/\s+/g, '')), (c) => c.charCodeAt(0));
    return new TextDecoder().decode(bytes);
  } catch {
    onError(
      `go-yaml (Kubernetes, etcd) cannot decode \`${s.slice(0, 40)}\` as base64 (!!binary), and refuses the file`,
    );
    return s;
  }
}

type TagLike = { tag: string; default?: unknown; test?: RegExp; format?: string; collection?: unknown };

/**
 * The last tag list built, by the list it was built from. `yaml` builds a Schema for every document and
 * calls `customTags` each time with a fresh copy of the same tag objects; the tags made here hold no state,
 * so one list serves every document (building it per document was a tenth of a large file's first parse).
 */
let lastTags: { from: unknown[]; built: unknown[] } | undefined;

/**
 * `customTags` for the `yaml` package's YAML 1.1 schema: its int and float tags (binary, octal, decimal,
 * hex, sexagesimal, exponent, NaN) replaced by one go-yaml v2 tag each (stringifying as the decimal ones
 * did), and its timestamp tags kept for explicit `!!timestamp` only, read as their text (go-yaml decodes them
 * into interface{} as strings; plain dates stay strings too). Its null and bool tags match go-yaml's word lists
 * and stay; an explicit `!!bool`/`!!null`/`!!int`/`!!float` whose text is not of that kind is an error, as in Go
 * (parse.ts); `!!binary` is its decoded text. `!!float 1` is a float, as in Go.
 */
export function goYamlTags<T>(tags: T[]): T[] {
  const last = lastTags;
  if (last && last.from.length === tags.length && last.from.every((t, i) => t === tags[i]))
    return last.built.slice() as T[];
  const built = buildGoYamlTags(tags);
  lastTags = { from: tags.slice(), built };
  return built.slice();
}

function buildGoYamlTags<T>(tags: T[]): T[] {
  const list = tags as unknown as TagLike[];
  const plainOf = (name: string) => list.find((t) => t.tag === name && !t.format && !t.collection);
  const make = (tag: string, accept: (r: GoScalar) => boolean) => ({
    ...(plainOf(tag) ?? {}),
    tag,
    default: true,
    format: undefined,
    test: new PredicateTest((s) => accept(goResolvePlain(s))),
    resolve: (s: string) => goResolvePlain(s).value,
  });
  const out: unknown[] = [];
  let placed = false;
  for (const t of list) {
    if (t.tag === INT_TAG || t.tag === FLOAT_TAG) {
      if (!placed) {
        out.push(
          make(INT_TAG, (r) => r.kind === 'int'),
          make(FLOAT_TAG, (r) => r.kind === 'float' || r.kind === 'int'),
        );
        placed = true;
      }
    } else if (t.tag === 'tag:yaml.org,2002:timestamp')
      out.push({ ...t, default: false, test: undefined, resolve: (s: string) => s });
    else if (t.tag === BINARY_TAG) out.push({ ...t, resolve: decodeBinary });
    else out.push(t);
  }
  return out as T[];
}
