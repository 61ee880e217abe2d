// Test double for the injected validator: a few real UK Core / R4 rules the sandbox faults break, nothing more.
import type { Issue } from '../../src/model/issue.js';
import type { MustSupportCoverage } from '../../src/model/result.js';
import type { ValidateFn } from '../../src/probes/session.js';

const UKCORE = 'https://fhir.hl7.org.uk/StructureDefinition/UKCore-';

/** type → [element, profile (undefined = base R4)] that must be present. */
const REQUIRED: Record<string, [string, string | undefined][]> = {
  AllergyIntolerance: [['code', `${UKCORE}AllergyIntolerance`]], // UK Core: code 1..1
  MedicationRequest: [['intent', undefined], ['substitution', `${UKCORE}MedicationRequest`]], // R4 intent 1..1; UK Core substitution 1..1
  CapabilityStatement: [['status', undefined], ['kind', undefined], ['fhirVersion', undefined]],
};

const MUST_SUPPORT: Record<string, string[]> = {
  Patient: ['identifier', 'active', 'name', 'telecom', 'gender', 'birthDate', 'address', 'managingOrganization'],
  AllergyIntolerance: ['clinicalStatus', 'verificationStatus', 'code', 'patient', 'reaction'],
};

export interface FakeValidator {
  validate: ValidateFn;
  calls: { resourceType: string; id?: string; source: string }[];
}

export function fakeValidator(opts: { reportProfiles?: boolean } = {}): FakeValidator {
  const calls: FakeValidator['calls'] = [];
  const validate: ValidateFn = async (resource, source) => {
    const type = String(resource.resourceType);
    calls.push({ resourceType: type, id: typeof resource.id === 'string' ? resource.id : undefined, source });
    const issues: Issue[] = [];
    for (const [element, profile] of REQUIRED[type] ?? []) {
      if (resource[element] !== undefined) continue;
      issues.push({
        ruleId: profile ? 'profile/cardinality' : 'structure/cardinality', messageId: 'tooFew',
        message: `${type}.${element} is required`, severity: 'error', code: 'required',
        location: { source, expression: `${type}.${element}` }, ...(profile ? { profile } : {}),
      });
    }
    const claimed = ((resource.meta as { profile?: string[] } | undefined)?.profile) ?? [];
    const profiles = opts.reportProfiles === false ? [] : [...new Set([`${UKCORE}${type}`, ...claimed])];
    const mustSupport: MustSupportCoverage[] = MUST_SUPPORT[type]
      ? [{ profile: `${UKCORE}${type}`, elements: MUST_SUPPORT[type].map((e) => `${type}.${e}`), present: MUST_SUPPORT[type].filter((e) => resource[e] !== undefined).map((e) => `${type}.${e}`) }]
      : [];
    return { issues, profiles, mustSupport };
  };
  return { validate, calls };
}
