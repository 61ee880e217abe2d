// Snapshot findings not covered by the fixture profiles: each row is a small differential with one mistake, and the
// finding it must give (ruleId, messageId, element id and the differential element it points at).
import { beforeAll, describe, expect, it } from 'vitest';
import type { Issue } from '../../src/model/issue.js';
import type { Definitions } from '../../src/packages/definitions.js';
import { generateSnapshot } from '../../src/snapshot/index.js';
import { fixtureDefinitions } from './fixture-defs.js';

const BASE = 'http://example.org/fhir/StructureDefinition/';
const PATIENT = 'http://hl7.org/fhir/StructureDefinition/Patient';

let defs: Definitions;
beforeAll(() => {
  defs = fixtureDefinitions([]);
});

function profile(name: string, base: string | undefined, elements: Record<string, any>[]): Record<string, any> {
  return {
    resourceType: 'StructureDefinition', id: name, url: BASE + name, name, status: 'draft', kind: 'resource', abstract: false,
    type: 'Patient', derivation: 'constraint', ...(base ? { baseDefinition: base } : {}),
    differential: { element: [{ id: 'Patient', path: 'Patient' }, ...elements] },
  };
}

/** The same profile with a type on its first (root) differential element. */
function withRootType(sd: Record<string, any>): Record<string, any> {
  const [root, ...rest] = sd.differential.element as Record<string, any>[];
  return { ...sd, differential: { element: [{ ...root, type: [{ code: 'Patient' }] }, ...rest] } };
}

const el = (id: string, props: Record<string, any> = {}) => ({ id, path: id.replace(/:[^.]+/g, ''), ...props });

/** A parent profile that closes Patient.identifier slicing by system, with one slice. */
const CLOSED_PARENT = profile('closed-parent', PATIENT, [
  el('Patient.identifier', { slicing: { discriminator: [{ type: 'value', path: 'system' }], rules: 'closed' } }),
  el('Patient.identifier:nhs', { sliceName: 'nhs', min: 0, max: '1' }),
  el('Patient.identifier:nhs.system', { fixedUri: 'https://fhir.nhs.uk/Id/nhs-number' }),
]);

function generate(sd: Record<string, any>, extra: Record<string, any>[] = []): { snapshot: Record<string, any>[]; issues: Issue[] } {
  const byUrl = new Map<string, Record<string, any>>();
  for (const p of extra) {
    // Parents get their own generated snapshot first, as generateAll would.
    const out = generateSnapshot(p, { resolve: (c) => byUrl.get(c) ?? defs.resolve(c) });
    expect(out.issues).toEqual([]);
    byUrl.set(p.url, { ...p, snapshot: { element: out.snapshot } });
  }
  return generateSnapshot(sd, { resolve: (c) => byUrl.get(c) ?? defs.resolve(c) });
}

const summary = (i: Issue) => [i.ruleId, i.messageId, i.elementId, i.location.expression];

