// Sandbox Immunization records (UK Core Immunization): completed and not-done (with the reason ukcore-imm-001 needs).
import { concept, DMD, meta, narrative, ref, SNOMED, UCUM, type Resource } from './common.js';

const FLU: [string, string] = ['11278411000001109',
  'Influenza vaccine (split virion, inactivated) suspension for injection 0.5ml pre-filled syringes (Pfizer Ltd)'];
const COVID: [string, string] = ['39115611000001103',
  'Comirnaty COVID-19 mRNA Vaccine 30micrograms/0.3ml dose concentrate for dispersion for injection multidose vials (Pfizer Ltd)'];

function given(id: string, patient: string, vaccine: [string, string], occurrence: string, lot: string, dose: number): Resource {
  return {
    resourceType: 'Immunization', id, meta: meta('UKCore-Immunization'),
    text: narrative(`${vaccine[1]} given ${occurrence}`),
    status: 'completed',
    vaccineCode: concept(DMD, ...vaccine),
    patient: ref(`Patient/${patient}`),
    occurrenceDateTime: occurrence,
    primarySource: true,
    location: ref('Location/ukc-loc-1'),
    lotNumber: lot,
    route: concept(SNOMED, '78421000', 'Intramuscular route'),
    doseQuantity: { value: dose, unit: 'milliliter', system: UCUM, code: 'mL' },
    performer: [{ actor: ref('Practitioner/ukc-prac-1') }],
  };
}

export const immunizations: Resource[] = [
  given('ukc-imm-1', 'ukc-pat-1', FLU, '2013-01-10', 'FL1301', 0.5),
  given('ukc-imm-2', 'ukc-pat-1', COVID, '2021-07-20T10:30:00+01:00', 'CV2107', 0.3),
  {
    resourceType: 'Immunization', id: 'ukc-imm-3', meta: meta('UKCore-Immunization'),
    text: narrative('Seasonal influenza vaccination declined'),
    status: 'not-done',
    statusReason: concept(SNOMED, '315640000', 'Influenza vaccination declined'),
    vaccineCode: concept(DMD, ...FLU),
    patient: ref('Patient/ukc-pat-1'),
    occurrenceDateTime: '2023-10-05T14:00:00+01:00',
    primarySource: true,
  },
  given('ukc-imm-4', 'ukc-pat-2', FLU, '2022-10-12T11:00:00+01:00', 'FL2210', 0.5),
];
