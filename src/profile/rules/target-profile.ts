// profile/target-profile: a Reference must point at a resource of the types, and conforming to the profiles, the
// profile's Reference(targetProfile) allows; resolved inside the Bundle or contained resources when possible.
// https://hl7.org/fhir/R4/elementdefinition-definitions.html#ElementDefinition.type.targetProfile
import { defineRule } from '../../rules/define-rule.js';

export default defineRule({
  meta: {
    id: 'profile/target-profile',
    category: 'profile',
    description: 'References must target the resource types and profiles the profile allows',
    docsUrl: 'https://hl7.org/fhir/R4/elementdefinition-definitions.html#ElementDefinition.type.targetProfile',
    defaultSeverity: 'error',
    code: 'structure',
    messages: {
      wrongType: "The type '{{type}}' is not a valid Target for {{elementId}} in {{profile}} (must be one of {{allowed}})",
      noMatch: "Unable to find a match for profile {{target}} among choices: {{profiles}} ({{elementId}} in {{profile}})",
      typeElementNotAllowed: "Reference.type '{{type}}' is not a valid Target for {{elementId}} in {{profile}} (must be one of {{allowed}})",
      unresolvedProfile: "Target profile '{{targetProfile}}' of {{elementId}} in {{profile}} is unknown, so the target was not checked against it",
    },
  },
});