// [what, profile, parents, expected [ruleId, messageId, elementId, differential element]]
const ROWS: [string, Record<string, any>, Record<string, any>[], [string, string, string | undefined, string | undefined][]][] = [
  ['no baseDefinition', profile('no-base', undefined, [el('Patient.gender', { min: 1 })]), [],
    [['snapshot/base-not-found', 'noBase', undefined, undefined]]],
  ['an element of another resource', profile('wrong-root', PATIENT, [el('Observation.status', { min: 1 })]), [],
    [['snapshot/unmatched-element', 'noRoot', 'Observation.status', 'StructureDefinition.differential.element[1]']]],
  // xhtml.id is the one R4 element typed with a bare System type (no structuredefinition-fhir-type extension).
  ['walking into a System-typed value', profile('into-system-type', PATIENT, [el('Patient.text.div.id.value', { max: '0' })]), [],
    [['snapshot/unmatched-element', 'noChildren', 'Patient.text.div.id.value', 'StructureDefinition.differential.element[1]']]],
  ['a min below the base min', profile('min-below', PATIENT, [el('Patient.link.other', { min: 0 })]), [],
    [['snapshot/cardinality', 'minBelowBase', 'Patient.link.other', 'StructureDefinition.differential.element[1]']]],
  ['a max above the base max', profile('max-above', PATIENT, [el('Patient.gender', { max: '*' })]), [],
    [['snapshot/cardinality', 'maxAboveBase', 'Patient.gender', 'StructureDefinition.differential.element[1]']]],
  ['a type on the root element', withRootType(profile('root-type', PATIENT, [el('Patient.gender', { min: 1 })])), [],
    [['snapshot/type-not-allowed', 'rootType', 'Patient', 'StructureDefinition.differential.element[0]']]],
  ['isSummary changed', profile('summary', PATIENT, [el('Patient.active', { isSummary: false })]), [],
    [['snapshot/unchangeable', 'isSummary', 'Patient.active', 'StructureDefinition.differential.element[1]']]],
  ['a slice added to closed slicing', profile('closed-child', BASE + 'closed-parent', [el('Patient.identifier:local', { sliceName: 'local' })]), [CLOSED_PARENT],
    [['snapshot/slicing', 'closedSlicing', 'Patient.identifier:local', 'StructureDefinition.differential.element[1]']]],
  ['the discriminator changed', profile('discriminator', BASE + 'closed-parent', [
    el('Patient.identifier', { slicing: { discriminator: [{ type: 'value', path: 'use' }], rules: 'closed' } }),
  ]), [CLOSED_PARENT],
  [['snapshot/slicing', 'discriminatorChanged', 'Patient.identifier', 'StructureDefinition.differential.element[1]']]],
  ['closed slicing opened again', profile('loosened', BASE + 'closed-parent', [el('Patient.identifier', { slicing: { rules: 'open' } })]), [CLOSED_PARENT],
    [['snapshot/slicing', 'rulesLoosened', 'Patient.identifier', 'StructureDefinition.differential.element[1]']]],
];

describe('snapshot findings', () => {
  it.each(ROWS)('%s', (_what, sd, parents, expected) => {
    const out = generate(sd, parents);
    expect(out.issues.map(summary)).toEqual(expected);
    for (const i of out.issues) expect(i.location.source).toBe(sd.url);
  });

  it('keeps the base value where a finding says a property may not change', () => {
    const summaryOut = generate(ROWS[6]![1]);
    expect(summaryOut.snapshot.find((e) => e.id === 'Patient.active')?.isSummary).toBe(true);
    const loosened = generate(ROWS[9]![1], [CLOSED_PARENT]);
    expect(loosened.snapshot.find((e) => e.id === 'Patient.identifier')?.slicing.rules).toBe('closed');
  });

  it('gives the data the messages need', () => {
    const [minBelow] = generate(ROWS[3]![1]).issues;
    expect(minBelow!.data).toEqual({ id: 'Patient.link.other', min: 0, baseMin: 1 });
    const [maxAbove] = generate(ROWS[4]![1]).issues;
    expect(maxAbove!.data).toEqual({ id: 'Patient.gender', max: '*', baseMax: '1' });
    const [changed] = generate(ROWS[8]![1], [CLOSED_PARENT]).issues;
    expect(changed!.data).toEqual({ id: 'Patient.identifier', base: 'value:system', derived: 'value:use' });
    const [noChildren] = generate(ROWS[2]![1]).issues;
    expect(noChildren!.data).toEqual({ id: 'Patient.text.div.id.value', parent: 'Patient.text.div.id', type: 'http://hl7.org/fhirpath/System.String' });
    const [noBase] = generate(ROWS[0]![1]).issues;
    expect(noBase!.data).toEqual({ url: `${BASE}no-base` });
    expect(generate(ROWS[0]![1]).snapshot).toEqual([]);
  });
});
