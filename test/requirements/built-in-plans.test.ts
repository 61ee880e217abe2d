// The built-in UK Core Access plans must equal what the generic mechanism derives from the published statements.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { planFromCapabilityStatement } from '../../src/requirements/from-capability-statement.js';
import { planRequirements } from '../../src/requirements/plan-requirements.js';
import { UKCORE_ACCESS_CDP, UKCORE_ACCESS_PIP } from '../../src/requirements/ukcore-access.js';
import { sharedPath } from '../../src/util/shared-data.js';

const cases = [
  { file: 'CapabilityStatement-UKCoreAccessClinicalDataProvider.json', builtIn: UKCORE_ACCESS_CDP },
  { file: 'CapabilityStatement-UKCoreAccessPatientIndexProvider.json', builtIn: UKCORE_ACCESS_PIP },
];

describe('built-in UK Core Access plans', () => {
  it.each(cases)('$file derives to the built-in plan', ({ file, builtIn }) => {
    const json = JSON.parse(readFileSync(sharedPath('ukcore-access', file), 'utf8'));
    const { plan, issues } = planFromCapabilityStatement(json, { source: file });
    expect(issues).toEqual([]);
    expect(plan).toEqual(builtIn);
    expect(planRequirements(plan!)).toEqual(planRequirements(builtIn));
  });

  it('gives stable, unique requirement ids', () => {
    const ids = [...planRequirements(UKCORE_ACCESS_CDP), ...planRequirements(UKCORE_ACCESS_PIP)].map((r) => r.id);
    expect(new Set(ids).size).toBe(ids.length);
    expect(ids).toContain('ukcore-access-cdp/Patient/search-type/identifier');
    expect(ids).toContain('ukcore-access-cdp/AllergyIntolerance/search-type/patient+clinical-status');
    expect(ids).toContain('ukcore-access-pip/Patient/search-type/gender+name');
    expect(ids).toContain('ukcore-access-pip/Patient/profile');
  });

  it('keeps the expectations of the statements', () => {
    const rows = new Map(planRequirements(UKCORE_ACCESS_CDP).map((r) => [r.id, r.expectation]));
    expect(rows.get('ukcore-access-cdp/Patient')).toBe('SHALL');
    expect(rows.get('ukcore-access-cdp/AllergyIntolerance')).toBe('SHOULD');
    expect(rows.get('ukcore-access-cdp/AllergyIntolerance/search-type')).toBe('SHALL');
    expect(rows.get('ukcore-access-cdp/MedicationAdministration/search-type/effective-time')).toBe('SHALL');
    expect(rows.get('ukcore-access-cdp/Immunization/search-type/date')).toBe('SHOULD');
    expect(rows.get('ukcore-access-cdp/Immunization/search-type/patient+date')).toBe('SHOULD');
  });
});
