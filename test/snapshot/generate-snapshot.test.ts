// Snapshot generation on small differentials: each row names an element and what the generated snapshot must say.
import { beforeAll, describe, expect, it } from 'vitest';
import type { Issue } from '../../src/model/issue.js';
import { Definitions } from '../../src/packages/definitions.js';
import { generateAll, generateSnapshot, type GenerateAllResult } from '../../src/snapshot/index.js';
import { buildElementTree } from '../../src/structure/element-tree.js';
import { basePackage, fixtureDefinitions, memoryPackage, readFixture } from './fixture-defs.js';

const BASE = 'http://example.org/fhir/StructureDefinition/';
const FIXTURES = ['patient-parent', 'patient-child', 'patient-errors', 'observation-choice', 'extension-complex', 'questionnaire-content-reference'];

let defs: Definitions;
let result: GenerateAllResult;

beforeAll(() => {
  defs = fixtureDefinitions(FIXTURES);
  result = generateAll(defs);
});

function element(profile: string, id: string): Record<string, any> | undefined {
  return defs.resolve(BASE + profile)?.snapshot?.element?.find((e: any) => e.id === id);
}

function issuesOf(profile: string): Issue[] {
  return result.issues.filter((i) => i.profile?.split('|')[0] === BASE + profile);
}

describe('generateAll', () => {
  it('generates every differential-only fixture, parents before children whatever their order', () => {
    const order = result.generated.map((u) => u.slice(u.lastIndexOf('/') + 1));
    for (const f of ['test-patient-parent', 'a-test-patient-child', 'test-patient-errors', 'test-observation-choice', 'test-extension-complex', 'test-questionnaire']) {
      expect(order).toContain(f);
    }
    expect(order.indexOf('test-patient-parent')).toBeLessThan(order.indexOf('a-test-patient-child'));
    expect(result.failed).toEqual([]);
  });

  it('registers copies and leaves the package resources without a snapshot', () => {
    const original = readFixture('patient-parent');
    expect(original.snapshot).toBeUndefined();
    expect(defs.resolve(`${BASE}test-patient-parent`)?.snapshot?.element.length).toBeGreaterThan(50);
  });

  it('gives ids, paths and base to every element, a source to every constraint, and a tree the validator can read', () => {
    for (const f of ['test-patient-parent', 'a-test-patient-child', 'test-observation-choice', 'test-extension-complex', 'test-questionnaire']) {
      const sd = defs.resolve(BASE + f)!;
      const ids = new Set<string>();
      for (const el of sd.snapshot.element) {
        expect(el.id, f).toBeTruthy();
        expect(ids.has(el.id), `${f} ${el.id} twice`).toBe(false);
        ids.add(el.id);
        expect(el.path, el.id).toBeTruthy();
        expect(el.base?.path, el.id).toBeTruthy();
        for (const c of el.constraint ?? []) expect(c.source, `${el.id} ${c.key}`).toBeTruthy();
      }
      const tree = buildElementTree(sd);
      expect(tree.byId.size).toBe(sd.snapshot.element.length);
    }
  });
});

