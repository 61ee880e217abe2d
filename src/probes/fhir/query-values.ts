// Chooses search values from the server's own data, and says which known resources each query must return.
import { FLOATING_SLACK_MS, parseFhirDate } from './date-range.js';
import { valuesAt, type Json } from './element-values.js';
import { matchesParam, referenceTail, timeRangeOf } from './match.js';
import { searchParamDef, type SearchParamDef } from './search-params.js';
import { NHS_NUMBER_SYSTEM } from '../../rules/ukcore/nhs-number-check-digit.js';

// NOTE: a date without a time zone is read in the server's zone. A known resource must be returned when it matches
// with two hours to spare (UK servers run at UTC or UTC+1); a returned one is accepted if it matches within 14 hours.
const MUST_INCLUDE_SLACK_MS = -2 * 3600_000;

export interface PlannedQuery {
  params: [string, string][];
  /** Ids of known resources the server must return. */
  mustInclude: string[];
  /** True when some known resource does not satisfy the query (so ignoring a parameter would be caught). */
  discriminating: boolean;
}

/** A string-search probe value: a lower-cased prefix, to exercise starts-with and case-insensitive matching. */
export function stringPrefix(s: string): string {
  return s.slice(0, Math.max(3, Math.ceil(s.length * 0.6))).toLowerCase();
}

function datePart(value: unknown): string | undefined {
  const s = typeof value === 'string' ? value : typeof (value as Json | null)?.start === 'string' ? (value as Json).start as string : undefined;
  return s && parseFhirDate(s.slice(0, 10)) ? s.slice(0, 10) : undefined;
}

/** Values of parameter `name` that would find `sample` (simplest form first). */
export function candidateValues(name: string, def: SearchParamDef, sample: Json, patientId?: string): string[] {
  if (name === '_id') return typeof sample.id === 'string' ? [sample.id] : [];
  const values = def.paths.flatMap((p) => valuesAt(sample, p));
  const out: string[] = [];
  for (const v of values) {
    switch (def.type) {
      case 'token': {
        if (typeof v === 'string' || typeof v === 'boolean') out.push(String(v));
        else if (v && typeof v === 'object') {
          const o = v as Json;
          if (typeof o.value === 'string') out.push(typeof o.system === 'string' ? `${o.system}|${o.value}` : o.value);
          const codings = Array.isArray(o.coding) ? (o.coding as Json[]) : typeof o.code === 'string' ? [o] : [];
          codings.forEach((c) => typeof c.code === 'string' && out.push(c.code));
        }
        break;
      }
      case 'reference': {
        const ref = (v as Json | null)?.reference;
        if (typeof ref === 'string') out.push(def.target === 'Patient' && patientId && referenceTail(ref) === `Patient/${patientId}` ? patientId : referenceTail(ref));
        break;
      }
      case 'string': {
        const s = typeof v === 'string' ? v : typeof (v as Json | null)?.family === 'string' ? (v as Json).family as string : undefined;
        if (s) out.push(stringPrefix(s));
        break;
      }
      case 'date': {
        const d = datePart(v);
        if (d) out.push(d);
        break;
      }
    }
  }
  // Prefer the NHS Number among identifiers (https://fhir.nhs.uk/Id/nhs-number).
  return [...new Set(out)].sort((a, b) => Number(b.startsWith(`${NHS_NUMBER_SYSTEM}|`)) - Number(a.startsWith(`${NHS_NUMBER_SYSTEM}|`)));
}

function matchesAll(type: string, sample: Json, params: [string, string][], slackMs: number): boolean {
  return params.every(([key, value]) => {
    const [name, modifier] = key.split(':');
    const def = searchParamDef(type, name);
    return def !== undefined && matchesParam(sample, def, value, { slackMs, modifier });
  });
}

function finish(type: string, params: [string, string][], samples: Json[]): PlannedQuery {
  return {
    params,
    mustInclude: samples.filter((s) => matchesAll(type, s, params, MUST_INCLUDE_SLACK_MS)).map((s) => String(s.id)),
    discriminating: samples.some((s) => !matchesAll(type, s, params, FLOATING_SLACK_MS)),
  };
}

/** Scopes clinical searches to the discovered patient, as the UK Core Access examples do. */
function scope(type: string, names: string[], patientId?: string): [string, string][] {
  if (type === 'Patient' || !patientId || names.includes('patient') || names.includes('_id')) return [];
  return searchParamDef(type, 'patient') ? [['patient', patientId]] : [];
}

function timeOf(sample: Json, def: SearchParamDef): number {
  const t = def.paths.flatMap((p) => valuesAt(sample, p)).map(timeRangeOf).find((r) => r !== undefined);
  return t ? (Number.isFinite(t.lo) ? t.lo : t.hi) : Number.NaN;
}

/** Queries exercising one parameter; empty when no known resource has a value for it. */
export function singleParamQueries(type: string, name: string, samples: Json[], patientId?: string): PlannedQuery[] {
  const def = searchParamDef(type, name);
  if (!def) return [];
  const withValues = samples.map((s) => ({ s, values: candidateValues(name, def, s, patientId) })).filter((x) => x.values.length > 0);
  if (withValues.length === 0) return [];
  const pre = scope(type, [name], patientId);
  if (def.type === 'date') {
    // The median-dated resource, so that ge and le each leave some known resource out.
    const sorted = [...withValues].sort((a, b) => timeOf(a.s, def) - timeOf(b.s, def));
    const d = sorted[Math.floor((sorted.length - 1) / 2)].values[0];
    return [d, `ge${d}`, `le${d}`].map((v) => finish(type, [...pre, [name, v]], samples));
  }
  const all = [...new Set(withValues.flatMap((x) => x.values))];
  const best = all.find((v) => samples.some((s) => !matchesAll(type, s, [[name, v]], FLOATING_SLACK_MS))) ?? all[0];
  return [finish(type, [...pre, [name, best]], samples)];
}

/** One query for a parameter combination, with every value taken from the same known resource. */
export function combinationQuery(type: string, names: string[], samples: Json[], patientId?: string): PlannedQuery | undefined {
  const defs = names.map((n) => searchParamDef(type, n));
  if (defs.some((d) => d === undefined)) return undefined;
  for (const s of samples) {
    const params: [string, string][] = [];
    for (const [i, name] of names.entries()) {
      const value = candidateValues(name, defs[i]!, s, patientId)[0];
      if (value === undefined) break;
      // eq for a date the resource lies within, else ge (a period or instant spanning the day boundary).
      const v = defs[i]!.type === 'date' && !matchesParam(s, defs[i]!, value, { slackMs: MUST_INCLUDE_SLACK_MS }) ? `ge${value}` : value;
      params.push([name, v]);
    }
    if (params.length === names.length) return finish(type, [...scope(type, names, patientId), ...params], samples);
  }
  return undefined;
}
