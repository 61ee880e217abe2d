// terminology/binding-extensible: Binding to an extensible value set: warning when no coding is in it; text alone is allowed.
import { describe, expect, it } from 'vitest';
import rule from '../../../src/rules/terminology/binding-extensible.js';
import { runBinding } from '../../terminology/binding-cases.js';
import { A, C, vs } from '../../terminology/fixtures.js';

describe(rule.meta.id, () => {
  it.each([
    ['code', 'dog', 'code', 'sea', 'notInValueSet'],
    ['Coding', { system: A, code: 'penguin' }, 'Coding', 'mammals', 'notInValueSet'],
    ['CodeableConcept', { coding: [{ system: C, code: 'RED' }] }, 'CodeableConcept', 'mammals', 'noValidCoding'],
  ] as const)('reports %s', async (_name, value, type, valueSet, messageId) => {
    expect(await runBinding(value, type, { strength: 'extensible', valueSet: vs(valueSet) })).toEqual([
      { ruleId: 'terminology/binding-extensible', messageId, expression: 'Resource.element', severity: 'warning' },
    ]);
  });

  it.each([
    ['in the set', { system: A, code: 'cat' }, 'Coding', 'mammals'],
    ['text only', { text: 'x' }, 'CodeableConcept', 'mammals'],
  ] as const)('accepts %s', async (_name, value, type, valueSet) => {
    expect(await runBinding(value, type, { strength: 'extensible', valueSet: vs(valueSet) })).toEqual([]);
  });
});
