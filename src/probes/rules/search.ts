// Findings about search results: matching, completeness, _count and paging (https://hl7.org/fhir/R4/search.html).
import { defineRule } from '../../rules/define-rule.js';

export const searchRule = defineRule({
  meta: {
    id: 'probe/search',
    category: 'probe',
    description: 'Search results match every criterion, include the known matches, and page correctly',
    docsUrl: 'https://hl7.org/fhir/R4/search.html',
    defaultSeverity: 'error',
    code: 'processing',
    messages: {
      notMatching: '{{resource}} does not satisfy {{param}}={{value}}',
      missingMatch: '{{resource}} satisfies {{query}} (seen in the server\'s own data) but was not returned',
      wrongEntryType: 'a match entry holds a {{found}}, not a {{expected}}',
      countExceeded: '_count={{count}} returned {{found}} matches on one page',
      pagingDuplicate: '{{resource}} appeared again on page {{page}}',
      pagingLost: '{{missing}} of {{expected}} matches never appeared while following next links',
      pagingLoop: 'still getting next links after {{pages}} pages',
      totalMismatch: 'Bundle.total is {{total}} but {{found}} matches were returned across the pages',
      notDiscriminating: "every known {{type}} satisfies {{param}}, so a server ignoring '{{param}}' would not be caught",
      pagesNotExhausted: 'stopped after {{pages}} pages; the known matches were not all checked for',
      noValue: 'no {{type}} in the server\'s data has a value for {{param}}, so the search could not be exercised',
      noDefinition: "no R4 definition of '{{param}}' on {{type}} is known, so results cannot be verified",
      unknownParamApplied: "the self link lists '{{param}}', an unknown parameter, as if the server had used it",
      invalidValueIgnored: "an invalid value for '{{param}}' was accepted without an error or an OperationOutcome",
      noSystemMatched: '{{resource}} was returned for identifier=|{{value}} though its matching identifier has a system',
      notPageable: 'no search returned two or more {{type}} resources, so paging could not be exercised',
    },
  },
});
