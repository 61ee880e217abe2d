// Regression tests for the disagreements with the HL7 Java validator's test suite (FHIR/fhir-test-cases, validator/)
// that were our bugs, each on our own minimal fixture (fixtures/hl7-agreement): an extension whose context is another
// extension used on that extension's value, slicing-entry constraints applying to items that match a slice, a type
// discriminator through resolve(), the searchset rules, and fullUrls that are not RESTful.
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import type { Issue } from '../../src/model/issue.js';
import { Definitions } from '../../src/packages/definitions.js';
import { generateAll } from '../../src/snapshot/index.js';
import { projectRoot } from '../../src/util/shared-data.js';
import { ProfileHarness } from '../profile/support/harness.js';
import { expectIssues } from '../profile/support/expect-issues.js';
import { basePackage, memoryPackage } from '../snapshot/fixture-defs.js';
import { pretty, validateInput } from '../support/rule-tester.js';

const DIR = path.join(projectRoot, 'fixtures', 'hl7-agreement');
const P = 'http://example.org/fhir/StructureDefinition/';

function instance(name: string): Record<string, any> {
  return JSON.parse(readFileSync(path.join(DIR, 'instances', `${name}.json`), 'utf8'));
}

let h: ProfileHarness;
beforeAll(() => {
  const defsDir = path.join(DIR, 'definitions');
  const list = readdirSync(defsDir).filter((f) => f.endsWith('.json')).map((f) => JSON.parse(readFileSync(path.join(defsDir, f), 'utf8')));
  const defs = new Definitions([memoryPackage('hl7-agreement', list), basePackage()]);
  const r = generateAll(defs);
  if (r.failed.length) throw new Error(`snapshots failed: ${r.failed.join(', ')}`);
  h = new ProfileHarness(defs);
}, 60_000);

// https://hl7.org/fhir/R4/defining-extensions.html#context: a context of type `extension` names the extension the new
// one may be used in; the HL7 validator also accepts it on that extension's value (`valueAddress.extension`).
describe('extension context of type extension', () => {
  it('allows the extension on the value of the named extension, not on another extension\'s value', () => {
    const out = h.check(instance('patient-flag-on-extension-value'), []);
    expectIssues(out.all, [
      { ruleId: 'extension/context', messageId: 'notAllowed', elementId: 'Extension', expression: 'Patient.extension[1].value.ofType(CodeableConcept).extension[0]' },
    ]);
  });
});

// https://hl7.org/fhir/R4/profiling.html#slicing: constraints on the slicing entry apply to every slice, although a
// slice's snapshot starts from the base element.
describe('constraints on the slicing entry apply to items that match a slice', () => {
  const VITALS = `${P}agreement-vitals`;
  const interpretation = [{ coding: [{ system: 'http://terminology.hl7.org/CodeSystem/v3-ObservationInterpretation', code: 'N' }] }];

  it('the fixture is valid', () => {
    expectIssues(h.check(instance('observation-vitals'), [VITALS]).all, []);
  });

  it.each([
    ['a component matching slice heartRate', 0],
    ['a component matching no slice (open slicing)', 1],
  ])('%s may not have the interpretation the entry prohibits', (_name, idx) => {
    const o = instance('observation-vitals');
    o.component[idx].interpretation = interpretation;
    expectIssues(h.check(o, [VITALS]).all, [
      { ruleId: 'profile/cardinality', messageId: 'prohibited', elementId: 'Observation.component.interpretation',
        expression: `Observation.component[${idx}].interpretation[0]`, profile: VITALS },
    ]);
  });
});

