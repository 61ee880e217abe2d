// parse/xml-entity: only the five predefined XML entities and numeric character references may appear.
import { defineRule } from '../../../rules/define-rule.js';

export default defineRule({
  meta: {
    id: 'parse/xml-entity',
    category: 'parse',
    description: 'Only &lt; &gt; &amp; &quot; &apos; and numeric character references are allowed',
    docsUrl: 'https://hl7.org/fhir/R4/xml.html',
    defaultSeverity: 'fatal',
    code: 'security',
    messages: {
      undefinedEntity: 'The XML uses an entity that is not one of the five predefined XML entities',
    },
  },
});
