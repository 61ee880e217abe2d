// extension/not-verified: an extension whose definition had to be derived (cross-version `http://hl7.org/fhir/5.0/
// StructureDefinition/extension-<Path>`) and could not be: its content is reported as not verified, never accepted.
// https://hl7.org/fhir/versions.html#extensions
import { defineRule } from '../../../rules/define-rule.js';

export default defineRule({
  meta: {
    id: 'extension/not-verified',
    category: 'extension',
    description: 'Cross-version extensions whose definition cannot be derived are reported as not verified',
    docsUrl: 'https://hl7.org/fhir/versions.html#extensions',
    defaultSeverity: 'warning',
    code: 'not-supported',
    messages: {
      versionNotAvailable: 'Cross-version extension {{url}} refers to FHIR {{version}}, whose definitions are not loaded, so it is not verified',
      elementNotFound: "Cross-version extension {{url}}: element '{{path}}' does not exist in FHIR {{version}}, so it is not verified",
      noR4Types: "Cross-version extension {{url}}: none of the types of '{{path}}' ({{types}}) exist in R4, so its value is not verified",
      noSnapshot: 'The definition of extension {{url}} has no snapshot, so the extension is not verified',
    },
  },
});
