// Clone-and-break table tests of profile validation over small test profiles (fixtures/profile/definitions): each case
// starts from a seed that is valid against its profile, breaks exactly one thing, and asserts the issue(s) by ruleId,
// messageId, elementId and FHIRPath location.
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { Definitions } from '../../src/packages/definitions.js';
import { basePackage, memoryPackage } from '../snapshot/fixture-defs.js';
import { ProfileHarness } from './support/harness.js';
import { fixture, testDefinitions } from './support/defs.js';
import { expectIssues, type Expected } from './support/expect-issues.js';

const P = 'http://example.org/fhir/StructureDefinition/';
const OBS = `${P}test-observation`;
const PAT = `${P}test-patient`;

interface Case {
  name: string;
  seed: 'observation' | 'patient' | 'bundle';
  change: (r: any) => void;
  expected: Expected[];
}

let h: ProfileHarness;
beforeAll(() => {
  h = new ProfileHarness(testDefinitions());
});

function profilesFor(seed: Case['seed']) {
  if (seed === 'observation') return [OBS];
  if (seed === 'patient') return [PAT];
  return (r: any, where: 'root' | 'entry') => (where === 'root' ? [`${P}test-bundle`] : r.resourceType === 'Observation' ? [OBS] : []);
}

function run(seed: Case['seed'], change: (r: any) => void = () => undefined) {
  const r = fixture('seeds', seed);
  change(r);
  return h.check(r, profilesFor(seed));
}

describe('seeds are valid against their test profiles', () => {
  it.each(['observation', 'patient', 'bundle'] as const)('%s', (seed) => {
    const out = run(seed);
    expectIssues(out.all, []);
    expect(out.all.filter((i) => i.severity === 'warning')).toEqual([]);
  });
});

