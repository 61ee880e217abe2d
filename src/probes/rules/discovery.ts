// Findings of the discovery step that seeds the behaviour checks with a patient from the server's own data.
import { defineRule } from '../../rules/define-rule.js';

export const discoveryRule = defineRule({
  meta: {
    id: 'probe/discovery',
    category: 'probe',
    description: 'A patient to test with is found from --patient-id, --nhs-number or a Patient search',
    docsUrl: 'https://hl7.org/fhir/R4/http.html#search',
    defaultSeverity: 'warning',
    code: 'not-found',
    messages: {
      patientNotFound: 'no Patient found with {{query}}',
    },
  },
});
