// Evaluates ValueSet.compose.include.filter against a local code system, giving the set of matching codes.
// Operators: https://hl7.org/fhir/R4/valueset-filter-operator.html; properties: https://hl7.org/fhir/R4/codesystem.html#filters
import type { CodeSystemIndex, ConceptEntry } from './code-system-index.js';

export interface ComposeFilter {
  property: string;
  op: string;
  value: string;
}

export type FilterResult = { codes: Set<string> } | { unsupported: string };

/** Properties that name the concept itself rather than a concept property. */
const CONCEPT_PROPERTIES = new Set(['concept', 'code']);

/** Intersects all filters of one include (filters in one include are ANDed). */
export function evaluateFilters(cs: CodeSystemIndex, filters: ComposeFilter[]): FilterResult {
  let acc: Set<string> | undefined;
  for (const f of filters) {
    const r = evaluateFilter(cs, f);
    if ('unsupported' in r) return r;
    acc = acc ? new Set([...acc].filter((c) => r.codes.has(c))) : r.codes;
  }
  return { codes: acc ?? new Set(cs.codes()) };
}

export function evaluateFilter(cs: CodeSystemIndex, f: ComposeFilter): FilterResult {
  const { property, op } = f;
  const value = f.value ?? '';
  if (CONCEPT_PROPERTIES.has(property)) return conceptFilter(cs, op, value);
  if (property === 'display') return select(cs, op, value, (c) => (c.display === undefined ? [] : [c.display]));
  if ((property === 'parent' || property === 'child') && !cs.declaredProperties.has(property)) {
    // Implicit hierarchy properties (https://hl7.org/fhir/R4/codesystem-concept-properties.html).
    return select(cs, op, value, (c) => [...(property === 'parent' ? c.parents : c.children)]);
  }
  if (!cs.declaredProperties.has(property) && !anyConceptHas(cs, property)) {
    return { unsupported: `property '${property}' is not defined by ${cs.url}` };
  }
  return select(cs, op, value, (c) => c.properties.get(property) ?? []);
}

/** Filters whose property is the concept itself: hierarchy operators and code matching. */
function conceptFilter(cs: CodeSystemIndex, op: string, value: string): FilterResult {
  const self = cs.get(value)?.code;
  switch (op) {
    case 'is-a':
      return { codes: self === undefined ? new Set() : new Set([self, ...cs.descendants(self)]) };
    case 'descendent-of':
      return { codes: self === undefined ? new Set() : cs.descendants(self) };
    case 'is-not-a': {
      const excluded = self === undefined ? new Set<string>() : new Set([self, ...cs.descendants(self)]);
      return { codes: new Set([...cs.codes()].filter((c) => !excluded.has(c))) };
    }
    case 'generalizes':
      return { codes: self === undefined ? new Set() : new Set([self, ...cs.ancestors(self)]) };
    default:
      return select(cs, op, value, (c) => [c.code]);
  }
}

/** Value operators (=, in, not-in, regex, exists) over the values a concept has for a property. */
function select(cs: CodeSystemIndex, op: string, value: string, valuesOf: (c: ConceptEntry) => string[]): FilterResult {
  let test: (values: string[]) => boolean;
  switch (op) {
    case '=':
      test = (vs) => vs.some((v) => sameValue(cs, v, value));
      break;
    case 'in': {
      const list = splitList(value);
      test = (vs) => vs.some((v) => list.some((l) => sameValue(cs, v, l)));
      break;
    }
    case 'not-in': {
      const list = splitList(value);
      test = (vs) => !vs.some((v) => list.some((l) => sameValue(cs, v, l)));
      break;
    }
    case 'regex': {
      let re: RegExp;
      try {
        // NOTE: FHIR regex filters match the whole value (as XML Schema patterns and Java's matches() do).
        re = new RegExp(`^(?:${value})$`, 'u');
      } catch {
        return { unsupported: `regex '${value}' is not a valid regular expression` };
      }
      test = (vs) => vs.some((v) => re.test(v));
      break;
    }
    case 'exists': {
      const want = value !== 'false';
      test = (vs) => (vs.length > 0) === want;
      break;
    }
    default:
      return { unsupported: `filter operator '${op}' is not supported on ${cs.url}` };
  }
  const codes = new Set<string>();
  for (const code of cs.codes()) {
    const c = cs.get(code)!;
    if (test(valuesOf(c))) codes.add(code);
  }
  return { codes };
}

function sameValue(cs: CodeSystemIndex, a: string, b: string): boolean {
  return cs.caseSensitive ? a === b : a.toLowerCase() === b.toLowerCase();
}

function splitList(value: string): string[] {
  return value.split(',').map((s) => s.trim()).filter((s) => s.length > 0);
}

function anyConceptHas(cs: CodeSystemIndex, property: string): boolean {
  for (const code of cs.codes()) if (cs.get(code)!.properties.has(property)) return true;
  return false;
}
