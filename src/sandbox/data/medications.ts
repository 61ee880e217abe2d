// Sandbox medication records (UK Core MedicationAdministration, -Dispense, -Request, -Statement) with varied
// statuses and dates, so status and date searches can be told apart from a server that ignores them.
import { concept, DMD, meta, narrative, ref, SNOMED, UCUM, UUID_SYSTEM, type Resource } from './common.js';

const AMOXICILLIN_500_AMP: [string, string] = ['22608811000001102', 'Amoxicillin 500mg capsules (DE Pharmaceuticals)'];
const AMOXICILLIN_500: [string, string] = ['39732411000001106', 'Amoxicillin 500mg capsules'];
const AMOXICILLIN_250: [string, string] = ['39732311000001104', 'Amoxicillin 250mg capsules'];
const CIPRO_IV: [string, string] = ['35831211000001109', 'Ciprofloxacin 400mg/200ml infusion bags (Hikma Pharmaceuticals International Ltd)'];
const CIPRO_TABS: [string, string] = ['18460411000001105', 'Ciprofloxacin 500mg tablets (Accord-UK Ltd)'];
const PARACETAMOL: [string, string] = ['558911000001105', 'Paracetamol 500mg capsules (A A H Pharmaceuticals Ltd)'];
const TIMOPTOL: [string, string] = ['18616211000001106', 'Timoptol 0.5% eye drops (DE Pharmaceuticals)'];
const CLARITHROMYCIN: [string, string] = ['41946511000001109', 'Clarithromycin 500mg tablets'];
const DOXYCYCLINE: [string, string] = ['41948311000001104', 'Doxycycline 100mg capsules'];

const ORAL = concept(SNOMED, '26643006', 'Oral');
const CAPSULE = { system: SNOMED, code: '732937005', unit: 'capsule' };
const TABLET = { system: SNOMED, code: '428673006', unit: 'tablet' };

function identifier(uuid: string): Record<string, unknown>[] {
  return [{ system: UUID_SYSTEM, value: uuid }];
}

function timing(frequency: number): Record<string, unknown> {
  return { repeat: { frequency, period: 1, periodUnit: 'd' } };
}

export const medicationAdministrations: Resource[] = [
  {
    resourceType: 'MedicationAdministration', id: 'ukc-medadmin-1', meta: meta('UKCore-MedicationAdministration'),
    text: narrative('Ciprofloxacin 400mg IV given'),
    identifier: identifier('0b7f4a53-5d1c-4c39-9a3e-1f7e2a6b0001'),
    status: 'completed',
    medicationCodeableConcept: concept(DMD, ...CIPRO_IV),
    subject: ref('Patient/ukc-pat-1'),
    effectiveDateTime: '2023-06-30T13:00:00+00:00',
    performer: [{ actor: ref('Practitioner/ukc-prac-1') }],
    dosage: { route: concept(SNOMED, '47625008', 'Intravenous'), dose: { value: 400, unit: 'milligram', system: UCUM, code: 'mg' } },
  },
  {
    resourceType: 'MedicationAdministration', id: 'ukc-medadmin-2', meta: meta('UKCore-MedicationAdministration'),
    text: narrative('Paracetamol 1g orally, in progress'),
    identifier: identifier('0b7f4a53-5d1c-4c39-9a3e-1f7e2a6b0002'),
    status: 'in-progress',
    medicationCodeableConcept: concept(DMD, ...PARACETAMOL),
    subject: ref('Patient/ukc-pat-1'),
    effectivePeriod: { start: '2024-02-01T08:00:00+00:00' },
    dosage: { route: ORAL, dose: { value: 2, ...CAPSULE } },
  },
  {
    resourceType: 'MedicationAdministration', id: 'ukc-medadmin-3', meta: meta('UKCore-MedicationAdministration'),
    text: narrative('Timoptol eye drops given'),
    identifier: identifier('0b7f4a53-5d1c-4c39-9a3e-1f7e2a6b0003'),
    status: 'completed',
    medicationCodeableConcept: concept(DMD, ...TIMOPTOL),
    subject: ref('Patient/ukc-pat-1'),
    effectiveDateTime: '2021-03-25T13:00:00+00:00',
    dosage: { text: 'One drop in each eye', dose: { value: 1, unit: 'drop', system: UCUM, code: '[drp]' } },
  },
  {
    resourceType: 'MedicationAdministration', id: 'ukc-medadmin-4', meta: meta('UKCore-MedicationAdministration'),
    text: narrative('Doxycycline 100mg orally'),
    identifier: identifier('0b7f4a53-5d1c-4c39-9a3e-1f7e2a6b0004'),
    status: 'completed',
    medicationCodeableConcept: concept(DMD, ...DOXYCYCLINE),
    subject: ref('Patient/ukc-pat-2'),
    effectiveDateTime: '2022-08-02T09:00:00+01:00',
    dosage: { route: ORAL, dose: { value: 1, ...CAPSULE } },
  },
];

