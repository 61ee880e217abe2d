// Rules for Bundle-level checks that are not FHIRPath invariants (bdl-* invariants run with the rest).
import { defineRule } from '../../rules/define-rule.js';

export const bundleFullUrlRule = defineRule({
  meta: {
    id: 'bundle/full-url', category: 'bundle', defaultSeverity: 'error', code: 'value',
    docsUrl: 'https://hl7.org/fhir/R4/bundle.html#bundle-unique',
    description: 'Bundle.entry.fullUrl must be an absolute URI and agree with the resource id',
    messages: {
      notAbsolute: "fullUrl '{{fullUrl}}' must be an absolute URL or a urn:uuid:/urn:oid: URI",
      idMismatch: "fullUrl '{{fullUrl}}' does not end with the resource's type and id '{{expected}}'",
      badUuid: "fullUrl '{{fullUrl}}' is not a valid urn:uuid: (lower-case UUID expected)",
      missing: 'Entry has a resource but no fullUrl; other entries cannot reference it',
    },
  },
});

export const searchsetRule = defineRule({
  meta: {
    id: 'bundle/searchset', category: 'bundle', defaultSeverity: 'error', code: 'invalid',
    docsUrl: 'https://hl7.org/fhir/R4/search.html#conformance',
    description: 'A searchset Bundle says what was searched (self link) and marks each entry as match, include or outcome; matches have ids and the searched type, outcomes are OperationOutcomes',
    messages: {
      noSelfLink: 'A searchset Bundle should have a self link saying what the search was',
      noSearchMode: 'Entries of a searchset Bundle should say their search.mode (match, include or outcome)',
      resultWithoutId: 'A search result ({{resourceType}}) must have an id',
      notAnOutcome: "An entry with search.mode 'outcome' must be an OperationOutcome, not a {{resourceType}}",
      wrongType: 'A {{resourceType}} is not a match for the search, which was for {{expected}}',
    },
  },
});

export const referenceRule = defineRule({
  meta: {
    id: 'reference/resolution', category: 'reference', defaultSeverity: 'error', code: 'not-found',
    docsUrl: 'https://hl7.org/fhir/R4/references.html',
    description: 'References to contained resources and within Bundles must resolve; resolved targets must be of an allowed type',
    messages: {
      containedNotFound: "Reference '{{reference}}' points to a contained resource that does not exist",
      bundleNotFound: "Reference '{{reference}}' does not resolve to any entry in this {{bundleType}} Bundle",
      uuidNotFound: "Reference '{{reference}}' is a urn:uuid: that no entry's fullUrl matches",
      wrongTargetType: "Reference '{{reference}}' points to a {{found}}, but this element allows only {{allowed}}",
      typeMismatch: "Reference.type '{{type}}' does not match the referenced resource type '{{found}}'",
      invalidFormat: "Reference '{{reference}}' is not a valid literal reference (absolute URL, Type/id, urn:uuid:, urn:oid: or #id)",
      ambiguousInBundle: "Reference '{{reference}}' matches no entry's fullUrl but {{count}} entries by type and id: which one is meant is ambiguous (the first was used)",
    },
  },
});
