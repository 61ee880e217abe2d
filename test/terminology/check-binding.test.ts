// checkBinding: strengths, value types, CodeableConcept "any coding", code-system findings, not-verified reporting.
import { describe, expect, it } from 'vitest';
import { checkBinding, checkBindingSync } from '../../src/terminology/check-binding.js';
import { fixedTx, localTx, runBinding, type Finding } from './binding-cases.js';
import { A, C, SCT, vs } from './fixtures.js';

const E = 'Resource.element';
const f = (ruleId: string, messageId: string, severity: string, expression = E): Finding => ({ ruleId, messageId, expression, severity });
const required = (id: string) => ({ strength: 'required', valueSet: vs(id) });
const extensible = (id: string) => ({ strength: 'extensible', valueSet: vs(id) });
const preferred = (id: string) => ({ strength: 'preferred', valueSet: vs(id) });
const example = (id: string) => ({ strength: 'example', valueSet: vs(id) });

type Row = [string, unknown, string, { strength: string; valueSet: string } | undefined, Finding[]];

const rows: Row[] = [
  // code-typed values: the system is inferred from the value set
  ['code in a required set', 'whale', 'code', required('sea'), []],
  ['code outside a required set', 'dog', 'code', required('sea'), [f('terminology/binding-required', 'notInValueSet', 'error')]],
  ['code outside an extensible set', 'dog', 'code', extensible('sea'), [f('terminology/binding-extensible', 'notInValueSet', 'warning')]],
  ['code outside a preferred set', 'dog', 'code', preferred('sea'), [f('terminology/binding-preferred', 'notInValueSet', 'information')]],
  ['code outside an example set', 'dog', 'code', example('sea'), []],
  ['string bound like a code', 'RED', 'string', required('colours'), []],
  ['uri bound like a code', 'PURPLE', 'uri', required('colours'), [f('terminology/binding-required', 'notInValueSet', 'error')]],
  // Coding
  ['Coding in the set', { system: A, code: 'cat' }, 'Coding', required('mammals'), []],
  ['Coding outside the set', { system: A, code: 'penguin' }, 'Coding', required('mammals'), [f('terminology/binding-required', 'notInValueSet', 'error')]],
  [
    'Coding with an unknown code',
    { system: A, code: 'unicorn' },
    'Coding',
    required('mammals'),
    [f('terminology/unknown-code', 'unknownCode', 'error', `${E}.code`), f('terminology/binding-required', 'notInValueSet', 'error')],
  ],
  // codes their system marks out of use (concept property `status`): still valid codes, with a warning
  ['retired code', { system: A, code: 'retired-thing' }, 'Coding', undefined, [f('terminology/inactive-code', 'inactive', 'warning', `${E}.code`)]],
  ['deprecated code', { system: A, code: 'old-thing' }, 'Coding', undefined, [f('terminology/inactive-code', 'deprecated', 'warning', `${E}.code`)]],
  ['retired code in a CodeableConcept, in its value set', { coding: [{ system: A, code: 'retired-thing' }] }, 'CodeableConcept', required('animals-but-birds'),
    [f('terminology/inactive-code', 'inactive', 'warning', `${E}.coding[0].code`)]],
  ['retired code typed as a bare code', 'retired-thing', 'code', required('animals-but-birds'), [f('terminology/inactive-code', 'inactive', 'warning')]],
  ['unknown code without a binding', { system: A, code: 'unicorn' }, 'Coding', undefined, [f('terminology/unknown-code', 'unknownCode', 'error', `${E}.code`)]],
  ['unknown code under an example binding', { system: A, code: 'unicorn' }, 'Coding', example('mammals'), [f('terminology/unknown-code', 'unknownCode', 'error', `${E}.code`)]],
  ['display mismatch', { system: A, code: 'cat', display: 'Dog' }, 'Coding', required('mammals'), [f('terminology/display-mismatch', 'displayMismatch', 'warning', `${E}.display`)]],
  ['display mismatch without a binding', { system: A, code: 'cat', display: 'Dog' }, 'Coding', undefined, [f('terminology/display-mismatch', 'displayMismatch', 'warning', `${E}.display`)]],
  ['display matching a designation', { system: A, code: 'mammal', display: 'mammalian ANIMAL' }, 'Coding', required('mammals'), []],
  ['Coding without a code under required', { system: A, display: 'Dog' }, 'Coding', required('mammals'), [f('terminology/binding-required', 'noCode', 'error')]],
  ['external system under required, no server', { system: SCT, code: '22298006' }, 'Coding', required('findings-or-colours'), [f('terminology/binding-not-verified', 'notVerified', 'information')]],
  ['external system under extensible, no server', { system: SCT, code: '22298006' }, 'Coding', extensible('findings-or-colours'), [f('terminology/binding-not-verified', 'notVerified', 'information')]],
  ['external system under preferred is not reported', { system: SCT, code: '22298006' }, 'Coding', preferred('findings-or-colours'), []],
  ['external system without a binding', { system: SCT, code: '22298006' }, 'Coding', undefined, []],
  ['unknown value set', { system: A, code: 'cat' }, 'Coding', required('no-such-set'), [f('terminology/binding-not-verified', 'notVerified', 'information')]],
  // CodeableConcept: any coding may satisfy
  ['one of two codings in the set', { coding: [{ system: A, code: 'penguin' }, { system: A, code: 'cat' }] }, 'CodeableConcept', required('mammals'), []],
  ['no coding in the set', { coding: [{ system: A, code: 'penguin' }, { system: C, code: 'RED' }] }, 'CodeableConcept', required('mammals'), [f('terminology/binding-required', 'noValidCoding', 'error')]],
  ['no coding in an extensible set', { coding: [{ system: A, code: 'penguin' }] }, 'CodeableConcept', extensible('mammals'), [f('terminology/binding-extensible', 'noValidCoding', 'warning')]],
  ['text only under required', { text: 'a pet' }, 'CodeableConcept', required('mammals'), [f('terminology/binding-required', 'noCode', 'error')]],
  ['text only under extensible', { text: 'a pet' }, 'CodeableConcept', extensible('mammals'), []],
  [
    'unknown code in the second coding is located',
    { coding: [{ system: A, code: 'cat' }, { system: A, code: 'unicorn' }] },
    'CodeableConcept',
    required('mammals'),
    [f('terminology/unknown-code', 'unknownCode', 'error', `${E}.coding[1].code`)],
  ],
  [
    'display mismatch in a coding is located',
    { coding: [{ system: A, code: 'cat', display: 'Kitten' }] },
    'CodeableConcept',
    required('mammals'),
    [f('terminology/display-mismatch', 'displayMismatch', 'warning', `${E}.coding[0].display`)],
  ],
  [
    'one local coding outside, one SNOMED coding undecided',
    { coding: [{ system: A, code: 'dog' }, { system: SCT, code: '22298006' }] },
    'CodeableConcept',
    required('findings-or-colours'),
    [f('terminology/binding-not-verified', 'notVerified', 'information')],
  ],
  ['enumerated SNOMED code satisfies the set', { coding: [{ system: SCT, code: '22298006' }] }, 'CodeableConcept', required('snomed-enumerated'), []],
  // Quantity
  ['Quantity unit in a UCUM set', { value: 1, system: 'http://unitsofmeasure.org', code: 'mg' }, 'Quantity', required('ucum'), []],
  ['Quantity with a bad UCUM unit: reported by ucum-unit only', { value: 1, system: 'http://unitsofmeasure.org', code: 'mgg' }, 'Quantity', undefined, []],
  ['Quantity outside a required set', { value: 1, system: A, code: 'dog' }, 'Age', required('colours'), [f('terminology/binding-required', 'notInValueSet', 'error')]],
  // not coded
  ['not a coded type', { reference: 'Patient/1' }, 'Reference', required('colours'), []],
];

