// Sandbox patients: synthetic people with 999-range NHS Numbers (valid Modulus 11, never issued to real patients).
import { concept, meta, narrative, NHS_NUMBER, PAS_SYSTEM, ref, type Resource } from './common.js';

interface Person {
  id: string;
  nhsNumber: string;
  pas: string;
  family: string;
  given: string[];
  prefix: string;
  gender: 'male' | 'female' | 'other' | 'unknown';
  birthDate: string;
  line: string;
  city: string;
  postalCode: string;
  phone: string;
}

function patient(p: Person): Resource {
  return {
    resourceType: 'Patient', id: p.id, meta: meta('UKCore-Patient'),
    text: narrative(`${p.prefix} ${p.given.join(' ')} ${p.family}, born ${p.birthDate}, NHS Number ${p.nhsNumber} (synthetic)`),
    identifier: [
      {
        extension: [{
          url: 'https://fhir.hl7.org.uk/StructureDefinition/Extension-UKCore-NHSNumberVerificationStatus',
          valueCodeableConcept: concept('https://fhir.hl7.org.uk/CodeSystem/UKCore-NHSNumberVerificationStatusEngland', '01',
            'Number present and verified'),
        }],
        system: NHS_NUMBER,
        value: p.nhsNumber,
      },
      { use: 'secondary', system: PAS_SYSTEM, value: p.pas },
    ],
    active: true,
    name: [{ use: 'official', family: p.family, given: p.given, prefix: [p.prefix] }],
    telecom: [{ system: 'phone', value: p.phone, use: 'home' }],
    gender: p.gender,
    birthDate: p.birthDate,
    address: [{ use: 'home', line: [p.line], city: p.city, postalCode: p.postalCode }],
    generalPractitioner: [ref('Organization/ukc-org-1')],
    managingOrganization: ref('Organization/ukc-org-1'),
  };
}

export const patients: Resource[] = [
  patient({
    id: 'ukc-pat-1', nhsNumber: '9990000018', pas: 'PAS100001', family: 'ASHWORTH', given: ['Olivia', 'Mae'], prefix: 'Mrs',
    gender: 'female', birthDate: '1968-03-14', line: '12 Mill Lane', city: 'LEEDS', postalCode: 'LS6 2AB', phone: '0113 496 0101',
  }),
  patient({
    id: 'ukc-pat-2', nhsNumber: '9990000026', pas: 'PAS100002', family: 'ASHBY', given: ['Thomas'], prefix: 'Mr',
    gender: 'male', birthDate: '1975-11-02', line: '4 Beech Grove', city: 'LEEDS', postalCode: 'LS6 3CD', phone: '0113 496 0102',
  }),
  patient({
    id: 'ukc-pat-3', nhsNumber: '9990000034', pas: 'PAS100003', family: 'CHANDRA', given: ['Priya'], prefix: 'Ms',
    gender: 'female', birthDate: '1990-06-21', line: '9 Canal Wharf', city: 'LEEDS', postalCode: 'LS11 5EF', phone: '0113 496 0103',
  }),
  patient({
    id: 'ukc-pat-4', nhsNumber: '9990000042', pas: 'PAS100004', family: 'OKAFOR', given: ['George'], prefix: 'Mr',
    gender: 'male', birthDate: '2001-01-30', line: '27 Kirkstall Road', city: 'LEEDS', postalCode: 'LS4 2GH', phone: '0113 496 0104',
  }),
];
