// terminology/binding-preferred: a coded value bound with strength `preferred` is encouraged to use the value set.
// Reported as information only; `example` bindings are never reported (https://hl7.org/fhir/R4/terminologies.html#preferred).
import { defineRule } from '../define-rule.js';

export default defineRule({
  meta: {
    id: 'terminology/binding-preferred',
    category: 'terminology',
    description: 'A coded element with a preferred binding is encouraged to use the bound value set (information only)',
    docsUrl: 'https://hl7.org/fhir/R4/terminologies.html#preferred',
    defaultSeverity: 'information',
    code: 'informational',
    messages: {
      notInValueSet: '{{code}} is not in the preferred value set {{valueSet}}',
      noValidCoding: 'None of the codings ({{codes}}) is in the preferred value set {{valueSet}}',
    },
  },
});
