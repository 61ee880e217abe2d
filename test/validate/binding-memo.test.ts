// The binding memo gives the same issues as computing them, re-anchored at each element, and copies, not shares.
import { describe, expect, it } from 'vitest';
import type { Issue } from '../../src/model/issue.js';
import { BindingMemo } from '../../src/validate/binding-memo.js';

const issue = (expression: string): Issue => ({
  ruleId: 'terminology/binding-required', messageId: 'notInValueSet', message: 'm', severity: 'error', code: 'code-invalid',
  location: { source: 'a.json', expression },
});

describe('BindingMemo', () => {
  it('computes once per key and value, and re-anchors the issues at each new location', () => {
    const memo = new BindingMemo();
    let calls = 0;
    const check = (expr: string) => () => {
      calls++;
      return [issue(`${expr}.coding[0].code`)];
    };
    const first = memo.issues('k', 'bogus', 'Observation.status', 'a.json', check('Observation.status'));
    const second = memo.issues('k', 'bogus', 'Bundle.entry[3].resource.status', 'b.json', check('never'));
    expect(calls).toBe(1);
    expect(first[0]!.location).toEqual({ source: 'a.json', expression: 'Observation.status.coding[0].code' });
    expect(second[0]!.location).toEqual({ source: 'b.json', expression: 'Bundle.entry[3].resource.status.coding[0].code' });
    first[0]!.location.line = 7;
    expect(memo.issues('k', 'bogus', 'X.status', 'c.json', check('never'))[0]!.location).toEqual({ source: 'c.json', expression: 'X.status.coding[0].code' });
    // Complex values are always checked afresh.
    memo.issues('k', { coding: [{ code: 'x' }] }, 'A.code', 'a.json', () => { calls++; return []; });
    memo.issues('k', { coding: [{ code: 'x' }] }, 'A.code', 'a.json', () => { calls++; return []; });
    expect(calls).toBe(3);
  });

  it('keys on the value and the caller key', () => {
    const memo = new BindingMemo();
    let calls = 0;
    const check = () => {
      calls++;
      return [];
    };
    memo.issues('k1', 'active', 'A.status', 's', check);
    memo.issues('k1', 'inactive', 'A.status', 's', check);
    memo.issues('k2', 'active', 'A.status', 's', check);
    memo.issues('k1', 'active', 'B.status', 's', check);
    expect(calls).toBe(3);
  });
});
