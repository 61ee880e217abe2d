// The native invariants must give the same verdict as the FHIRPath engine on the R4 expressions they replace
// (src/validate/native-invariants.ts); dom-3, which fhirpath.js cannot evaluate, is held to hand-written expectations.
import { beforeAll, describe, expect, it } from 'vitest';
import { FhirPathEvaluator } from '../../src/fhirpath/evaluator.js';
import type { ConstraintDef } from '../../src/structure/element-tree.js';
import { dom3UnreferencedIds, ele1, ext1, NATIVE_INVARIANTS } from '../../src/validate/native-invariants.js';
import { sharedValidator } from '../support/rule-tester.js';

const fhirpath = new FhirPathEvaluator();

/** Where each native invariant is defined in R4: type (or resource) and element id. */
const DEFINED_AT: Record<string, [type: string, elementId: string]> = {
  'ref-1': ['Reference', 'Reference'],
  'dom-2': ['DomainResource', 'DomainResource'],
  'dom-4': ['DomainResource', 'DomainResource'],
  'dom-5': ['DomainResource', 'DomainResource'],
  'dom-6': ['DomainResource', 'DomainResource'],
  'qty-3': ['Quantity', 'Quantity'],
  'cpt-2': ['ContactPoint', 'ContactPoint'],
  'que-7': ['Questionnaire', 'Questionnaire.item.enableWhen'],
  'bdl-7': ['Bundle', 'Bundle'],
  'bdl-3': ['Bundle', 'Bundle'],
  'bdl-4': ['Bundle', 'Bundle'],
};

let constraints: Map<string, ConstraintDef>;
beforeAll(() => {
  const { structures } = sharedValidator().validator;
  constraints = new Map();
  for (const [key, [type, id]] of Object.entries(DEFINED_AT)) {
    const c = structures.typeTree(type)?.byId.get(id)?.constraints.find((k) => k.key === key);
    if (c) constraints.set(key, c);
  }
  for (const [type, key] of [['Element', 'ele-1'], ['Extension', 'ext-1'], ['DomainResource', 'dom-3']] as const) {
    const c = structures.typeTree(type)?.root.constraints.find((k) => k.key === key);
    if (c) constraints.set(key, c);
  }
});

const NARRATIVE = { status: 'generated', div: '<div xmlns="http://www.w3.org/1999/xhtml">x</div>' };
const EXT = [{ url: 'http://example.org/x', valueString: 'y' }];

interface Case {
  name: string;
  node: unknown;
  /** %rootResource (and %resource); defaults to the node itself. */
  root?: Record<string, unknown>;
  expected: boolean;
}

/** FHIRPath base path for each key's node (undefined = a whole resource). */
const BASE: Record<string, string | undefined> = {
  'ref-1': 'Reference', 'dom-2': undefined, 'dom-4': undefined, 'dom-5': undefined, 'dom-6': undefined,
  'qty-3': 'Quantity', 'cpt-2': 'ContactPoint', 'que-7': 'Questionnaire.item.enableWhen', 'bdl-7': undefined,
  'bdl-3': undefined, 'bdl-4': undefined,
};

const withContained = (contained: unknown[], extra: Record<string, unknown> = {}) => ({ resourceType: 'Patient', contained, ...extra });

