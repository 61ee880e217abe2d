// terminology/binding-required: a coded value bound with strength `required` must come from the value set.
// See https://hl7.org/fhir/R4/terminologies.html#required
import { defineRule } from '../define-rule.js';

export default defineRule({
  meta: {
    id: 'terminology/binding-required',
    category: 'terminology',
    description: 'A coded element with a required binding has a code from the bound value set',
    docsUrl: 'https://hl7.org/fhir/R4/terminologies.html#required',
    defaultSeverity: 'error',
    code: 'code-invalid',
    messages: {
      notInValueSet: "{{code}} is not in the value set {{valueSet}}, which is bound as required",
      noValidCoding: 'None of the codings ({{codes}}) is in the value set {{valueSet}}, which is bound as required',
      noCode: 'No code is given, but the value set {{valueSet}} is bound as required',
    },
  },
});
