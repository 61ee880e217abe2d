// parse/xml-namespace: FHIR elements are in http://hl7.org/fhir, the narrative div in XHTML
// (https://hl7.org/fhir/R4/xml.html, https://hl7.org/fhir/R4/narrative.html#xhtml).
import { defineRule } from '../../../rules/define-rule.js';

export default defineRule({
  meta: {
    id: 'parse/xml-namespace',
    category: 'parse',
    description: 'FHIR elements must be in the FHIR namespace and the narrative div in the XHTML namespace',
    docsUrl: 'https://hl7.org/fhir/R4/xml.html',
    defaultSeverity: 'error',
    code: 'structure',
    messages: {
      fhirNamespace: "Element '{{element}}' is in namespace '{{namespace}}', expected 'http://hl7.org/fhir'",
      xhtmlNamespace: "The narrative div is in namespace '{{namespace}}', expected 'http://www.w3.org/1999/xhtml'",
    },
  },
});
