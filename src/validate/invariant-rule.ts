// The rule behind every FHIRPath invariant (ElementDefinition.constraint) failure.
import { defineRule } from '../rules/define-rule.js';

export const invariantRule = defineRule({
  meta: {
    id: 'invariant/constraint', category: 'invariant', defaultSeverity: 'error', code: 'invariant',
    docsUrl: 'https://hl7.org/fhir/R4/conformance-rules.html#constraints',
    description: 'Every ElementDefinition.constraint (invariant) must hold; warning-severity constraints are reported as warnings',
    messages: {
      failed: 'Constraint {{key}} failed: {{human}}',
      evaluationFailed: 'Constraint {{key}} could not be evaluated ({{error}}); it is reported as not verified',
    },
  },
});
