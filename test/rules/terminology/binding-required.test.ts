// terminology/binding-required: Binding to a required value set: error when no code (or coding) is in it.
import { describe, expect, it } from 'vitest';
import rule from '../../../src/rules/terminology/binding-required.js';
import { runBinding } from '../../terminology/binding-cases.js';
import { A, C, vs } from '../../terminology/fixtures.js';

describe(rule.meta.id, () => {
  it.each([
    ['code', 'dog', 'code', 'sea', 'notInValueSet'],
    ['Coding', { system: A, code: 'penguin' }, 'Coding', 'mammals', 'notInValueSet'],
    ['CodeableConcept', { coding: [{ system: A, code: 'penguin' }] }, 'CodeableConcept', 'mammals', 'noValidCoding'],
    ['text only', { text: 'x' }, 'CodeableConcept', 'mammals', 'noCode'],
  ] as const)('reports %s', async (_name, value, type, valueSet, messageId) => {
    expect(await runBinding(value, type, { strength: 'required', valueSet: vs(valueSet) })).toEqual([
      { ruleId: 'terminology/binding-required', messageId, expression: 'Resource.element', severity: 'error' },
    ]);
  });

  it.each([
    ['code', 'whale', 'code', 'sea'],
    ['any coding may satisfy', { coding: [{ system: A, code: 'penguin' }, { system: A, code: 'dog' }] }, 'CodeableConcept', 'mammals'],
    ['code of another case in a case-insensitive system', { system: C, code: 'green' }, 'Coding', 'colours'],
  ] as const)('accepts %s', async (_name, value, type, valueSet) => {
    expect(await runBinding(value, type, { strength: 'required', valueSet: vs(valueSet) })).toEqual([]);
  });
});
