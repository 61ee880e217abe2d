// parse/xml-malformed: input that is not well-formed XML text cannot be read at all (https://hl7.org/fhir/R4/xml.html).
import { defineRule } from '../../../rules/define-rule.js';

export default defineRule({
  meta: {
    id: 'parse/xml-malformed',
    category: 'parse',
    description: 'The input must be non-empty, well-formed XML text',
    docsUrl: 'https://hl7.org/fhir/R4/xml.html',
    defaultSeverity: 'fatal',
    code: 'structure',
    messages: {
      malformed: 'The XML is not well-formed: {{detail}}',
      empty: 'The file is empty or contains only whitespace',
      binary: 'The file contains NUL characters, so it is not XML text',
    },
  },
});
