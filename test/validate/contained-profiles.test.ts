// Contained resources are checked against the profiles they claim in meta.profile, with contained locations.
import { describe, expect, it } from 'vitest';
import { validateInput } from '../support/rule-tester.js';

const container = (contained: Record<string, unknown>) => ({
  resourceType: 'Observation', id: 'o1', text: { status: 'generated', div: '<div xmlns="http://www.w3.org/1999/xhtml">x</div>' },
  contained: [contained], status: 'final', code: { text: 'x' }, hasMember: [{ reference: `#${String(contained.id)}` }],
});

describe('profiles claimed by contained resources', () => {
  it('checks a contained Observation against the heart-rate profile it claims', () => {
    const issues = validateInput({ resource: container({
      resourceType: 'Observation', id: 'hr', meta: { profile: ['http://hl7.org/fhir/StructureDefinition/heartrate'] }, status: 'final', code: { text: 'x' },
    }) }).filter((i) => i.severity === 'error');
    expect(issues.map((i) => [i.ruleId, i.messageId, i.location.expression])).toEqual(expect.arrayContaining([
      ['profile/cardinality', 'tooFew', 'Observation.contained[0]'],
      ['profile/cardinality', 'sliceMissing', 'Observation.contained[0].code'],
    ]));
    expect(issues.every((i) => i.location.expression?.startsWith('Observation.contained[0]'))).toBe(true);
  });

  it('reports a claim of a profile for another type, and leaves unclaimed contained resources alone', () => {
    const wrong = validateInput({ resource: container({ resourceType: 'Patient', id: 'p', meta: { profile: ['http://hl7.org/fhir/StructureDefinition/vitalsigns'] } }) });
    expect(wrong.filter((i) => i.severity === 'error').map((i) => [i.ruleId, i.messageId, i.location.expression]))
      .toEqual([['reference/resolution', 'wrongTargetType', 'Observation.hasMember[0].reference'], ['profile/unknown-profile', 'wrongType', 'Observation.contained[0].meta.profile[0]']]);
    const plain = validateInput({ resource: container({ resourceType: 'Observation', id: 'hr', status: 'final', code: { text: 'x' } }) });
    expect(plain.filter((i) => i.severity === 'error')).toEqual([]);
  });
});
