// Converts a primitive's XML `value` attribute to its FHIR JSON value (https://hl7.org/fhir/R4/json.html#primitive).
import type { XmlElementInfo } from './xml-schema.js';

/**
 * boolean → true/false, number → Number, otherwise the string. A lexical form that is not a valid JSON boolean
 * or number stays a string, so the validator reports the format error on the value as written.
 */
export function primitiveJsonValue(lexical: string, jsonType: XmlElementInfo['jsonType']): string | number | boolean {
  if (jsonType === 'boolean') return lexical === 'true' ? true : lexical === 'false' ? false : lexical;
  if (jsonType === 'number') return isJsonNumber(lexical) ? Number(lexical) : lexical;
  // integer, positiveInt, unsignedInt: `2.0` or `2e0` is a number but not an integer as written
  // (https://hl7.org/fhir/R4/datatypes.html#integer); kept as text, the validator reports it as written.
  if (jsonType === 'integer') return INTEGER.test(lexical) ? Number(lexical) : lexical;
  return lexical;
}

const INTEGER = /^-?(?:0|[1-9][0-9]*)$/;

const ZERO = 48;
const NINE = 57;

function digitsFrom(s: string, i: number): number {
  while (i < s.length) {
    const c = s.charCodeAt(i);
    if (c < ZERO || c > NINE) break;
    i++;
  }
  return i;
}

/** JSON number grammar, which equals FHIR decimal's: -?(0|[1-9][0-9]*)(\.[0-9]+)?([eE][+-]?[0-9]+)? */
export function isJsonNumber(s: string): boolean {
  let i = 0;
  if (s.charCodeAt(i) === 45 /* - */) i++;
  const first = s.charCodeAt(i);
  if (first === ZERO) i++;
  else if (first > ZERO && first <= NINE) i = digitsFrom(s, i + 1);
  else return false;
  if (s.charCodeAt(i) === 46 /* . */) {
    const end = digitsFrom(s, i + 1);
    if (end === i + 1) return false;
    i = end;
  }
  const e = s.charCodeAt(i);
  if (e === 101 || e === 69 /* e E */) {
    i++;
    const sign = s.charCodeAt(i);
    if (sign === 43 || sign === 45) i++;
    const end = digitsFrom(s, i);
    if (end === i) return false;
    i = end;
  }
  return i === s.length;
}
