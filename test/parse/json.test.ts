// readJson: positions of properties and array items, CRLF, BOM, NDJSON line offsets, duplicate keys, every syntax
// error with its position, the depth limit and `__proto__` keys (https://hl7.org/fhir/R4/json.html).
import { describe, expect, it } from 'vitest';
import { MAX_JSON_DEPTH, readJson } from '../../src/parse/json.js';
import type { PathSegment } from '../../src/parse/positions.js';

const SAMPLE = [
  '{',
  '  "resourceType": "Patient",',
  '  "name": [',
  '    { "given": ["A", "B"] },',
  '    {',
  '      "family": "Smith"',
  '    }',
  '  ]',
  '}',
].join('\n');

const POSITIONS: Array<[path: PathSegment[], line: number, column: number]> = [
  [[], 1, 1],
  [['resourceType'], 2, 3],
  [['name'], 3, 3],
  [['name', 0], 4, 5],
  [['name', 0, 'given'], 4, 7],
  [['name', 0, 'given', 0], 4, 17],
  [['name', 0, 'given', 1], 4, 22],
  [['name', 1], 5, 5],
  [['name', 1, 'family'], 6, 7],
  // A path that goes beyond what exists resolves to its deepest recorded ancestor.
  [['name', 1, 'family', 'x'], 6, 7],
  [['name', 7], 3, 3],
];

function locate(text: string, path: PathSegment[], firstLine = 1) {
  const r = readJson(text, 'in.json', firstLine);
  expect(r.ok).toBe(true);
  return r.positions.locate(r.value, path);
}

describe('readJson positions', () => {
  it.each(POSITIONS)('%j is at %i:%i', (path, line, column) => {
    expect(locate(SAMPLE, path)).toEqual({ line, column });
  });

  it.each(POSITIONS)('CRLF line ends: %j is still at %i:%i', (path, line, column) => {
    expect(locate(SAMPLE.replace(/\n/g, '\r\n'), path)).toEqual({ line, column });
  });

  it.each(POSITIONS)('firstLine 41 (an NDJSON line): %j is at 40+%i', (path, line, column) => {
    expect(locate(SAMPLE, path, 41)).toEqual({ line: line + 40, column });
  });

  it('a UTF-8 byte order mark is skipped and does not shift columns on line 1', () => {
    const r = readJson('\uFEFF{"resourceType": "Patient", "active": true}', 'bom.json');
    expect(r.ok).toBe(true);
    expect(r.value).toEqual({ resourceType: 'Patient', active: true });
    expect(r.positions.locate(r.value, [])).toEqual({ line: 1, column: 1 });
    expect(r.positions.locate(r.value, ['active'])).toEqual({ line: 1, column: 29 });
  });

  it('parses the same values as JSON.parse', () => {
    const text = '{"a":[1,-2.5e3,0,true,false,null,"x\\u00e9\\n\\"\\\\\\/"],"b":{},"c":[],"d":"\u00e9"}';
    const r = readJson(text, 'v.json');
    expect(r.ok).toBe(true);
    expect(r.value).toEqual(JSON.parse(text));
  });
});

describe('readJson duplicate keys', () => {
  it('reports the second occurrence, keeps the last value (as JSON.parse), and still parses', () => {
    const r = readJson('{"a": 1, "b": 2, "a": 3}', 'dup.json');
    expect(r.ok).toBe(true);
    expect(r.value).toEqual({ a: 3, b: 2 });
    expect(r.issues.map((i) => [i.ruleId, i.messageId, i.severity, i.location.expression, i.location.line, i.location.column]))
      .toEqual([['parse/json-duplicate-key', 'duplicateKey', 'error', 'a', 1, 18]]);
    expect(r.issues[0]!.data).toEqual({ name: 'a' });
  });

  it('reports each repeat, nested ones with a JSON path', () => {
    const text = '{\n  "name": [\n    {"family": "A", "family": "B", "family": "C"}\n  ],\n  "name": []\n}';
    const r = readJson(text, 'dup.json');
    expect(r.issues.map((i) => [i.location.expression, i.location.line, i.location.column])).toEqual([
      ['name[0].family', 3, 21],
      ['name[0].family', 3, 36],
      ['name', 5, 3],
    ]);
  });

  it('the same key in different objects is not a duplicate', () => {
    expect(readJson('{"a": {"x": 1}, "b": {"x": 2}, "c": [{"x": 1}, {"x": 2}]}', 'ok.json').issues).toEqual([]);
  });
});

