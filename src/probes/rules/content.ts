// Findings of the content check that are not validator issues: what could not be validated as asked.
import { defineRule } from '../../rules/define-rule.js';

export const contentRule = defineRule({
  meta: {
    id: 'probe/content',
    category: 'probe',
    description: 'Every resource received is validated against its UK Core profile and every profile it claims',
    docsUrl: 'https://hl7.org/fhir/R4/validation.html',
    defaultSeverity: 'warning',
    code: 'informational',
    messages: {
      profileNotChecked: '{{resource}} was not validated against {{profile}} (the validator did not report it as checked)',
    },
  },
});