// [profile, element id, property, expected value]
const ELEMENT_ROWS: [string, string, string, unknown][] = [
  // slicing: a new slice starts from the base element with min 0 (not the sliced element's min 1)
  ['test-patient-parent', 'Patient.identifier', 'min', 1],
  ['test-patient-parent', 'Patient.identifier:nhsNumber', 'min', 0],
  ['test-patient-parent', 'Patient.identifier:nhsNumber', 'max', '1'],
  ['a-test-patient-child', 'Patient.identifier:localId', 'min', 0],
  ['a-test-patient-child', 'Patient.identifier:nhsNumber', 'min', 1],
  // walking into a type: Identifier's children under the slice, ids/paths rebased, base kept
  ['test-patient-parent', 'Patient.identifier:nhsNumber.system', 'fixedUri', 'https://fhir.nhs.uk/Id/nhs-number'],
  ['test-patient-parent', 'Patient.identifier:nhsNumber.system', 'path', 'Patient.identifier.system'],
  ['test-patient-parent', 'Patient.identifier:nhsNumber.system', 'base', { path: 'Identifier.system', min: 0, max: '1' }],
  ['test-patient-parent', 'Patient.identifier:nhsNumber.system', 'min', 1],
  // re-slicing: a re-slice of a slice inherits the slice's constraints
  ['a-test-patient-child', 'Patient.identifier:nhsNumber/official', 'sliceName', 'nhsNumber/official'],
  ['a-test-patient-child', 'Patient.identifier:nhsNumber/official.system', 'fixedUri', 'https://fhir.nhs.uk/Id/nhs-number'],
  ['a-test-patient-child', 'Patient.identifier:nhsNumber/official.use', 'fixedCode', 'official'],
  ['a-test-patient-child', 'Patient.identifier:nhsNumber', 'slicing', { discriminator: [{ type: 'value', path: 'use' }], rules: 'open' }],
  // extensions: implicit url slicing, the extension's own definition, min/max from the differential
  ['test-patient-parent', 'Patient.extension', 'slicing', { discriminator: [{ type: 'value', path: 'url' }], ordered: false, rules: 'open' }],
  ['test-patient-parent', 'Patient.extension:birthPlace', 'short', 'Place of Birth for patient'],
  ['test-patient-parent', 'Patient.extension:birthPlace', 'min', 0],
  ['test-patient-parent', 'Patient.extension:birthPlace', 'max', '1'],
  ['test-patient-parent', 'Patient.extension:birthPlace.url', 'fixedUri', 'http://hl7.org/fhir/StructureDefinition/patient-birthPlace'],
  ['test-patient-parent', 'Patient.extension:birthPlace.value[x]', 'mustSupport', true],
  ['test-patient-parent', 'Patient.extension:birthPlace.value[x]', 'type', [{ code: 'Address' }]],
  // bindings: a differential that states only a strength keeps the base value set
  ['test-patient-parent', 'Patient.maritalStatus', 'binding.strength', 'required'],
  ['test-patient-parent', 'Patient.maritalStatus', 'binding.valueSet', 'http://hl7.org/fhir/ValueSet/marital-status'],
  // constraints are appended with the profile as source; inherited ones keep theirs
  ['test-patient-parent', 'Patient.name', 'constraint.1.source', `${BASE}test-patient-parent`],
  ['test-patient-parent', 'Patient.name', 'constraint.0.source', 'http://hl7.org/fhir/StructureDefinition/Element'],
  // backbone children
  ['test-patient-parent', 'Patient.contact.name', 'min', 1],
  // choice shorthand (R4 reading): a closed type slice
  ['test-patient-parent', 'Patient.deceased[x]', 'type', [{ code: 'boolean' }]],
  ['test-patient-parent', 'Patient.deceased[x]', 'slicing.rules', 'closed'],
  ['test-patient-parent', 'Patient.deceased[x]:deceasedBoolean', 'short', 'Shorthand for a boolean deceased[x]'],
  ['test-observation-choice', 'Observation.effective[x]:effectiveDateTime', 'min', 1],
  ['test-observation-choice', 'Observation.effective[x]', 'min', 0],
  // a choice narrowed to one type can be walked into
  ['test-observation-choice', 'Observation.value[x].system', 'fixedUri', 'http://unitsofmeasure.org'],
  ['test-observation-choice', 'Observation.value[x].system', 'base', { path: 'Quantity.system', min: 0, max: '1' }],
  // an explicit type slice gets implicit type slicing, and its type from its name
  ['test-observation-choice', 'Observation.component:note.value[x]', 'slicing.discriminator', [{ type: 'type', path: '$this' }]],
  ['test-observation-choice', 'Observation.component:note.value[x]:valueString', 'type', [{ code: 'string' }]],
  ['test-observation-choice', 'Observation.component:note.value[x]:valueString', 'min', 1],
  // contentReference: unrolled from the resource's own definition when walked into, left alone otherwise
  ['test-observation-choice', 'Observation.component:note.referenceRange.text', 'max', '0'],
  ['test-observation-choice', 'Observation.component:note.referenceRange', 'contentReference', undefined],
  ['test-observation-choice', 'Observation.component.referenceRange', 'contentReference', '#Observation.referenceRange'],
  ['test-questionnaire', 'Questionnaire.item.item.linkId', 'maxLength', 20],
  ['test-questionnaire', 'Questionnaire.item.item', 'type', [{ code: 'BackboneElement' }]],
  ['test-questionnaire', 'Questionnaire.item.item.extension:hidden', 'type', [{ code: 'Extension', profile: ['http://hl7.org/fhir/StructureDefinition/questionnaire-hidden'] }]],
  // complex extension definition
  ['test-extension-complex', 'Extension', 'max', '1'],
  ['test-extension-complex', 'Extension.extension:code', 'min', 1],
  ['test-extension-complex', 'Extension.extension:code.url', 'fixedUri', 'code'],
  ['test-extension-complex', 'Extension.extension:code.value[x]', 'binding.valueSet', 'http://hl7.org/fhir/ValueSet/marital-status'],
  ['test-extension-complex', 'Extension.extension:period.value[x]', 'type', [{ code: 'Period' }]],
  ['test-extension-complex', 'Extension.extension', 'slicing.discriminator', [{ type: 'value', path: 'url' }]],
  ['test-extension-complex', 'Extension.value[x]', 'max', '0'],
];

function pick(value: any, path: string): unknown {
  return path.split('.').reduce((v, k) => (v == null ? undefined : v[k]), value);
}

describe('generated elements', () => {
  it.each(ELEMENT_ROWS)('%s %s %s', (profile, id, property, expected) => {
    const el = element(profile, id);
    expect(el, `${id} missing`).toBeDefined();
    expect(pick(el, property)).toEqual(expected);
  });
});

