// FHIR date, dateTime, instant and Period values as time ranges, and the search prefixes over them
// (https://hl7.org/fhir/R4/search.html#date, https://hl7.org/fhir/R4/search.html#prefix).

export interface TimeRange {
  /** Inclusive start in epoch ms (-Infinity when open). */
  lo: number;
  /** Exclusive end in epoch ms (+Infinity when open). */
  hi: number;
  /** True when the value had no time zone (a date, or a dateTime without offset): its instant is uncertain. */
  floating: boolean;
}

export type DatePrefix = 'eq' | 'ne' | 'gt' | 'lt' | 'ge' | 'le' | 'sa' | 'eb';

const DATE_RE = /^(\d{4})(?:-(\d{2})(?:-(\d{2})(?:T(\d{2}):(\d{2})(?::(\d{2})(\.\d+)?)?(Z|[+-]\d{2}:\d{2})?)?)?)?$/;

/** Parses a FHIR date/dateTime/instant into the range it denotes at its precision; undefined when malformed. */
export function parseFhirDate(value: string): TimeRange | undefined {
  const m = DATE_RE.exec(value.trim());
  if (!m) return undefined;
  const [, y, mo, d, h, mi, s, frac, tz] = m;
  const year = Number(y);
  const month = mo ? Number(mo) - 1 : 0;
  const day = d ? Number(d) : 1;
  if (mo && (month < 0 || month > 11)) return undefined;
  if (d && (day < 1 || day > new Date(Date.UTC(year, month + 1, 0)).getUTCDate())) return undefined;
  if (h && (Number(h) > 23 || Number(mi) > 59 || (s !== undefined && Number(s) > 59))) return undefined;
  let offsetMs = 0;
  if (tz && tz !== 'Z') offsetMs = (tz[0] === '-' ? -1 : 1) * (Number(tz.slice(1, 3)) * 60 + Number(tz.slice(4, 6))) * 60_000;
  const ms = frac ? Math.round(Number(frac) * 1000) : 0;
  const lo = Date.UTC(year, month, day, h ? Number(h) : 0, mi ? Number(mi) : 0, s ? Number(s) : 0, ms) - offsetMs;
  let hi: number;
  if (!mo) hi = Date.UTC(year + 1, 0, 1);
  else if (!d) hi = Date.UTC(year, month + 1, 1);
  else if (!h) hi = Date.UTC(year, month, day + 1);
  else if (s === undefined) hi = lo + 60_000;
  else if (!frac) hi = lo + 1000;
  else hi = lo + 1;
  return { lo, hi, floating: !tz };
}

/** The range of a Period (open ends are unbounded). */
export function periodRange(period: { start?: string; end?: string }): TimeRange | undefined {
  const start = period.start ? parseFhirDate(period.start) : undefined;
  const end = period.end ? parseFhirDate(period.end) : undefined;
  if ((period.start && !start) || (period.end && !end) || (!start && !end)) return undefined;
  return { lo: start?.lo ?? -Infinity, hi: end?.hi ?? Infinity, floating: Boolean(start?.floating || end?.floating) };
}

/** Splits `ge2020-01-01` into prefix and value; the default prefix is eq. */
export function splitPrefix(value: string): { prefix: DatePrefix; value: string } {
  const m = /^(eq|ne|gt|lt|ge|le|sa|eb|ap)(.*)$/.exec(value);
  if (!m) return { prefix: 'eq', value };
  return { prefix: (m[1] === 'ap' ? 'eq' : m[1]) as DatePrefix, value: m[2] };
}

/**
 * Does target range `t` satisfy `prefix` against the parameter range `p`? `slackMs` widens the parameter range
 * in the permissive direction, so a verifier can allow for time-zone interpretation of floating dates.
 */
export function dateMatches(prefix: DatePrefix, p: TimeRange, t: TimeRange, slackMs = 0): boolean {
  const pl = p.lo - slackMs;
  const ph = p.hi + slackMs;
  switch (prefix) {
    case 'eq': return t.lo >= pl && t.hi <= ph;
    case 'ne': return !(t.lo >= p.lo + slackMs && t.hi <= p.hi - slackMs);
    case 'gt': return t.hi > p.hi - slackMs;
    case 'lt': return t.lo < p.lo + slackMs;
    case 'ge': return t.hi > pl;
    case 'le': return t.lo < ph;
    case 'sa': return t.lo >= p.hi - slackMs;
    case 'eb': return t.hi <= p.lo + slackMs;
  }
}

/** Fourteen hours: the widest UTC offset, the uncertainty of a date without a time zone. */
export const FLOATING_SLACK_MS = 14 * 3600_000;
