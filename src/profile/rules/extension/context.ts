// extension/context: an extension may only be used where its StructureDefinition.context allows (element paths, FHIRPath
// expressions, or inside another extension) and where its contextInvariants hold.
// https://hl7.org/fhir/R4/structuredefinition-definitions.html#StructureDefinition.context
import { defineRule } from '../../../rules/define-rule.js';

export default defineRule({
  meta: {
    id: 'extension/context',
    category: 'extension',
    description: 'Extensions must be used in a context their definition allows',
    docsUrl: 'https://hl7.org/fhir/R4/defining-extensions.html#context',
    defaultSeverity: 'error',
    code: 'structure',
    messages: {
      notAllowed: 'The extension {{url}} is not allowed to be used at this point (allowed = {{allowed}}; this element is [{{here}}])',
      invariantFailed: "The extension {{url}} is not allowed to be used at this point (based on context invariant '{{invariant}}')",
    },
  },
});