const obsCases: Case[] = [
  // cardinality stricter than the base
  { name: 'required element missing (subject 1..1)', seed: 'observation', change: (r) => delete r.subject,
    expected: [{ ruleId: 'profile/cardinality', messageId: 'tooFew', elementId: 'Observation.subject', expression: 'Observation', profile: OBS }] },
  { name: 'too many (note 0..2)', seed: 'observation', change: (r) => r.note.push({ text: 'b' }, { text: 'c' }),
    expected: [{ ruleId: 'profile/cardinality', messageId: 'tooMany', elementId: 'Observation.note', expression: 'Observation.note[2]' }] },
  // fixed[x]
  { name: 'fixed code differs', seed: 'observation', change: (r) => (r.status = 'amended'),
    expected: [{ ruleId: 'profile/fixed-value', messageId: 'wrongValue', elementId: 'Observation.status', expression: 'Observation.status' }] },
  { name: 'fixed value inside a slice differs', seed: 'observation', change: (r) => (r.component[0].valueQuantity.code = 'mmHg'),
    expected: [{ ruleId: 'profile/fixed-value', messageId: 'wrongValue', elementId: 'Observation.component:systolic.value[x].code', expression: 'Observation.component[0].value.ofType(Quantity).code' }] },
  // pattern[x]
  { name: 'pattern code differs (deep)', seed: 'observation', change: (r) => (r.code.coding[0].code = '3141-9'),
    expected: [{ ruleId: 'profile/pattern', messageId: 'wrongValue', elementId: 'Observation.code', expression: 'Observation.code.coding[0].code' }] },
  { name: 'pattern array: no item matches', seed: 'observation', change: (r) => r.code.coding.push({ system: 'http://snomed.info/sct', code: '27113001' }, { system: 'http://x', code: '1' }) && (r.code.coding[0].system = 'http://other'),
    expected: [{ ruleId: 'profile/pattern', messageId: 'noMatchingItem', elementId: 'Observation.code', expression: 'Observation.code.coding' }] },
  // types
  { name: 'choice type not allowed by the profile', seed: 'observation', change: (r) => { delete r.valueQuantity; r.valueString = '70 kg'; },
    expected: [{ ruleId: 'profile/type-not-allowed', messageId: 'choiceType', elementId: 'Observation.value[x]', expression: 'Observation.value.ofType(string)' }] },
  { name: 'type profile (SimpleQuantity) forbids comparator', seed: 'observation', change: (r) => (r.valueQuantity.comparator = '<'),
    expected: [
      { ruleId: 'profile/cardinality', messageId: 'prohibited', elementId: 'Quantity.comparator', expression: 'Observation.value.ofType(Quantity).comparator',
        profile: 'http://hl7.org/fhir/StructureDefinition/SimpleQuantity' },
      // sqty-1 says the same; the snapshot copies it onto the profile's element (reported once: see dedupe.ts).
      { ruleId: 'profile/invariant', messageId: 'failed', elementId: 'Observation.value[x]', expression: 'Observation.value.ofType(Quantity)' },
    ] },
  // Reference.targetProfile and type
  { name: 'contained target does not conform to the target profile', seed: 'observation', change: (r) => delete r.contained[0].name,
    expected: [{ ruleId: 'profile/target-profile', messageId: 'noMatch', elementId: 'Observation.performer', expression: 'Observation.performer[0].reference' }] },
  { name: 'unresolvable reference of a type the profile does not allow', seed: 'observation', change: (r) => (r.performer = [{ reference: 'Patient/p1' }, { reference: '#pr1' }]),
    expected: [{ ruleId: 'profile/target-profile', messageId: 'wrongType', elementId: 'Observation.performer', expression: 'Observation.performer[0].reference' }] },
  { name: 'Reference.type not allowed', seed: 'observation', change: (r) => (r.performer[0].type = 'Patient'),
    expected: [{ ruleId: 'profile/target-profile', messageId: 'typeElementNotAllowed', elementId: 'Observation.performer', expression: 'Observation.performer[0].type' }] },
  // slicing
  { name: 'closed slicing: element matches no slice', seed: 'observation', change: (r) => r.component.push({ code: { coding: [{ system: 'http://loinc.org', code: '8867-4' }] } }),
    expected: [{ ruleId: 'profile/slicing', messageId: 'notInClosedSlice', elementId: 'Observation.component', expression: 'Observation.component[2]' }] },
  { name: 'ordered slicing: out of order', seed: 'observation', change: (r) => r.component.reverse(),
    expected: [{ ruleId: 'profile/slicing', messageId: 'outOfOrder', elementId: 'Observation.component', expression: 'Observation.component[1]' }] },
  { name: 'openAtEnd: unmatched element before a slice (exists discriminator)', seed: 'observation', change: (r) => r.identifier.reverse(),
    expected: [{ ruleId: 'profile/slicing', messageId: 'notAtEnd', elementId: 'Observation.identifier', expression: 'Observation.identifier[0]' }] },
  { name: 'slice max exceeded (exists discriminator)', seed: 'observation', change: (r) => r.identifier.unshift({ system: 'https://example.org/obs', value: '0' }),
    expected: [{ ruleId: 'profile/cardinality', messageId: 'tooMany', elementId: 'Observation.identifier:withSystem', expression: 'Observation.identifier[1]' }] },
  { name: 'required slice missing (pattern discriminator)', seed: 'observation', change: (r) => (r.category[0].coding[0].code = 'laboratory'),
    expected: [{ ruleId: 'profile/cardinality', messageId: 'sliceMissing', elementId: 'Observation.category:vs', expression: 'Observation' }] },
  { name: 'profile discriminator on resolve(): target does not conform', seed: 'observation', change: (r) => (r.contained[1].status = 'preliminary'),
    expected: [{ ruleId: 'profile/slicing', messageId: 'notInClosedSlice', elementId: 'Observation.hasMember', expression: 'Observation.hasMember[0]' }] },
  { name: 'extension slice (url) max exceeded', seed: 'observation', change: (r) => r.extension.push({ url: `${P}test-ext-simple`, valueString: 'again' }),
    expected: [{ ruleId: 'profile/cardinality', messageId: 'tooMany', elementId: 'Observation.extension:simple', expression: 'Observation.extension[1]' }] },
  // maxLength, minValue/maxValue
  { name: 'maxLength', seed: 'observation', change: (r) => (r.note[0].text = 'x'.repeat(51)),
    expected: [{ ruleId: 'profile/max-length', messageId: 'tooLong', elementId: 'Observation.note.text', expression: 'Observation.note[0].text' }] },
  { name: 'maxValue', seed: 'observation', change: (r) => (r.component[0].valueQuantity.value = 301),
    expected: [{ ruleId: 'profile/value-range', messageId: 'tooHigh', elementId: 'Observation.component:systolic.value[x].value', expression: 'Observation.component[0].value.ofType(Quantity).value' }] },
  { name: 'minValue', seed: 'observation', change: (r) => (r.component[0].valueQuantity.value = -1),
    expected: [{ ruleId: 'profile/value-range', messageId: 'tooLow', elementId: 'Observation.component:systolic.value[x].value', expression: 'Observation.component[0].value.ofType(Quantity).value' }] },
  // invariants the profile adds
  { name: 'invariant with %ucum', seed: 'observation', change: (r) => (r.valueQuantity.system = 'http://example.org/units'),
    expected: [{ ruleId: 'profile/invariant', messageId: 'failed', elementId: 'Observation', expression: 'Observation' }] },
  { name: 'invariant with %resource on an element', seed: 'observation', change: (r) => delete r.effectiveDateTime,
    expected: [{ ruleId: 'profile/invariant', messageId: 'failed', elementId: 'Observation.code', expression: 'Observation.code' }] },
  { name: 'warning invariant with %rootResource', seed: 'observation', change: (r) => delete r.id,
    expected: [{ ruleId: 'profile/invariant', messageId: 'failed', elementId: 'Observation.code', expression: 'Observation.code', severity: 'warning' }] },
];