const CASES: Record<string, Case[]> = {
  'ref-1': [
    { name: 'no reference (display only)', node: { display: 'Dr X' }, root: withContained([]), expected: true },
    { name: 'relative reference', node: { reference: 'Patient/1' }, root: withContained([]), expected: true },
    { name: '#id present', node: { reference: '#a' }, root: withContained([{ resourceType: 'Organization', id: 'a' }]), expected: true },
    { name: '#id absent', node: { reference: '#b' }, root: withContained([{ resourceType: 'Organization', id: 'a' }]), expected: false },
    { name: '#id with no contained at all', node: { reference: '#a' }, root: { resourceType: 'Patient' }, expected: false },
    { name: "'#' (a contained resource pointing at its container)", node: { reference: '#' }, root: withContained([{ resourceType: 'Provenance', id: 'p' }]), expected: true },
    { name: "'#' with no contained list", node: { reference: '#' }, root: { resourceType: 'Patient' }, expected: true },
    { name: 'reference with only an extension (_reference)', node: { _reference: { extension: EXT } }, root: withContained([]), expected: true },
    { name: '#id matching a contained id only by prefix', node: { reference: '#ab' }, root: withContained([{ resourceType: 'Organization', id: 'a' }]), expected: false },
    { name: 'empty contained array', node: { reference: '#a' }, root: withContained([]), expected: false },
  ],
  'dom-2': [
    { name: 'no contained', node: { resourceType: 'Patient' }, expected: true },
    { name: 'empty contained array', node: withContained([]), expected: true },
    { name: 'flat contained', node: withContained([{ resourceType: 'Organization', id: 'a' }]), expected: true },
    { name: 'nested contained', node: withContained([{ resourceType: 'Organization', id: 'a', contained: [{ resourceType: 'Location', id: 'l' }] }]), expected: false },
    { name: 'nested contained as an empty array', node: withContained([{ resourceType: 'Organization', id: 'a', contained: [] }]), expected: true },
  ],
  'dom-4': [
    { name: 'no contained', node: { resourceType: 'Patient', meta: { versionId: '1' } }, expected: true },
    { name: 'contained with meta.profile only', node: withContained([{ resourceType: 'Organization', id: 'a', meta: { profile: ['http://example.org/p'] } }]), expected: true },
    { name: 'contained with meta.versionId', node: withContained([{ resourceType: 'Organization', id: 'a', meta: { versionId: '2' } }]), expected: false },
    { name: 'contained with meta.lastUpdated', node: withContained([{ resourceType: 'Organization', id: 'a', meta: { lastUpdated: '2024-01-01T00:00:00Z' } }]), expected: false },
    { name: 'contained with only an extension on versionId (_versionId)', node: withContained([{ resourceType: 'Organization', id: 'a', meta: { _versionId: { extension: EXT } } }]), expected: false },
    { name: 'second contained with lastUpdated', node: withContained([{ resourceType: 'Organization', id: 'a' }, { resourceType: 'Location', id: 'b', meta: { lastUpdated: '2024-01-01T00:00:00Z' } }]), expected: false },
  ],
  'dom-5': [
    { name: 'container with security', node: { resourceType: 'Patient', meta: { security: [{ code: 'R' }] } }, expected: true },
    { name: 'contained with tag only', node: withContained([{ resourceType: 'Organization', id: 'a', meta: { tag: [{ code: 't' }] } }]), expected: true },
    { name: 'contained with security', node: withContained([{ resourceType: 'Organization', id: 'a', meta: { security: [{ code: 'R' }] } }]), expected: false },
    { name: 'contained with an empty security array', node: withContained([{ resourceType: 'Organization', id: 'a', meta: { security: [] } }]), expected: true },
  ],
  'dom-6': [
    { name: 'text with div', node: { resourceType: 'Patient', text: NARRATIVE }, expected: true },
    { name: 'no text', node: { resourceType: 'Patient' }, expected: false },
    { name: 'text without div', node: { resourceType: 'Patient', text: { status: 'empty' } }, expected: false },
    { name: 'div with only an extension (_div)', node: { resourceType: 'Patient', text: { status: 'empty', _div: { extension: EXT } } }, expected: true },
  ],
  'qty-3': [
    { name: 'value only', node: { value: 1 }, expected: true },
    { name: 'code and system', node: { value: 1, code: 'mg', system: 'http://unitsofmeasure.org' }, expected: true },
    { name: 'code without system', node: { value: 1, code: 'mg' }, expected: false },
    { name: 'system without code', node: { value: 1, system: 'http://unitsofmeasure.org' }, expected: true },
    { name: 'code with only an extension (_code), no system', node: { value: 1, _code: { extension: EXT } }, expected: false },
    { name: 'code, and system with only an extension (_system)', node: { code: 'mg', _system: { extension: EXT } }, expected: true },
  ],
  'cpt-2': [
    { name: 'value and system', node: { system: 'phone', value: '0113' }, expected: true },
    { name: 'value without system', node: { value: '0113' }, expected: false },
    { name: 'system only', node: { system: 'phone' }, expected: true },
    { name: 'use only', node: { use: 'home' }, expected: true },
    { name: 'value with only an extension (_value), no system', node: { _value: { extension: EXT } }, expected: false },
  ],
  // Compared with R5's `answer is boolean` (see the test below for why not the R4 text).
  'bdl-3': [
    { name: 'a transaction whose entries all have a request', node: { resourceType: 'Bundle', type: 'transaction', entry: [{ request: { method: 'POST', url: 'Patient' } }] }, expected: true },
    { name: 'a transaction entry without request', node: { resourceType: 'Bundle', type: 'transaction', entry: [{ request: { method: 'POST', url: 'Patient' } }, { fullUrl: 'urn:uuid:a' }] }, expected: false },
    { name: 'a collection entry with a request', node: { resourceType: 'Bundle', type: 'collection', entry: [{ request: { method: 'GET', url: 'Patient' } }] }, expected: false },
    { name: 'a collection without requests', node: { resourceType: 'Bundle', type: 'collection', entry: [{ fullUrl: 'urn:uuid:a' }] }, expected: true },
    { name: 'no entries', node: { resourceType: 'Bundle', type: 'transaction' }, expected: true },
    { name: 'entries but no type', node: { resourceType: 'Bundle', entry: [{ fullUrl: 'urn:uuid:a' }] }, expected: false },
  ],
  'bdl-4': [
    { name: 'a transaction-response whose entries all have a response', node: { resourceType: 'Bundle', type: 'transaction-response', entry: [{ response: { status: '201' } }] }, expected: true },
    { name: 'a batch-response entry without response', node: { resourceType: 'Bundle', type: 'batch-response', entry: [{ fullUrl: 'urn:uuid:a' }] }, expected: false },
    { name: 'a searchset entry with a response', node: { resourceType: 'Bundle', type: 'searchset', entry: [{ response: { status: '200' } }] }, expected: false },
    { name: 'a history entry with request and response', node: { resourceType: 'Bundle', type: 'history', entry: [{ request: { method: 'PUT', url: 'Patient/1' }, response: { status: '200' } }] }, expected: true },
  ],
  'bdl-7': [
    { name: 'distinct fullUrls', node: { resourceType: 'Bundle', type: 'collection', entry: [{ fullUrl: 'urn:uuid:a', resource: { resourceType: 'Patient' } }, { fullUrl: 'urn:uuid:b' }] }, expected: true },
    { name: 'a repeated fullUrl', node: { resourceType: 'Bundle', type: 'collection', entry: [{ fullUrl: 'urn:uuid:a' }, { fullUrl: 'urn:uuid:a' }] }, expected: false },
    { name: 'a repeated fullUrl with different versionIds', node: { resourceType: 'Bundle', type: 'collection', entry: [
      { fullUrl: 'http://x/Patient/1', resource: { resourceType: 'Patient', meta: { versionId: '1' } } },
      { fullUrl: 'http://x/Patient/1', resource: { resourceType: 'Patient', meta: { versionId: '2' } } }] }, expected: true },
    { name: 'a repeated fullUrl and versionId', node: { resourceType: 'Bundle', type: 'collection', entry: [
      { fullUrl: 'http://x/Patient/1', resource: { resourceType: 'Patient', meta: { versionId: '1' } } },
      { fullUrl: 'http://x/Patient/1', resource: { resourceType: 'Patient', meta: { versionId: '1' } } }] }, expected: false },
    { name: 'repeats in a history bundle', node: { resourceType: 'Bundle', type: 'history', entry: [{ fullUrl: 'urn:uuid:a' }, { fullUrl: 'urn:uuid:a' }] }, expected: true },
    { name: 'entries without fullUrl are left out', node: { resourceType: 'Bundle', type: 'collection', entry: [{ resource: { resourceType: 'Patient' } }, { resource: { resourceType: 'Patient' } }] }, expected: true },
    { name: 'no type: the result is empty, not false', node: { resourceType: 'Bundle', entry: [{ fullUrl: 'urn:uuid:a' }, { fullUrl: 'urn:uuid:a' }] }, expected: true },
  ],
  'que-7': [
    { name: "operator '=' with a string", node: { question: 'q', operator: '=', answerString: 'x' }, expected: true },
    { name: 'exists with a boolean', node: { question: 'q', operator: 'exists', answerBoolean: true }, expected: true },
    { name: 'exists with false', node: { question: 'q', operator: 'exists', answerBoolean: false }, expected: true },
    { name: 'exists with a string', node: { question: 'q', operator: 'exists', answerString: 'true' }, expected: false },
    { name: 'exists with a Coding', node: { question: 'q', operator: 'exists', answerCoding: { code: 'y' } }, expected: false },
    { name: 'exists with no answer', node: { question: 'q', operator: 'exists' }, expected: true },
    { name: 'no operator', node: { question: 'q', answerString: 'x' }, expected: true },
  ],
};

