// Building blocks for the sandbox's synthetic UK Core data: profile URLs, code systems, meta and narrative.

export type Resource = Record<string, unknown> & { resourceType: string; id: string };

export const UKCORE_SD = 'https://fhir.hl7.org.uk/StructureDefinition';
export const SNOMED = 'http://snomed.info/sct';
export const DMD = 'https://dmd.nhs.uk';
export const UCUM = 'http://unitsofmeasure.org';
export { NHS_NUMBER_SYSTEM as NHS_NUMBER } from '../../rules/ukcore/nhs-number-check-digit.js';
export const ODS_ORG = 'https://fhir.nhs.uk/Id/ods-organization-code';
export const UUID_SYSTEM = 'https://tools.ietf.org/html/rfc4122';
/** Local identifier system of the sandbox's fictional PAS (synthetic, not a real NHS system). */
export const PAS_SYSTEM = 'https://sandbox.ukcore-check.example/Id/pas-number';

/** `meta` claiming one UK Core profile, with a fixed version and update time so responses are reproducible. */
export function meta(profile: string, lastUpdated = '2025-01-15T09:00:00+00:00'): Record<string, unknown> {
  return { versionId: '1', lastUpdated, profile: [`${UKCORE_SD}/${profile}`] };
}

function escapeXml(s: string): string {
  return s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

/** A generated narrative (https://hl7.org/fhir/R4/narrative.html) so dom-6 (best practice) is met. */
export function narrative(text: string): Record<string, unknown> {
  return { status: 'generated', div: `<div xmlns="http://www.w3.org/1999/xhtml"><p>${escapeXml(text)}</p></div>` };
}

export function concept(system: string, code: string, display: string): Record<string, unknown> {
  return { coding: [{ system, code, display }] };
}

export function ref(reference: string): { reference: string } {
  return { reference };
}