export const medicationDispenses: Resource[] = [
  {
    resourceType: 'MedicationDispense', id: 'ukc-meddisp-1', meta: meta('UKCore-MedicationDispense'),
    text: narrative('21 amoxicillin 500mg capsules dispensed'),
    identifier: identifier('5c2e0d8e-8f3b-4d61-b7a2-0e4d9c1a0001'),
    status: 'completed',
    medicationCodeableConcept: concept(DMD, ...AMOXICILLIN_500_AMP),
    subject: ref('Patient/ukc-pat-1'),
    performer: [{ actor: ref('Practitioner/ukc-prac-2') }],
    authorizingPrescription: [ref('MedicationRequest/ukc-medreq-1')],
    quantity: { value: 21, ...CAPSULE },
    daysSupply: { value: 7, unit: 'day', system: UCUM, code: 'd' },
    whenPrepared: '2023-06-15T18:00:00+00:00',
    whenHandedOver: '2023-06-15T19:00:00+00:00',
    dosageInstruction: [{ text: 'Take one capsule three times a day', timing: timing(3), route: ORAL }],
  },
  {
    resourceType: 'MedicationDispense', id: 'ukc-meddisp-2', meta: meta('UKCore-MedicationDispense'),
    text: narrative('Ciprofloxacin 500mg tablets being prepared'),
    identifier: identifier('5c2e0d8e-8f3b-4d61-b7a2-0e4d9c1a0002'),
    status: 'in-progress',
    medicationCodeableConcept: concept(DMD, ...CIPRO_TABS),
    subject: ref('Patient/ukc-pat-1'),
    performer: [{ actor: ref('Practitioner/ukc-prac-2') }],
    quantity: { value: 10, ...TABLET },
    whenPrepared: '2024-03-10T10:00:00+00:00',
    dosageInstruction: [{ text: 'Take one tablet twice a day', timing: timing(2), route: ORAL }],
  },
  {
    resourceType: 'MedicationDispense', id: 'ukc-meddisp-3', meta: meta('UKCore-MedicationDispense'),
    text: narrative('Paracetamol 500mg capsules dispensed'),
    identifier: identifier('5c2e0d8e-8f3b-4d61-b7a2-0e4d9c1a0003'),
    status: 'completed',
    medicationCodeableConcept: concept(DMD, ...PARACETAMOL),
    subject: ref('Patient/ukc-pat-1'),
    performer: [{ actor: ref('Practitioner/ukc-prac-2') }],
    quantity: { value: 32, ...CAPSULE },
    whenPrepared: '2020-11-02T11:00:00+00:00',
    whenHandedOver: '2020-11-02T12:00:00+00:00',
    dosageInstruction: [{ text: 'Two capsules up to four times a day', timing: timing(4), route: ORAL }],
  },
];