const patientCases: Case[] = [
  { name: 're-slice missing (identifier:local/official)', seed: 'patient', change: (r) => (r.identifier[0].use = 'usual'),
    expected: [{ ruleId: 'profile/cardinality', messageId: 'sliceMissing', elementId: 'Patient.identifier:local/official', expression: 'Patient' }] },
  { name: 'position discriminator: first name must be official', seed: 'patient', change: (r) => (r.name[0].use = 'usual'),
    expected: [{ ruleId: 'profile/fixed-value', messageId: 'wrongValue', elementId: 'Patient.name:first.use', expression: 'Patient.name[0].use' }] },
  { name: 'required extension slice missing', seed: 'patient', change: (r) => delete r.extension,
    expected: [{ ruleId: 'profile/cardinality', messageId: 'sliceMissing', elementId: 'Patient.extension:complex', expression: 'Patient' }] },
  { name: "value discriminator on extension('url').value: slice max exceeded", seed: 'patient', change: (r) => r.contact.push(structuredClone(r.contact[0])),
    expected: [{ ruleId: 'profile/cardinality', messageId: 'tooMany', elementId: 'Patient.contact:primary', expression: 'Patient.contact[1]' }] },
  { name: 'primitive choice type not allowed', seed: 'patient', change: (r) => { delete r.deceasedBoolean; r.deceasedDateTime = '2020-01-01'; },
    expected: [{ ruleId: 'profile/type-not-allowed', messageId: 'choiceType', elementId: 'Patient.deceased[x]', expression: 'Patient.deceased.ofType(dateTime)' }] },
  { name: 'reference type narrowed by targetProfile', seed: 'patient', change: (r) => (r.generalPractitioner[0].reference = 'Practitioner/x'),
    expected: [{ ruleId: 'profile/target-profile', messageId: 'wrongType', elementId: 'Patient.generalPractitioner', expression: 'Patient.generalPractitioner[0].reference' }] },
];

