// Reads FHIR JSON with exact positions for every property and array item, and reports duplicate keys.
// FHIR issues need line/column (https://hl7.org/fhir/R4/json.html), but most resources have none: JSON.parse builds the
// value, a cheap scan proves it has no duplicate key and no excess depth, and positions are found in the text only when
// asked for. Anything else (syntax errors, duplicates, depth) goes through the hand-written scanner, which reports it.
import type { Issue } from '../model/issue.js';
import { jsonDuplicateKeyRule, jsonSyntaxRule } from './parse-rules.js';
import { offsetDecoder, PositionMap, type LineColumn, type PathSegment } from './positions.js';

export const MAX_JSON_DEPTH = 1000;

export interface JsonReadResult {
  value: unknown;
  positions: PositionMap;
  issues: Issue[];
  ok: boolean;
}

class JsonSyntaxError {
  constructor(
    readonly messageId: 'unexpectedToken' | 'unexpectedEnd' | 'trailingContent' | 'badString' | 'tooDeep',
    readonly offset: number,
    readonly data: Record<string, string | number> = {},
  ) {}
}

const ESCAPES: Record<string, string> = { '"': '"', '\\': '\\', '/': '/', b: '\b', f: '\f', n: '\n', r: '\r', t: '\t' };

/**
 * Parses `text` as JSON. `firstLine` lets NDJSON report file line numbers. Duplicate keys are reported (the last
 * value wins, as in JSON.parse); syntax errors give one fatal issue at the failing position.
 */
export function readJson(text: string, source: string, firstLine = 1): JsonReadResult {
  // A UTF-8 byte order mark is tolerated; it is dropped first so columns on line 1 are those an editor shows.
  if (text.charCodeAt(0) === 0xfeff) text = text.slice(1);
  return readJsonFast(text, firstLine) ?? readJsonExact(text, source, firstLine);
}

/**
 * The common case, exactly: JSON.parse accepts the same grammar as the scanner below (RFC 8259) and keeps the last of
 * duplicate keys, so when it succeeds, the property names in the text are as many as the value's own keys (no
 * duplicates) and no container is nested deeper than MAX_JSON_DEPTH, the scanner would give the same value and no
 * issue. Positions are then resolved from the text on demand (JsonTextPositions).
 */
function readJsonFast(text: string, firstLine: number): JsonReadResult | undefined {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    return undefined;
  }
  const scan = scanText(text);
  if (scan.names < 0 || scan.names !== countOwnKeys(value)) return undefined;
  // Only when some number has a fraction or exponent can an integer have been written as `2.0` or `2e0`.
  return { value, positions: new JsonTextPositions(text, firstLine, value, scan.numberForms), issues: [], ok: true };
}

/**
 * One pass over valid JSON text: property names (strings followed by ':'), -1 when nesting exceeds MAX_JSON_DEPTH;
 * and whether any number is written with a fraction or an exponent (outside strings, '.' and 'E' occur only in
 * numbers, and 'e' also in true/false, where no digit precedes it).
 */
function scanText(text: string): { names: number; numberForms: boolean } {
  let names = 0;
  let depth = 0;
  let numberForms = false;
  const n = text.length;
  let i = 0;
  while (i < n) {
    const c = text.charCodeAt(i);
    if (c === 34) {
      i = stringEnd(text, i);
      let d = text.charCodeAt(i);
      while (d === 32 || d === 10 || d === 13 || d === 9) d = text.charCodeAt(++i);
      if (d === 58) {
        names++;
        i++;
      }
      continue;
    }
    if (c === 123 || c === 91) {
      if (++depth > MAX_JSON_DEPTH) return { names: -1, numberForms };
    } else if (c === 125 || c === 93) {
      depth--;
    } else if (c === 46 || c === 69 || (c === 101 && isDigit(text.charCodeAt(i - 1)))) {
      numberForms = true;
    }
    i++;
  }
  return { names, numberForms };
}

function isDigit(c: number): boolean {
  return c >= 48 && c <= 57;
}