// Every syntax error id, with the position of the offending character.
const SYNTAX: Array<[text: string, messageId: string, line: number, column: number]> = [
  ['{"a" 1}', 'unexpectedToken', 1, 6],
  ['{"a":1,}', 'unexpectedToken', 1, 8],
  ['{"a":1 "b":2}', 'unexpectedToken', 1, 8],
  ["{'a':1}", 'unexpectedToken', 1, 2],
  ['[1,]', 'unexpectedToken', 1, 4],
  ['[1 2]', 'unexpectedToken', 1, 4],
  ['{"a":01}', 'unexpectedToken', 1, 6],
  ['{"a":1.}', 'unexpectedToken', 1, 8],
  ['{"a":1e+}', 'unexpectedToken', 1, 9],
  ['{"a":-}', 'unexpectedToken', 1, 6],
  ['{"a":NaN}', 'unexpectedToken', 1, 6],
  ['{"a":tru}', 'unexpectedToken', 1, 6],
  ['{\n  "a": 1,\n  "b": undefined\n}', 'unexpectedToken', 3, 8],
  ['', 'unexpectedEnd', 1, 1],
  ['{"a":1', 'unexpectedEnd', 1, 7],
  ['{\n  "a": [1, 2\n', 'unexpectedEnd', 3, 1],
  ['{"a":"no end', 'unexpectedEnd', 1, 13],
  ['{"a":"esc\\u00e9 no end', 'unexpectedEnd', 1, 23],
  ['{} {}', 'trailingContent', 1, 4],
  ['{"a":1}\n}', 'trailingContent', 2, 1],
  ['{"a":"x\\qy"}', 'badString', 1, 8],
  ['{"a":"\\u12G4"}', 'badString', 1, 7],
  ['{"a":"line\nbreak"}', 'badString', 1, 11],
  ['{"a":"tab\there"}', 'badString', 1, 10],
  ['{\r\n  "a": "x\\qy"\r\n}', 'badString', 2, 10],
];

describe('readJson syntax errors', () => {
  it.each(SYNTAX)('%j → %s at %i:%i', (text, messageId, line, column) => {
    const r = readJson(text, 'bad.json');
    expect(r.ok).toBe(false);
    expect(r.value).toBeUndefined();
    expect(r.issues.map((i) => ({ ruleId: i.ruleId, messageId: i.messageId, severity: i.severity, line: i.location.line, column: i.location.column, source: i.location.source })))
      .toEqual([{ ruleId: 'parse/json-syntax', messageId, severity: 'fatal', line, column, source: 'bad.json' }]);
  });

  it('positions of syntax errors follow firstLine', () => {
    const r = readJson('{"a":1,}', 'x.ndjson', 7);
    expect(r.issues[0]!.location).toMatchObject({ line: 7, column: 8 });
  });
});

describe('readJson depth limit', () => {
  it(`accepts exactly ${MAX_JSON_DEPTH} levels`, () => {
    const r = readJson(`${'['.repeat(MAX_JSON_DEPTH)}${']'.repeat(MAX_JSON_DEPTH)}`, 'deep.json');
    expect(r.ok).toBe(true);
  });

  it.each([
    ['arrays', '['.repeat(5000) + ']'.repeat(5000), MAX_JSON_DEPTH + 1],
    ['objects', '{"a":'.repeat(5000) + '1' + '}'.repeat(5000), MAX_JSON_DEPTH * 5 + 1],
    ['unterminated arrays', '['.repeat(5000), MAX_JSON_DEPTH + 1],
  ])('5000-deep %s: one fatal tooDeep at the first level too many, no crash', (_kind, text, column) => {
    const r = readJson(text, 'deep.json');
    expect(r.ok).toBe(false);
    expect(r.issues.map((i) => [i.ruleId, i.messageId, i.severity, i.location.line, i.location.column]))
      .toEqual([['parse/json-syntax', 'tooDeep', 'fatal', 1, column]]);
    expect(r.issues[0]!.data).toEqual({ max: MAX_JSON_DEPTH });
  });
});

describe('readJson __proto__ keys', () => {
  it('keeps __proto__ as an own data property and pollutes no prototype', () => {
    const r = readJson('{"resourceType": "Patient", "__proto__": {"polluted": true, "active": true}}', 'proto.json');
    expect(r.ok).toBe(true);
    const value = r.value as Record<string, unknown>;
    expect(Object.getPrototypeOf(value)).toBe(Object.prototype);
    expect(Object.keys(value)).toEqual(['resourceType', '__proto__']);
    expect(Object.getOwnPropertyDescriptor(value, '__proto__')?.value).toEqual({ polluted: true, active: true });
    expect((value as { active?: unknown }).active).toBeUndefined();
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
    expect(r.positions.locate(value, ['__proto__'])).toEqual({ line: 1, column: 29 });
  });

  it('a nested __proto__ and a duplicated one are handled the same way', () => {
    const r = readJson('{"a": [{"__proto__": 1, "__proto__": 2}]}', 'proto.json');
    const item = (r.value as { a: Record<string, unknown>[] }).a[0]!;
    expect(Object.getPrototypeOf(item)).toBe(Object.prototype);
    expect(Object.getOwnPropertyDescriptor(item, '__proto__')?.value).toBe(2);
    expect(r.issues.map((i) => [i.messageId, i.location.expression])).toEqual([['duplicateKey', 'a[0].__proto__']]);
  });
});
