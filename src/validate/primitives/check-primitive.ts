// checkPrimitive(): one R4 primitive value against its type's JSON type, lexical and value-space rules.
// See: https://hl7.org/fhir/R4/datatypes.html#primitive and https://hl7.org/fhir/R4/json.html#primitive
import { checkDateLike, checkTime } from './date-time.js';
import {
  checkBooleanLexical, checkDecimalLexical, checkIntegerLexical, checkIntegerNumber, type IntegerType,
} from './numbers.js';
import { problem, type CheckPrimitiveOptions, type PrimitiveProblem } from './primitive-problem.js';
import { checkBase64, checkCode, checkId, checkString } from './strings.js';
import { checkUriLike } from './uris.js';

type StringCheck = (value: string) => PrimitiveProblem | undefined;

// Types whose JSON form is a string, with the check for a non-empty value. Built once; looked up per value.
const STRING_CHECKS = new Map<string, StringCheck>([
  ['string', (v) => checkString('string', v)],
  ['markdown', (v) => checkString('markdown', v)],
  ['code', checkCode],
  ['id', checkId],
  ['base64Binary', checkBase64],
  ['uri', (v) => checkUriLike('uri', v)],
  ['url', (v) => checkUriLike('url', v)],
  ['canonical', (v) => checkUriLike('canonical', v)],
  ['oid', (v) => checkUriLike('oid', v)],
  ['uuid', (v) => checkUriLike('uuid', v)],
  ['date', (v) => checkDateLike('date', v)],
  ['dateTime', (v) => checkDateLike('dateTime', v)],
  ['instant', (v) => checkDateLike('instant', v)],
  ['time', checkTime],
  // Only the JSON shape here: the markup itself is checked by checkNarrativeXhtml (src/validate/xhtml).
  ['xhtml', () => undefined],
]);

// R4 snapshots type Element.id, Extension.url and Resource.id as FHIRPath system types; the
// structuredefinition-fhir-type extension gives string/uri/id, but a walker may pass the code as it is.
// A Map, not an object: looked up for every primitive value with type codes read from JSON, which an object lookup
// would first have to intern.
const SYSTEM_TYPES = new Map<string, string>([
  ['http://hl7.org/fhirpath/System.String', 'string'],
  ['http://hl7.org/fhirpath/System.Boolean', 'boolean'],
  ['http://hl7.org/fhirpath/System.Integer', 'integer'],
  ['http://hl7.org/fhirpath/System.Decimal', 'decimal'],
  ['http://hl7.org/fhirpath/System.Date', 'date'],
  ['http://hl7.org/fhirpath/System.DateTime', 'dateTime'],
  ['http://hl7.org/fhirpath/System.Time', 'time'],
]);

const NUMBER_TYPES = new Set(['integer', 'unsignedInt', 'positiveInt', 'decimal']);

/** The R4 primitive types checkPrimitive knows (for xhtml it checks only that the value is a non-empty string). */
export const PRIMITIVE_TYPES: ReadonlySet<string> = new Set(['boolean', ...NUMBER_TYPES, ...STRING_CHECKS.keys()]);

/** True when `checkPrimitive` accepts `type`: an R4 primitive type or a FHIRPath System type. */
export function isPrimitiveType(type: string): boolean {
  return PRIMITIVE_TYPES.has(type) || SYSTEM_TYPES.has(type);
}

function jsonTypeOf(value: unknown): string {
  if (value === null) return 'null';
  return Array.isArray(value) ? 'array' : typeof value;
}

function wrongJsonType(type: string, expected: string, value: unknown): PrimitiveProblem {
  return problem('wrongJsonType', { type, expected, actual: jsonTypeOf(value) });
}

/**
 * Checks one primitive value (the JSON value of e.g. `Patient.birthDate`) against R4 type `type`.
 * Returns the first problem, or undefined when the value is valid. Errors come before warnings, so a
 * problem with a `severity` of 'warning' means the value has no error.
 *
 * For xhtml only the JSON shape is checked (a non-empty string); pass the markup to checkNarrativeXhtml.
 * JSON nulls are reported as wrongJsonType: the walker must skip the nulls that json.html allows in
 * arrays that line up with a `_element` array. Throws for a type that is not an R4 primitive (a caller
 * bug: guard with isPrimitiveType).
 */
export function checkPrimitive(
  type: string,
  value: unknown,
  options?: CheckPrimitiveOptions,
): PrimitiveProblem | undefined {
  const base = SYSTEM_TYPES.get(type) ?? type;
  const stringCheck = STRING_CHECKS.get(base);
  if (stringCheck) {
    if (typeof value !== 'string') return wrongJsonType(base, 'string', value);
    // Empty strings are not values: "attribute values can never be empty" (xml.html), json.html likewise.
    if (value.length === 0) return problem('emptyValue', { type: base });
    return stringCheck(value);
  }
  switch (base) {
    case 'boolean':
      if (typeof value === 'boolean') return undefined;
      if (options?.fromXml && typeof value === 'string') return checkBooleanLexical(value);
      return wrongJsonType(base, 'boolean', value);
    case 'integer':
    case 'unsignedInt':
    case 'positiveInt':
      if (typeof value === 'number') {
        return options?.lexical !== undefined
          ? checkIntegerLexical(base as IntegerType, options.lexical)
          : checkIntegerNumber(base as IntegerType, value);
      }
      if (options?.fromXml && typeof value === 'string') return checkIntegerLexical(base as IntegerType, value);
      return wrongJsonType(base, 'number', value);
    case 'decimal':
      if (typeof value === 'number') {
        return options?.lexical !== undefined ? checkDecimalLexical(options.lexical) : undefined;
      }
      if (options?.fromXml && typeof value === 'string') return checkDecimalLexical(value);
      return wrongJsonType(base, 'number', value);
    default:
      throw new Error(`checkPrimitive: '${type}' is not an R4 primitive type`);
  }
}