/** Own keys of every object in a parsed JSON value (JSON.parse makes own data properties, `__proto__` included). */
function countOwnKeys(v: unknown): number {
  if (typeof v !== 'object' || v === null) return 0;
  let n = 0;
  if (Array.isArray(v)) {
    for (let i = 0; i < v.length; i++) n += countOwnKeys(v[i]);
    return n;
  }
  for (const k in v) n += 1 + countOwnKeys((v as Record<string, unknown>)[k]);
  return n;
}

/** Index just after the string that starts at `i` (a '"') in valid JSON text. */
function stringEnd(text: string, i: number): number {
  let j = text.indexOf('"', i + 1);
  // A quote preceded by an odd number of backslashes is escaped.
  while (text.charCodeAt(j - 1) === 92) {
    let k = j - 1;
    while (text.charCodeAt(k - 1) === 92) k--;
    if ((j - k) % 2 === 0) break;
    j = text.indexOf('"', j + 1);
  }
  return j + 1;
}

function skipWhitespace(text: string, i: number): number {
  let c = text.charCodeAt(i);
  while (c === 32 || c === 10 || c === 13 || c === 9) c = text.charCodeAt(++i);
  return i;
}

/** Index just after the value that starts at `i` in valid JSON text. */
function valueEnd(text: string, i: number): number {
  const c = text.charCodeAt(i);
  if (c === 34) return stringEnd(text, i);
  if (c !== 123 && c !== 91) {
    // number, true, false, null: up to the next delimiter
    let d = text.charCodeAt(++i);
    while (i < text.length && d !== 44 && d !== 125 && d !== 93 && d !== 32 && d !== 10 && d !== 13 && d !== 9) d = text.charCodeAt(++i);
    return i;
  }
  let depth = 0;
  for (;;) {
    const d = text.charCodeAt(i);
    if (d === 34) {
      i = stringEnd(text, i);
      continue;
    }
    if (d === 123 || d === 91) depth++;
    else if ((d === 125 || d === 93) && --depth === 0) return i + 1;
    i++;
  }
}

/** Members of one container in the text: property name → [name offset, value offset], or item offsets. */
type ContainerIndex = Map<string, [number, number]> | number[];

/**
 * Positions of a value read by readJsonFast, found in its text when asked (only resources with issues ask), with the
 * same answers PositionMap gives for the scanner's recordings: a property is where its name starts, an array item
 * where its value starts, a container where its bracket is. Containers on the paths asked for are indexed once.
 */
export class JsonTextPositions extends PositionMap {
  private readonly containers = new Map<number, ContainerIndex>();
  private readonly nestedStarts = new WeakMap<object, number | null>();
  private readonly rootStart: number;

  /** `numberForms`: some number in the text has a fraction or exponent (see numberText). */
  constructor(private readonly text: string, firstLine: number, private readonly root: unknown, private readonly numberForms = true) {
    super(offsetDecoder(text, firstLine));
    this.rootStart = skipWhitespace(text, 0);
  }

  override set(): void {
    throw new Error('JsonTextPositions are read from the text; nothing can be recorded');
  }

  override setStart(): void {
    throw new Error('JsonTextPositions are read from the text; nothing can be recorded');
  }

  override numberText(root: unknown, path: readonly PathSegment[]): string | undefined {
    if (!this.numberForms) return undefined;
    const start = this.startOf(root);
    if (start === undefined) return undefined;
    let at = start;
    for (const seg of path) {
      const member = this.member(at, seg);
      if (!member) return undefined;
      at = member[1];
    }
    const c = this.text.charCodeAt(at);
    return c === 45 || isDigit(c) ? this.text.slice(at, valueEnd(this.text, at)) : undefined;
  }

  override locate(root: unknown, path: readonly PathSegment[]): LineColumn | undefined {
    const start = this.startOf(root);
    if (start === undefined) return undefined;
    let best = start;
    let at = start;
    for (const seg of path) {
      const member = this.member(at, seg);
      if (!member) break;
      best = member[0];
      at = member[1];
    }
    return this.decode(best);
  }

  /** [position, value offset] of member `seg` of the container at `at`; undefined for a primitive or no such member. */
  private member(at: number, seg: PathSegment): [number, number] | undefined {
    const c = this.text.charCodeAt(at);
    if (c !== 123 && c !== 91) return undefined;
    const index = this.index(at);
    if (Array.isArray(index)) {
      const k = typeof seg === 'number' ? seg : /^(0|[1-9]\d*)$/.test(seg) ? Number(seg) : -1;
      const item = index[k];
      return item === undefined ? undefined : [item, item];
    }
    return index.get(String(seg));
  }