const bundleCases: Case[] = [
  { name: 'type discriminator, ordered: patient entry after an observation', seed: 'bundle', change: (r) => r.entry.reverse(),
    expected: [{ ruleId: 'profile/slicing', messageId: 'outOfOrder', elementId: 'Bundle.entry', expression: 'Bundle.entry[1]' }] },
  { name: 'type discriminator, closed: entry of another type', seed: 'bundle',
    change: (r) => r.entry.push({ fullUrl: 'urn:uuid:8a9d1f43-5d1c-4b4e-9d2a-1f6d3c2b7a03', resource: { resourceType: 'Organization', id: 'o1', name: 'Org' } }),
    expected: [{ ruleId: 'profile/slicing', messageId: 'notInClosedSlice', elementId: 'Bundle.entry', expression: 'Bundle.entry[2]' }] },
  { name: 'required entry slice missing', seed: 'bundle', change: (r) => r.entry.shift() && (r.entry[0].resource.subject = { reference: 'Patient/p1' }),
    expected: [{ ruleId: 'profile/cardinality', messageId: 'sliceMissing', elementId: 'Bundle.entry:patient', expression: 'Bundle' }] },
  { name: 'resource type profile on a slice', seed: 'bundle', change: (r) => (r.entry[1].resource.status = 'preliminary'),
    expected: [
      { ruleId: 'profile/fixed-value', messageId: 'wrongValue', elementId: 'Observation.status', expression: 'Bundle.entry[1].resource.status', profile: `${P}test-final-observation` },
      { ruleId: 'profile/fixed-value', messageId: 'wrongValue', elementId: 'Observation.status', expression: 'Bundle.entry[1].resource.status', profile: OBS },
    ] },
  { name: 'invariant with resolve() inside the Bundle', seed: 'bundle', change: (r) => (r.entry[0].resource.active = false),
    expected: [{ ruleId: 'profile/invariant', messageId: 'failed', elementId: 'Observation', expression: 'Bundle.entry[1].resource' }] },
];

describe('clone and break', () => {
  it.each([...obsCases, ...patientCases, ...bundleCases].map((c) => [c.name, c] as const))('%s', (_n, c) => {
    expectIssues(run(c.seed, c.change).all, c.expected);
  });
});

describe('slicing messages name the root cause', () => {
  it('a missing required slice says why each item did not match, in related, without cascades', () => {
    const out = run('observation', (r) => (r.category[0].coding[0].code = 'laboratory'));
    const issue = out.all.find((i) => i.messageId === 'sliceMissing')!;
    expect(issue.related?.map((i) => [i.ruleId, i.messageId, i.location.expression, i.data?.slice])).toEqual([
      ['profile/slicing', 'sliceNotMatched', 'Observation.category[0]', 'vs'],
    ]);
    expect(String(issue.related![0]!.data!.reason)).toContain('vital-signs');
    expect(issue.location.line).toBeGreaterThan(0);
  });

  it('an element in a closed slicing lists every slice tried', () => {
    const out = run('observation', (r) => r.component.push({ code: { coding: [{ system: 'http://loinc.org', code: '8867-4' }] } }));
    const issue = out.all.find((i) => i.messageId === 'notInClosedSlice')!;
    expect(issue.related?.map((i) => i.data?.slice)).toEqual(['systolic', 'diastolic']);
    expect(issue.related?.every((i) => String(i.data?.reason).includes('8867-4'))).toBe(true);
    // The unmatched component is not validated further (no cascade from the slices' constraints).
    expect(out.all.filter((i) => i.severity === 'error')).toHaveLength(1);
  });

  it('a target that does not conform carries the target errors in related', () => {
    const out = run('observation', (r) => delete r.contained[0].name);
    const issue = out.all.find((i) => i.ruleId === 'profile/target-profile')!;
    expect(issue.related?.map((i) => [i.ruleId, i.messageId, i.elementId, i.location.expression])).toEqual([
      ['profile/cardinality', 'tooFew', 'Practitioner.name', 'Observation.contained[0]'],
    ]);
  });
});