function request(id: string, patient: string, status: string, med: [string, string], authoredOn: string,
  category: 'inpatient' | 'outpatient' | 'community', course: 'acute' | 'continuous', frequency: number, quantity: number,
  substitutable: boolean): Resource {
  return {
    resourceType: 'MedicationRequest', id, meta: meta('UKCore-MedicationRequest'),
    text: narrative(`${status} prescription: ${med[1]}`),
    identifier: identifier(`8a1d6c3f-2b4e-4f7a-9c0d-3e5f7a9b${id.split('-').pop()!.padStart(4, '0')}`),
    status,
    intent: 'order',
    category: [concept('http://terminology.hl7.org/CodeSystem/medicationrequest-category', category,
      category[0].toUpperCase() + category.slice(1))],
    medicationCodeableConcept: concept(DMD, ...med),
    subject: ref(`Patient/${patient}`),
    authoredOn,
    requester: ref('Practitioner/ukc-prac-1'),
    courseOfTherapyType: concept('http://terminology.hl7.org/CodeSystem/medicationrequest-course-of-therapy', course,
      course === 'acute' ? 'Short course (acute) therapy' : 'Continuous long term therapy'),
    dosageInstruction: [{ text: `${frequency} times a day`, timing: timing(frequency), route: ORAL }],
    dispenseRequest: { quantity: { value: quantity, ...CAPSULE } },
    substitution: { allowedBoolean: substitutable },
  };
}

export const medicationRequests: Resource[] = [
  request('ukc-medreq-1', 'ukc-pat-1', 'completed', AMOXICILLIN_500, '2023-06-15T15:00:00+00:00', 'outpatient', 'acute', 3, 21, false),
  request('ukc-medreq-2', 'ukc-pat-1', 'active', PARACETAMOL, '2024-01-20T09:00:00+00:00', 'community', 'continuous', 4, 100, true),
  request('ukc-medreq-3', 'ukc-pat-1', 'cancelled', CLARITHROMYCIN, '2019-05-05T10:00:00+01:00', 'community', 'acute', 2, 14, true),
  request('ukc-medreq-4', 'ukc-pat-2', 'active', DOXYCYCLINE, '2022-08-01T10:00:00+01:00', 'community', 'acute', 1, 7, true),
];

export const medicationStatements: Resource[] = [
  {
    resourceType: 'MedicationStatement', id: 'ukc-medstat-1', meta: meta('UKCore-MedicationStatement'),
    text: narrative('Taking amoxicillin 250mg capsules'),
    identifier: identifier('c4d2a9e1-7b3f-4e8a-a1d5-6f0b2c8e0001'),
    status: 'active',
    category: concept('http://terminology.hl7.org/CodeSystem/medication-statement-category', 'outpatient', 'Outpatient'),
    medicationCodeableConcept: concept(DMD, ...AMOXICILLIN_250),
    subject: ref('Patient/ukc-pat-1'),
    effectivePeriod: { start: '2021-02-15T13:50:00+00:00', end: '2021-05-15T13:50:00+01:00' },
    dateAsserted: '2021-02-22',
    informationSource: ref('Practitioner/ukc-prac-1'),
    dosage: [{ text: 'One capsule four times a day', timing: timing(4), route: ORAL }],
  },
  {
    resourceType: 'MedicationStatement', id: 'ukc-medstat-2', meta: meta('UKCore-MedicationStatement'),
    text: narrative('Took paracetamol 500mg capsules'),
    identifier: identifier('c4d2a9e1-7b3f-4e8a-a1d5-6f0b2c8e0002'),
    status: 'completed',
    category: concept('http://terminology.hl7.org/CodeSystem/medication-statement-category', 'community', 'Community'),
    medicationCodeableConcept: concept(DMD, ...PARACETAMOL),
    subject: ref('Patient/ukc-pat-1'),
    effectiveDateTime: '2018-09-01T12:00:00+01:00',
    dateAsserted: '2018-09-01',
    dosage: [{ text: 'Two capsules when required', route: ORAL }],
  },
  {
    resourceType: 'MedicationStatement', id: 'ukc-medstat-3', meta: meta('UKCore-MedicationStatement'),
    text: narrative('Using Timoptol eye drops'),
    identifier: identifier('c4d2a9e1-7b3f-4e8a-a1d5-6f0b2c8e0003'),
    status: 'active',
    category: concept('http://terminology.hl7.org/CodeSystem/medication-statement-category', 'community', 'Community'),
    medicationCodeableConcept: concept(DMD, ...TIMOPTOL),
    subject: ref('Patient/ukc-pat-1'),
    effectivePeriod: { start: '2024-01-20T09:00:00+00:00' },
    dateAsserted: '2024-01-21',
    dosage: [{ text: 'One drop in each eye twice a day', timing: timing(2) }],
  },
];
