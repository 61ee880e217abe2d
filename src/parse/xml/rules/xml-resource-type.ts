// parse/xml-resource-type: the root element (or a resource container's child) names the resource type
// (https://hl7.org/fhir/R4/xml.html); an unknown name is reported and the content still read best-effort.
import { defineRule } from '../../../rules/define-rule.js';

export default defineRule({
  meta: {
    id: 'parse/xml-resource-type',
    category: 'parse',
    description: 'The resource element name must be a known FHIR resource type',
    docsUrl: 'https://hl7.org/fhir/R4/xml.html',
    defaultSeverity: 'error',
    code: 'structure',
    messages: {
      unknownResourceType: "'{{resourceType}}' is not a known FHIR resource type",
    },
  },
});
