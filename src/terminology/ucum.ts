// UCUM unit-expression validation through @lhncbc/ucum-lhc (https://ucum.org/ucum), loaded lazily on first use.
import { createRequire } from 'node:module';

export const UCUM_SYSTEM = 'http://unitsofmeasure.org';

export interface UcumCheck {
  valid: boolean;
  /** The unit's name when valid (ucum-lhc's rendering). */
  name?: string;
  /** ucum-lhc's explanation when invalid. */
  message?: string;
}

interface UcumUtils {
  validateUnitString(code: string, suggest?: boolean): { status: string; unit?: { name?: unknown }; msg?: string[] };
  convertUnitTo(from: string, value: number, to: string): { status: string };
}

let utils: UcumUtils | undefined;
const memo = new Map<string, UcumCheck>();

function instance(): UcumUtils {
  if (!utils) {
    const require = createRequire(import.meta.url);
    const pkg = require('@lhncbc/ucum-lhc') as { UcumLhcUtils: { getInstance(): UcumUtils } };
    utils = pkg.UcumLhcUtils.getInstance();
  }
  return utils;
}

/** Checks one UCUM code (case-sensitive c/s form). Whitespace is never part of a UCUM expression. */
export function checkUcumCode(code: string): UcumCheck {
  const cached = memo.get(code);
  if (cached) return cached;
  let result: UcumCheck;
  if (code.length === 0 || /\s/.test(code)) {
    result = { valid: false, message: 'UCUM expressions contain no whitespace' };
  } else {
    const r = instance().validateUnitString(code, false);
    result =
      r.status === 'valid'
        ? { valid: true, ...(typeof r.unit?.name === 'string' && r.unit.name ? { name: r.unit.name } : {}) }
        : { valid: false, message: (r.msg ?? []).join(' ').trim() || `'${code}' is not a valid UCUM expression` };
  }
  if (memo.size > 10_000) memo.clear();
  memo.set(code, result);
  return result;
}

const commensurable = new Map<string, boolean>();

/**
 * The UCUM `canonical` filter (https://terminology.hl7.org/CodeSystem-v3-ucum.html, used by all-distance-units and
 * all-time-units): a unit is in the set when it converts to the filter's unit, i.e. has the same canonical form.
 */
export function ucumHasCanonical(code: string, unit: string): boolean {
  const key = `${code}\u0000${unit}`;
  let ok = commensurable.get(key);
  if (ok === undefined) {
    ok = checkUcumCode(code).valid && instance().convertUnitTo(code, 1, unit).status === 'succeeded';
    commensurable.set(key, ok);
  }
  return ok;
}
