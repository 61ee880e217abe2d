// profile/invariant: constraints (ElementDefinition.constraint) a profile adds, e.g. UK Core's ukcore-* keys, evaluated with
// %resource, %rootResource, %ucum and resolve() inside the Bundle. https://hl7.org/fhir/R4/profiling.html#constraints
import { defineRule } from '../../rules/define-rule.js';

export default defineRule({
  meta: {
    id: 'profile/invariant',
    category: 'profile',
    description: 'Invariants a profile adds must hold',
    docsUrl: 'https://hl7.org/fhir/R4/conformance-rules.html#constraints',
    defaultSeverity: 'error',
    code: 'invariant',
    messages: {
      failed: "Constraint failed: {{key}}: '{{human}}' (defined in {{profile}})",
      evaluationFailed: "Constraint {{key}} of {{profile}} could not be evaluated, so it is not verified: {{error}}",
    },
  },
});
