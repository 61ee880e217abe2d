// structure/primitive-format: the rule (metadata and messages) under which the walker reports checkPrimitive() results.
import { defineRule } from '../../rules/define-rule.js';
import type { PrimitiveMessageId } from './primitive-problem.js';

const messages = {
  wrongJsonType: "A {{type}} value must be a JSON {{expected}}, not a {{actual}}",
  emptyValue: 'A {{type}} value must not be an empty string; omit the element or use null where the spec allows it',
  invalidFormat: "'{{value}}' is not a valid {{type}}: expected {{expected}}",
  invalidBoolean: "'{{value}}' is not a valid boolean: use true or false",
  invalidInteger: "'{{value}}' is not a valid {{type}}: expected digits with an optional leading '-', no leading zeros",
  integerOutOfRange: "{{type}} value {{value}} is out of range {{min}}..{{max}}",
  decimalSyntax: "'{{value}}' is not a valid decimal: no leading '+' or zeros, no trailing '.', no NaN or Infinity",
  invalidDate: "'{{value}}' is not a valid {{type}}: the {{part}} is out of range",
  missingTimezone: "'{{value}}' is not a valid {{type}}: a value with a time must have a timezone (Z or +hh:mm)",
  invalidTime: "'{{value}}' is not a valid time: the {{part}} is out of range",
  unreasonableYear: "The year {{year}} in {{type}} '{{value}}' is outside 1800..2100; check for a typing error",
  invalidBase64: "'{{value}}' is not valid base64: RFC 4648 alphabet, 4-character groups, '=' padding only at the end",
  base64Whitespace: 'base64Binary value contains whitespace; it should not (RFC 4648)',
  invalidId: "'{{value}}' is not a valid id: 1-64 characters from A-Z a-z 0-9 - . (it has {{length}})",
  invalidOid: "'{{value}}' is not a valid OID: expected urn:oid: followed by dotted numbers starting 0, 1 or 2",
  invalidUuid: "'{{value}}' is not a valid UUID: expected urn:uuid: and a lower-case 8-4-4-4-12 hex UUID",
  invalidUri: "{{type}} value '{{value}}' must not contain whitespace",
  invalidUriScheme: "{{type}} value '{{value}}' uses '{{prefix}}'; use '{{expected}}'",
  canonicalNotAbsolute: "Canonical '{{value}}' should be an absolute URL or a '#' reference to a contained resource",
  invalidCode: "'{{value}}' is not a valid code: no leading, trailing or repeated whitespace, only single spaces inside",
  stringTooLong: '{{type}} value is {{length}} characters long; the maximum is {{max}} (1 MB)',
  stringWhitespaceOnly: 'A {{type}} value should contain some non-whitespace content',
  controlCharacters: '{{type}} value contains control characters ({{chars}}); only tab, CR and LF should be used',
} satisfies Record<PrimitiveMessageId, string>;

/** Findings from checkPrimitive(): JSON type, lexical form and value space of each primitive value. */
export const primitiveFormatRule = defineRule({
  meta: {
    id: 'structure/primitive-format',
    category: 'structure',
    description: 'Primitive values must have the JSON type, lexical form and value range their FHIR type defines',
    docsUrl: 'https://hl7.org/fhir/R4/datatypes.html#primitive',
    defaultSeverity: 'error',
    code: 'value',
    messages,
  },
});

export default primitiveFormatRule;
