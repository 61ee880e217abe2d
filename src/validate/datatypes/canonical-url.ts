// The `url` of a canonical resource (StructureDefinition, ValueSet, CodeSystem, ...) is an absolute URI; a relative
// one cannot be referenced from anywhere else. https://hl7.org/fhir/R4/resource.html#canonical
import type { Issue } from '../../model/issue.js';
import { defineRule } from '../../rules/define-rule.js';
import type { ElementVisit } from '../structure-walker.js';

export const canonicalUrlRule = defineRule({
  meta: {
    id: 'structure/canonical-url', category: 'structure', defaultSeverity: 'error', code: 'value',
    docsUrl: 'https://hl7.org/fhir/R4/resource.html#canonical',
    description: "A canonical resource's url must be an absolute URI",
    messages: { notAbsolute: "{{type}}.url '{{url}}' is not an absolute URI: a canonical URL must be absolute so it can be referenced" },
  },
});

const ABSOLUTE_URI = /^[A-Za-z][A-Za-z0-9+.-]*:\S+$/;

/** The R4 resources whose `url` is their canonical URL (https://hl7.org/fhir/R4/resource.html#canonical). */
const CANONICAL_RESOURCES = new Set([
  'ActivityDefinition', 'CapabilityStatement', 'ChargeItemDefinition', 'CodeSystem', 'CompartmentDefinition', 'ConceptMap',
  'EffectEvidenceSynthesis', 'EventDefinition', 'Evidence', 'EvidenceVariable', 'ExampleScenario', 'GraphDefinition',
  'ImplementationGuide', 'Library', 'Measure', 'MessageDefinition', 'NamingSystem', 'OperationDefinition', 'PlanDefinition',
  'Questionnaire', 'ResearchDefinition', 'ResearchElementDefinition', 'RiskEvidenceSynthesis', 'SearchParameter',
  'StructureDefinition', 'StructureMap', 'TerminologyCapabilities', 'TestScript', 'ValueSet',
]);

/** Called for the `url` element of any resource: applies when the resource's `url` is its canonical URL. */
export function checkCanonicalUrl(visit: ElementVisit, at: () => Issue['location']): Issue[] {
  const rt = visit.resource.resourceType;
  if (typeof rt !== 'string' || !CANONICAL_RESOURCES.has(rt) || visit.node.path !== `${rt}.url` || typeof visit.value !== 'string') return [];
  if (ABSOLUTE_URI.test(visit.value)) return [];
  return [canonicalUrlRule.issue({ messageId: 'notAbsolute', data: { type: rt, url: visit.value }, location: at() })];
}
