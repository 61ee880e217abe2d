// extension/value-type: the value[x] of an extension must be of a type its definition allows; simple extensions need a
// value, complex ones must not have one. https://hl7.org/fhir/R4/extensibility.html#Extension
import { defineRule } from '../../../rules/define-rule.js';

export default defineRule({
  meta: {
    id: 'extension/value-type',
    category: 'extension',
    description: 'Extension values must have a type the extension definition allows',
    docsUrl: 'https://hl7.org/fhir/R4/defining-extensions.html',
    defaultSeverity: 'error',
    code: 'structure',
    messages: {
      wrongType: "The Extension '{{url}}' definition allows for the types [{{allowed}}] but found type {{type}}",
      missingValue: "The Extension '{{url}}' definition is for a simple extension, so it must contain a value",
      valueNotAllowed: "The Extension '{{url}}' definition is for a complex extension, so it must contain extensions, not a value",
    },
  },
});
