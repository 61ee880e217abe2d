// The UK Core profile for each resource type UK Core profiles (fhir.r4.ukcore.stu2): the profile every resource
// of that type is validated against, whether or not it claims it.

const UKCORE_TYPES = [
  'AllergyIntolerance', 'Appointment', 'AuditEvent', 'BodyStructure', 'Bundle', 'CarePlan', 'CareTeam', 'Communication',
  'Composition', 'Condition', 'Consent', 'Device', 'DiagnosticReport', 'DocumentReference', 'Encounter', 'EpisodeOfCare',
  'FamilyMemberHistory', 'Flag', 'HealthcareService', 'ImagingStudy', 'Immunization', 'List', 'Location', 'Medication',
  'MedicationAdministration', 'MedicationDispense', 'MedicationRequest', 'MedicationStatement', 'MessageHeader',
  'Observation', 'OperationOutcome', 'Organization', 'OrganizationAffiliation', 'Patient', 'Practitioner',
  'PractitionerRole', 'Procedure', 'Provenance', 'Questionnaire', 'QuestionnaireResponse', 'RelatedPerson',
  'RequestGroup', 'Schedule', 'ServiceRequest', 'Slot', 'Specimen', 'Subscription', 'Task',
] as const;

const BASE = 'https://fhir.hl7.org.uk/StructureDefinition/UKCore-';

/** `https://fhir.hl7.org.uk/StructureDefinition/UKCore-<Type>`, or undefined when UK Core has no profile for it. */
export function ukcoreProfileFor(type: string): string | undefined {
  return (UKCORE_TYPES as readonly string[]).includes(type) ? `${BASE}${type}` : undefined;
}

/** True for any UK Core profile URL (the generic one or a specialisation such as UKCore-Observation-Lab). */
export function isUkcoreProfile(url: string): boolean {
  return unversioned(url).startsWith(BASE);
}

/** A canonical without its `|version`. */
export function unversioned(url: string): string {
  return url.split('|')[0];
}
