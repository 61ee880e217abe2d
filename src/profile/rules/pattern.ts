// profile/pattern: an element with pattern[x] must contain the pattern: every property of the pattern present with the
// same value; a repeating pattern property matches when each pattern item matches some instance item.
// https://hl7.org/fhir/R4/elementdefinition-definitions.html#ElementDefinition.pattern_x_
import { defineRule } from '../../rules/define-rule.js';

export default defineRule({
  meta: {
    id: 'profile/pattern',
    category: 'profile',
    description: 'Values must contain the pattern the profile assigns',
    docsUrl: 'https://hl7.org/fhir/R4/elementdefinition-definitions.html#ElementDefinition.pattern_x_',
    defaultSeverity: 'error',
    code: 'value',
    messages: {
      wrongValue: "Value is '{{found}}' but the pattern in {{profile}} requires '{{expected}}'",
      missingElement: "Missing element '{{name}}' - required by the pattern assigned in profile {{profile}} (expected '{{expected}}')",
      noMatchingItem: "No '{{name}}' item matches the pattern item {{expected}} required by profile {{profile}}",
    },
  },
});