  private index(at: number): ContainerIndex {
    let index = this.containers.get(at);
    if (index) return index;
    const text = this.text;
    const isObject = text.charCodeAt(at) === 123;
    const close = isObject ? 125 : 93;
    const members = new Map<string, [number, number]>();
    const items: number[] = [];
    let i = skipWhitespace(text, at + 1);
    while (text.charCodeAt(i) !== close) {
      if (isObject) {
        const nameAt = i;
        const nameEnd = stringEnd(text, i);
        const raw = text.slice(nameAt + 1, nameEnd - 1);
        const name = raw.includes('\\') ? (JSON.parse(text.slice(nameAt, nameEnd)) as string) : raw;
        i = skipWhitespace(text, skipWhitespace(text, nameEnd) + 1);
        members.set(name, [nameAt, i]);
      } else {
        items.push(i);
      }
      i = skipWhitespace(text, valueEnd(text, i));
      if (text.charCodeAt(i) === 44) i = skipWhitespace(text, i + 1);
    }
    index = isObject ? members : items;
    this.containers.set(at, index);
    return index;
  }

  /** Offset of a container of the parsed value (the root, or one found inside it); undefined for anything else. */
  private startOf(node: unknown): number | undefined {
    if (node === this.root) return typeof node === 'object' && node !== null ? this.rootStart : undefined;
    if (typeof node !== 'object' || node === null) return undefined;
    let start = this.nestedStarts.get(node);
    if (start === undefined) {
      const path = pathTo(this.root, node, []);
      start = null;
      if (path) {
        let at = this.rootStart;
        for (const seg of path) at = this.member(at, seg)![1];
        start = at;
      }
      this.nestedStarts.set(node, start);
    }
    return start ?? undefined;
  }
}

/** The path from `from` to the object `target` (by identity), depth first. */
function pathTo(from: unknown, target: object, path: PathSegment[]): PathSegment[] | undefined {
  if (from === target) return path;
  if (typeof from !== 'object' || from === null) return undefined;
  if (Array.isArray(from)) {
    for (let i = 0; i < from.length; i++) {
      path.push(i);
      if (pathTo(from[i], target, path)) return path;
      path.pop();
    }
    return undefined;
  }
  for (const k in from) {
    path.push(k);
    if (pathTo((from as Record<string, unknown>)[k], target, path)) return path;
    path.pop();
  }
  return undefined;
}

/**
 * The scanner: exact positions for everything, every duplicate key, and the position of any syntax error. Exported
 * for the differential test of the fast path; use readJson.
 */
/** Positions recorded by the exact reader, plus the written form of numbers with a fraction or exponent. */
class ExactJsonPositions extends PositionMap {
  private readonly numbers = new WeakMap<object, Map<PathSegment, string>>();

  recordNumber(container: object, key: PathSegment, written: string): void {
    let map = this.numbers.get(container);
    if (!map) this.numbers.set(container, (map = new Map()));
    map.set(key, written);
  }

  override numberText(root: unknown, path: readonly PathSegment[]): string | undefined {
    if (path.length === 0) return undefined;
    let container: unknown = root;
    for (let k = 0; k < path.length - 1; k++) {
      if (container === null || typeof container !== 'object') return undefined;
      container = (container as Record<string, unknown>)[path[k] as string];
    }
    return container !== null && typeof container === 'object' ? this.numbers.get(container)?.get(path[path.length - 1]!) : undefined;
  }
}

