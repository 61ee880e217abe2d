// Deep comparison of instance values with fixed[x] (exact) and pattern[x] (containment) values, returning where the
// first difference is so the issue can point at it. https://hl7.org/fhir/R4/profiling.html#fixed-pattern
import type { PathSegment } from '../../parse/positions.js';

export interface ValueDiff {
  kind: 'wrongValue' | 'missingElement' | 'unexpectedElement' | 'noMatchingItem';
  /** JSON path from the compared value to where the difference is. */
  segs: PathSegment[];
  /** FHIRPath suffix for `segs`, e.g. `.coding[0].system`. */
  suffix: string;
  /** The property name concerned (last named segment), for messages. */
  name: string;
  found?: string;
  expected?: string;
}

function isObject(v: unknown): v is Record<string, unknown> {
  return v !== null && typeof v === 'object' && !Array.isArray(v);
}

export function preview(v: unknown): string {
  if (v === undefined) return '(absent)';
  const s = typeof v === 'string' ? v : JSON.stringify(v);
  return s.length > 120 ? `${s.slice(0, 117)}...` : s;
}

function primitiveEquals(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  // Decimals may be written with different precision (1.0 vs 1) or, from XML, as strings.
  if ((typeof a === 'number' || typeof a === 'string') && (typeof b === 'number' || typeof b === 'string')) {
    if (typeof a === typeof b) return false;
    const na = Number(a);
    const nb = Number(b);
    return Number.isFinite(na) && na === nb && String(a).trim() !== '' && String(b).trim() !== '';
  }
  return false;
}

/** True when `actual` equals `fixed` exactly (https://hl7.org/fhir/R4/elementdefinition-definitions.html#ElementDefinition.fixed_x_). */
export function fixedEquals(fixed: unknown, actual: unknown): boolean {
  return fixedDiff(fixed, actual) === undefined;
}

/** The first difference between `actual` and the fixed value, or undefined when equal. */
export function fixedDiff(fixed: unknown, actual: unknown, segs: PathSegment[] = [], suffix = '', name = ''): ValueDiff | undefined {
  if (isObject(fixed)) {
    if (!isObject(actual)) return { kind: 'wrongValue', segs, suffix, name, found: preview(actual), expected: preview(fixed) };
    for (const key of Object.keys(fixed)) {
      const sub = fixed[key];
      const inst = actual[key];
      if (inst === undefined) return { kind: 'missingElement', segs: [...segs], suffix, name: key, expected: preview(sub) };
      const d = fixedDiff(sub, inst, [...segs, key], `${suffix}.${key}`, key);
      if (d) return d;
    }
    for (const key of Object.keys(actual)) {
      if (!(key in fixed) && !key.startsWith('_')) return { kind: 'unexpectedElement', segs: [...segs, key], suffix: `${suffix}.${key}`, name: key };
    }
    return undefined;
  }
  if (Array.isArray(fixed)) {
    const list = Array.isArray(actual) ? actual : [actual];
    for (let i = 0; i < fixed.length; i++) {
      if (i >= list.length) return { kind: 'missingElement', segs: [...segs], suffix, name, expected: preview(fixed[i]) };
      const d = fixedDiff(fixed[i], list[i], [...segs, i], `${suffix}[${i}]`, name);
      if (d) return d;
    }
    if (list.length > fixed.length) return { kind: 'unexpectedElement', segs: [...segs, fixed.length], suffix: `${suffix}[${fixed.length}]`, name };
    return undefined;
  }
  if (primitiveEquals(fixed, actual)) return undefined;
  return { kind: 'wrongValue', segs, suffix, name, found: preview(actual), expected: preview(fixed) };
}

/** True when `actual` contains `pattern` (https://hl7.org/fhir/R4/elementdefinition-definitions.html#ElementDefinition.pattern_x_). */
export function patternMatches(pattern: unknown, actual: unknown): boolean {
  return patternDiff(pattern, actual) === undefined;
}

/**
 * The first way `actual` fails to contain `pattern`. Objects: every pattern property must be present and match.
 * Arrays: every pattern item must match some instance item.
 */
export function patternDiff(pattern: unknown, actual: unknown, segs: PathSegment[] = [], suffix = '', name = ''): ValueDiff | undefined {
  if (isObject(pattern)) {
    if (!isObject(actual)) return { kind: 'wrongValue', segs, suffix, name, found: preview(actual), expected: preview(pattern) };
    for (const key of Object.keys(pattern)) {
      const sub = pattern[key];
      const inst = actual[key];
      if (inst === undefined) return { kind: 'missingElement', segs: [...segs], suffix, name: key, expected: preview(sub) };
      const d = patternDiff(sub, inst, [...segs, key], `${suffix}.${key}`, key);
      if (d) return d;
    }
    return undefined;
  }
  if (Array.isArray(pattern)) {
    const list = Array.isArray(actual) ? actual : [actual];
    for (const p of pattern) {
      if (list.some((item) => patternMatches(p, item))) continue;
      // With one instance item the nearest difference is more useful than "no item matches".
      if (list.length === 1) {
        const d = patternDiff(p, list[0], Array.isArray(actual) ? [...segs, 0] : segs, Array.isArray(actual) ? `${suffix}[0]` : suffix, name);
        if (d) return d;
      }
      return { kind: 'noMatchingItem', segs, suffix, name, expected: preview(p) };
    }
    return undefined;
  }
  if (primitiveEquals(pattern, actual)) return undefined;
  return { kind: 'wrongValue', segs, suffix, name, found: preview(actual), expected: preview(pattern) };
}
