// Requirements the probes verify that come from the FHIR R4 specification and the UK Core Access narrative pages,
// not from a requirements CapabilityStatement. Ids are stable; text paraphrases the cited section.
import type { Requirement } from '../model/result.js';

const R4 = 'https://hl7.org/fhir/R4';
const ACCESS = 'https://build.fhir.org/ig/HL7-UK/UK-Core-Access';

export const GENERAL_REQUIREMENTS = {
  read: {
    id: 'fhir-r4/read', expectation: 'SHALL', source: `${R4}/http.html#read`,
    text: 'A server that claims the read interaction returns the resource (200) for GET [base]/[type]/[id]',
  },
  readUnknownId: {
    id: 'fhir-r4/read-unknown-id', expectation: 'SHALL', source: `${R4}/http.html#read`,
    text: 'A GET for an unknown resource id returns 404 Not Found',
  },
  errorOutcome: {
    id: 'fhir-r4/error-operationoutcome', expectation: 'SHOULD', source: `${R4}/search.html#errors`,
    text: 'Error responses carry an OperationOutcome describing the error',
  },
  contentType: {
    id: 'fhir-r4/content-type', expectation: 'SHALL', source: `${R4}/http.html#mime-type`,
    text: 'Responses use the FHIR JSON mime type application/fhir+json (the correct mime type SHALL be used)',
  },
  searchset: {
    id: 'fhir-r4/searchset', expectation: 'SHALL', source: `${R4}/http.html#search`,
    text: 'A search returns 200 with a Bundle of type searchset',
  },
  searchMatches: {
    id: 'fhir-r4/search-matches', expectation: 'SHALL', source: `${R4}/search.html`,
    text: 'Every entry with search.mode = match satisfies all the search criteria, and matching resources are returned',
  },
  searchCount: {
    id: 'fhir-r4/search-count', expectation: 'SHALL', source: `${R4}/search.html#count`,
    text: 'A page never holds more matches than _count asks for',
  },
  searchPaging: {
    id: 'fhir-r4/search-paging', expectation: 'SHALL', source: `${R4}/http.html#paging`,
    text: 'next links return the rest of the result set, without repeating or losing matches',
  },
  unknownParam: {
    id: 'fhir-r4/search-unknown-param', expectation: 'SHOULD', source: `${R4}/search.html#errors`,
    text: 'An unknown search parameter is rejected (400 + OperationOutcome) or ignored, with the self link showing it was not used',
  },
  invalidParamValue: {
    id: 'fhir-r4/search-invalid-value', expectation: 'SHOULD', source: `${R4}/search.html#errors`,
    text: 'A search parameter with an invalid value is rejected (4xx + OperationOutcome) or reported in an outcome entry',
  },
  unsupportedFormat: {
    id: 'fhir-r4/unsupported-format', expectation: 'SHOULD', source: `${R4}/http.html#mime-type`,
    text: 'A request for a format the server cannot produce is refused with 406 Not Acceptable (or 415)',
  },
  instantiates: {
    id: 'ukcore-access/instantiates', expectation: 'SHOULD', source: `${ACCESS}/clinical_data.html#capabilities`,
    text: 'The CapabilityStatement states that the endpoint instantiates the UK Core Access capabilities',
  },
  capabilityProfiles: {
    id: 'ukcore-access/capability-profiles', expectation: 'SHOULD', source: `${ACCESS}/clinical_data.html#capabilities`,
    text: 'The CapabilityStatement declares the UK Core profile supported for each required resource type',
  },
  ukcoreConformance: {
    id: 'ukcore-access/ukcore-conformance', expectation: 'SHALL', source: `${ACCESS}/index.html`,
    text: 'Returned resources conform to their UK Core profile and to every profile they claim in meta.profile',
  },
  identifierValueSearch: {
    id: 'ukcore-access/patient-identifier-value', expectation: 'MAY', source: `${ACCESS}/patient_index.html#patient-identifier`,
    text: 'Patient search by identifier value without a system; |value matches only identifiers without a system',
  },
  transportSecurity: {
    id: 'ukcore-access/transport-security', expectation: 'SHOULD', source: `${ACCESS}/safety_and_security.html#security`,
    text: 'Exchanges use HTTPS with TLS 1.2 or later and a certificate chain the client can verify (FHIR security.html)',
  },
  consumerIdentity: {
    id: 'ukcore-access/consumer-identity', expectation: 'SHOULD', source: `${ACCESS}/safety_and_security.html#security`,
    text: 'The identity of the Consumer is known: data requests without credentials are refused (401/403)',
  },
  cors: {
    id: 'ukcore-access/cors', expectation: 'SHOULD', source: `${ACCESS}/safety_and_security.html#security`,
    text: 'The Provider adds CORS headers so that a Consumer can make requests from within a browser',
  },
  sameOriginRedirects: {
    id: 'ukcore-check/same-origin-redirects', expectation: 'SHOULD', source: `${R4}/security.html`,
    text: 'The server does not redirect FHIR requests to another origin (credentials would have to be withheld or leaked)',
  },
} as const satisfies Record<string, Requirement>;

export type GeneralRequirementKey = keyof typeof GENERAL_REQUIREMENTS;

/** All general requirements as plain Requirement rows. */
export function generalRequirements(): Requirement[] {
  return Object.values(GENERAL_REQUIREMENTS).map((r) => ({ ...r }));
}
