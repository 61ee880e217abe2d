// The binding memo gives the same issues as computing them, re-anchored at each element, and copies, not shares.
import { describe, expect, it } from 'vitest';
import type { Issue } from '../../src/model/issue.js';
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { basePackageDir } from '../../src/packages/base-package.js';
import { readJson } from '../../src/parse/json.js';
import { codedValueKey, LocalTerminology } from '../../src/terminology/index.js';
import { BindingMemo } from '../../src/validate/binding-memo.js';
import { Validator } from '../../src/validate/validator.js';
import { basePackageSet } from '../support/base-validator.js';

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

describe('codedValueKey (the memo key of Codings, CodeableConcepts and Quantities)', () => {
  const cc = (...codings: unknown[]) => ({ coding: codings, text: 'ignored' });
  it('is equal for values the judgement cannot tell apart, and differs otherwise', () => {
    const a = { system: 'http://s', code: 'x', display: 'X' };
    expect(codedValueKey(cc(a), 'CodeableConcept')).toBe(codedValueKey({ coding: [{ ...a }] }, 'CodeableConcept'));
    expect(codedValueKey(cc(a), 'CodeableConcept')).not.toBe(codedValueKey(cc({ ...a, display: 'Y' }), 'CodeableConcept'));
    expect(codedValueKey(cc(a, { code: 'y' }), 'CodeableConcept')).not.toBe(codedValueKey(cc({ code: 'y' }, a), 'CodeableConcept'));
    // Only string fields are read: a numeric code counts as absent, as in the check itself.
    expect(codedValueKey({ system: 'http://s', code: 1 }, 'Coding')).toBe(codedValueKey({ system: 'http://s' }, 'Coding'));
    expect(codedValueKey({ system: 'http://s', code: 'x' }, 'Coding')).not.toBe(codedValueKey({ system: 'http://s', code: 'x' }, 'CodeableConcept'));
    expect(codedValueKey({ coding: 'not a list' }, 'CodeableConcept')).toBeUndefined();
    expect(codedValueKey('x', 'Coding')).toBeUndefined();
  });
});

describe('memoised Coding and CodeableConcept checks give the issues a fresh check gives', () => {
  it('on R4 examples: results served from the memo equal those computed', () => {
    const set = basePackageSet();
    const make = () => new Validator(set.defs, { terminology: { local: new LocalTerminology(set.defs) } });
    const dir = basePackageDir();
    const files = readdirSync(dir).filter((f) => /^(Observation|Condition|AllergyIntolerance|Procedure|Encounter|MedicationRequest|Immunization)-.*\.json$/.test(f)).slice(0, 80);
    const run = (v: Validator, f: string) => {
      const text = readFileSync(path.join(dir, f), 'utf8');
      const r = readJson(text, f);
      if (!r.ok) return [];
      return v.validate({ value: r.value as Record<string, unknown>, positions: r.positions, source: f, format: 'json', issues: [] }, f).map((c) => c.issues);
    };
    // The reference computes every check (its memo replaced by one that never remembers); the other serves repeats.
    const fresh = make();
    (fresh as unknown as { bindingMemo: Pick<BindingMemo, 'issues'> }).bindingMemo = { issues: (_k, _v, _e, _s, check) => check() };
    const memoised = make();
    let terminology = 0;
    for (const f of files) {
      const computed = run(fresh, f);
      run(memoised, f);
      const served = run(memoised, f);
      expect(served).toEqual(computed);
      terminology += computed.flat().filter((i) => i.ruleId.startsWith('terminology/')).length;
    }
    expect(terminology).toBeGreaterThan(20);
  });
});

describe('profile bindings (memoised like the base pass)', () => {
  it('give their issues the element line, whether computed or served from the memo', () => {
    const set = basePackageSet();
    const v = new Validator(set.defs, { terminology: { local: new LocalTerminology(set.defs) } });
    const obs = (id: string) => ({
      resourceType: 'Observation', id, meta: { profile: ['http://hl7.org/fhir/StructureDefinition/vitalsigns'] },
      text: { status: 'generated', div: '<div xmlns="http://www.w3.org/1999/xhtml">x</div>' }, status: 'final',
      code: { coding: [{ system: 'http://example.org/local-codes', code: 'pulse' }] }, subject: { reference: 'Patient/p' },
    });
    const profileBindingIssues = (id: string, pad: number) => {
      // Padding shifts the text so that a wrong (remembered) line would show.
      const text = `${'\n'.repeat(pad)}${JSON.stringify(obs(id), null, 2)}`;
      const r = readJson(text, `${id}.json`);
      if (!r.ok) throw new Error('fixture');
      const issues = v.validate({ value: r.value as Record<string, unknown>, positions: r.positions, source: `${id}.json`, format: 'json', issues: [] }, id)
        .flatMap((c) => c.issues).filter((i) => i.ruleId.startsWith('terminology/binding') && i.profile?.includes('vitalsigns'));
      const codeLine = text.split('\n').findIndex((l) => l.includes('"code": {')) + 1;
      return { issues, codeLine };
    };
    const first = profileBindingIssues('a', 0);
    const second = profileBindingIssues('b', 5);
    expect(first.issues.length).toBeGreaterThan(0);
    expect(first.issues.map((i) => [i.ruleId, i.messageId, i.location.expression, i.location.line])).toEqual(
      second.issues.map((i) => [i.ruleId, i.messageId, i.location.expression, i.location.line! - 5]));
    expect(first.issues.every((i) => i.location.line === first.codeLine)).toBe(true);
  });
});
