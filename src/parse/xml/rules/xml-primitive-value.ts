// structure/xml-primitive-value: attributes are never empty, and a primitive element has a value, an id or
// extensions (https://hl7.org/fhir/R4/xml.html, https://hl7.org/fhir/R4/json.html#primitive).
import { defineRule } from '../../../rules/define-rule.js';

export default defineRule({
  meta: {
    id: 'structure/xml-primitive-value',
    category: 'structure',
    description: 'Primitive elements need a non-empty value attribute or extensions',
    docsUrl: 'https://hl7.org/fhir/R4/xml.html',
    defaultSeverity: 'error',
    code: 'value',
    messages: {
      emptyValue: "Element '{{element}}' has an empty value attribute",
      missingValue: "Element '{{element}}' has neither a value attribute nor extensions",
    },
  },
});
