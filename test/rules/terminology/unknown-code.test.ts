// terminology/unknown-code: a code its complete local code system does not define is an error, whatever the binding.
import { describe, expect, it } from 'vitest';
import rule from '../../../src/rules/terminology/unknown-code.js';
import { runBinding } from '../../terminology/binding-cases.js';
import { A, C, SCT } from '../../terminology/fixtures.js';

const finding = (expression: string) => ({ ruleId: 'terminology/unknown-code', messageId: 'unknownCode', expression, severity: 'error' });

describe(rule.meta.id, () => {
  it.each([
    ['unknown code', { system: A, code: 'unicorn' }],
    ['wrong case in a case-sensitive system', { system: A, code: 'DOG' }],
    ['absent from the stated version', { system: C, version: '1.0.0', code: 'BLUE' }],
  ])('reports %s (no binding)', async (_name, coding) => {
    expect(await runBinding(coding, 'Coding', undefined)).toEqual([finding('Resource.element.code')]);
  });

  it('locates the coding inside a CodeableConcept', async () => {
    expect(await runBinding({ coding: [{ system: A, code: 'dog' }, { system: A, code: 'unicorn' }] }, 'CodeableConcept', undefined)).toEqual([finding('Resource.element.coding[1].code')]);
  });

  it.each([
    ['known code', { system: A, code: 'dog' }],
    ['other case in a case-insensitive system', { system: C, code: 'blue' }],
    ['code system not local', { system: SCT, code: '1' }],
    ['incomplete code system', { system: 'http://example.org/fhir/CodeSystem/fragment', code: 'zz' }],
    ['version not loaded', { system: C, version: '8', code: 'PURPLE' }],
  ])('does not report %s', async (_name, coding) => {
    expect(await runBinding(coding, 'Coding', undefined)).toEqual([]);
  });
});
