// profile/not-checked: the profile to validate against cannot be used (unknown canonical, no snapshot, or made for
// another resource type). Never a silent pass. https://hl7.org/fhir/R4/profiling.html
import { defineRule } from '../../rules/define-rule.js';

export default defineRule({
  meta: {
    id: 'profile/not-checked',
    category: 'profile',
    description: 'The profile a resource is checked against must be known, have a snapshot, and be for its type',
    docsUrl: 'https://hl7.org/fhir/R4/resource.html#profile',
    defaultSeverity: 'error',
    code: 'not-found',
    messages: {
      notFound: "Profile '{{profile}}' is unknown, so the resource has not been checked against it",
      noSnapshot: "Profile '{{profile}}' has no snapshot, so the resource has not been checked against it",
      wrongType: "Profile '{{profile}}' is for {{profileType}}, but the resource is a {{type}}",
    },
  },
});
