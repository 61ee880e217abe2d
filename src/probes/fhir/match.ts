// Does a resource satisfy one search parameter value? FHIR R4 search semantics for token, reference, date and
// string parameters (https://hl7.org/fhir/R4/search.html), shared by the sandbox and the probes' verification.
import { dateMatches, parseFhirDate, periodRange, splitPrefix, type TimeRange } from './date-range.js';
import { valuesAt, type Json } from './element-values.js';
import type { SearchParamDef } from './search-params.js';

export interface MatchOptions {
  /** `exact` or `contains` for strings. */
  modifier?: string;
  /** Widening of date ranges in the permissive direction (time-zone uncertainty when verifying). */
  slackMs?: number;
}

function tokenParts(v: string): { system?: string; code: string } {
  const pipe = v.indexOf('|');
  return pipe < 0 ? { code: v } : { system: v.slice(0, pipe), code: v.slice(pipe + 1) };
}

function codingMatches(c: Json, system: string | undefined, code: string): boolean {
  const value = typeof c.value === 'string' ? c.value : c.code;
  if (code !== '' && value !== code) return false;
  if (system === undefined) return true;
  // `|code` matches only when the Coding/Identifier has no system (search.html#token).
  if (system === '') return c.system === undefined;
  return c.system === system;
}

function tokenValueMatches(value: unknown, v: string): boolean {
  const { system, code } = tokenParts(v);
  if (typeof value === 'string' || typeof value === 'boolean' || typeof value === 'number') {
    // code/boolean/id elements have an implicit system, so only the code part is compared.
    return String(value) === code;
  }
  if (value === null || typeof value !== 'object') return false;
  const obj = value as Json;
  if (Array.isArray(obj.coding)) return (obj.coding as Json[]).some((c) => codingMatches(c, system, code));
  return codingMatches(obj, system, code);
}

/** The `Type/id` tail of a reference or URL (ignoring `_history`), or the bare id. */
export function referenceTail(ref: string): string {
  const parts = ref.split('?')[0].split('/').filter(Boolean);
  const h = parts.indexOf('_history');
  const clean = h >= 0 ? parts.slice(0, h) : parts;
  return clean.slice(-2).join('/');
}

function referenceMatches(value: unknown, v: string, target: string | undefined): boolean {
  const ref = (value as Json | null)?.reference;
  if (typeof ref !== 'string') return false;
  const tail = referenceTail(ref);
  if (v.includes('/')) return tail === referenceTail(v);
  return target ? tail === `${target}/${v}` : tail.endsWith(`/${v}`);
}

/** Case- and accent-insensitive normal form for string search. */
export function normalizeString(s: string): string {
  return s.normalize('NFD').replace(/\p{M}/gu, '').toLowerCase();
}

function stringsOf(value: unknown): string[] {
  if (typeof value === 'string') return [value];
  if (value === null || typeof value !== 'object') return [];
  const out: string[] = [];
  for (const key of ['family', 'given', 'prefix', 'suffix', 'text', 'line', 'city', 'district', 'state', 'postalCode', 'country']) {
    const v = (value as Json)[key];
    if (typeof v === 'string') out.push(v);
    else if (Array.isArray(v)) out.push(...v.filter((x): x is string => typeof x === 'string'));
  }
  return out;
}

function stringMatches(value: unknown, v: string, modifier?: string): boolean {
  return stringsOf(value).some((s) => {
    if (modifier === 'exact') return s === v;
    if (modifier === 'contains') return normalizeString(s).includes(normalizeString(v));
    return normalizeString(s).startsWith(normalizeString(v));
  });
}

export function timeRangeOf(value: unknown): TimeRange | undefined {
  if (typeof value === 'string') return parseFhirDate(value);
  if (value && typeof value === 'object') return periodRange(value as { start?: string; end?: string });
  return undefined;
}

/** Why a parameter value is malformed for its type, or undefined when it is well formed. */
export function invalidValueReason(def: SearchParamDef, raw: string): string | undefined {
  for (const v of raw.split(',')) {
    if (def.type === 'date') {
      const { value } = splitPrefix(v);
      if (!parseFhirDate(value)) return `'${v}' is not a valid FHIR date`;
    }
    if (v === '') return 'empty value';
  }
  return undefined;
}

/** True when `resource` satisfies `raw` (comma-separated values are ORed) for the parameter `def`. */
export function matchesParam(resource: unknown, def: SearchParamDef, raw: string, opts: MatchOptions = {}): boolean {
  const values = def.paths.flatMap((p) => valuesAt(resource, p));
  return raw.split(',').some((v) => {
    switch (def.type) {
      case 'token': return values.some((x) => tokenValueMatches(x, v));
      case 'reference': return values.some((x) => referenceMatches(x, v, def.target));
      case 'string': return values.some((x) => stringMatches(x, v, opts.modifier));
      case 'date': {
        const { prefix, value } = splitPrefix(v);
        const p = parseFhirDate(value);
        if (!p) return false;
        return values.some((x) => {
          const t = timeRangeOf(x);
          // Zone uncertainty only arises when one side has a time zone and the other does not.
          return t !== undefined && dateMatches(prefix, p, t, p.floating !== t.floating ? (opts.slackMs ?? 0) : 0);
        });
      }
    }
  });
}
