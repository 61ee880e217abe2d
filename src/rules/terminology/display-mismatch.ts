// terminology/display-mismatch: Coding.display should be one of the code's displays or designations.
// See https://hl7.org/fhir/R4/datatypes.html#Coding (display "SHOULD be ... the display defined by the system").
import { defineRule } from '../define-rule.js';

export default defineRule({
  meta: {
    id: 'terminology/display-mismatch',
    category: 'terminology',
    description: 'A Coding.display that matches none of the displays or designations the code system gives for the code',
    docsUrl: 'https://hl7.org/fhir/R4/datatypes-definitions.html#Coding.display',
    defaultSeverity: 'warning',
    code: 'value',
    messages: {
      displayMismatch: "Display '{{display}}' does not match {{system}}#{{code}}; expected '{{expected}}'",
    },
  },
});
