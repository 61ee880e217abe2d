// Sandbox Condition, Encounter, Observation and Procedure records: not required by UK Core Access, served so that
// custom requirement statements (and users trying the sandbox) have more UK Core data to search.
import { concept, meta, narrative, ref, SNOMED, UCUM, UUID_SYSTEM, type Resource } from './common.js';

const CLINICAL = 'http://terminology.hl7.org/CodeSystem/condition-clinical';
const VERIFICATION = 'http://terminology.hl7.org/CodeSystem/condition-ver-status';
const CATEGORY = 'http://terminology.hl7.org/CodeSystem/condition-category';

export const conditions: Resource[] = [
  {
    resourceType: 'Condition', id: 'ukc-cond-1', meta: meta('UKCore-Condition'),
    text: narrative('Hypertension, active since 2015'),
    clinicalStatus: concept(CLINICAL, 'active', 'Active'),
    verificationStatus: concept(VERIFICATION, 'confirmed', 'Confirmed'),
    category: [concept(CATEGORY, 'problem-list-item', 'Problem List Item')],
    code: concept(SNOMED, '38341003', 'Hypertensive disorder, systemic arterial'),
    subject: ref('Patient/ukc-pat-1'),
    onsetDateTime: '2015-04-01',
    recordedDate: '2015-04-02T10:00:00+01:00',
    recorder: ref('Practitioner/ukc-prac-1'),
  },
  {
    resourceType: 'Condition', id: 'ukc-cond-2', meta: meta('UKCore-Condition'),
    text: narrative('Acute viral pharyngitis, resolved'),
    clinicalStatus: concept(CLINICAL, 'resolved', 'Resolved'),
    verificationStatus: concept(VERIFICATION, 'confirmed', 'Confirmed'),
    category: [concept(CATEGORY, 'encounter-diagnosis', 'Encounter Diagnosis')],
    code: concept(SNOMED, '195662009', 'Acute viral pharyngitis'),
    subject: ref('Patient/ukc-pat-1'),
    encounter: ref('Encounter/ukc-enc-1'),
    onsetDateTime: '2022-11-03',
    abatementDateTime: '2022-11-17',
    recordedDate: '2022-11-03T09:20:00+00:00',
    recorder: ref('Practitioner/ukc-prac-1'),
  },
];

export const encounters: Resource[] = [
  {
    resourceType: 'Encounter', id: 'ukc-enc-1', meta: meta('UKCore-Encounter'),
    text: narrative('GP surgery consultation, 3 November 2022'),
    identifier: [{ system: UUID_SYSTEM, value: 'e3b1c2d4-5f6a-4b7c-8d9e-0f1a2b3c0001' }],
    status: 'finished',
    class: { system: 'http://terminology.hl7.org/CodeSystem/v3-ActCode', code: 'AMB', display: 'ambulatory' },
    subject: ref('Patient/ukc-pat-1'),
    participant: [{ individual: ref('Practitioner/ukc-prac-1') }],
    period: { start: '2022-11-03T09:10:00+00:00', end: '2022-11-03T09:25:00+00:00' },
    reasonCode: [concept(SNOMED, '162397003', 'Pain in throat')],
    serviceProvider: ref('Organization/ukc-org-1'),
  },
];

export const observations: Resource[] = [
  {
    resourceType: 'Observation', id: 'ukc-obs-1', meta: meta('UKCore-Observation'),
    text: narrative('Alcohol intake 2 units per day'),
    status: 'final',
    category: [concept('http://terminology.hl7.org/CodeSystem/observation-category', 'social-history', 'Social History')],
    code: concept(SNOMED, '1082631000000102', 'Alcohol units consumed per day'),
    subject: ref('Patient/ukc-pat-1'),
    effectiveDateTime: '2022-11-03T09:20:00+00:00',
    performer: [ref('Practitioner/ukc-prac-1')],
    valueQuantity: { value: 2, unit: 'per day', system: UCUM, code: '/d' },
  },
];

export const procedures: Resource[] = [
  {
    resourceType: 'Procedure', id: 'ukc-proc-1', meta: meta('UKCore-Procedure'),
    text: narrative('Hand microscope examination of skin'),
    status: 'completed',
    code: concept(SNOMED, '128004', 'Hand microscope examination of skin'),
    subject: ref('Patient/ukc-pat-1'),
    performedDateTime: '2023-02-08T11:00:00+00:00',
    performer: [{ actor: ref('Practitioner/ukc-prac-1') }],
  },
];
