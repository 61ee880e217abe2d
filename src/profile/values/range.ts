// minValue[x]/maxValue[x] comparisons (https://hl7.org/fhir/R4/elementdefinition-definitions.html#ElementDefinition.minValue_x_):
// numbers numerically, dates and times on their common precision, Quantities when their units agree.

export type RangeOutcome = 'ok' | 'low' | 'high' | 'incomparable';

const NUMERIC = new Set(['integer', 'decimal', 'positiveInt', 'unsignedInt']);
const TEMPORAL = new Set(['date', 'dateTime', 'instant', 'time']);

/** -1/0/1 comparing two FHIR date/time strings on their common precision; undefined if they cannot be compared. */
function compareTemporal(a: string, b: string): number | undefined {
  // Same-shaped values compare lexically (ISO 8601); different precisions compare on the shorter prefix only when
  // that prefix differs (2020 vs 2019-05-01: later; 2019 vs 2019-05-01: undecidable).
  const tzA = /([+-]\d{2}:\d{2}|Z)$/.test(a);
  const tzB = /([+-]\d{2}:\d{2}|Z)$/.test(b);
  if (a.length === b.length && tzA === tzB && (!tzA || a.slice(-6) === b.slice(-6))) return a < b ? -1 : a > b ? 1 : 0;
  const n = Math.min(a.length, b.length, 10);
  const pa = a.slice(0, n);
  const pb = b.slice(0, n);
  if (pa === pb) return undefined;
  return pa < pb ? -1 : 1;
}

function compare(type: string, value: unknown, limit: unknown): number | undefined {
  if (NUMERIC.has(type) && (typeof value === 'number' || typeof value === 'string')) {
    const v = Number(value);
    const l = Number(limit);
    if (!Number.isFinite(v) || !Number.isFinite(l)) return undefined;
    return v < l ? -1 : v > l ? 1 : 0;
  }
  if (TEMPORAL.has(type) && typeof value === 'string' && typeof limit === 'string') return compareTemporal(value, limit);
  if (value && typeof value === 'object' && limit && typeof limit === 'object') {
    const q = value as Record<string, unknown>;
    const lq = limit as Record<string, unknown>;
    const sameUnit = (q.system ?? null) === (lq.system ?? null) && (q.code ?? q.unit) === (lq.code ?? lq.unit);
    if (!sameUnit || typeof q.value !== 'number' || typeof lq.value !== 'number') return undefined;
    return q.value < lq.value ? -1 : q.value > lq.value ? 1 : 0;
  }
  return undefined;
}

/** Checks `value` of FHIR type `type` against optional min and max limits. */
export function checkRange(type: string, value: unknown, min: unknown, max: unknown): RangeOutcome {
  if (min !== undefined) {
    const c = compare(type, value, min);
    if (c === undefined) return 'incomparable';
    if (c < 0) return 'low';
  }
  if (max !== undefined) {
    const c = compare(type, value, max);
    if (c === undefined) return 'incomparable';
    if (c > 0) return 'high';
  }
  return 'ok';
}

/** The minValue[x]/maxValue[x] of an ElementDefinition, if any. */
export function rangeOf(def: Record<string, unknown>): { min?: unknown; max?: unknown } | undefined {
  let min: unknown;
  let max: unknown;
  for (const k in def) {
    if (k.startsWith('minValue')) min = def[k];
    else if (k.startsWith('maxValue')) max = def[k];
  }
  return min === undefined && max === undefined ? undefined : { min, max };
}

/** Display form of a limit for messages. */
export function limitText(limit: unknown): string {
  if (limit && typeof limit === 'object') {
    const q = limit as Record<string, unknown>;
    return `${q.value ?? ''} ${q.unit ?? q.code ?? ''}`.trim();
  }
  return String(limit);
}
