// The sandbox's search engine: parameters from the shared R4 table, modifiers, strict/lenient handling of unknown
// parameters (https://hl7.org/fhir/R4/search.html#errors) and paging via _count/_offset.
import { valuesAt } from '../probes/fhir/element-values.js';
import { invalidValueReason, matchesParam } from '../probes/fhir/match.js';
import { searchParamDef } from '../probes/fhir/search-params.js';
import type { Resource } from './data/index.js';

const CONTROL = new Set(['_count', '_offset', '_format']);
const STRING_MODIFIERS = new Set(['exact', 'contains']);
export const DEFAULT_PAGE_SIZE = 50;
const MAX_PAGE_SIZE = 100;

export type SearchResult =
  | { ok: true; matches: Resource[]; used: [string, string][]; count: number; offset: number }
  | { ok: false; code: 'invalid' | 'not-supported'; diagnostics: string };

export interface SearchInput {
  type: string;
  params: [string, string][];
  resources: readonly Resource[];
  /** `Prefer: handling=strict`: unknown parameters are errors instead of being ignored. */
  strict: boolean;
  /** Parameters the server silently ignores (the ignores-search-param fault) while still echoing them. */
  ignored?: ReadonlySet<string>;
  pageSize?: number;
}

function intParam(value: string | undefined, name: string, fallback: number): number | string {
  if (value === undefined) return fallback;
  if (!/^\d+$/.test(value)) return `${name} must be a non-negative integer, got '${value}'`;
  return Number(value);
}

export function search(input: SearchInput): SearchResult {
  const get = (k: string) => input.params.find(([n]) => n === k)?.[1];
  const count = intParam(get('_count'), '_count', input.pageSize ?? DEFAULT_PAGE_SIZE);
  if (typeof count === 'string') return { ok: false, code: 'invalid', diagnostics: count };
  const offset = intParam(get('_offset'), '_offset', 0);
  if (typeof offset === 'string') return { ok: false, code: 'invalid', diagnostics: offset };

  let matches = input.resources.filter((r) => r.resourceType === input.type);
  const used: [string, string][] = [];
  for (const [key, value] of input.params) {
    if (CONTROL.has(key)) continue;
    const [name, modifier] = key.split(':');
    const def = searchParamDef(input.type, name);
    if (!def) {
      if (input.strict) return { ok: false, code: 'not-supported', diagnostics: `Unknown search parameter '${key}' for ${input.type}` };
      continue; // lenient: ignored, and left out of the self link so the client can see it was not used
    }
    if (modifier !== undefined && modifier !== 'missing' && !(def.type === 'string' && STRING_MODIFIERS.has(modifier))) {
      return { ok: false, code: 'not-supported', diagnostics: `Modifier ':${modifier}' is not supported on '${name}'` };
    }
    if (modifier === 'missing') {
      if (value !== 'true' && value !== 'false') return { ok: false, code: 'invalid', diagnostics: `:missing needs true or false` };
    } else {
      const reason = invalidValueReason(def, value);
      if (reason) return { ok: false, code: 'invalid', diagnostics: `Invalid value for '${key}': ${reason}` };
    }
    used.push([key, value]);
    if (input.ignored?.has(name)) continue;
    if (modifier === 'missing') {
      const want = value === 'true';
      matches = matches.filter((r) => def.paths.every((p) => valuesAt(r, p).length === 0) === want);
    } else {
      matches = matches.filter((r) => matchesParam(r, def, value, { modifier }));
    }
  }
  return { ok: true, matches, used, count: Math.min(count, MAX_PAGE_SIZE), offset };
}
