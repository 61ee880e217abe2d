// Every example of the FHIR R4 specification (HL7's hl7.fhir.r4.examples) against base R4: measured, with the
// known-invalid examples pinned one by one with the reason they are truly invalid.
import { readdirSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { basePackageDir } from '../../src/packages/base-package.js';
import { runValidate } from '../../src/validate/run-validate.js';
import { basePackageSet } from '../support/base-validator.js';

const CONFORMANCE = /^(package|StructureDefinition|ValueSet|CodeSystem|SearchParameter|ConceptMap|OperationDefinition|CapabilityStatement|CompartmentDefinition|ImplementationGuide|NamingSystem)[-.]/;

/** file → the error ids it must produce, and why the example is wrong. */
const KNOWN_INVALID: Record<string, { ids: string[]; why: string }> = {
  'ActivityDefinition-blood-tubes-supply.json': { ids: ['structure/narrative-xhtml/xhtmlEmpty'], why: "narrative div has no content (txt-2)" },
  'ActivityDefinition-heart-valve-replacement.json': { ids: ['structure/narrative-xhtml/xhtmlEmpty'], why: "narrative div has no content (txt-2)" },
  'Basic-referral.json': { ids: ['extension/unknown/unknownModifier'], why: "an unknown modifierExtension (example.org) must be rejected" },
  'Bundle-10bb101f-a121-4264-a920-67be9cb82c74.json': { ids: ['bundle/full-url/idMismatch', 'reference/resolution/bundleNotFound'], why: "fullUrl Patient/pat12 holds Patient pat2; message references Organization/1 that is not in the Bundle" },
  'Bundle-3a0707d3-549e-4467-b8b8-5a2ab3800efe.json': { ids: ['bundle/full-url/idMismatch', 'reference/resolution/bundleNotFound'], why: "same defects as Bundle-10bb101f" },
  'Bundle-b0a5e4277-83c4-4adb-87e2-e3efe3369b6f.json': { ids: ['terminology/binding-required/notInValueSet'], why: "a code outside its required value set (e.g. contentType xml/json, which are not media types)" },
  'Bundle-dataelements.json': { ids: ['invariant/constraint/failed bdl-7', 'structure/identifier-uri/notAbsolute'], why: "duplicate fullUrls in one Bundle; an Identifier with system urn:ietf:rfc:3986 whose value is not a URI" },
  'Bundle-father.json': { ids: ['reference/resolution/bundleNotFound', 'terminology/ucum-unit/badUnit'], why: "document signature references Organization/example and Device/software, not in the document; a Quantity with system UCUM uses a unit that is not UCUM (e.g. ea, mcg, TAB, drop)" },
  'Bundle-hla-1.json': { ids: ['extension/unknown/unknownSubExtension'], why: "a sub-extension the complex extension does not define" },
  'Bundle-lri-example.json': { ids: ['bundle/full-url/idMismatch'], why: "fullUrls 'lri-gramstain1' etc. disagree with the resource ids 'gramstain1'" },
  'Bundle-resources.json': { ids: ['structure/identifier-uri/notAbsolute'], why: "an Identifier with system urn:ietf:rfc:3986 whose value is not a URI" },
  'Bundle-valueset-expansions.json': { ids: ['extension/context/notAllowed', 'extension/unknown/unknownCoreExtension', 'structure/primitive-format/invalidOid'], why: "malformed urn:oid: value; an extension used outside its declared context; an hl7.org extension URL that R4 does not define" },
  'Bundle-valuesets.json': { ids: ['extension/context/notAllowed'], why: "an extension used outside its declared context" },
  'Claim-760151.json': { ids: ['terminology/ucum-unit/badUnit'], why: "a Quantity with system UCUM uses a unit that is not UCUM (e.g. ea, mcg, TAB, drop)" },
  'Claim-760152.json': { ids: ['terminology/ucum-unit/badUnit'], why: "a Quantity with system UCUM uses a unit that is not UCUM (e.g. ea, mcg, TAB, drop)" },
  'DeviceMetric-example.json': { ids: ['reference/resolution/wrongTargetType'], why: "DeviceMetric.parent allows Device only, references DeviceDefinition" },
  'DeviceUseStatement-example.json': { ids: ['reference/resolution/wrongTargetType'], why: "reasonReference to a Procedure is not allowed" },
  'DiagnosticReport-example-pgx.json': { ids: ['structure/attachment-data/hashMismatch'], why: "Attachment.hash is hex, not the base64 SHA-1 of the data" },
  'EventDefinition-example.json': { ids: ['structure/narrative-xhtml/xhtmlEmpty'], why: "narrative div has no content (txt-2)" },
  'ImagingStudy-example-xr.json': { ids: ['ukcore/snomed-ct-identifier/badFormat'], why: "a SNOMED CT code that is not an identifier" },
  'Library-zika-virus-intervention-logic.json': { ids: ['structure/primitive-format/invalidOid'], why: "malformed urn:oid: value" },
  'MedicationDispense-meddisp0309.json': { ids: ['terminology/ucum-unit/badUnit'], why: "a Quantity with system UCUM uses a unit that is not UCUM (e.g. ea, mcg, TAB, drop)" },
  'MedicationDispense-meddisp0313.json': { ids: ['terminology/ucum-unit/badUnit'], why: "a Quantity with system UCUM uses a unit that is not UCUM (e.g. ea, mcg, TAB, drop)" },
  'MedicationDispense-meddisp0318.json': { ids: ['terminology/ucum-unit/badUnit'], why: "a Quantity with system UCUM uses a unit that is not UCUM (e.g. ea, mcg, TAB, drop)" },
  'MedicationDispense-meddisp0324.json': { ids: ['terminology/ucum-unit/badUnit'], why: "a Quantity with system UCUM uses a unit that is not UCUM (e.g. ea, mcg, TAB, drop)" },
  'MedicationDispense-meddisp0327.json': { ids: ['terminology/ucum-unit/badUnit'], why: "a Quantity with system UCUM uses a unit that is not UCUM (e.g. ea, mcg, TAB, drop)" },
  'MedicationDispense-meddisp0328.json': { ids: ['terminology/ucum-unit/badUnit'], why: "a Quantity with system UCUM uses a unit that is not UCUM (e.g. ea, mcg, TAB, drop)" },
  'MedicationDispense-meddisp0329.json': { ids: ['terminology/ucum-unit/badUnit'], why: "a Quantity with system UCUM uses a unit that is not UCUM (e.g. ea, mcg, TAB, drop)" },
  'MedicationRequest-medrx0301.json': { ids: ['reference/resolution/wrongTargetType'], why: "dispenseRequest.performer allows Organization only" },
  'MedicationRequest-medrx0304.json': { ids: ['terminology/ucum-unit/badUnit'], why: "a Quantity with system UCUM uses a unit that is not UCUM (e.g. ea, mcg, TAB, drop)" },
  'MedicationRequest-medrx0314.json': { ids: ['terminology/ucum-unit/badUnit'], why: "a Quantity with system UCUM uses a unit that is not UCUM (e.g. ea, mcg, TAB, drop)" },
  'MedicationRequest-medrx0319.json': { ids: ['terminology/ucum-unit/badUnit'], why: "a Quantity with system UCUM uses a unit that is not UCUM (e.g. ea, mcg, TAB, drop)" },
  'MedicationRequest-medrx0322.json': { ids: ['terminology/ucum-unit/badUnit'], why: "a Quantity with system UCUM uses a unit that is not UCUM (e.g. ea, mcg, TAB, drop)" },
  'MedicationRequest-medrx0325.json': { ids: ['terminology/ucum-unit/badUnit'], why: "a Quantity with system UCUM uses a unit that is not UCUM (e.g. ea, mcg, TAB, drop)" },
  'MedicationRequest-medrx0326.json': { ids: ['terminology/ucum-unit/badUnit'], why: "a Quantity with system UCUM uses a unit that is not UCUM (e.g. ea, mcg, TAB, drop)" },
  'MedicationRequest-medrx0328.json': { ids: ['terminology/ucum-unit/badUnit'], why: "a Quantity with system UCUM uses a unit that is not UCUM (e.g. ea, mcg, TAB, drop)" },
  'MedicationRequest-medrx0329.json': { ids: ['terminology/ucum-unit/badUnit'], why: "a Quantity with system UCUM uses a unit that is not UCUM (e.g. ea, mcg, TAB, drop)" },
  'MedicationRequest-medrx0334.json': { ids: ['terminology/ucum-unit/badUnit'], why: "a Quantity with system UCUM uses a unit that is not UCUM (e.g. ea, mcg, TAB, drop)" },
  'MedicationRequest-medrx0335.json': { ids: ['terminology/ucum-unit/badUnit'], why: "a Quantity with system UCUM uses a unit that is not UCUM (e.g. ea, mcg, TAB, drop)" },
  'NutritionOrder-enteralcontinuous.json': { ids: ['ukcore/snomed-ct-identifier/badCheckDigit', 'ukcore/snomed-ct-identifier/notAConcept'], why: "a SNOMED CT id with a wrong Verhoeff check digit; a SNOMED CT description id used as a concept" },
  'Observation-clinical-gender.json': { ids: ['reference/resolution/wrongTargetType'], why: "reference target type not allowed by the element" },
  'Organization-2.16.840.1.113883.19.5.json': { ids: ['structure/identifier-uri/notAbsolute'], why: "an Identifier with system urn:ietf:rfc:3986 whose value is not a URI" },
  'OrganizationAffiliation-orgrole1.json': { ids: ['reference/resolution/wrongTargetType'], why: "reference target type not allowed by the element" },
  'PlanDefinition-example-cardiology-os.json': { ids: ['ukcore/snomed-ct-identifier/badFormat'], why: "a SNOMED CT code that is not an identifier" },
  'Questionnaire-qs1.json': { ids: ['extension/unknown/unknownCoreExtension', 'structure/cardinality/tooFew'], why: "nested items without the required linkId; an hl7.org extension URL that R4 does not define" },
  'Questionnaire-zika-virus-exposure-assessment.json': { ids: ['structure/narrative-xhtml/xhtmlEmpty'], why: "narrative div has no content (txt-2)" },
  'TerminologyCapabilities-example.json': { ids: ['structure/primitive-format/invalidUuid'], why: "urn:uuid: with upper-case hex" },
  'TestScript-testscript-example-history.json': { ids: ['terminology/binding-required/notInValueSet'], why: "a code outside its required value set (e.g. contentType xml/json, which are not media types)" },
  'TestScript-testscript-example-multisystem.json': { ids: ['terminology/binding-required/notInValueSet'], why: "a code outside its required value set (e.g. contentType xml/json, which are not media types)" },
  'TestScript-testscript-example-readtest.json': { ids: ['terminology/binding-required/notInValueSet'], why: "a code outside its required value set (e.g. contentType xml/json, which are not media types)" },
  'TestScript-testscript-example-search.json': { ids: ['terminology/binding-required/notInValueSet'], why: "a code outside its required value set (e.g. contentType xml/json, which are not media types)" },
  'TestScript-testscript-example-update.json': { ids: ['terminology/binding-required/notInValueSet'], why: "a code outside its required value set (e.g. contentType xml/json, which are not media types)" },
  'TestScript-testscript-example.json': { ids: ['terminology/binding-required/notInValueSet'], why: "a code outside its required value set (e.g. contentType xml/json, which are not media types)" },
  'VisionPrescription-33124.json': { ids: ['terminology/ucum-unit/badUnit'], why: "a Quantity with system UCUM uses a unit that is not UCUM (e.g. ea, mcg, TAB, drop)" },
  'ig-r4.json': { ids: ['reference/resolution/invalidFormat', 'structure/cardinality/tooFew'], why: "STU3-shaped ImplementationGuide missing name and status" },

};

describe('FHIR R4 specification examples against base R4', () => {
  it('validates every example with no errors except the pinned, truly invalid ones', async () => {
    const dir = basePackageDir();
    const files = readdirSync(dir).filter((f) => f.endsWith('.json') && !CONFORMANCE.test(f)).map((f) => path.join(dir, f));
    const { report } = await runValidate({ paths: files, packageSet: basePackageSet() });
    const found = new Map<string, Set<string>>();
    for (const r of report.results) {
      for (const i of r.issues) {
        if (i.severity !== 'error' && i.severity !== 'fatal') continue;
        const file = path.basename(r.target.split('#')[0]!);
        const id = `${i.ruleId}/${i.messageId}${i.constraint ? ` ${i.constraint.key}` : ''}`;
        if (!found.has(file)) found.set(file, new Set());
        found.get(file)!.add(id);
      }
    }
    const clean = files.length - found.size;
    console.log(`R4 examples: ${files.length} files, ${report.summary.resources} resources, ${clean} files with 0 errors, ${found.size} pinned as invalid`);
    const actual = Object.fromEntries([...found].map(([f, s]) => [f, [...s].sort()]));
    const expected = Object.fromEntries(Object.entries(KNOWN_INVALID).map(([f, v]) => [f, [...v.ids].sort()]));
    expect(actual).toEqual(expected);
  }, 300_000);
});
