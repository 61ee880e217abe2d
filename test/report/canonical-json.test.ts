// Canonical JSON: sorted keys, no whitespace, stable across a JSON round trip.
import { describe, expect, it } from 'vitest';
import { canonicalJson, stableStringify } from '../../src/report/canonical-json.js';

describe('canonicalJson', () => {
  it.each([
    [{ b: 1, a: [true, null, 'x'] }, '{"a":[true,null,"x"],"b":1}'],
    [{ z: { y: 2, x: 1 }, a: {} }, '{"a":{},"z":{"x":1,"y":2}}'],
    [{ a: undefined, b: [undefined] }, '{"b":[null]}'],
    [{ '\u00e9': 1, e: 2, E: 3 }, '{"E":3,"e":2,"\u00e9":1}'],
    [[1.5, -0, 1e21, 0.1], '[1.5,0,1e+21,0.1]'],
    ['line\nbreak "quoted" \u2028', JSON.stringify('line\nbreak "quoted" \u2028')],
  ])('%j → %s', (value, expected) => {
    expect(canonicalJson(value)).toBe(expected);
  });

  it('gives the same text after a JSON round trip', () => {
    const value = { b: [{ d: 'x', c: 1 }], a: 'é', n: 12.25 };
    expect(canonicalJson(JSON.parse(JSON.stringify(value)))).toBe(canonicalJson(value));
  });

  it('throws on values JSON cannot hold (programmer error)', () => {
    expect(() => canonicalJson({ n: Number.NaN })).toThrow(TypeError);
  });

  it('pretty form has sorted keys and parses to the same value', () => {
    const value = { b: { d: [1, { f: 2, e: 3 }] }, a: [] };
    const text = stableStringify(value, 2);
    expect(JSON.parse(text)).toEqual(value);
    expect(text.indexOf('"a"')).toBeLessThan(text.indexOf('"b"'));
    expect(text.indexOf('"e"')).toBeLessThan(text.indexOf('"f"'));
  });
});
