// Walker hooks: which visits get binding, code-system and syntax checks, synchronously or collected for awaiting.
import { describe, expect, it } from 'vitest';
import type { Issue } from '../../src/model/issue.js';
import { bindingInput, createAsyncTerminologyHook, createSyncTerminologyHook, type CodedVisit } from '../../src/terminology/element-hook.js';
import { localTx } from './binding-cases.js';
import { A, vs } from './fixtures.js';

const visit = (typeCode: string, expression: string, value: unknown, binding?: { strength: string; valueSet: string }): CodedVisit => ({
  value,
  typeCode,
  expression,
  node: { id: expression.replace(/\[\d+\]/g, ''), def: binding ? { binding } : {} },
});
const required = { strength: 'required', valueSet: vs('mammals') };

describe('bindingInput', () => {
  it.each([
    ['bound code', visit('code', 'X.status', 'dog', required), { binding: required }],
    ['bound CodeableConcept', visit('CodeableConcept', 'X.code', {}, required), { binding: required }],
    ['unbound CodeableConcept: code-system checks', visit('CodeableConcept', 'X.code', {}), {}],
    ['unbound Coding: code-system checks', visit('Coding', 'X.extension[0].value', {}), {}],
    ['bound Coding slice inside a CodeableConcept: binding only', visit('Coding', 'X.code.coding[1]', {}, required), { binding: required, checkCodes: false }],
  ])('%s', (_name, v, expected) => {
    expect(bindingInput(v, 'f.json')).toMatchObject({ type: v.typeCode, location: { source: 'f.json', expression: v.expression }, ...expected });
  });

  it.each([
    ['unbound Coding inside a CodeableConcept', visit('Coding', 'X.code.coding[0]', {})],
    ['unbound code', visit('code', 'X.status', 'x')],
    ['unbound Quantity', visit('Quantity', 'X.valueQuantity', {})],
    ['not a coded type', visit('Reference', 'X.subject', {}, required)],
    ['no type', { ...visit('code', 'X', 'x', required), typeCode: undefined }],
  ])('skips %s', (_name, v) => {
    expect(bindingInput(v, 'f.json')).toBeUndefined();
  });
});

describe('terminology hooks', () => {
  const visits = [
    visit('CodeableConcept', 'X.code', { coding: [{ system: A, code: 'penguin' }] }, required),
    visit('Coding', 'X.code.coding[0]', { system: A, code: 'penguin' }),
    visit('Identifier', 'X.identifier[0]', { system: 'https://fhir.nhs.uk/Id/nhs-number', value: '9434765918' }),
    visit('Quantity', 'X.valueQuantity', { value: 1, system: 'http://unitsofmeasure.org', code: 'mgg' }),
  ];
  const expected = [
    'terminology/binding-required X.code',
    'ukcore/nhs-number-check-digit X.identifier[0].value',
    'terminology/ucum-unit X.valueQuantity.code',
  ];
  const summary = (issues: Issue[]) => issues.map((i) => `${i.ruleId} ${i.location.expression}`).sort();

  it('sync hook adds issues during the walk', () => {
    const hook = createSyncTerminologyHook(localTx);
    const issues: Issue[] = [];
    for (const v of visits) hook(v, issues, 'f.json');
    expect(summary(issues)).toEqual(expected.sort());
  });

  it('async hook collects binding checks until flushed', async () => {
    const { hook, flush } = createAsyncTerminologyHook(localTx);
    const issues: Issue[] = [];
    for (const v of visits) hook(v, issues, 'f.json');
    expect(summary(issues)).toEqual(['terminology/ucum-unit X.valueQuantity.code', 'ukcore/nhs-number-check-digit X.identifier[0].value']);
    issues.push(...(await flush()));
    expect(summary(issues)).toEqual(expected.sort());
    expect(await flush()).toEqual([]);
  });
});
