// Unit tables for the value helpers profile validation is built on: fixed/pattern comparison, min/max values, and
// discriminator paths evaluated on JSON.
import { describe, expect, it } from 'vitest';
import { fixedDiff, patternDiff } from '../../src/profile/values/compare.js';
import { checkRange } from '../../src/profile/values/range.js';
import { evaluatePath, parseDiscriminatorPath } from '../../src/profile/slicing/discriminator-path.js';

describe('fixed[x]: exact', () => {
  it.each([
    ['equal primitive', 'a', 'a', undefined],
    ['different primitive', 'a', 'b', 'wrongValue'],
    ['decimal precision', 1.0, 1, undefined],
    ['equal object', { system: 's', code: 'c' }, { system: 's', code: 'c' }, undefined],
    ['extra property', { system: 's' }, { system: 's', code: 'c' }, 'unexpectedElement'],
    ['missing property', { system: 's', code: 'c' }, { system: 's' }, 'missingElement'],
    ['array length', [{ a: 1 }], [{ a: 1 }, { a: 2 }], 'unexpectedElement'],
  ] as const)('%s', (_n, fixed, actual, kind) => {
    expect(fixedDiff(fixed, actual)?.kind).toBe(kind);
  });
  it('points at the first difference', () => {
    expect(fixedDiff({ coding: [{ system: 's', code: 'c' }] }, { coding: [{ system: 's', code: 'x' }] })).toMatchObject({ suffix: '.coding[0].code', segs: ['coding', 0, 'code'] });
  });
});

describe('pattern[x]: the instance contains the pattern', () => {
  const cc = { coding: [{ system: 'http://loinc.org', code: '1' }] };
  it.each([
    ['extra properties and items are allowed', cc, { coding: [{ system: 'http://x', code: '9' }, { system: 'http://loinc.org', code: '1', display: 'd' }], text: 't' }, undefined],
    ['single item differs: points inside it', cc, { coding: [{ system: 'http://loinc.org', code: '2' }] }, 'wrongValue'],
    ['no item matches among several', cc, { coding: [{ code: '1' }, { system: 'http://loinc.org' }] }, 'noMatchingItem'],
    ['missing property', cc, { text: 'x' }, 'missingElement'],
  ] as const)('%s', (_n, pattern, actual, kind) => {
    expect(patternDiff(pattern, actual)?.kind).toBe(kind);
  });
});

describe('minValue/maxValue', () => {
  it.each([
    ['integer in range', 'integer', 5, 0, 10, 'ok'],
    ['integer low', 'integer', -1, 0, 10, 'low'],
    ['decimal high', 'decimal', 10.5, undefined, 10, 'high'],
    ['date high', 'date', '2025-01-02', undefined, '2025-01-01', 'high'],
    ['dateTime on a shorter precision, decidable', 'dateTime', '2026', undefined, '2025-06-01', 'high'],
    ['dateTime on a shorter precision, undecidable', 'dateTime', '2025', undefined, '2025-06-01', 'incomparable'],
    ['Quantity same unit', 'Quantity', { value: 3, system: 'http://unitsofmeasure.org', code: 'kg' }, { value: 5, system: 'http://unitsofmeasure.org', code: 'kg' }, undefined, 'low'],
    ['Quantity other unit', 'Quantity', { value: 3, system: 'http://unitsofmeasure.org', code: 'g' }, { value: 5, system: 'http://unitsofmeasure.org', code: 'kg' }, undefined, 'incomparable'],
  ] as const)('%s', (_n, type, value, min, max, outcome) => {
    expect(checkRange(type, value, min, max)).toBe(outcome);
  });
});

describe('discriminator paths on JSON', () => {
  const ext = { extension: [{ url: 'a', valueString: 'x' }, { url: 'b', valueQuantity: { value: 1 } }] };
  const resolve = (ref: Record<string, unknown>) => (ref.reference === 'Patient/1' ? { resourceType: 'Patient', id: '1', active: true } : undefined);
  it.each([
    ['$this', { a: 1 }, [{ a: 1 }]],
    ['coding.system', { coding: [{ system: 's1' }, { system: 's2' }] }, ['s1', 's2']],
    ["extension('b').value", ext, [{ value: 1 }]],
    ['value.ofType(Quantity)', { valueQuantity: { value: 2 } }, [{ value: 2 }]],
    ['value.ofType(string)', { valueQuantity: { value: 2 } }, []],
    ['resolve().active', { reference: 'Patient/1' }, [true]],
  ] as const)('%s', (path, value, expected) => {
    const steps = parseDiscriminatorPath(path);
    expect(steps).toBeDefined();
    expect(evaluatePath({ value }, steps!, resolve).map((v) => v.value)).toEqual(expected);
  });
  it('rejects what it cannot evaluate', () => {
    expect(parseDiscriminatorPath("code.where(system = 'x')")).toBeUndefined();
  });
});