// https://hl7.org/fhir/R4/profiling.html#discriminator: type discriminator on `item.resolve()` is the type of the
// referenced resource (here contained ones).
describe('type discriminator through resolve()', () => {
  const LIST = `${P}agreement-list-by-target`;

  it('matches contained targets by their resource type', () => {
    const out = h.check(instance('list-by-target'), [LIST]);
    expectIssues(out.all, []);
    expect(out.all.filter((i) => i.messageId === 'cannotEvaluate')).toEqual([]);
  });

  it('counts the slices by the resolved type: two Conditions for a 1..1 slice, and no Device', () => {
    const l = instance('list-by-target');
    l.contained[1] = { resourceType: 'Condition', id: 'c2', subject: { reference: 'Patient/p1' } };
    l.entry[1].item.reference = '#c2';
    expectIssues(h.check(l, [LIST]).all, [
      { ruleId: 'profile/cardinality', messageId: 'tooMany', elementId: 'List.entry:condition', expression: 'List.entry[1]' },
      { ruleId: 'profile/cardinality', messageId: 'sliceMissing', elementId: 'List.entry:device', expression: 'List' },
    ]);
  });
});

function ids(issues: Issue[], severities: string[] = ['error', 'fatal']): string[] {
  return issues
    .filter((i) => severities.includes(i.severity) && !(i.ruleId === 'invariant/constraint' && i.constraint?.key === 'dom-6'))
    .map((i) => `${i.ruleId}/${i.messageId} @ ${i.location.expression ?? ''}`)
    .sort();
}

// https://hl7.org/fhir/R4/search.html and Bundle.entry.search.mode.
describe('searchset Bundles', () => {
  const S = 'bundle/searchset';
  const run = (b: unknown) => validateInput({ text: pretty(b) });

  it('the fixture has no errors or warnings', () => {
    expect(ids(run(instance('searchset-patients')), ['error', 'fatal', 'warning'])).toEqual([]);
  });

  it.each<[string, (b: any) => void, string[]]>([
    ['a match without an id', (b) => delete b.entry[0].resource.id, [`${S}/resultWithoutId @ Bundle.entry[0].resource`]],
    ['an include without an id', (b) => delete b.entry[1].resource.id, [`${S}/resultWithoutId @ Bundle.entry[1].resource`]],
    ['an outcome that is not an OperationOutcome', (b) => { b.entry[1].search.mode = 'outcome'; }, [`${S}/notAnOutcome @ Bundle.entry[1].resource`]],
    ['a match of another type than the self link searched for', (b) => { b.entry[1].search.mode = 'match'; }, [`${S}/wrongType @ Bundle.entry[1].resource`]],
    ['_type lists the types searched for', (b) => { b.link[0].url = 'https://fhir.example.org/r4?_type=Organization,Practitioner'; },
      [`${S}/wrongType @ Bundle.entry[0].resource`]],
  ])('%s', (_name, change, expected) => {
    const b = instance('searchset-patients');
    change(b);
    expect(ids(run(b))).toEqual(expected);
  });

  it('warns when the self link or the search modes are missing; an OperationOutcome without a mode is an outcome', () => {
    const b = instance('searchset-patients');
    delete b.link;
    delete b.entry[2].search;
    expect(ids(run(b), ['warning'])).toEqual([`${S}/noSearchMode @ Bundle`, `${S}/noSelfLink @ Bundle`]);
    expect(ids(run(b))).toEqual([]);
  });

  it('a system-wide search names no type, so any type may match', () => {
    const b = instance('searchset-patients');
    b.link[0].url = 'https://fhir.example.org/r4?_lastUpdated=gt2024-01-01';
    b.entry[1].search.mode = 'match';
    expect(ids(run(b))).toEqual([]);
  });
});

// https://hl7.org/fhir/R4/bundle.html#bundle-unique: only a RESTful fullUrl ([base]/[type]/[id]) can disagree with
// the resource's type and id.
describe('fullUrl and resource id', () => {
  it('does not judge fullUrls that are not RESTful', () => {
    expect(ids(validateInput({ text: pretty(instance('collection-non-restful-fullurl')) }))).toEqual([]);
  });

  it('still reports a RESTful fullUrl naming another id', () => {
    const b = instance('collection-non-restful-fullurl');
    b.entry[0].fullUrl = 'https://fhir.example.org/r4/Basic/summary-18';
    expect(ids(validateInput({ text: pretty(b) }))).toEqual(['bundle/full-url/idMismatch @ Bundle.entry[0].fullUrl']);
  });
});
