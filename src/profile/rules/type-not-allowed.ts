// profile/type-not-allowed: a choice element (value[x]) or resource element narrowed by the profile holds a type the
// profile does not allow. https://hl7.org/fhir/R4/profiling.html#choice
import { defineRule } from '../../rules/define-rule.js';

export default defineRule({
  meta: {
    id: 'profile/type-not-allowed',
    category: 'profile',
    description: 'Choice and resource elements may only hold the types the profile allows',
    docsUrl: 'https://hl7.org/fhir/R4/profiling.html#choice',
    defaultSeverity: 'error',
    code: 'structure',
    messages: {
      choiceType: "Type '{{type}}' is not allowed for {{elementId}} by profile {{profile}} (allowed: {{allowed}})",
      resourceType: "Resource type '{{type}}' is not allowed for {{elementId}} by profile {{profile}} (allowed: {{allowed}})",
    },
  },
});
