// structure/xml-resource-container: a resource container (contained, Bundle.entry.resource, ...) wraps exactly one
// resource element (https://hl7.org/fhir/R4/xml.html, https://hl7.org/fhir/R4/references.html#contained).
import { defineRule } from '../../../rules/define-rule.js';

export default defineRule({
  meta: {
    id: 'structure/xml-resource-container',
    category: 'structure',
    description: 'A resource container element must contain exactly one resource',
    docsUrl: 'https://hl7.org/fhir/R4/xml.html',
    defaultSeverity: 'error',
    code: 'structure',
    messages: {
      multipleResources: "'{{element}}' contains more than one resource; only the first was read",
      emptyContainer: "'{{element}}' does not contain a resource",
    },
  },
});
