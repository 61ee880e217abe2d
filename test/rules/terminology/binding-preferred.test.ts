// terminology/binding-preferred: Binding to a preferred value set: information only; example bindings are silent.
import { describe, expect, it } from 'vitest';
import rule from '../../../src/rules/terminology/binding-preferred.js';
import { runBinding } from '../../terminology/binding-cases.js';
import { A, C, SCT, vs } from '../../terminology/fixtures.js';

describe(rule.meta.id, () => {
  it.each([
    ['code', 'dog', 'code', 'sea', 'notInValueSet'],
    ['CodeableConcept', { coding: [{ system: C, code: 'RED' }] }, 'CodeableConcept', 'mammals', 'noValidCoding'],
  ] as const)('reports %s', async (_name, value, type, valueSet, messageId) => {
    expect(await runBinding(value, type, { strength: 'preferred', valueSet: vs(valueSet) })).toEqual([
      { ruleId: 'terminology/binding-preferred', messageId, expression: 'Resource.element', severity: 'information' },
    ]);
  });

  it.each([
    ['in the set', { system: A, code: 'cat' }, 'Coding', 'mammals'],
    ['undecidable is not reported', { system: SCT, code: '22298006' }, 'Coding', 'findings-or-colours'],
  ] as const)('accepts %s', async (_name, value, type, valueSet) => {
    expect(await runBinding(value, type, { strength: 'preferred', valueSet: vs(valueSet) })).toEqual([]);
  });
});
