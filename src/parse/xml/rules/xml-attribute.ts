// structure/xml-attribute: only `value` (primitives), `id` (elements, not resources), `url` (extensions) and
// namespace declarations are FHIR attributes (https://hl7.org/fhir/R4/xml.html).
import { defineRule } from '../../../rules/define-rule.js';

export default defineRule({
  meta: {
    id: 'structure/xml-attribute',
    category: 'structure',
    description: 'FHIR XML elements may only carry the attributes the XML format defines',
    docsUrl: 'https://hl7.org/fhir/R4/xml.html',
    defaultSeverity: 'error',
    code: 'structure',
    messages: {
      unexpectedAttribute: "Attribute '{{attribute}}' is not allowed on element '{{element}}'",
      valueOnComplex: "Element '{{element}}' is not a primitive and cannot have a value attribute",
      schemaLocation: "The xsi:schemaLocation attribute on '{{element}}' should not be sent in exchanged content",
      elementShouldBeAttribute: "'{{element}}' must be written as an XML attribute, not as an element",
    },
  },
});