describe('checkBinding', () => {
  it.each(rows)('%s', async (_name, value, type, binding, expected) => {
    expect(await runBinding(value, type, binding)).toEqual(expected);
  });

  it.each(rows)('sync form agrees: %s', async (_name, value, type, binding) => {
    const input = { value, type, binding, location: { source: 's', expression: E } };
    expect(checkBindingSync({ ...input, tx: localTx })).toEqual(await checkBinding({ ...input, tx: localTx }));
  });

  it('reports a failing server as a warning, still countable as not verified', async () => {
    const tx = fixedTx({ outcome: 'not-verified', reason: 'server-error', message: 'HTTP 500 after 4 attempts' });
    const issues = await checkBinding({ value: { system: SCT, code: '22298006' }, type: 'Coding', binding: { strength: 'required', valueSet: vs('x') }, location: { source: 's', expression: 'Condition.code' }, tx });
    expect(issues.map((i) => [i.ruleId, i.messageId, i.severity, i.data?.reason, i.data?.valueSet])).toEqual([
      ['terminology/binding-not-verified', 'notVerified', 'warning', 'server-error', vs('x')],
    ]);
  });

  it('names the value set and the reason in not-verified issues', async () => {
    const issues = await checkBinding({ value: { system: SCT, code: '22298006' }, type: 'Coding', binding: required('findings-or-colours'), location: { source: 's', expression: 'Condition.code' }, tx: localTx });
    expect(issues[0]!.data).toMatchObject({ valueSet: vs('findings-or-colours'), reason: 'no-server', strength: 'required' });
  });

  it('carries profile and elementId', async () => {
    const issues = await checkBinding({ value: 'dog', type: 'code', binding: required('sea'), location: { source: 's', expression: 'X.y' }, profile: 'http://p', elementId: 'X.y', tx: localTx });
    expect(issues[0]).toMatchObject({ profile: 'http://p', elementId: 'X.y', location: { source: 's', expression: 'X.y' } });
  });

  it('can leave code-system findings to another check (checkCodes: false)', async () => {
    const issues = await checkBinding({ value: { system: A, code: 'unicorn', display: 'x' }, type: 'Coding', binding: required('mammals'), location: { source: 's', expression: 'X.y' }, tx: localTx, checkCodes: false });
    expect(issues.map((i) => i.ruleId)).toEqual(['terminology/binding-required']);
  });

  it('asks the service once per coding', async () => {
    let calls = 0;
    const tx = { validateCode: async () => (calls++, { outcome: 'valid' as const }) };
    await checkBinding({ value: { coding: [{ system: A, code: 'a' }, { system: A, code: 'b' }, { display: 'no code' }] }, type: 'CodeableConcept', binding: required('mammals'), location: { source: 's', expression: 'X' }, tx });
    expect(calls).toBe(2);
  });
});