const R5_QUE_7 = "operator = 'exists' implies (answer is boolean)";

function engine(key: string, c: Case, expression: string): boolean {
  const root = c.root ?? (c.node as Record<string, unknown>);
  const out = fhirpath.holds(c.node, expression, BASE[key], { resource: root, rootResource: root });
  if (!out.ok) throw new Error(`${key} did not evaluate: ${out.error}`);
  return out.holds!;
}

describe('native invariants', () => {
  it('cover exactly the keys this test knows', () => {
    expect(Object.keys(NATIVE_INVARIANTS).sort()).toEqual(Object.keys(CASES).sort());
  });

  it.each(Object.keys(NATIVE_INVARIANTS))('%s replaces the R4 expression verbatim (so the walker uses it)', (key) => {
    expect(constraints.get(key)?.expression).toBe(NATIVE_INVARIANTS[key]!.expression);
  });

  it.each(Object.keys(CASES))('%s: the table has passing and failing inputs', (key) => {
    const verdicts = new Set(CASES[key]!.map((c) => c.expected));
    expect([...verdicts].sort()).toEqual([false, true]);
  });

  const rows = Object.entries(CASES).flatMap(([key, cases]) => cases.map((c) => [key, c.name, c] as const));
  it.each(rows)('%s, %s: native = FHIRPath = expected', (key, _name, c) => {
    const expression = key === 'que-7' ? R5_QUE_7 : NATIVE_INVARIANTS[key]!.expression;
    const root = c.root ?? (c.node as Record<string, unknown>);
    expect({ native: NATIVE_INVARIANTS[key]!.holds(c.node, root), fhirpath: engine(key, c, expression) })
      .toEqual({ native: c.expected, fhirpath: c.expected });
  });

  // Why que-7 is native: fhirpath.js reads R4's `answer is Boolean` as System.Boolean, which a FHIR `boolean` is not, so
  // every valid `exists` condition would fail (the HL7 examples pass the HL7 validator); R5 fixed the text to `boolean`.
  it('que-7: the R4 text under fhirpath.js rejects a valid answerBoolean, the native one does not', () => {
    const node = { question: 'q', operator: 'exists', answerBoolean: true };
    expect(engine('que-7', { name: 'r4', node, expected: true }, NATIVE_INVARIANTS['que-7']!.expression)).toBe(false);
    expect(NATIVE_INVARIANTS['que-7']!.holds(node, {})).toBe(true);
  });
});

