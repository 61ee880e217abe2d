// profile/type-profile: a value whose type names profiles (ElementDefinition.type.profile) must conform to one of them;
// the value is validated against each. https://hl7.org/fhir/R4/elementdefinition-definitions.html#ElementDefinition.type.profile
import { defineRule } from '../../rules/define-rule.js';

export default defineRule({
  meta: {
    id: 'profile/type-profile',
    category: 'profile',
    description: 'Values must conform to the profile(s) their element type names',
    docsUrl: 'https://hl7.org/fhir/R4/elementdefinition-definitions.html#ElementDefinition.type.profile',
    defaultSeverity: 'error',
    code: 'structure',
    messages: {
      noMatch: "Unable to find a match for the specified profile among choices: {{profiles}} ({{elementId}} in {{profile}})",
      unresolved: "Profile '{{typeProfile}}' named by {{elementId}} in {{profile}} is unknown or has no snapshot, so the value was not checked against it",
    },
  },
});
