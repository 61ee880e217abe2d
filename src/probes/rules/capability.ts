// Findings about the server's CapabilityStatement against the requirements (https://hl7.org/fhir/R4/capabilitystatement.html).
import { defineRule } from '../../rules/define-rule.js';

export const capabilityRule = defineRule({
  meta: {
    id: 'probe/capability',
    category: 'probe',
    description: 'The CapabilityStatement is an R4 instance statement that claims what the requirements ask for',
    docsUrl: 'https://hl7.org/fhir/R4/http.html#capabilities',
    defaultSeverity: 'error',
    code: 'business-rule',
    messages: {
      notInstance: "CapabilityStatement.kind is '{{kind}}', expected instance",
      fhirVersion: "fhirVersion is '{{version}}', expected 4.0.x (R4)",
      noJson: 'CapabilityStatement.format does not list json ({{formats}})',
      noServerRest: 'no rest entry with mode server',
      resourceNotClaimed: '{{type}} is not claimed ({{expectation}} in {{plan}})',
      interactionNotClaimed: '{{type}} does not claim the {{interaction}} interaction ({{expectation}})',
      searchParamNotClaimed: '{{type}} does not claim the search parameter {{param}} ({{expectation}})',
      noUkcoreProfile: '{{type}} declares no UK Core profile (profile or supportedProfile)',
      planProfileNotDeclared: '{{type}} does not declare {{profile}}',
      notInstantiated: 'instantiates does not list {{url}}',
    },
  },
});
