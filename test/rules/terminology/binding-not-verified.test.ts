// terminology/binding-not-verified: required/extensible bindings that cannot be judged are reported, never passed.
import { describe, expect, it } from 'vitest';
import rule from '../../../src/rules/terminology/binding-not-verified.js';
import { fixedTx, runBinding } from '../../terminology/binding-cases.js';
import { A, SCT, vs } from '../../terminology/fixtures.js';

const finding = (severity: string) => [{ ruleId: 'terminology/binding-not-verified', messageId: 'notVerified', expression: 'Resource.element', severity }];

describe(rule.meta.id, () => {
  it.each([
    ['SNOMED CT without a server', { system: SCT, code: '22298006' }, 'findings-or-colours', 'required'],
    ['SNOMED CT without a server (extensible)', { system: SCT, code: '22298006' }, 'findings-or-colours', 'extensible'],
    ['value set not loaded', { system: A, code: 'dog' }, 'not-loaded', 'required'],
    ['incomplete code system', { system: 'http://example.org/fhir/CodeSystem/fragment', code: 'zz' }, 'fragment-all', 'required'],
    ['recursive value set', { system: A, code: 'dog' }, 'recursive-a', 'required'],
  ] as const)('reports %s as information', async (_name, value, valueSet, strength) => {
    expect(await runBinding(value, 'Coding', { strength, valueSet: vs(valueSet) })).toEqual(finding('information'));
  });

  it('reports a failing server as a warning', async () => {
    const tx = fixedTx({ outcome: 'not-verified', reason: 'server-error' });
    expect(await runBinding({ system: SCT, code: '22298006' }, 'Coding', { strength: 'required', valueSet: vs('x') }, tx)).toEqual(finding('warning'));
  });

  it.each(['preferred', 'example'])('is silent for %s bindings', async (strength) => {
    expect(await runBinding({ system: SCT, code: '22298006' }, 'Coding', { strength, valueSet: vs('findings-or-colours') })).toEqual([]);
  });
});
