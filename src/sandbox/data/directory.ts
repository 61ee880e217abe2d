// Sandbox organisations, practitioners, a practitioner role and a location that the clinical data refers to.
import { concept, meta, narrative, ODS_ORG, ref, SNOMED, type Resource } from './common.js';

export const organizations: Resource[] = [
  {
    resourceType: 'Organization', id: 'ukc-org-1', meta: meta('UKCore-Organization'),
    text: narrative('Ashfield Medical Practice (synthetic sandbox GP practice)'),
    identifier: [{ use: 'official', system: ODS_ORG, value: 'Y99901' }],
    active: true,
    name: 'ASHFIELD MEDICAL PRACTICE',
    telecom: [{ system: 'phone', value: '0113 496 0000', use: 'work' }],
    address: [{ use: 'work', line: ['1 Ashfield Road'], city: 'LEEDS', postalCode: 'LS1 1AA' }],
  },
  {
    resourceType: 'Organization', id: 'ukc-org-2', meta: meta('UKCore-Organization'),
    text: narrative('Riverside Community Pharmacy (synthetic sandbox pharmacy)'),
    identifier: [{ use: 'official', system: ODS_ORG, value: 'FZZ01' }],
    active: true,
    name: 'RIVERSIDE COMMUNITY PHARMACY',
    telecom: [{ system: 'phone', value: '0113 496 0001', use: 'work' }],
  },
];

export const practitioners: Resource[] = [
  {
    resourceType: 'Practitioner', id: 'ukc-prac-1', meta: meta('UKCore-Practitioner'),
    text: narrative('Dr Hannah Brook, general practitioner'),
    identifier: [{ system: 'https://fhir.hl7.org.uk/Id/gmp-number', value: 'G9999901' }],
    active: true,
    name: [{ use: 'official', family: 'Brook', given: ['Hannah'], prefix: ['Dr'] }],
    telecom: [{ system: 'phone', value: '0113 496 0002', use: 'work' }],
    gender: 'female',
  },
  {
    resourceType: 'Practitioner', id: 'ukc-prac-2', meta: meta('UKCore-Practitioner'),
    text: narrative('Sam Patel, pharmacist'),
    identifier: [{ system: 'https://fhir.nhs.uk/Id/sds-user-id', value: '999999999901' }],
    active: true,
    name: [{ use: 'official', family: 'Patel', given: ['Sam'] }],
    gender: 'male',
  },
];

export const practitionerRoles: Resource[] = [
  {
    resourceType: 'PractitionerRole', id: 'ukc-role-1', meta: meta('UKCore-PractitionerRole'),
    text: narrative('Dr Hannah Brook, GP at Ashfield Medical Practice'),
    active: true,
    practitioner: ref('Practitioner/ukc-prac-1'),
    organization: ref('Organization/ukc-org-1'),
    code: [concept(SNOMED, '62247001', 'General practitioner')],
    specialty: [concept('https://fhir.hl7.org.uk/CodeSystem/UKCore-PracticeSettingCode', '600', 'General Medical Practice')],
  },
];

export const locations: Resource[] = [
  {
    resourceType: 'Location', id: 'ukc-loc-1', meta: meta('UKCore-Location'),
    text: narrative('Ashfield nurse clinic'),
    identifier: [{ system: 'https://fhir.nhs.uk/Id/ods-site-code', value: 'Y99901A' }],
    status: 'active',
    name: 'Ashfield Nurse Clinic',
    managingOrganization: ref('Organization/ukc-org-1'),
  },
];
