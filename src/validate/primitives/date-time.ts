// date, dateTime, instant and time: lexical shape, then real calendar/clock ranges, then timezone rules.
// See: https://hl7.org/fhir/R4/datatypes.html#date (and #dateTime, #instant, #time)
import { echo, problem, type PrimitiveProblem } from './primitive-problem.js';

// One permissive shape for all three date types: digits in the right places, any values. The spec's regexes
// (e.g. month `0[1-9]|1[0-2]`) are then applied as range checks so a finding can say *which* part is wrong.
const DATE_SHAPE = /^(\d{4})(?:-(\d{2})(?:-(\d{2})(?:T(\d{2}):(\d{2})(?::(\d{2})(\.\d+)?)?(Z|[+-]\d{2}:\d{2})?)?)?)?$/;
const TIME_SHAPE = /^(\d{2}):(\d{2}):(\d{2})(\.\d+)?$/;

const EXPECTED: Record<string, string> = {
  date: 'YYYY, YYYY-MM or YYYY-MM-DD',
  dateTime: 'YYYY, YYYY-MM, YYYY-MM-DD or YYYY-MM-DDThh:mm:ss[.fff](Z|+hh:mm|-hh:mm)',
  instant: 'YYYY-MM-DDThh:mm:ss[.fff](Z|+hh:mm|-hh:mm)',
  time: 'hh:mm:ss[.fff]',
};

// NOTE: the HL7 Java validator warns outside 1800..2100 (yearIsValid); a typo such as 0201 is the usual cause.
const PLAUSIBLE_YEAR_MIN = 1800;
const PLAUSIBLE_YEAR_MAX = 2100;

function isLeapYear(year: number): boolean {
  return year % 4 === 0 && (year % 100 !== 0 || year % 400 === 0);
}

function daysInMonth(year: number, month: number): number {
  if (month === 2) return isLeapYear(year) ? 29 : 28;
  return month === 4 || month === 6 || month === 9 || month === 11 ? 30 : 31;
}

/** Name of the first out-of-range clock part, or undefined. Seconds may be 60 (leap second, as the spec regex allows). */
function badClockPart(hh: string, mm: string, ss: string | undefined): string | undefined {
  if (Number(hh) > 23) return 'hour';
  if (Number(mm) > 59) return 'minute';
  if (ss !== undefined && Number(ss) > 60) return 'second';
  return undefined;
}

/** Offsets run from -14:00 to +14:00 (spec regex `(0[0-9]|1[0-3]):[0-5][0-9]|14:00`). */
function isValidOffset(tz: string): boolean {
  if (tz === 'Z') return true;
  const hours = Number(tz.slice(1, 3));
  const minutes = Number(tz.slice(4, 6));
  return minutes <= 59 && (hours < 14 || (hours === 14 && minutes === 0));
}

/** Checks a date, dateTime or instant string (already known to be a non-empty string). */
export function checkDateLike(type: 'date' | 'dateTime' | 'instant', value: string): PrimitiveProblem | undefined {
  const m = DATE_SHAPE.exec(value);
  const invalidFormat = () => problem('invalidFormat', { type, value: echo(value), expected: EXPECTED[type]! });
  if (!m) return invalidFormat();
  const [, yyyy, mo, dd, hh, mi, ss, , tz] = m;
  const hasTime = hh !== undefined;

  // Precision each type allows: date never has a time; a dateTime time needs seconds; an instant is always full.
  if (type === 'date' && hasTime) return invalidFormat();
  if (hasTime && ss === undefined) return invalidFormat();
  if (type === 'instant' && !hasTime) return invalidFormat();

  const year = Number(yyyy);
  const invalidDate = (part: string) => problem('invalidDate', { type, value: echo(value), part });
  if (year === 0) return invalidDate('year');
  if (mo !== undefined) {
    const month = Number(mo);
    if (month < 1 || month > 12) return invalidDate('month');
    if (dd !== undefined) {
      const day = Number(dd);
      if (day < 1 || day > daysInMonth(year, month)) return invalidDate('day');
    }
  }
  if (hasTime) {
    const part = badClockPart(hh, mi!, ss);
    if (part) return invalidDate(part);
    if (tz !== undefined && !isValidOffset(tz)) return invalidDate('timezone');
    // "If hours and minutes are specified, a time zone SHALL be populated" (datatypes.html#dateTime).
    if (tz === undefined) return problem('missingTimezone', { type, value: echo(value) });
  }
  if (year < PLAUSIBLE_YEAR_MIN || year > PLAUSIBLE_YEAR_MAX) {
    return problem('unreasonableYear', { type, value: echo(value), year }, 'warning');
  }
  return undefined;
}

/** Checks a time-of-day string: hh:mm:ss with optional fraction, no timezone (datatypes.html#time). */
export function checkTime(value: string): PrimitiveProblem | undefined {
  const m = TIME_SHAPE.exec(value);
  if (!m) return problem('invalidFormat', { type: 'time', value: echo(value), expected: EXPECTED.time! });
  const part = badClockPart(m[1]!, m[2]!, m[3]);
  return part ? problem('invalidTime', { value: echo(value), part }) : undefined;
}
