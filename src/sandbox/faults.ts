// The sandbox's fault switches: each breaks exactly one behaviour so a probe's verdict can be tested in isolation.

export const SANDBOX_FAULTS = {
  'wrong-content-type': 'MedicationRequest searches answer with Content-Type text/plain',
  'ignores-search-param': 'MedicationStatement searches ignore the status parameter (the self link still lists it)',
  'non-conformant-resource': 'MedicationRequest ukc-medreq-1 is served without intent (1..1 in base R4)',
  'missing-operation-outcome': 'error responses have an empty body instead of an OperationOutcome',
  'broken-paging': 'next links restart at the first page',
  slow: 'MedicationDispense requests are answered only after slowMs (default 3000 ms)',
  'server-error': 'Immunization requests fail with 500 Internal Server Error',
  'redirect-other-origin': 'reads of Patient/[id] redirect (307) to a mirror server on another origin',
  'claims-unmet-profile': 'AllergyIntolerance ukc-allergy-1 claims UK Core AllergyIntolerance but has no code (1..1 there)',
} as const;

export type SandboxFault = keyof typeof SANDBOX_FAULTS;

export const FAULT_NAMES = Object.keys(SANDBOX_FAULTS) as SandboxFault[];

export function isSandboxFault(name: string): name is SandboxFault {
  return Object.prototype.hasOwnProperty.call(SANDBOX_FAULTS, name);
}
