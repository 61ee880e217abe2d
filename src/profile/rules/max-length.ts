// profile/max-length: ElementDefinition.maxLength on string-like primitives.
// https://hl7.org/fhir/R4/elementdefinition-definitions.html#ElementDefinition.maxLength
import { defineRule } from '../../rules/define-rule.js';

export default defineRule({
  meta: {
    id: 'profile/max-length',
    category: 'profile',
    description: 'String values must not be longer than the maxLength the profile sets',
    docsUrl: 'https://hl7.org/fhir/R4/elementdefinition-definitions.html#ElementDefinition.maxLength',
    defaultSeverity: 'error',
    code: 'too-long',
    messages: {
      tooLong: "Value is {{length}} characters long, longer than the permitted maximum length of {{max}} ({{elementId}} in {{profile}})",
    },
  },
});
