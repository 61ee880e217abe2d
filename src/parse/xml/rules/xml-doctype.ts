// parse/xml-doctype: DOCTYPE declarations are refused, never expanded (entity expansion and XXE attacks).
// FHIR XML carries no DTD (https://hl7.org/fhir/R4/xml.html; security: https://hl7.org/fhir/R4/security.html).
import { defineRule } from '../../../rules/define-rule.js';

export default defineRule({
  meta: {
    id: 'parse/xml-doctype',
    category: 'parse',
    description: 'FHIR XML must not contain a DOCTYPE declaration; it is rejected without being processed',
    docsUrl: 'https://hl7.org/fhir/R4/xml.html',
    defaultSeverity: 'fatal',
    code: 'security',
    messages: {
      doctype: 'DOCTYPE declarations are not allowed in FHIR XML; the document was not read',
    },
  },
});
