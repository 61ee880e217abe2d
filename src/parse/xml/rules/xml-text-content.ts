// structure/xml-text-content: FHIR elements hold values in attributes, never as text content
// (https://hl7.org/fhir/R4/xml.html); only the XHTML narrative contains text.
import { defineRule } from '../../../rules/define-rule.js';

export default defineRule({
  meta: {
    id: 'structure/xml-text-content',
    category: 'structure',
    description: 'FHIR elements must not contain text content',
    docsUrl: 'https://hl7.org/fhir/R4/xml.html',
    defaultSeverity: 'error',
    code: 'structure',
    messages: {
      textContent: "Element '{{element}}' contains text; FHIR values go in the value attribute",
    },
  },
});
