// Profile selection: meta.profile claims, --profile, and the UKCore-<Type> default; unknown claims are issues.
import { describe, expect, it } from 'vitest';
import { loadPackages } from '../../src/packages/load-packages.js';
import { hasSharedData, ukcoreIgPath } from '../../src/util/shared-data.js';
import { ProfileSelector } from '../../src/validate/profile-selection.js';

const UK_PATIENT = 'https://fhir.hl7.org.uk/StructureDefinition/UKCore-Patient';
const at = { source: 'p.json', expression: 'Patient' };

describe.skipIf(!hasSharedData())('ProfileSelector', () => {
  const defs = loadPackages([ukcoreIgPath()]).defs;

  it('applies UKCore-<Type> by default and not when turned off', () => {
    expect(new ProfileSelector(defs, { requested: [], ukcoreDefault: true }).select({ resourceType: 'Patient' }, 'Patient', at).profiles)
      .toEqual([{ canonical: UK_PATIENT, why: 'ukcore-default' }]);
    expect(new ProfileSelector(defs, { requested: [], ukcoreDefault: false }).select({ resourceType: 'Patient' }, 'Patient', at).profiles).toEqual([]);
  });

  it('checks a claimed profile once, and --profile only on resources of its type', () => {
    const sel = new ProfileSelector(defs, { requested: [UK_PATIENT], ukcoreDefault: true });
    const claimed = sel.select({ resourceType: 'Patient', meta: { profile: [UK_PATIENT] } }, 'Patient', at);
    expect(claimed.profiles.map((p) => p.why)).toEqual(['claimed']);
    expect(sel.select({ resourceType: 'Observation' }, 'Observation', at).profiles.map((p) => p.canonical))
      .toEqual(['https://fhir.hl7.org.uk/StructureDefinition/UKCore-Observation']);
  });

  it('reports a claimed profile that is not loaded (not verified) and one for another type (error)', () => {
    const sel = new ProfileSelector(defs, { requested: [], ukcoreDefault: false });
    const r = sel.select({ resourceType: 'Patient', meta: { profile: ['http://example.org/StructureDefinition/nope', 'https://fhir.hl7.org.uk/StructureDefinition/UKCore-Observation'] } }, 'Patient', at);
    expect(r.profiles).toEqual([]);
    expect(r.issues.map((i) => [i.ruleId, i.messageId, i.severity, i.location.expression])).toEqual([
      ['profile/unknown-profile', 'unknownClaimed', 'warning', 'Patient.meta.profile[0]'],
      ['profile/unknown-profile', 'wrongType', 'error', 'Patient.meta.profile[1]'],
    ]);
  });
});
