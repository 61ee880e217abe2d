// Rules for problems found while loading packages: duplicates, unresolved dependencies, unreadable sources.
import { defineRule } from '../rules/define-rule.js';

const docsUrl = 'https://hl7.org/fhir/R4/packages.html';

export const packageRules = {
  duplicateCanonical: defineRule({
    meta: {
      id: 'package/duplicate-canonical', category: 'package', defaultSeverity: 'warning', code: 'duplicate', docsUrl,
      description: 'Two loaded packages define the same canonical URL and version; the first one loaded is used',
      messages: { duplicateCanonical: '{{url}} is defined by both {{first}} and {{second}}; using the one from {{first}}' },
    },
  }),
  unresolvedDependency: defineRule({
    meta: {
      id: 'package/unresolved-dependency', category: 'package', defaultSeverity: 'warning', code: 'not-found', docsUrl,
      description: 'A package depends on another package that is not loaded or cached',
      messages: {
        unresolvedDependency:
          "{{pkg}} depends on {{dependency}}, which is not in the FHIR package cache; run 'ukcore-check packages install {{dependency}}' or pass it with --ig",
      },
    },
  }),
  unreadablePackage: defineRule({
    meta: {
      id: 'package/unreadable', category: 'package', defaultSeverity: 'fatal', code: 'not-found', docsUrl,
      description: 'A package source could not be read',
      messages: {
        notFound: '{{source}} was not found',
        notAPackage: '{{source}} is neither a FHIR package (package.json) nor a folder of FHIR conformance resources',
        unreadable: '{{source}} could not be read: {{reason}}',
        invalidResource: '{{file}} in {{source}} is not a readable FHIR resource: {{reason}}',
      },
    },
  }),
};
