// terminology/binding-not-verified: a required or extensible binding that could not be judged (no terminology server,
// server failure, value set not loaded, ...). Never a pass: the report summary counts these issues.
// See https://hl7.org/fhir/R4/terminologies.html#strength and https://hl7.org/fhir/R4/valueset-operation-validate-code.html
import { defineRule } from '../define-rule.js';

export default defineRule({
  meta: {
    id: 'terminology/binding-not-verified',
    category: 'terminology',
    description: 'A required or extensible binding could not be verified; the value is neither accepted nor rejected',
    docsUrl: 'https://hl7.org/fhir/R4/terminologies.html#strength',
    defaultSeverity: 'information',
    code: 'not-supported',
    messages: {
      notVerified: 'Binding not verified: {{code}} against {{valueSet}} ({{strength}}): {{reasonText}}',
    },
  },
});
