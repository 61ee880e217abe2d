// Built-in test plans: the UK Core Access Clinical Data Provider and Patient Index Provider requirements, as facts.
// Source: HL7 UK, UK Core Access 0.1.0 (https://build.fhir.org/ig/HL7-UK/UK-Core-Access/), Apache-2.0.
// A test (test/requirements/built-in-plans.test.ts) derives the same plans from the published statements.
import type { Expectation } from '../model/result.js';
import type { PlanCombination, PlanResource, PlanSearchParam, RequirementsPlan } from './types.js';

const SHALL: Expectation = 'SHALL';
const SHOULD: Expectation = 'SHOULD';

/** `name: [type, expectation]` in statement order. */
type Params = Record<string, [type: string, expectation: Expectation]>;

function resource(
  type: string,
  expectation: Expectation,
  params: Params,
  combinations: [Expectation, ...string[]][],
  profile?: string,
): PlanResource {
  const searchParams: PlanSearchParam[] = Object.entries(params).map(([name, [t, e]]) => ({ name, type: t, expectation: e }));
  const combos: PlanCombination[] = combinations.map(([e, ...required]) => ({ required, optional: [], expectation: e }));
  const out: PlanResource = {
    type,
    expectation,
    // Every resource in both statements requires search-type and nothing else (no read).
    interactions: [{ code: 'search-type', expectation: SHALL }],
    searchParams,
    combinations: combos,
  };
  if (profile) out.profile = profile;
  return out;
}

// NOTE: the guide's FSH names a UK Core profile for every Clinical Data Provider resource, but the published
// statement (SUSHI output) keeps `profile` only on Patient, so the plan does too. The content probe finds the
// UK Core profile for each type itself (src/probes/fhir/ukcore-profiles.ts).
// NOTE: the statement types `patient` as `token`; the guide's tables (and R4) say `reference`. The probe matches
// the parameter by its R4 definition, not by this declared type.

/** https://build.fhir.org/ig/HL7-UK/UK-Core-Access/clinical_data.html */
export const UKCORE_ACCESS_CDP: RequirementsPlan = {
  id: 'ukcore-access-cdp',
  url: 'https://fhir.hl7.org.uk/uk-core-access/CapabilityStatement/UKCoreAccessClinicalDataProvider',
  title: 'UKCore Access Clinical Data Provider',
  fhirVersion: '4.0.1',
  formats: ['json'],
  resources: [
    // clinical_data.html#patient-search
    resource('Patient', SHALL, { _id: ['token', SHOULD], identifier: ['token', SHALL] }, [],
      'https://fhir.hl7.org.uk/StructureDefinition/UKCore-Patient'),
    // clinical_data.html#allergyintolerance-search
    resource('AllergyIntolerance', SHOULD,
      { _id: ['token', SHOULD], patient: ['token', SHALL], 'clinical-status': ['token', SHALL],
        date: ['date', SHOULD], 'last-date': ['date', SHOULD] },
      [[SHOULD, 'patient', 'clinical-status'], [SHOULD, 'patient', 'date'], [SHOULD, 'patient', 'last-date']]),
    // clinical_data.html#immunization-search
    resource('Immunization', SHOULD,
      { _id: ['token', SHOULD], patient: ['token', SHALL], date: ['date', SHOULD], status: ['token', SHALL] },
      [[SHOULD, 'patient', 'status'], [SHOULD, 'patient', 'date']]),
    // clinical_data.html#medicationadministration-search (the statement makes effective-time SHALL)
    resource('MedicationAdministration', SHOULD,
      { _id: ['token', SHOULD], patient: ['token', SHALL], 'effective-time': ['date', SHALL], status: ['token', SHALL] },
      [[SHOULD, 'patient', 'status'], [SHOULD, 'patient', 'effective-time']]),
    // clinical_data.html#medicationdispense-search
    resource('MedicationDispense', SHOULD,
      { _id: ['token', SHOULD], patient: ['token', SHALL], whenprepared: ['date', SHOULD], status: ['token', SHALL] },
      [[SHOULD, 'patient', 'status'], [SHOULD, 'patient', 'whenprepared']]),
    // clinical_data.html#medicationrequest-search
    resource('MedicationRequest', SHOULD,
      { _id: ['token', SHOULD], patient: ['token', SHALL], authoredon: ['date', SHOULD], status: ['token', SHALL] },
      [[SHOULD, 'patient', 'status'], [SHOULD, 'patient', 'authoredon']]),
    // clinical_data.html#medicationstatement-search
    resource('MedicationStatement', SHOULD,
      { _id: ['token', SHOULD], patient: ['token', SHALL], effective: ['date', SHOULD], status: ['token', SHALL] },
      [[SHOULD, 'patient', 'status'], [SHOULD, 'patient', 'effective']]),
  ],
};

/** https://build.fhir.org/ig/HL7-UK/UK-Core-Access/patient_index.html */
export const UKCORE_ACCESS_PIP: RequirementsPlan = {
  id: 'ukcore-access-pip',
  url: 'https://fhir.hl7.org.uk/uk-core-access/CapabilityStatement/UKCoreAccessPatientIndexProvider',
  title: 'UKCore Access Patient Index Provider',
  fhirVersion: '4.0.1',
  formats: ['json'],
  resources: [
    // patient_index.html#patient-search
    resource('Patient', SHALL,
      { _id: ['token', SHOULD], birthdate: ['date', SHOULD], family: ['string', SHOULD], gender: ['token', SHALL],
        given: ['string', SHOULD], identifier: ['token', SHALL], name: ['string', SHALL] },
      [[SHOULD, 'birthdate', 'family'], [SHOULD, 'birthdate', 'name'], [SHOULD, 'gender', 'family'],
        [SHOULD, 'gender', 'name']],
      'https://fhir.hl7.org.uk/uk-core-access/StructureDefinition/UKCoreAccessPatientIndexPatient'),
  ],
};

/** The default plans: a UK Core Access endpoint is commonly both a Patient Index and a Clinical Data Provider. */
export const DEFAULT_PLANS: readonly RequirementsPlan[] = [UKCORE_ACCESS_CDP, UKCORE_ACCESS_PIP];