describe('official R4 profiles', () => {
  it('choice-type slice (bp: value[x]:valueQuantity is 0..0 in R4)', () => {
    const bp = JSON.parse(readFileSync(path.join(path.dirname(createRequire(import.meta.url).resolve('hl7.fhir.r4.examples/package.json')), 'Observation-blood-pressure.json'), 'utf8'));
    expectIssues(h.check(bp, ['http://hl7.org/fhir/StructureDefinition/bp']).all, []);
    bp.valueQuantity = { value: 1, unit: 'mm[Hg]', system: 'http://unitsofmeasure.org', code: 'mm[Hg]' };
    expectIssues(h.check(bp, ['http://hl7.org/fhir/StructureDefinition/bp']).all, [
      { ruleId: 'profile/cardinality', messageId: 'prohibited', elementId: 'Observation.value[x]:valueQuantity', expression: 'Observation.value.ofType(Quantity)' },
    ]);
  });
});

describe('checks that cannot conclude say so (test-misc)', () => {
  const MISC = `${P}test-misc`;
  const base = () => ({ resourceType: 'Observation', id: 'x', status: 'final', code: { text: 'x' }, effectiveDateTime: '2021-01-01',
    valueQuantity: { value: 1, unit: 'USD', system: 'urn:iso:std:iso:4217', code: 'USD' } });
  // test-misc carries an invariant that does not parse: reported on every resource as not verified.
  const broken: Expected = { ruleId: 'profile/invariant', messageId: 'evaluationFailed', elementId: 'Observation', expression: 'Observation', severity: 'warning' };
  const cases: Array<[string, (r: any) => void, Expected[]]> = [
    ['seed: only the broken invariant', () => undefined, [broken]],
    ['resource of a type its type profile does not allow', (r: any) => { r.contained = [{ resourceType: 'Patient', id: 'p' }]; r.subject = { reference: '#p' }; },
      [broken, { ruleId: 'profile/type-not-allowed', messageId: 'resourceType', elementId: 'Observation.contained', expression: 'Observation.contained[0]' }]],
    ['type profile that cannot be found', (r: any) => { r.identifier = [{ value: '1' }]; },
      [broken, { ruleId: 'profile/type-profile', messageId: 'unresolved', elementId: 'Observation.identifier', expression: 'Observation.identifier[0]', severity: 'warning' }]],
    ['target profile that cannot be found', (r: any) => { r.performer = [{ reference: 'Practitioner/1' }]; },
      [broken, { ruleId: 'profile/target-profile', messageId: 'unresolvedProfile', elementId: 'Observation.performer', expression: 'Observation.performer[0]', severity: 'warning' }]],
    ['minValue that the value\'s precision cannot decide', (r: any) => { r.effectiveDateTime = '2020'; },
      [broken, { ruleId: 'profile/value-range', messageId: 'notComparable', elementId: 'Observation.effective[x]', expression: 'Observation.effective.ofType(dateTime)', severity: 'information' }]],
    ['value matching none of several type profiles', (r: any) => { r.valueQuantity = { value: 1, comparator: '<', system: 'http://unitsofmeasure.org', code: 'kg' }; },
      [broken, { ruleId: 'profile/type-profile', messageId: 'noMatch', elementId: 'Observation.value[x]', expression: 'Observation.value.ofType(Quantity)' }]],
    // With several type profiles the snapshot takes no profile's invariants: a comparator is fine for MoneyQuantity.
    ['value matching the second of several type profiles', (r: any) => { r.valueQuantity = { value: 1, comparator: '<', system: 'urn:iso:std:iso:4217', code: 'GBP' }; },
      [broken]],
  ];
  it.each(cases)('%s', (_n, change, expected) => {
    const r = base();
    change(r);
    expectIssues(h.check(r, [MISC]).all, expected);
  });

  it('a profile without a snapshot is not used, and says so', () => {
    const defs = new Definitions([memoryPackage('raw', [fixture('definitions', 'test-practitioner')]), basePackage()]);
    const raw = new ProfileHarness(defs);
    expectIssues(raw.check({ resourceType: 'Practitioner' }, [`${P}test-practitioner`]).all, [
      { ruleId: 'profile/not-checked', messageId: 'noSnapshot', elementId: undefined, expression: 'Practitioner' },
    ]);
  });
});

