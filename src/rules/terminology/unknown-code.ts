// terminology/unknown-code: a code that its (local, complete) code system does not define, whatever the binding.
// See https://hl7.org/fhir/R4/codesystem-definitions.html#CodeSystem.content and https://hl7.org/fhir/R4/terminologies.html
import { defineRule } from '../define-rule.js';

export default defineRule({
  meta: {
    id: 'terminology/unknown-code',
    category: 'terminology',
    description: 'A code that is not defined by its code system (checked where the code system is complete)',
    docsUrl: 'https://hl7.org/fhir/R4/codesystem-definitions.html#CodeSystem.content',
    defaultSeverity: 'error',
    code: 'code-invalid',
    messages: {
      unknownCode: 'Unknown code {{code}} in {{system}}: {{detail}}',
    },
  },
});