export function readJsonExact(text: string, source: string, firstLine = 1): JsonReadResult {
  if (text.charCodeAt(0) === 0xfeff) text = text.slice(1);
  const decode = offsetDecoder(text, firstLine);
  const positions = new ExactJsonPositions(decode);
  /** The text of the number just parsed, when it has a fraction or exponent (see PositionMap.numberText). */
  let numberForm: string | undefined;
  const issues: Issue[] = [];
  let i = 0;
  const n = text.length;
  const path: PathSegment[] = [];

  const skipWs = () => {
    while (i < n) {
      const c = text.charCodeAt(i);
      if (c === 32 || c === 10 || c === 13 || c === 9) i++;
      else break;
    }
  };
  const describe = (at: number) => (at >= n ? 'end of input' : JSON.stringify(text.slice(at, at + 12)));

  const parseString = (): string => {
    const start = ++i; // after the opening quote
    while (i < n) {
      const c = text.charCodeAt(i);
      if (c === 34) return text.slice(start, i++);
      if (c === 92 || c < 32) break;
      i++;
    }
    let out = text.slice(start, i);
    while (i < n) {
      const c = text.charCodeAt(i);
      if (c === 34) {
        i++;
        return out;
      }
      if (c < 32) throw new JsonSyntaxError('badString', i, { reason: 'control character must be escaped' });
      if (c === 92) {
        const e = text.charAt(i + 1);
        if (e === 'u') {
          const hex = text.slice(i + 2, i + 6);
          if (!/^[0-9a-fA-F]{4}$/.test(hex)) throw new JsonSyntaxError('badString', i, { reason: 'invalid \\u escape' });
          out += String.fromCharCode(Number.parseInt(hex, 16));
          i += 6;
        } else if (ESCAPES[e] !== undefined) {
          out += ESCAPES[e];
          i += 2;
        } else {
          throw new JsonSyntaxError('badString', i, { reason: `invalid escape \\${e}` });
        }
      } else {
        const start2 = i;
        while (i < n) {
          const d = text.charCodeAt(i);
          if (d === 34 || d === 92 || d < 32) break;
          i++;
        }
        out += text.slice(start2, i);
      }
    }
    throw new JsonSyntaxError('unexpectedEnd', n);
  };

  const parseNumber = (): number => {
    const start = i;
    if (text.charCodeAt(i) === 45) i++;
    const intStart = i;
    while (i < n && text.charCodeAt(i) >= 48 && text.charCodeAt(i) <= 57) i++;
    if (i === intStart) throw new JsonSyntaxError('unexpectedToken', start, { found: describe(start), expected: 'a value' });
    if (text.charCodeAt(intStart) === 48 && i - intStart > 1) {
      throw new JsonSyntaxError('unexpectedToken', intStart, { found: describe(intStart), expected: 'a number without leading zeros' });
    }
    if (text.charCodeAt(i) === 46) {
      i++;
      const f = i;
      while (i < n && text.charCodeAt(i) >= 48 && text.charCodeAt(i) <= 57) i++;
      if (i === f) throw new JsonSyntaxError('unexpectedToken', i, { found: describe(i), expected: 'a digit' });
    }
    const e = text.charCodeAt(i);
    if (e === 101 || e === 69) {
      i++;
      if (text.charCodeAt(i) === 43 || text.charCodeAt(i) === 45) i++;
      const f = i;
      while (i < n && text.charCodeAt(i) >= 48 && text.charCodeAt(i) <= 57) i++;
      if (i === f) throw new JsonSyntaxError('unexpectedToken', i, { found: describe(i), expected: 'an exponent' });
    }
    const written = text.slice(start, i);
    numberForm = /[.eE]/.test(written) ? written : undefined;
    return Number(written);
  };

  const literal = (word: string, value: unknown): unknown => {
    if (text.startsWith(word, i)) {
      i += word.length;
      return value;
    }
    throw new JsonSyntaxError('unexpectedToken', i, { found: describe(i), expected: 'a value' });
  };

  const parseValue = (depth: number): unknown => {
    skipWs();
    if (i >= n) throw new JsonSyntaxError('unexpectedEnd', n);
    const c = text.charCodeAt(i);
    if (c === 123) return parseObject(depth + 1);
    if (c === 91) return parseArray(depth + 1);
    if (c === 34) return parseString();
    if (c === 116) return literal('true', true);
    if (c === 102) return literal('false', false);
    if (c === 110) return literal('null', null);
    return parseNumber();
  };

  const parseObject = (depth: number): Record<string, unknown> => {
    if (depth > MAX_JSON_DEPTH) throw new JsonSyntaxError('tooDeep', i, { max: MAX_JSON_DEPTH });
    const obj: Record<string, unknown> = {};
    positions.setStart(obj, i);
    i++;
    skipWs();
    if (text.charCodeAt(i) === 125) {
      i++;
      return obj;
    }
    for (;;) {
      skipWs();
      if (i >= n) throw new JsonSyntaxError('unexpectedEnd', n);
      if (text.charCodeAt(i) !== 34) throw new JsonSyntaxError('unexpectedToken', i, { found: describe(i), expected: 'a property name' });
      const keyAt = i;
      const key = parseString();
      skipWs();
      if (text.charCodeAt(i) !== 58) throw new JsonSyntaxError('unexpectedToken', i, { found: describe(i), expected: "':'" });
      i++;
      path.push(key);
      const value = parseValue(depth);
      path.pop();
      if (Object.prototype.hasOwnProperty.call(obj, key)) {
        const lc = decode(keyAt);
        issues.push(
          jsonDuplicateKeyRule.issue({
            messageId: 'duplicateKey',
            data: { name: key },
            location: { source, line: lc.line, column: lc.column, expression: jsonPathExpression([...path, key]) },
          }),
        );
      }
      if (key === '__proto__') Object.defineProperty(obj, key, { value, enumerable: true, writable: true, configurable: true });
      else obj[key] = value;
      positions.set(obj, key, keyAt);
      if (typeof value === 'number' && numberForm !== undefined) positions.recordNumber(obj, key, numberForm);
      skipWs();
      const d = text.charCodeAt(i);
      if (d === 44) {
        i++;
        continue;
      }
      if (d === 125) {
        i++;
        return obj;
      }
      if (i >= n) throw new JsonSyntaxError('unexpectedEnd', n);
      throw new JsonSyntaxError('unexpectedToken', i, { found: describe(i), expected: "',' or '}'" });
    }
  };

  const parseArray = (depth: number): unknown[] => {
    if (depth > MAX_JSON_DEPTH) throw new JsonSyntaxError('tooDeep', i, { max: MAX_JSON_DEPTH });
    const arr: unknown[] = [];
    positions.setStart(arr, i);
    i++;
    skipWs();
    if (text.charCodeAt(i) === 93) {
      i++;
      return arr;
    }
    for (;;) {
      skipWs();
      const at = i;
      path.push(arr.length);
      const v = parseValue(depth);
      path.pop();
      positions.set(arr, arr.length, at);
      if (typeof v === 'number' && numberForm !== undefined) positions.recordNumber(arr, arr.length, numberForm);
      arr.push(v);
      skipWs();
      const d = text.charCodeAt(i);
      if (d === 44) {
        i++;
        continue;
      }
      if (d === 93) {
        i++;
        return arr;
      }
      if (i >= n) throw new JsonSyntaxError('unexpectedEnd', n);
      throw new JsonSyntaxError('unexpectedToken', i, { found: describe(i), expected: "',' or ']'" });
    }
  };

  try {
    const value = parseValue(0);
    skipWs();
    if (i < n) throw new JsonSyntaxError('trailingContent', i);
    // FHIRPath locations start at the resource type, known only once the whole object is read.
    const rt = value && typeof value === 'object' && !Array.isArray(value) ? (value as Record<string, unknown>).resourceType : undefined;
    if (typeof rt === 'string') {
      for (const issue of issues) {
        const e = issue.location.expression;
        if (e !== undefined) issue.location.expression = e === 'resourceType' ? e : `${rt}${e.startsWith('[') ? '' : '.'}${e}`;
      }
    }
    return { value, positions, issues, ok: true };
  } catch (e) {
    if (!(e instanceof JsonSyntaxError)) throw e;
    const lc = decode(Math.min(e.offset, n));
    issues.push(jsonSyntaxRule.issue({ messageId: e.messageId, data: e.data, location: { source, line: lc.line, column: lc.column } }));
    return { value: undefined, positions, issues, ok: false };
  }
}

/** A readable location for JSON-level problems before the FHIR walk (e.g. `entry[2].resource.id`). */
export function jsonPathExpression(path: readonly PathSegment[]): string {
  let out = '';
  for (const seg of path) out += typeof seg === 'number' ? `[${seg}]` : out ? `.${seg}` : seg;
  return out;
}