describe('ele-1 (native ele1) against FHIRPath', () => {
  interface EleCase { name: string; resource: Record<string, unknown>; path: string; items: (r: any) => Array<[unknown, unknown]>; expected: boolean[] }
  // `items` gives each (value, companion) pair the walker would pass to ele1 for `path`'s items.
  const pairs = (values: unknown, companions: unknown): Array<[unknown, unknown]> => {
    if (Array.isArray(values) || Array.isArray(companions)) {
      const n = Math.max(Array.isArray(values) ? values.length : 0, Array.isArray(companions) ? companions.length : 0);
      return Array.from({ length: n }, (_, i) => [(values as unknown[] | undefined)?.[i], (companions as unknown[] | undefined)?.[i]]);
    }
    return values === undefined && companions === undefined ? [] : [[values, companions]];
  };
  const CASES_ELE: EleCase[] = [
    { name: 'primitive with a value', resource: { resourceType: 'Patient', birthDate: '2000-01-01' }, path: 'birthDate',
      items: (r) => pairs(r.birthDate, r._birthDate), expected: [true] },
    { name: 'primitive with only an extension (_birthDate)', resource: { resourceType: 'Patient', _birthDate: { extension: EXT } }, path: 'birthDate',
      items: (r) => pairs(r.birthDate, r._birthDate), expected: [true] },
    { name: 'primitive with only an id', resource: { resourceType: 'Patient', _birthDate: { id: 'b' } }, path: 'birthDate',
      items: (r) => pairs(r.birthDate, r._birthDate), expected: [false] },
    { name: 'primitive with a value and an id', resource: { resourceType: 'Patient', birthDate: '2000', _birthDate: { id: 'b' } }, path: 'birthDate',
      items: (r) => pairs(r.birthDate, r._birthDate), expected: [true] },
    { name: 'primitive array with aligned nulls', resource: { resourceType: 'Patient', name: [{ given: ['a', null, null], _given: [null, { extension: EXT }, { id: 'g' }] }] },
      path: 'name[0].given', items: (r) => pairs(r.name[0].given, r.name[0]._given), expected: [true, true, false] },
    { name: 'complex elements', resource: { resourceType: 'Patient', name: [{ family: 'x' }, { id: 'n' }, { id: 'n', extension: EXT }, { period: { id: 'p' } }] },
      path: 'name', items: (r) => r.name.map((n: unknown) => [n, undefined]), expected: [true, false, true, true] },
    { name: 'a complex element whose only child has only an id', resource: { resourceType: 'Patient', name: [{ period: { id: 'p' } }] },
      path: 'name.period', items: (r) => [[r.name[0].period, undefined]], expected: [false] },
    { name: 'an empty extension array does not count as a child', resource: { resourceType: 'Patient', name: [{ id: 'n', extension: [] }] },
      path: 'name', items: (r) => [[r.name[0], undefined]], expected: [false] },
    { name: 'a null member does not count as a child', resource: { resourceType: 'Patient', name: [{ id: 'n', family: null }] },
      path: 'name', items: (r) => [[r.name[0], undefined]], expected: [false] },
  ];

  it.each(CASES_ELE.map((c) => [c.name, c] as const))('%s', (_name, c) => {
    const expression = constraints.get('ele-1')!.expression;
    const out = fhirpath.evaluate(c.resource, `${c.path}.select(${expression})`, undefined, { resource: c.resource, rootResource: c.resource });
    if (!out.ok) throw new Error(out.error);
    const native = c.items(c.resource).map(([v, comp]) => ele1(v, comp));
    expect({ native, fhirpath: out.value }).toEqual({ native: c.expected, fhirpath: c.expected });
  });
});

