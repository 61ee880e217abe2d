// ukcore/dmd-system-uri: the dm+d code system URI is exactly https://dmd.nhs.uk (no trailing slash, https).
// UK Core binds dm+d as `https://dmd.nhs.uk` (e.g. compose.include.system of https://fhir.hl7.org.uk/ValueSet/UKCore-AllergyCode);
// code system URIs are compared as exact strings (https://hl7.org/fhir/R4/terminologies-systems.html).
import type { Issue, Location } from '../../model/issue.js';
import { defineRule } from '../define-rule.js';

export const DMD_SYSTEM = 'https://dmd.nhs.uk';
/** Variants seen in real data; each refers to dm+d but will not match bindings or other systems' codes. */
export const DMD_SYSTEM_VARIANTS = new Set(['https://dmd.nhs.uk/', 'http://dmd.nhs.uk', 'http://dmd.nhs.uk/']);

const rule = defineRule({
  meta: {
    id: 'ukcore/dmd-system-uri',
    category: 'ukcore',
    description: "dm+d codings use the system URI 'https://dmd.nhs.uk' exactly; variants such as a trailing slash do not match",
    docsUrl: 'https://hl7.org/fhir/R4/terminologies-systems.html',
    defaultSeverity: 'warning',
    code: 'value',
    messages: {
      trailingSlash: "dm+d system '{{system}}' has a trailing slash; use '{{expected}}' (system URIs are compared exactly, so this coding matches no dm+d binding)",
      wrongScheme: "dm+d system '{{system}}' should be '{{expected}}' (system URIs are compared exactly)",
    },
  },
});
export default rule;

/** Checks a Coding's system; `location.expression` is the Coding's path. */
export function checkDmdSystemUri(coding: { system?: unknown }, location: Location): Issue[] {
  if (typeof coding.system !== 'string' || !DMD_SYSTEM_VARIANTS.has(coding.system)) return [];
  const system = coding.system;
  const messageId = system === `${DMD_SYSTEM}/` ? 'trailingSlash' : 'wrongScheme';
  return [rule.issue({ messageId, data: { system, expected: DMD_SYSTEM }, location: { ...location, expression: `${location.expression ?? ''}.system` } })];
}
