// Findings about a requirements CapabilityStatement that cannot be turned into a test plan (or only partly).
import { defineRule } from '../rules/define-rule.js';

export const requirementsStatementRule = defineRule({
  meta: {
    id: 'input/requirements-statement',
    category: 'input',
    description: 'A requirements file must be a CapabilityStatement with kind = requirements and a server rest entry',
    docsUrl: 'https://hl7.org/fhir/R4/capabilitystatement.html',
    defaultSeverity: 'error',
    code: 'invalid',
    messages: {
      notJson: 'The requirements file is not valid JSON: {{detail}}',
      unreadable: 'The requirements file could not be read: {{detail}}',
      notCapabilityStatement: 'Expected a CapabilityStatement (or a Bundle of them), found {{found}}',
      notRequirements: "CapabilityStatement.kind is '{{kind}}'; a test plan needs kind = requirements",
      noServerRest: 'The CapabilityStatement has no rest entry with mode = server',
      unknownExpectation: "Unknown expectation '{{value}}' (expected SHALL, SHOULD, MAY or SHOULD-NOT)",
      missingType: 'A rest.resource has no type',
      emptyCombination: 'A search-parameter-combination extension names no required parameter',
      unknownCanonical: "No built-in requirements statement has the canonical '{{url}}'; pass a file instead",
      noStatements: 'The Bundle contains no CapabilityStatement with kind = requirements',
    },
  },
});
