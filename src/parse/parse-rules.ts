// Rules for input that cannot be read as FHIR: malformed JSON, bad encodings, empty or binary files.
import { defineRule } from '../rules/define-rule.js';

export const jsonSyntaxRule = defineRule({
  meta: {
    id: 'parse/json-syntax', category: 'parse', defaultSeverity: 'fatal', code: 'structure',
    docsUrl: 'https://hl7.org/fhir/R4/json.html',
    description: 'The input must be well-formed JSON (RFC 8259)',
    messages: {
      unexpectedToken: "Malformed JSON: unexpected {{found}}, expected {{expected}}",
      unexpectedEnd: 'Malformed JSON: the text ends before the JSON value is complete',
      trailingContent: 'Malformed JSON: unexpected content after the end of the JSON value',
      badString: 'Malformed JSON string: {{reason}}',
      tooDeep: 'JSON nesting is deeper than {{max}} levels',
    },
  },
});

export const jsonDuplicateKeyRule = defineRule({
  meta: {
    id: 'parse/json-duplicate-key', category: 'parse', defaultSeverity: 'error', code: 'structure',
    docsUrl: 'https://hl7.org/fhir/R4/json.html',
    description: 'A JSON object must not have the same property twice',
    messages: { duplicateKey: "The property '{{name}}' appears more than once in this object" },
  },
});

export const inputRule = defineRule({
  meta: {
    id: 'input/unreadable', category: 'input', defaultSeverity: 'fatal', code: 'structure',
    docsUrl: 'https://hl7.org/fhir/R4/formats.html',
    description: 'An input must be a readable, non-empty FHIR JSON, XML or NDJSON file',
    messages: {
      empty: 'The file is empty',
      binary: 'The file is binary (it contains NUL bytes), not FHIR JSON or XML',
      unknownFormat: 'Cannot tell whether this is JSON or XML: it starts with {{start}}',
      notAnObject: 'A FHIR resource must be a JSON object, found {{found}}',
      tooLarge: 'The file is {{size}} bytes, more than the {{max}}-byte limit for a single JSON or XML resource (use NDJSON for bulk data)',
      readError: 'The file could not be read: {{reason}}',
      badEncoding: 'The file is not valid UTF-8',
    },
  },
});
