// An Identifier whose system is urn:ietf:rfc:3986 holds a URI as its value, so the value must be an absolute URI.
// https://hl7.org/fhir/R4/datatypes.html#Identifier and https://hl7.org/fhir/R4/identifier-registry.html
import type { Issue } from '../../model/issue.js';
import { defineRule } from '../../rules/define-rule.js';
import type { ElementVisit } from '../structure-walker.js';

export const identifierUriRule = defineRule({
  meta: {
    id: 'structure/identifier-uri', category: 'structure', defaultSeverity: 'error', code: 'value',
    docsUrl: 'https://hl7.org/fhir/R4/identifier-registry.html',
    description: 'An Identifier with system urn:ietf:rfc:3986 must have an absolute URI as its value (urn:oid:, urn:uuid:, http(s)://…)',
    messages: { notAbsolute: "Identifier value '{{value}}' is not an absolute URI, as system urn:ietf:rfc:3986 requires (for an OID write urn:oid:{{value}})" },
  },
});

const ABSOLUTE_URI = /^[A-Za-z][A-Za-z0-9+.-]*:\S+$/;

export function checkIdentifierUri(visit: ElementVisit, at: (child: string) => Issue['location']): Issue[] {
  if (visit.typeCode !== 'Identifier' || !visit.value || typeof visit.value !== 'object') return [];
  const id = visit.value as Record<string, unknown>;
  if (id.system !== 'urn:ietf:rfc:3986' || typeof id.value !== 'string' || ABSOLUTE_URI.test(id.value)) return [];
  return [identifierUriRule.issue({ messageId: 'notAbsolute', data: { value: id.value }, location: at('value') })];
}
