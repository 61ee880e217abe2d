// terminology/binding-extensible: a coded value bound with strength `extensible` should come from the value set when
// a suitable code exists there. See https://hl7.org/fhir/R4/terminologies.html#extensible
import { defineRule } from '../define-rule.js';

export default defineRule({
  meta: {
    id: 'terminology/binding-extensible',
    category: 'terminology',
    description: 'A coded element with an extensible binding uses the bound value set unless no suitable code exists',
    docsUrl: 'https://hl7.org/fhir/R4/terminologies.html#extensible',
    defaultSeverity: 'warning',
    code: 'code-invalid',
    messages: {
      notInValueSet: '{{code}} is not in the value set {{valueSet}} (extensible binding): use a code from it if one fits',
      noValidCoding: 'None of the codings ({{codes}}) is in the value set {{valueSet}} (extensible binding): add a coding from it if one fits',
    },
  },
});
