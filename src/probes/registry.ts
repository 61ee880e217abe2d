// The probe registry: every check of a run, built from the requirement plans (plan-derived checks per type,
// parameter and combination, plus the fixed capability, error and security checks).
import type { RequirementsPlan } from '../requirements/types.js';
import type { ProbeBuild } from './build.js';
import { claimsProbe } from './capability/claims.js';
import { fhirVersionProbe } from './capability/fhir-version.js';
import { instantiatesProbe } from './capability/instantiates.js';
import { jsonFormatProbe } from './capability/json-format.js';
import { metadataProbe } from './capability/metadata.js';
import { ukcoreProfilesProbe } from './capability/ukcore-profiles.js';
import { conformanceProbe } from './content/conformance.js';
import type { Probe } from './define-probe.js';
import { discoveryPatientProbe } from './discovery/patient.js';
import { invalidParamValueProbe } from './errors/invalid-param-value.js';
import { unknownIdProbe } from './errors/unknown-id.js';
import { unknownParamProbe } from './errors/unknown-param.js';
import { unsupportedFormatProbe } from './errors/unsupported-format.js';
import { indexPlans } from './plan-index.js';
import { readByIdProbe } from './read/by-id.js';
import { searchCombinationProbe } from './search/combination.js';
import { identifierFormsProbe } from './search/identifier-forms.js';
import { pagingProbe } from './search/paging.js';
import { searchParamProbe } from './search/param.js';
import { certificateProbe } from './security/certificate.js';
import { corsProbe } from './security/cors.js';
import { httpsProbe } from './security/https.js';
import { redirectsProbe } from './security/redirects.js';
import { tlsVersionProbe } from './security/tls-version.js';
import { unauthenticatedProbe } from './security/unauthenticated.js';

/** All checks for the given plans, in report order. */
export function buildProbes(plans: readonly RequirementsPlan[]): Probe[] {
  const types = indexPlans(plans);
  const b: ProbeBuild = { plans, types };
  const patientIdentifier = types.some((t) => t.type === 'Patient' && t.params.some((p) => p.name === 'identifier'));
  return [
    metadataProbe(b), fhirVersionProbe(b), jsonFormatProbe(b), ...types.map(claimsProbe), ukcoreProfilesProbe(b), instantiatesProbe(b),
    discoveryPatientProbe(b),
    ...types.flatMap((t) => [...t.params.map((p) => searchParamProbe(t, p)), ...t.combinations.map((c) => searchCombinationProbe(t, c))]),
    ...(patientIdentifier ? [identifierFormsProbe(b)] : []),
    pagingProbe(b),
    ...types.map(readByIdProbe),
    unknownIdProbe(b), unknownParamProbe(b), invalidParamValueProbe(b), unsupportedFormatProbe(b),
    ...types.map(conformanceProbe),
    httpsProbe(b), tlsVersionProbe(b), certificateProbe(b), unauthenticatedProbe(b), corsProbe(b), redirectsProbe(b),
  ];
}
