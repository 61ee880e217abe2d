// Public surface of the primitive-value checks (https://hl7.org/fhir/R4/datatypes.html#primitive).
export { checkPrimitive, isPrimitiveType, PRIMITIVE_TYPES } from './check-primitive.js';
export type { CheckPrimitiveOptions, PrimitiveMessageId, PrimitiveProblem } from './primitive-problem.js';
export { MAX_STRING_LENGTH } from './strings.js';
export { primitiveFormatRule } from './primitive-format-rule.js';
