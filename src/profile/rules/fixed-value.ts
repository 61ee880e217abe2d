// profile/fixed-value: an element with fixed[x] must equal the fixed value exactly, deep for complex values.
// https://hl7.org/fhir/R4/elementdefinition-definitions.html#ElementDefinition.fixed_x_
import { defineRule } from '../../rules/define-rule.js';

export default defineRule({
  meta: {
    id: 'profile/fixed-value',
    category: 'profile',
    description: 'Values must equal the fixed value the profile assigns',
    docsUrl: 'https://hl7.org/fhir/R4/elementdefinition-definitions.html#ElementDefinition.fixed_x_',
    defaultSeverity: 'error',
    code: 'value',
    messages: {
      wrongValue: "Value is '{{found}}' but must be '{{expected}}' (fixed by {{profile}})",
      missingElement: "Missing element '{{name}}' - required by fixed value assigned in profile {{profile}}",
      unexpectedElement: "The element '{{name}}' is present in the instance but not allowed in the fixed value specified in profile {{profile}}",
    },
  },
});
