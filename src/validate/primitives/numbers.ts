// boolean, integer, unsignedInt, positiveInt and decimal: JSON values and lexical forms (XML, or kept JSON text).
// See: https://hl7.org/fhir/R4/datatypes.html#integer and https://hl7.org/fhir/R4/json.html#primitive
import { echo, problem, type PrimitiveProblem } from './primitive-problem.js';

export type IntegerType = 'integer' | 'unsignedInt' | 'positiveInt';

// 32-bit signed, as the spec states for all three integer types in R4.
const RANGE: Record<IntegerType, { min: number; max: number }> = {
  integer: { min: -2147483648, max: 2147483647 },
  unsignedInt: { min: 0, max: 2147483647 },
  positiveInt: { min: 1, max: 2147483647 },
};

// The integer regex `-?([0]|([1-9][0-9]*))`: no '+', no leading zeros, no fraction or exponent.
// Like the Java validator (Utilities.isInteger + type regex), "+1", "01" and "1.0" are format errors.
const INTEGER_LEXICAL = /^-?(?:0|[1-9]\d*)$/;
// The decimal regex: no '+', no leading zeros ("01.5"), no trailing dot ("1."), exponent allowed, no NaN/Infinity.
const DECIMAL_LEXICAL = /^-?(?:0|[1-9]\d*)(?:\.\d+)?(?:[eE][+-]?\d+)?$/;

function outOfRange(type: IntegerType, value: string): PrimitiveProblem {
  const { min, max } = RANGE[type];
  return problem('integerOutOfRange', { type, value: echo(value), min, max });
}

/** Checks an integer-family value that is a JS number (from JSON). */
export function checkIntegerNumber(type: IntegerType, value: number): PrimitiveProblem | undefined {
  if (!Number.isInteger(value)) return problem('invalidInteger', { type, value: String(value) });
  // The unsignedInt/positiveInt regexes have no '-' at all, so JSON -0 is not a valid unsignedInt.
  if (Object.is(value, -0) && type !== 'integer') return problem('invalidInteger', { type, value: '-0' });
  const { min, max } = RANGE[type];
  return value < min || value > max ? outOfRange(type, String(value)) : undefined;
}

/** Checks the lexical form of an integer-family value. */
export function checkIntegerLexical(type: IntegerType, text: string): PrimitiveProblem | undefined {
  if (!INTEGER_LEXICAL.test(text) || (type !== 'integer' && text.startsWith('-0'))) {
    return problem('invalidInteger', { type, value: echo(text) });
  }
  // Beyond 15 digits a double may round, but such values are far out of the 32-bit range anyway.
  const n = Number(text);
  const { min, max } = RANGE[type];
  return n < min || n > max ? outOfRange(type, text) : undefined;
}

/** Checks the lexical form of a decimal. A JSON number needs no check: JSON cannot carry NaN or Infinity. */
export function checkDecimalLexical(text: string): PrimitiveProblem | undefined {
  return DECIMAL_LEXICAL.test(text) ? undefined : problem('decimalSyntax', { value: echo(text) });
}

/** Checks a boolean written as text (XML `value="..."`): only `true` and `false`, lower case. */
export function checkBooleanLexical(text: string): PrimitiveProblem | undefined {
  return text === 'true' || text === 'false' ? undefined : problem('invalidBoolean', { value: echo(text) });
}