// [profile, ruleId, messageId, elementId]
const ISSUE_ROWS: [string, string, string, string][] = [
  ['test-patient-errors', 'snapshot/unmatched-element', 'noSuchElement', 'Patient.nickname'],
  ['test-patient-errors', 'snapshot/cardinality', 'minAboveMax', 'Patient.gender'],
  ['test-patient-errors', 'snapshot/type-not-allowed', 'type', 'Patient.active'],
  ['test-patient-errors', 'snapshot/type-not-allowed', 'fixedType', 'Patient.birthDate'],
  ['test-patient-errors', 'snapshot/binding', 'weakened', 'Patient.link.type'],
  ['test-patient-errors', 'snapshot/unchangeable', 'isModifier', 'Patient.telecom'],
  ['test-patient-errors', 'snapshot/type-not-allowed', 'targetProfile', 'Patient.generalPractitioner'],
  ['test-patient-errors', 'snapshot/unmatched-element', 'ambiguousType', 'Patient.multipleBirth[x].value'],
  ['test-patient-errors', 'snapshot/slicing', 'noSlicing', 'Patient.photo'],
  ['test-patient-errors', 'snapshot/slicing', 'noSlicing', 'Patient.contact'],
  ['test-patient-errors', 'snapshot/slicing', 'sliceNotDeclared', 'Patient.name.given:x'],
  ['test-patient-errors', 'snapshot/slicing', 'noSlicing', 'Patient.name.given'],
];

describe('issues', () => {
  it.each(ISSUE_ROWS)('%s: %s/%s at %s', (profile, ruleId, messageId, elementId) => {
    const found = issuesOf(profile).filter((i) => i.ruleId === ruleId && i.messageId === messageId && i.elementId === elementId);
    expect(found).toHaveLength(1);
    expect(found[0]!.location.source).toBe(BASE + profile);
  });

  it('reports nothing else, and nothing for the valid fixtures', () => {
    expect(issuesOf('test-patient-errors')).toHaveLength(ISSUE_ROWS.length);
    for (const f of ['test-patient-parent', 'a-test-patient-child', 'test-observation-choice', 'test-extension-complex', 'test-questionnaire']) {
      expect(issuesOf(f), f).toEqual([]);
    }
  });

  it('points at the differential element', () => {
    const i = issuesOf('test-patient-errors').find((x) => x.elementId === 'Patient.gender')!;
    expect(i.location.expression).toBe('StructureDefinition.differential.element[1]');
    expect(i.severity).toBe('error');
  });

  it('reports a missing base and returns no snapshot', () => {
    const sd = { ...readFixture('patient-parent'), baseDefinition: 'http://example.org/fhir/StructureDefinition/nowhere' };
    const out = generateSnapshot(sd, { resolve: (c) => defs.resolve(c) });
    expect(out.snapshot).toEqual([]);
    expect(out.issues.map((i) => `${i.ruleId}/${i.messageId}`)).toEqual(['snapshot/base-not-found/missing']);
  });

  it('reports circular baseDefinitions instead of recursing', () => {
    const a = { ...readFixture('patient-parent'), id: 'loop-a', url: `${BASE}loop-a`, baseDefinition: `${BASE}loop-b` };
    const b = { ...readFixture('patient-parent'), id: 'loop-b', url: `${BASE}loop-b`, baseDefinition: `${BASE}loop-a` };
    const loopDefs = fixtureDefinitionsWith([a, b]);
    const out = generateAll(loopDefs);
    expect(out.generated.filter((u) => u.startsWith(BASE))).toEqual([]);
    expect(out.issues.some((i) => i.ruleId === 'snapshot/base-not-found' && i.messageId === 'circular')).toBe(true);
  });
});

describe('determinism', () => {
  it('gives the same snapshot for the same input, without touching the input', () => {
    const sd = readFixture('patient-child');
    const before = JSON.stringify(sd);
    const ctx = { resolve: (c: string) => defs.resolve(c) };
    const one = generateSnapshot(sd, ctx);
    const two = generateSnapshot(sd, ctx);
    expect(JSON.stringify(one)).toBe(JSON.stringify(two));
    expect(JSON.stringify(sd)).toBe(before);
  });

  it('reads the shorthand the current HL7 way when asked: an open type slice that keeps the other types', () => {
    const out = generateSnapshot(readFixture('patient-parent'), { resolve: (c) => defs.resolve(c) }, { choiceShorthand: 'current' });
    const head = out.snapshot.find((e) => e.id === 'Patient.deceased[x]')!;
    expect(head.slicing.rules).toBe('open');
    expect(head.type.map((t: any) => t.code)).toEqual(['boolean', 'dateTime']);
    expect(out.snapshot.find((e) => e.id === 'Patient.deceased[x]:deceasedBoolean')?.type).toEqual([{ code: 'boolean' }]);
  });
});

function fixtureDefinitionsWith(resources: Record<string, any>[]): Definitions {
  return new Definitions([memoryPackage('loop', resources), basePackage()]);
}
