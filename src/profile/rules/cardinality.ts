// profile/cardinality: min/max a profile sets on an element or a slice, where it is stricter than the base spec
// (the base walker reports base cardinality). https://hl7.org/fhir/R4/profiling.html#cardinality
import { defineRule } from '../../rules/define-rule.js';

export default defineRule({
  meta: {
    id: 'profile/cardinality',
    category: 'profile',
    description: 'Elements and slices must appear between the min and max the profile sets',
    docsUrl: 'https://hl7.org/fhir/R4/profiling.html#cardinality',
    defaultSeverity: 'error',
    code: 'structure',
    messages: {
      tooFew: "{{elementId}}: minimum required = {{min}}, but only found {{count}} (from {{profile}})",
      tooMany: "{{elementId}}: max allowed = {{max}}, but found {{count}} (from {{profile}})",
      prohibited: "{{elementId}} is not allowed by the profile {{profile}} (max = 0), but found {{count}}",
      sliceMissing: "Slice '{{slice}}' ({{elementId}}) requires at least {{min}}, but only found {{count}} (from {{profile}}); {{why}}",
    },
  },
});
