// structure/xml-element-order: "Elements must always appear in the order documented" (https://hl7.org/fhir/R4/xml.html).
// JSON has no order, so only the XML reader can see this.
import { defineRule } from '../../../rules/define-rule.js';

export default defineRule({
  meta: {
    id: 'structure/xml-element-order',
    category: 'structure',
    description: 'XML elements must appear in the order of their definition',
    docsUrl: 'https://hl7.org/fhir/R4/xml.html',
    defaultSeverity: 'error',
    code: 'structure',
    messages: {
      outOfOrder: "Element '{{element}}' is out of order: it must come before '{{after}}'",
    },
  },
});
