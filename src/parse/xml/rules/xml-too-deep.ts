// parse/xml-too-deep: absurdly deep nesting is refused before it can exhaust memory or later recursive walkers.
import { defineRule } from '../../../rules/define-rule.js';

export default defineRule({
  meta: {
    id: 'parse/xml-too-deep',
    category: 'parse',
    description: 'XML element nesting deeper than the reader limit is refused',
    docsUrl: 'https://hl7.org/fhir/R4/xml.html',
    defaultSeverity: 'fatal',
    code: 'too-costly',
    messages: {
      tooDeep: 'XML elements are nested more than {{max}} levels deep; the document was not read',
    },
  },
});
