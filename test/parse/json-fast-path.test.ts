// readJson's fast path (JSON.parse + positions found in the text on demand) against the scanner that records every
// position: same value, same issues, and the same answer from locate() for every path, on the R4 examples.
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { JsonTextPositions, readJson, readJsonExact } from '../../src/parse/json.js';
import type { PathSegment, PositionMap } from '../../src/parse/positions.js';

const examplesDir = path.dirname(createRequire(import.meta.url).resolve('hl7.fhir.r4.examples/package.json'));
// Every 10th example under 100 kB keeps the test quick and still covers most resource types' shapes.
const files = readdirSync(examplesDir).filter((f) => f.endsWith('.json') && f !== 'package.json').sort()
  .filter((f, i) => i % 10 === 0 && statSync(path.join(examplesDir, f)).size < 100_000);

/** Every path in a value, plus paths that go one step too far or name something absent. */
function* paths(v: unknown, at: PathSegment[] = []): Generator<PathSegment[]> {
  yield at;
  yield [...at, 'absent'];
  yield [...at, 0];
  if (Array.isArray(v)) {
    yield [...at, v.length];
    yield [...at, '0'];
    for (let i = 0; i < v.length; i++) yield* paths(v[i], [...at, i]);
  } else if (v && typeof v === 'object') {
    for (const k of Object.keys(v)) yield* paths((v as Record<string, unknown>)[k], [...at, k]);
  }
}

/** Containers inside a value (to use as locate roots), with their paths. */
function* containers(v: unknown, at: PathSegment[] = []): Generator<[object, PathSegment[]]> {
  if (!v || typeof v !== 'object') return;
  yield [v, at];
  for (const [k, c] of Object.entries(v)) yield* containers(c, [...at, Array.isArray(v) ? Number(k) : k]);
}

function valueAt(v: unknown, p: PathSegment[]): unknown {
  return p.reduce<unknown>((o, s) => (o as Record<string, unknown>)[s as string], v);
}

function expectSamePositions(text: string, firstLine = 1): void {
  const fast = readJson(text, 'x.json', firstLine);
  const exact = readJsonExact(text, 'x.json', firstLine);
  expect(fast.positions).toBeInstanceOf(JsonTextPositions);
  expect(fast.value).toEqual(exact.value);
  expect(fast.issues).toEqual(exact.issues);
  const at = (m: PositionMap, root: unknown, p: PathSegment[]) => m.locate(root, p);
  for (const p of paths(fast.value)) expect([p, at(fast.positions, fast.value, p)]).toEqual([p, at(exact.positions, exact.value, p)]);
  // Roots other than the top: nested objects and arrays of the same parsed value.
  let n = 0;
  for (const [obj, p] of containers(fast.value)) {
    if (n++ % 7 !== 0) continue;
    const other = valueAt(exact.value, p);
    for (const rest of [[], ['absent'], [0], ...[...paths(obj)].slice(0, 6)]) {
      expect([p, rest, at(fast.positions, obj, rest)]).toEqual([p, rest, at(exact.positions, other, rest)]);
    }
  }
  // Objects that are not part of the value have no position.
  expect(fast.positions.locate({}, [])).toBeUndefined();
}

describe('readJson fast path', () => {
  it(`gives the scanner's positions on ${files.length} R4 examples (pretty-printed, minified, CRLF, NDJSON line)`, () => {
    for (const f of files) {
      const text = readFileSync(path.join(examplesDir, f), 'utf8');
      expectSamePositions(text);
      expectSamePositions(JSON.stringify(JSON.parse(text)), 41);
      expectSamePositions(text.replace(/\n/g, '\r\n'));
    }
  });

  it.each([
    ['escaped names and values', '{"a\\"b": 1, "c\\\\": ["x\\"", "\\\\"], "\\u0064": {"e\\\\\\"": true}}'],
    ['__proto__ as a key', '{"resourceType": "Patient", "__proto__": {"polluted": true}, "x": [{"__proto__": 1}]}'],
    ['empty containers and literals', '{ "a" : { } , "b" : [ ] , "c" : [ null , true , false , -1.5e+3 , { } ] }'],
    ['numeric-looking keys', '{"0": {"1": [1, 2]}, "10": 3, "2": 4}'],
    ['a byte order mark', '\uFEFF{"resourceType": "Patient", "active": true}'],
    ['tabs and blank lines', '{\n\t"a":\n\n\t[\n\t\t1,\t2\n\t]\n}'],
  ])('%s', (_name, text) => expectSamePositions(text));

  it.each([
    ['a duplicate key', '{"a": 1, "b": {"c": 1, "c": 2}}'],
    ['a syntax error', '{"a": 1,}'],
    ['too deep', '['.repeat(1001) + ']'.repeat(1001)],
  ])('%s goes through the scanner', (_name, text) => {
    const fast = readJson(text, 'x.json');
    expect(fast.positions).not.toBeInstanceOf(JsonTextPositions);
    const exact = readJsonExact(text, 'x.json');
    expect([fast.ok, fast.value, fast.issues]).toEqual([exact.ok, exact.value, exact.issues]);
  });

  it('the text positions cannot be written to', () => {
    const r = readJson('{"a": 1}', 'x.json');
    expect(() => r.positions.set(r.value as object, 'a', 1)).toThrow();
  });
});
