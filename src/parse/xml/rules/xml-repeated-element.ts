// structure/xml-repeated-element: an element with max cardinality 1 written more than once
// (https://hl7.org/fhir/R4/xml.html, https://hl7.org/fhir/R4/conformance-rules.html#cardinality).
// The reader keeps every occurrence by turning the JSON property into an array.
import { defineRule } from '../../../rules/define-rule.js';

export default defineRule({
  meta: {
    id: 'structure/xml-repeated-element',
    category: 'structure',
    description: 'An element that cannot repeat must appear at most once',
    docsUrl: 'https://hl7.org/fhir/R4/xml.html',
    defaultSeverity: 'error',
    code: 'structure',
    messages: {
      repeated: "Element '{{element}}' does not repeat but appears more than once",
    },
  },
});