describe('ext-1 (native ext1) against FHIRPath', () => {
  const CASES_EXT: Array<[name: string, ext: Record<string, unknown>, expected: boolean]> = [
    ['a value', { url: 'http://x', valueString: 'y' }, true],
    ['nested extensions', { url: 'http://x', extension: EXT }, true],
    ['both', { url: 'http://x', extension: EXT, valueString: 'y' }, false],
    ['neither', { url: 'http://x' }, false],
    ['a value with only an extension (_valueString)', { url: 'http://x', _valueString: { extension: EXT } }, true],
    ['an empty extension array and a value', { url: 'http://x', extension: [], valueString: 'y' }, true],
    ['an empty extension array and no value', { url: 'http://x', extension: [] }, false],
    ['a complex value', { url: 'http://x', valueCoding: { code: 'c' } }, true],
  ];
  it.each(CASES_EXT)('%s', (_name, ext, expected) => {
    const out = fhirpath.holds(ext, constraints.get('ext-1')!.expression, 'Extension', { resource: ext, rootResource: ext });
    if (!out.ok) throw new Error(out.error);
    expect({ native: ext1(ext), fhirpath: out.holds }).toEqual({ native: expected, fhirpath: expected });
  });
});

// dom-3 cannot be compared with the engine: fhirpath.js requires a singleton left of `as`, and the R4 expression
// applies `descendants().as(canonical)` to a whole collection, so it fails to evaluate on any resource with
// contained resources. These expectations are read from the R4 expression and https://hl7.org/fhir/R4/domainresource.html#invs.
describe('dom-3 (native dom3UnreferencedIds), hand-written expectations', () => {
  it('fhirpath.js indeed cannot evaluate the R4 expression', () => {
    const r = withContained([{ resourceType: 'Organization', id: 'o' }], { managingOrganization: { reference: '#o' } });
    const out = fhirpath.holds(r, constraints.get('dom-3')!.expression, undefined, { resource: r, rootResource: r });
    expect(out.ok).toBe(false);
  });

  const org = (id: string, extra: Record<string, unknown> = {}) => ({ resourceType: 'Organization', id, ...extra });
  const CASES_DOM3: Array<[name: string, resource: Record<string, unknown>, unreferenced: string[]]> = [
    ['no contained', { resourceType: 'Patient' }, []],
    ['an empty contained array', withContained([]), []],
    ['referenced from a Reference', withContained([org('o')], { managingOrganization: { reference: '#o' } }), []],
    ['not referenced', withContained([org('o')], { managingOrganization: { reference: 'Organization/o' } }), ['o']],
    ['referenced from another contained resource', withContained([org('o'), { resourceType: 'Location', id: 'l', managingOrganization: { reference: '#o' } }],
      { managingOrganization: { reference: '#l' } }), []],
    ["referring to the container with '#'", withContained([{ resourceType: 'Provenance', id: 'p', target: [{ reference: '#' }] }]), []],
    ['referenced by a canonical', { resourceType: 'Questionnaire', contained: [{ resourceType: 'ValueSet', id: 'vs' }], item: [{ linkId: '1', type: 'choice', answerValueSet: '#vs' }] }, []],
    // The narrative may show a contained resource (https://hl7.org/fhir/R4/narrative.html: <img src="#a1"/> for an
    // image in a contained Binary): a src or href '#id' counts as a reference, although the R4 expression only looks
    // at uri/canonical/url values. Text that merely mentions the id does not.
    ['linked from the narrative', withContained([org('o')], { text: { status: 'generated', div: '<div xmlns="http://www.w3.org/1999/xhtml"><a href="#o">o</a></div>' } }), []],
    ['an image in a contained Binary', withContained([{ resourceType: 'Binary', id: 'img1', contentType: 'image/png', data: 'AAAA' }],
      { text: { status: 'generated', div: "<div xmlns=\"http://www.w3.org/1999/xhtml\"><img src='#img1' alt='x'/></div>" } }), []],
    ["a contained resource whose own narrative links to '#' (top of page) is not thereby referring to its container",
      withContained([{ resourceType: 'Patient', id: 'p1', text: { status: 'generated', div: '<div xmlns="http://www.w3.org/1999/xhtml"><a href="#">top</a></div>' } }]), ['p1']],
    ['only mentioned in narrative text', withContained([org('o')], { text: { status: 'generated', div: '<div xmlns="http://www.w3.org/1999/xhtml">see #o</div>' } }), ['o']],
    ['two unreferenced, in order', withContained([org('b'), org('a'), org('c')], { managingOrganization: { reference: '#c' } }), ['b', 'a']],
    ['a contained resource without id is not listed (structure/contained reports it)', withContained([{ resourceType: 'Organization', name: 'x' }]), []],
    ['a reference to a different id does not count', withContained([org('o')], { managingOrganization: { reference: '#other' } }), ['o']],
    ['contained with meta fields is still matched by id', withContained([org('o', { meta: { profile: ['http://example.org/p'], tag: [{ code: 't' }] } })],
      { managingOrganization: { reference: '#o' } }), []],
  ];
  it.each(CASES_DOM3)('%s', (_name, resource, unreferenced) => {
    expect(dom3UnreferencedIds(resource)).toEqual(unreferenced);
  });
});
