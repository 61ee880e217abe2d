// extension/modifier: an extension defined as a modifier (Extension.isModifier) must be in modifierExtension, and any
// other extension must not be. https://hl7.org/fhir/R4/extensibility.html#modifierExtension
import { defineRule } from '../../../rules/define-rule.js';

export default defineRule({
  meta: {
    id: 'extension/modifier',
    category: 'extension',
    description: 'Modifier extensions go in modifierExtension, others in extension',
    docsUrl: 'https://hl7.org/fhir/R4/extensibility.html#modifierExtension',
    defaultSeverity: 'error',
    code: 'structure',
    messages: {
      mustBeModifier: "The Extension '{{url}}' must be used as a modifierExtension",
      mustNotBeModifier: "The Extension '{{url}}' must not be used as a modifierExtension (its definition is not a modifier)",
    },
  },
});
