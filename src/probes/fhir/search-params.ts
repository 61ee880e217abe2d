// The R4 search parameters the probes verify and the sandbox implements: type and the elements each one searches
// (from the R4 SearchParameter definitions, https://hl7.org/fhir/R4/searchparameter-registry.html).

export type SearchParamType = 'token' | 'reference' | 'date' | 'string';

export interface SearchParamDef {
  type: SearchParamType;
  /** Dotted element paths searched; choice types are listed per concrete type (effectiveDateTime, effectivePeriod). */
  paths: string[];
  /** Resource type a reference parameter points at. */
  target?: string;
}

const token = (...paths: string[]): SearchParamDef => ({ type: 'token', paths });
const date = (...paths: string[]): SearchParamDef => ({ type: 'date', paths });
const string = (...paths: string[]): SearchParamDef => ({ type: 'string', paths });
const ref = (target: string, ...paths: string[]): SearchParamDef => ({ type: 'reference', paths, target });
const patient = ref('Patient', 'subject');

export const SEARCH_PARAMS: Record<string, Record<string, SearchParamDef>> = {
  Patient: {
    identifier: token('identifier'), name: string('name'), family: string('name.family'), given: string('name.given'),
    gender: token('gender'), birthdate: date('birthDate'), active: token('active'),
  },
  AllergyIntolerance: {
    patient: ref('Patient', 'patient'), 'clinical-status': token('clinicalStatus'), 'verification-status': token('verificationStatus'),
    // R4: date = AllergyIntolerance.recordedDate; last-date = AllergyIntolerance.lastOccurrence
    date: date('recordedDate'), 'last-date': date('lastOccurrence'), code: token('code', 'reaction.substance'),
    category: token('category'), criticality: token('criticality'),
  },
  Immunization: {
    patient: ref('Patient', 'patient'), status: token('status'), date: date('occurrenceDateTime'), 'vaccine-code': token('vaccineCode'),
  },
  MedicationAdministration: {
    patient, subject: ref('Patient', 'subject'), status: token('status'),
    'effective-time': date('effectiveDateTime', 'effectivePeriod'), code: token('medicationCodeableConcept'),
  },
  MedicationDispense: {
    patient, subject: ref('Patient', 'subject'), status: token('status'), whenprepared: date('whenPrepared'),
    whenhandedover: date('whenHandedOver'), code: token('medicationCodeableConcept'),
  },
  MedicationRequest: {
    patient, subject: ref('Patient', 'subject'), status: token('status'), intent: token('intent'),
    authoredon: date('authoredOn'), code: token('medicationCodeableConcept'), category: token('category'),
  },
  MedicationStatement: {
    patient, subject: ref('Patient', 'subject'), status: token('status'), effective: date('effectiveDateTime', 'effectivePeriod'),
    code: token('medicationCodeableConcept'), category: token('category'),
  },
  Condition: {
    patient, 'clinical-status': token('clinicalStatus'), code: token('code'), category: token('category'),
    'onset-date': date('onsetDateTime', 'onsetPeriod'), 'recorded-date': date('recordedDate'),
  },
  Observation: {
    patient, status: token('status'), code: token('code'), category: token('category'),
    date: date('effectiveDateTime', 'effectivePeriod', 'effectiveInstant'),
  },
  Encounter: { patient, status: token('status'), class: token('class'), date: date('period') },
  Procedure: { patient, status: token('status'), code: token('code'), date: date('performedDateTime', 'performedPeriod') },
  Organization: { identifier: token('identifier'), name: string('name', 'alias') },
  Practitioner: { identifier: token('identifier'), name: string('name'), family: string('name.family'), given: string('name.given') },
  PractitionerRole: { practitioner: ref('Practitioner', 'practitioner'), organization: ref('Organization', 'organization') },
  Location: { identifier: token('identifier'), name: string('name', 'alias') },
};

const ID: SearchParamDef = token('id');

/** The definition of `name` on `type`, including `_id` for every type; undefined when unknown to this table. */
export function searchParamDef(type: string, name: string): SearchParamDef | undefined {
  if (name === '_id') return ID;
  return SEARCH_PARAMS[type]?.[name];
}