describe('profile defects', () => {
  it('a slice whose discriminator has no fixed value cannot be evaluated: one warning, never a match', () => {
    const out = h.check({ resourceType: 'Patient', telecom: [{ system: 'phone', value: '0113 000 0000', use: 'work' }] }, [`${P}test-unusable-slicing`]);
    expectIssues(out.all, [{ ruleId: 'profile/slicing', messageId: 'cannotEvaluate', elementId: 'Patient.telecom:phone', expression: 'Patient', severity: 'warning' }]);
  });
});

describe('bindings and Must Support', () => {
  it('calls the binding hook for profile bindings, slices and extensions included', () => {
    const calls: string[] = [];
    const hb = new ProfileHarness(testDefinitions(), (_v, type, b, loc, profile, elementId) => {
      calls.push(`${type} ${b.strength} ${b.valueSet} ${loc.expression} ${elementId} ${profile.split('|')[0]}`);
      return [];
    });
    hb.check(fixture('seeds', 'observation'), [OBS]);
    hb.check(fixture('seeds', 'patient'), [PAT]);
    expect(calls).toEqual([
      `CodeableConcept required http://example.org/fhir/ValueSet/test-interpretation Observation.interpretation[0] Observation.interpretation ${OBS}`,
      `code required http://hl7.org/fhir/ValueSet/administrative-gender Patient.extension[0].extension[0].value.ofType(code) Extension.extension:kind.value[x] ${P}test-ext-complex`,
    ]);
  });

  it('issues returned by the binding hook are part of the result', () => {
    const hb = new ProfileHarness(testDefinitions(), (_v, _t, _b, location) => [{ ruleId: 'terminology/binding-required', messageId: 'notInValueSet', message: 'x', severity: 'error', code: 'code-invalid', location }]);
    const out = hb.check(fixture('seeds', 'observation'), [OBS]);
    expect(out.all.map((i) => [i.ruleId, i.location.expression])).toEqual([['terminology/binding-required', 'Observation.interpretation[0]']]);
  });

  it('records which mustSupport elements are present, without issues', () => {
    const out = run('observation', (r) => delete r.extension);
    expect(out.mustSupport).toHaveLength(1);
    const ms = out.mustSupport[0]!;
    expect(ms.profile).toBe(`${OBS}|1.0.0`);
    expect(ms.elements).toEqual(['Observation.extension:simple', 'Observation.status', 'Observation.subject', 'Observation.value[x]']);
    expect(ms.present).toEqual(['Observation.status', 'Observation.subject', 'Observation.value[x]']);
    expectIssues(out.all, []);
  });
});

describe('profile selection problems', () => {
  it('an unknown profile is an issue, never a pass', () => {
    const out = h.check(fixture('seeds', 'observation'), ['http://example.org/fhir/StructureDefinition/nope']);
    expectIssues(out.all, [{ ruleId: 'profile/not-checked', messageId: 'notFound', elementId: undefined, expression: 'Observation' }]);
  });
  it('a profile for another resource type', () => {
    const out = h.check(fixture('seeds', 'patient'), [OBS]);
    expectIssues(out.all, [{ ruleId: 'profile/not-checked', messageId: 'wrongType', elementId: undefined, expression: 'Patient' }]);
  });
});
