// terminology/display-mismatch: Coding.display must be a display or designation of the code (case/space-insensitive).
import { describe, expect, it } from 'vitest';
import rule from '../../../src/rules/terminology/display-mismatch.js';
import { runBinding } from '../../terminology/binding-cases.js';
import { A, SCT, vs } from '../../terminology/fixtures.js';

describe(rule.meta.id, () => {
  it.each([
    ['another concept\'s display', { system: A, code: 'dog', display: 'Cat' }],
    ['a misspelling', { system: A, code: 'penguin', display: 'Pengiun' }],
  ])('reports %s', async (_name, coding) => {
    expect(await runBinding(coding, 'Coding', undefined)).toEqual([
      { ruleId: 'terminology/display-mismatch', messageId: 'displayMismatch', expression: 'Resource.element.display', severity: 'warning' },
    ]);
  });

  it.each([
    ['exact display', { system: A, code: 'dog', display: 'Dog' }, undefined],
    ['case and spacing', { system: A, code: 'dog', display: ' DOG ' }, undefined],
    ['designation', { system: A, code: 'mammal', display: 'Mammalian animal' }, undefined],
    ['value set display', { system: A, code: 'dog', display: 'Doggo' }, vs('enumerated')],
    ['unknown to local content', { system: SCT, code: '22298006', display: 'anything' }, undefined],
  ])('accepts %s', async (_name, coding, valueSet) => {
    expect(await runBinding(coding, 'Coding', valueSet ? { strength: 'required', valueSet } : undefined)).toEqual([]);
  });
});
