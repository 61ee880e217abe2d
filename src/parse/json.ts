// Reads FHIR JSON with exact positions for every property and array item, and reports duplicate keys.
// A hand-written scanner instead of JSON.parse because FHIR issues need line/column (https://hl7.org/fhir/R4/json.html).
import type { Issue } from '../model/issue.js';
import { jsonDuplicateKeyRule, jsonSyntaxRule } from './parse-rules.js';
import { offsetDecoder, PositionMap, type PathSegment } from './positions.js';

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
  const decode = offsetDecoder(text, firstLine);
  const positions = new PositionMap(decode);
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
    return Number(text.slice(start, i));
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
