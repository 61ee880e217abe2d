// terminology/inactive-code: a code its code system marks inactive, retired or deprecated (concept properties
// `status`, `inactive`, `deprecated`, https://hl7.org/fhir/R4/codesystem-concept-properties.html) is still a code of
// the system, but a sender should not use it in new data.
import { defineRule } from '../define-rule.js';

export default defineRule({
  meta: {
    id: 'terminology/inactive-code',
    category: 'terminology',
    description: 'A code that its code system marks inactive, retired or deprecated',
    docsUrl: 'https://hl7.org/fhir/R4/codesystem-concept-properties.html',
    defaultSeverity: 'warning',
    code: 'business-rule',
    messages: {
      inactive: "{{system}}#{{code}} is {{status}} in its code system: it should not be used in new data",
      deprecated: "{{system}}#{{code}} is deprecated in its code system: it may be withdrawn, and a replacement should be preferred",
    },
  },
});
