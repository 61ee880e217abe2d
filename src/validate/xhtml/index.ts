// Public surface of the narrative XHTML checks (https://hl7.org/fhir/R4/narrative.html#xhtml).
export { checkNarrativeXhtml, htmlChecks } from './check-narrative-xhtml.js';
export type { XhtmlMessageId, XhtmlProblem } from './check-narrative-xhtml.js';
export { narrativeXhtmlRule } from './narrative-xhtml-rule.js';
