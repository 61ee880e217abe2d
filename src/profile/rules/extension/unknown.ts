// extension/unknown: an extension whose definition cannot be found. Policy (between the HL7 Java validator's CLI, which
// allows any extension and only hints, and its library default, which refuses unknown domains): unknown
// modifierExtension → error (it may change the meaning of the data); a URL under
// http://hl7.org/fhir/StructureDefinition/ that HL7 never defined → error; a URL in the extension namespace of a loaded
// package (e.g. UK Core's https://fhir.hl7.org.uk/StructureDefinition/) that the package does not define → error;
// any other unknown extension → warning (its content is not verified; a rules setting can make it an error);
// a relative sub-extension URL the parent extension does not define → error.
// https://hl7.org/fhir/R4/extensibility.html#modifierExtension
import { defineRule } from '../../../rules/define-rule.js';

export default defineRule({
  meta: {
    id: 'extension/unknown',
    category: 'extension',
    description: 'Extensions must have a known definition (unknown modifier extensions are errors)',
    docsUrl: 'https://hl7.org/fhir/R4/extensibility.html',
    defaultSeverity: 'warning',
    code: 'structure',
    messages: {
      unknownExtension: 'Unknown extension {{url}}: its definition is not in the loaded packages, so its content has not been checked',
      unknownModifier: 'The modifier extension {{url}} is unknown, and not allowed here: unknown modifier extensions change the meaning of the data',
      unknownCoreExtension: 'The extension {{url}} is unknown, and not allowed here: HL7 defines no such extension',
      unknownPackageExtension: 'The extension {{url}} is in the namespace of {{pkg}}, which defines no such extension',
      unknownSubExtension: "Sub-extension url '{{url}}' is not defined by the Extension {{parent}}",
      relativeUrl: "Extension.url '{{url}}' must be an absolute URL (only sub-extensions of a complex extension use relative names)",
      notAnExtension: 'The URL {{url}} names a {{kind}} StructureDefinition of type {{type}}, not an extension definition',
    },
  },
});
