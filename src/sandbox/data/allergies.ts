// Sandbox AllergyIntolerance records (UK Core AllergyIntolerance): active, resolved and inactive, on different dates.
import { concept, meta, narrative, ref, SNOMED, type Resource } from './common.js';

const CLINICAL = 'http://terminology.hl7.org/CodeSystem/allergyintolerance-clinical';
const VERIFICATION = 'http://terminology.hl7.org/CodeSystem/allergyintolerance-verification';

interface Allergy {
  id: string;
  patient: string;
  clinical: 'active' | 'inactive' | 'resolved';
  category: 'food' | 'medication' | 'environment' | 'biologic';
  criticality: 'low' | 'high' | 'unable-to-assess';
  substance: [code: string, display: string];
  recordedDate: string;
  lastOccurrence?: string;
  reaction?: [code: string, display: string, severity: 'mild' | 'moderate' | 'severe'];
}

function allergy(a: Allergy): Resource {
  const out: Resource = {
    resourceType: 'AllergyIntolerance', id: a.id, meta: meta('UKCore-AllergyIntolerance'),
    text: narrative(`${a.clinical} allergy to ${a.substance[1]}`),
    clinicalStatus: concept(CLINICAL, a.clinical, a.clinical[0].toUpperCase() + a.clinical.slice(1)),
    verificationStatus: concept(VERIFICATION, 'confirmed', 'Confirmed'),
    type: 'allergy',
    category: [a.category],
    criticality: a.criticality,
    code: concept(SNOMED, ...a.substance),
    patient: ref(`Patient/${a.patient}`),
    recordedDate: a.recordedDate,
    recorder: ref('Practitioner/ukc-prac-1'),
  };
  if (a.lastOccurrence) out.lastOccurrence = a.lastOccurrence;
  if (a.reaction) {
    out.reaction = [{ manifestation: [concept(SNOMED, a.reaction[0], a.reaction[1])], severity: a.reaction[2] }];
  }
  return out;
}

export const allergies: Resource[] = [
  allergy({
    id: 'ukc-allergy-1', patient: 'ukc-pat-1', clinical: 'active', category: 'medication', criticality: 'low',
    substance: ['372687004', 'Amoxicillin'], recordedDate: '2019-12-10T13:00:00+00:00',
    lastOccurrence: '2021-03-02T09:30:00+00:00', reaction: ['247472004', 'Urticarial rash', 'mild'],
  }),
  allergy({
    id: 'ukc-allergy-2', patient: 'ukc-pat-1', clinical: 'resolved', category: 'food', criticality: 'high',
    substance: ['227493005', 'Cashew nut'], recordedDate: '2015-06-01T10:00:00+00:00',
    lastOccurrence: '2015-05-28T18:00:00+00:00', reaction: ['39579001', 'Anaphylaxis', 'severe'],
  }),
  allergy({
    id: 'ukc-allergy-3', patient: 'ukc-pat-1', clinical: 'inactive', category: 'environment', criticality: 'low',
    substance: ['111088007', 'Latex'], recordedDate: '2022-02-14T11:15:00+00:00',
  }),
  allergy({
    id: 'ukc-allergy-4', patient: 'ukc-pat-2', clinical: 'active', category: 'environment', criticality: 'low',
    substance: ['256277009', 'Grass pollen'], recordedDate: '2020-04-20T09:00:00+00:00',
  }),
];
