// profile/slicing: slicing rules (closed, openAtEnd, ordered) and slice matching by discriminator. One root-cause issue
// per problem, with `related` saying why each slice did not match. https://hl7.org/fhir/R4/profiling.html#slicing
import { defineRule } from '../../rules/define-rule.js';

export default defineRule({
  meta: {
    id: 'profile/slicing',
    category: 'profile',
    description: 'Repeating elements must follow the slicing the profile defines',
    docsUrl: 'https://hl7.org/fhir/R4/profiling.html#slicing',
    defaultSeverity: 'error',
    code: 'structure',
    messages: {
      notInClosedSlice: "This element does not match any known slice of {{elementId}} in {{profile}} and slicing is CLOSED; tried {{tried}}",
      notAtEnd: "This element does not match any slice of {{elementId}} in {{profile}}, and slicing is openAtEnd: unmatched elements must come after the slices",
      outOfOrder: "As specified by profile {{profile}}, element '{{slice}}' is out of order in the ordered slicing of {{elementId}} (found after '{{after}}')",
      matchesMultiple: "Element matches more than one slice of {{elementId}} in {{profile}}: {{slices}}; the discriminator ({{discriminator}}) cannot tell them apart, '{{slice}}' was used",
      cannotEvaluate: "Slice '{{slice}}' of {{elementId}} in {{profile}} cannot be matched: {{reason}}",
      sliceNotMatched: "Does not match slice '{{slice}}': {{reason}}",
    },
  },
});
