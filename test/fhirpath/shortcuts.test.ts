// Every invariant the evaluator decides without the FHIRPath engine (guards, simple or-chains, and the deciders for
// per-1, drt-1, tim-6/7, rat-1, rng-2, obs-7, vs-3, org-1/2/3, ait-1/2, con-3/4/5) must give fhirpath.js's verdict:
// differential runs over the R4 examples, plus hand-made shapes for each decided expression, including odd ones
// (companions, arrays, invalid dates) where the engine must be left to decide.
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { FhirPathEvaluator, type EvalContext } from '../../src/fhirpath/evaluator.js';
import { PRIMITIVE_HOLDS } from '../../src/fhirpath/shortcuts.js';
import { readJson } from '../../src/parse/json.js';
import { basePackageDir } from '../../src/packages/base-package.js';
import { sharedValidator } from '../support/rule-tester.js';

const engine = new FhirPathEvaluator();

/** The engine's verdict: ok and holds (only an explicit false fails), or not ok. */
function engineVerdict(node: unknown, expression: string, base: string | undefined, ctx: EvalContext): { ok: boolean; holds?: boolean } {
  const out = engine.evaluate(node, expression, base, ctx);
  return out.ok ? { ok: true, holds: !(out.value.length === 1 && out.value[0] === false) } : { ok: false };
}

function shortcutVerdict(node: unknown, expression: string, base: string | undefined, ctx: EvalContext): { ok: boolean; holds?: boolean } {
  const out = engine.holds(node, expression, base, ctx);
  return out.ok ? { ok: true, holds: out.holds } : { ok: false };
}

interface Call {
  node: unknown;
  expression: string;
  base: string | undefined;
  ctx: EvalContext;
}

describe('FHIRPath shortcuts against fhirpath.js on the R4 examples', () => {
  const calls: Call[] = [];
  const seen = new Set<string>();
  beforeAll(() => {
    // Every holds() call the validator makes, recorded once per distinct (expression, base, node).
    const original = FhirPathEvaluator.prototype.holds;
    const spy = vi.spyOn(FhirPathEvaluator.prototype, 'holds').mockImplementation(function (this: FhirPathEvaluator, node, expression, base, ctx) {
      const key = `${base}\u0000${expression}\u0000${JSON.stringify(node)}`;
      if (!seen.has(key)) {
        seen.add(key);
        calls.push({ node, expression, base, ctx: { resource: ctx.resource, rootResource: ctx.rootResource, ...(ctx.resolve ? { resolve: ctx.resolve } : {}) } });
      }
      return original.call(this, node, expression, base, ctx);
    });
    const { validator } = sharedValidator();
    const dir = basePackageDir();
    // Clinical, administrative and financial examples: where the decided invariants live.
    const files = readdirSync(dir).filter((f) => /^(Observation|Condition|AllergyIntolerance|Organization|MedicationRequest|MedicationStatement|Immunization|Procedure|Encounter|CarePlan|ServiceRequest|Timing|Appointment|Coverage|Claim|Goal|RiskAssessment|Medication|Specimen|DiagnosticReport|Patient|Practitioner|NutritionOrder|Contract)-.*\.json$/.test(f));
    for (const f of files) {
      const text = readFileSync(path.join(dir, f), 'utf8');
      const r = readJson(text, f);
      if (!r.ok || !r.value || typeof r.value !== 'object') continue;
      validator.validate({ value: r.value as Record<string, unknown>, positions: r.positions, source: f, format: 'json', issues: [] }, f);
    }
    spy.mockRestore();
  });
  afterAll(() => vi.restoreAllMocks());

  it('records invariant evaluations from the examples', () => {
    expect(calls.length).toBeGreaterThan(500);
  });

  it('every recorded evaluation gets the same verdict with and without shortcuts', () => {
    const mismatches = calls
      // Primitive-variant invariants (ras-1 on a probabilityDecimal) are where the engine fails: tested below.
      .filter((c) => !(PRIMITIVE_HOLDS.has(c.expression) && (c.node === null || typeof c.node !== 'object')))
      .map((c) => ({ c, fast: shortcutVerdict(c.node, c.expression, c.base, c.ctx), slow: engineVerdict(c.node, c.expression, c.base, c.ctx) }))
      .filter((m) => JSON.stringify(m.fast) !== JSON.stringify(m.slow))
      .map((m) => ({ expression: m.c.expression, base: m.c.base, node: m.c.node, fast: m.fast, slow: m.slow }));
    expect(mismatches).toEqual([]);
  });

  it.each([
    'start.hasValue().not() or end.hasValue().not() or (start <= end)',
    'code.exists() implies ((system = %ucum) and value.exists())',
    'period.exists() implies period >= 0',
    "where(use = 'home').empty()",
    '(identifier.count() + name.count()) > 0',
  ])('the examples exercise %s', (expression) => {
    expect(calls.filter((c) => c.expression === expression).length).toBeGreaterThan(3);
  });
});

const EXT = [{ url: 'http://example.org/x', valueString: 'y' }];
const cc = (system: string | undefined, code: string | undefined) => ({ coding: [{ ...(system ? { system } : {}), ...(code ? { code } : {}) }] });
const AIT = 'http://terminology.hl7.org/CodeSystem/allergyintolerance-verification';
const VER = 'http://terminology.hl7.org/CodeSystem/condition-ver-status';
const CLIN = 'http://terminology.hl7.org/CodeSystem/condition-clinical';

/** [expression, base, nodes]: shapes on both sides of each decision, and shapes that must be left to the engine. */
const HAND: Array<[string, string | undefined, unknown[]]> = [
  ['start.hasValue().not() or end.hasValue().not() or (start <= end)', 'Period', [
    {}, { start: '2020' }, { end: '2020' }, { start: '2020', end: '2021' }, { start: '2021', end: '2020' },
    { start: '2020-05', end: '2020-05' }, { start: '2020-05', end: '2020-06' }, { start: '2020', end: '2020-05' },
    { start: '2020-02-29', end: '2020-03-01' }, { start: '2021-02-29', end: '2021-03-01' }, { start: '2021-02-31', end: '2021-03-01' },
    { start: '2020-13-01', end: '2021-01-01' }, { start: 'x', end: 'x' }, { start: '', end: '' }, { start: 'x', end: 'y' },
    { start: '2020-01-01T10:00:00Z', end: '2020-01-01T11:00:00Z' }, { start: '2020-01-01T10:00:00Z', end: '2020-01-01T09:00:00Z' },
    { start: '2020-01-01T10:00:00+01:00', end: '2020-01-01T09:30:00Z' }, { start: '2020-01-01T10:00:00.5Z', end: '2020-01-01T10:00:00.7Z' },
    { start: '2020-01-01T10:00:00.0001Z', end: '2020-01-01T10:00:00.0002Z' }, { start: '2020-01-01T10:00:00+14:00', end: '2020-01-01T11:00:00+14:00' },
    { start: '2020-01-01T10:00:00+15:00', end: '2020-01-01T11:00:00+15:00' }, { start: '2020-01-01T10:00:00', end: '2020-01-01T11:00:00' },
    { start: '2020-01-01', end: '2020-01-01T10:00:00Z' }, { start: 2020, end: 2021 }, { start: ['2020'], end: '2021' },
    { _start: { extension: EXT }, end: '2020' }, { start: '2021', _start: { extension: EXT }, end: '2020' }, { start: null, end: '2020' },
  ]],
  ['code.exists() implies ((system = %ucum) and value.exists())', 'Duration', [
    {}, { value: 1 }, { value: 1, code: 'min' }, { code: 'min' }, { value: 1, code: 'min', system: 'http://unitsofmeasure.org' },
    { code: 'min', system: 'http://unitsofmeasure.org' }, { value: 1, code: 'min', system: 'http://example.org' },
    { code: 'min', system: 'http://example.org' }, { value: 1, _code: { extension: EXT } }, { value: '1', code: 'min' },
    { value: 1, code: ['min'] }, { value: 1, code: 'min', _system: { extension: EXT } },
  ]],
  ['period.exists() implies period >= 0', 'Timing.repeat', [
    {}, { period: 0 }, { period: 1.5 }, { period: -1 }, { period: '1' }, { _period: { extension: EXT } }, { period: -1, _period: { extension: EXT } },
  ]],
  ['duration.exists() implies duration >= 0', 'Timing.repeat', [{}, { duration: 2 }, { duration: -0.5 }, { duration: [1] }]],
  ['(numerator.empty() xor denominator.exists()) and (numerator.exists() or extension.exists())', 'Ratio', [
    {}, { numerator: { value: 1 } }, { denominator: { value: 1 } }, { numerator: { value: 1 }, denominator: { value: 2 } },
    { extension: EXT }, { extension: EXT, denominator: { value: 1 } }, { numerator: {}, denominator: { value: 2 } },
    { numerator: [{ value: 1 }], denominator: { value: 2 } }, { extension: [] }, { numerator: { value: 1 }, _numerator: {} },
  ]],
  ['low.empty() or high.empty() or (low <= high)', 'Range', [
    {}, { low: { value: 1 } }, { high: { value: 1 } }, { low: { value: 1 }, high: { value: 2 } }, { low: { value: 3 }, high: { value: 2 } },
    { low: { value: 3, system: 'http://unitsofmeasure.org', code: 'mg' }, high: { value: 2, system: 'http://unitsofmeasure.org', code: 'mg' } },
    { low: [{ value: 1 }] }, { low: {}, high: { value: 1 } },
  ]],
  ['value.empty() or component.code.where(coding.intersect(%resource.code.coding).exists()).empty()', undefined, [
    { resourceType: 'Observation', status: 'final', code: cc('http://loinc.org', '1') },
    { resourceType: 'Observation', status: 'final', code: cc('http://loinc.org', '1'), valueString: 'x' },
    { resourceType: 'Observation', status: 'final', code: cc('http://loinc.org', '1'), valueString: 'x', component: [{ code: cc('http://loinc.org', '1') }] },
    { resourceType: 'Observation', status: 'final', code: cc('http://loinc.org', '1'), valueString: 'x', component: [{ code: cc('http://loinc.org', '2') }] },
    { resourceType: 'Observation', status: 'final', code: cc('http://loinc.org', '1'), valueString: 'x', component: [{ code: cc('http://snomed.info/sct', '1') }] },
    { resourceType: 'Observation', status: 'final', code: cc('http://loinc.org', '1'), valueString: 'x', component: [{ code: cc('http://loinc.org', undefined) }] },
    { resourceType: 'Observation', status: 'final', valueString: 'x', component: [{ code: cc('http://loinc.org', '2') }] },
    { resourceType: 'Observation', status: 'final', code: cc('http://loinc.org', '1'), valueString: 'x', component: [{ valueString: 'y' }, { code: cc('http://loinc.org', '1') }] },
    { resourceType: 'Observation', status: 'final', code: cc('http://loinc.org', '1'), valueString: 'x', component: [] },
  ]],
  ['(component.empty() and hasMember.empty()) implies (dataAbsentReason.exists() or value.exists())', undefined, [
    { resourceType: 'Observation', status: 'final' }, { resourceType: 'Observation', status: 'final', valueQuantity: { value: 1 } },
    { resourceType: 'Observation', status: 'final', valueBoolean: false }, { resourceType: 'Observation', status: 'final', valueString: '' },
    { resourceType: 'Observation', status: 'final', dataAbsentReason: cc('x', 'unknown') }, { resourceType: 'Observation', status: 'final', component: [{ valueString: 'y' }] },
    { resourceType: 'Observation', status: 'final', hasMember: [{ reference: 'Observation/x' }] }, { resourceType: 'Observation', status: 'final', component: [] },
    { resourceType: 'Observation', status: 'final', _valueString: { extension: EXT } }, { resourceType: 'Observation', status: 'final', valueFoo: 'x' },
    { resourceType: 'Observation', status: 'final', valueQuantity: {} }, { resourceType: 'Observation', status: 'final', valueDateTime: '2020' },
  ]],
  ['(identifier.count() + name.count()) > 0', undefined, [
    { resourceType: 'Organization' }, { resourceType: 'Organization', name: 'X' }, { resourceType: 'Organization', name: '' },
    { resourceType: 'Organization', identifier: [{ value: '1' }] }, { resourceType: 'Organization', identifier: [] },
    { resourceType: 'Organization', _name: { extension: EXT } }, { resourceType: 'Organization', identifier: [null] },
  ]],
  ["where(use = 'home').empty()", 'Organization.telecom', [{}, { use: 'work' }, { use: 'home' }, { _use: { extension: EXT } }, { use: ['home'] }]],
  ["verificationStatus.coding.where(system = 'http://terminology.hl7.org/CodeSystem/allergyintolerance-verification' and code = 'entered-in-error').exists() or clinicalStatus.exists()", undefined, [
    { resourceType: 'AllergyIntolerance' }, { resourceType: 'AllergyIntolerance', clinicalStatus: cc('x', 'active') },
    { resourceType: 'AllergyIntolerance', verificationStatus: cc(AIT, 'entered-in-error') },
    { resourceType: 'AllergyIntolerance', verificationStatus: cc(AIT, 'confirmed') },
    { resourceType: 'AllergyIntolerance', verificationStatus: cc(undefined, 'entered-in-error') },
    { resourceType: 'AllergyIntolerance', verificationStatus: { coding: [{ system: AIT, code: 'entered-in-error', _code: {} }] } },
  ]],
  ["verificationStatus.coding.where(system = 'http://terminology.hl7.org/CodeSystem/allergyintolerance-verification' and code = 'entered-in-error').empty() or clinicalStatus.empty()", undefined, [
    { resourceType: 'AllergyIntolerance' }, { resourceType: 'AllergyIntolerance', clinicalStatus: cc('x', 'active') },
    { resourceType: 'AllergyIntolerance', clinicalStatus: cc('x', 'active'), verificationStatus: cc(AIT, 'entered-in-error') },
    { resourceType: 'AllergyIntolerance', clinicalStatus: cc('x', 'active'), verificationStatus: { coding: [] } },
  ]],
  ["clinicalStatus.exists() or verificationStatus.coding.where(system='http://terminology.hl7.org/CodeSystem/condition-ver-status' and code = 'entered-in-error').exists() or category.select($this='problem-list-item').empty()", undefined, [
    { resourceType: 'Condition' }, { resourceType: 'Condition', clinicalStatus: cc(CLIN, 'active') },
    { resourceType: 'Condition', verificationStatus: cc(VER, 'entered-in-error') }, { resourceType: 'Condition', category: [cc('x', 'problem-list-item')] },
    { resourceType: 'Condition', clinicalStatus: cc(CLIN, 'active'), category: 'problem-list-item' },
  ]],
  ["abatement.empty() or clinicalStatus.coding.where(system='http://terminology.hl7.org/CodeSystem/condition-clinical' and (code='resolved' or code='remission' or code='inactive')).exists()", undefined, [
    { resourceType: 'Condition' }, { resourceType: 'Condition', abatementString: 'x' }, { resourceType: 'Condition', abatementString: 'x', clinicalStatus: cc(CLIN, 'resolved') },
    { resourceType: 'Condition', abatementString: 'x', clinicalStatus: cc(CLIN, 'active') }, { resourceType: 'Condition', abatementAge: { value: 3 }, clinicalStatus: cc(CLIN, 'remission') },
    { resourceType: 'Condition', clinicalStatus: { coding: 'x' } },
  ]],
  ["verificationStatus.coding.where(system='http://terminology.hl7.org/CodeSystem/condition-ver-status' and code='entered-in-error').empty() or clinicalStatus.empty()", undefined, [
    { resourceType: 'Condition' }, { resourceType: 'Condition', clinicalStatus: cc(CLIN, 'active'), verificationStatus: cc(VER, 'entered-in-error') },
    { resourceType: 'Condition', clinicalStatus: cc(CLIN, 'active'), verificationStatus: cc(VER, 'confirmed') },
  ]],
];

describe('FHIRPath shortcuts against fhirpath.js on hand-made shapes', () => {
  it.each(HAND)('%s', (expression, base, nodes) => {
    const verdicts = new Set<string>();
    for (const node of nodes) {
      const root = (node as Record<string, unknown>).resourceType ? (node as Record<string, unknown>) : { resourceType: 'Basic' };
      const ctx = { resource: root, rootResource: root };
      const fast = shortcutVerdict(node, expression, base, ctx);
      expect([node, fast]).toEqual([node, engineVerdict(node, expression, base, ctx)]);
      verdicts.add(JSON.stringify(fast));
    }
    // Each table reaches both verdicts (or an engine error), so it can catch a shortcut that always says yes.
    expect(verdicts.size).toBeGreaterThan(1);
  });
});

describe('invariants of one choice variant evaluated on a primitive variant (PRIMITIVE_HOLDS)', () => {
  const RAS1 = [...PRIMITIVE_HOLDS][0]!;
  const ctx = { resource: {}, rootResource: {} };
  it('ras-1 holds for a probabilityDecimal, where fhirpath.js fails instead of finding low and high empty', () => {
    expect(engineVerdict(0.5, RAS1, 'RiskAssessment.prediction.probability', ctx)).toEqual({ ok: false });
    expect(shortcutVerdict(0.5, RAS1, 'RiskAssessment.prediction.probability', ctx)).toEqual({ ok: true, holds: true });
  });
  it('ras-1 on a probabilityRange is still the engine\'s: a unit other than % fails', () => {
    const range = { low: { value: 1, system: 'http://unitsofmeasure.org', code: 'mg' } };
    expect(shortcutVerdict(range, RAS1, 'RiskAssessment.prediction.probability', ctx)).toEqual({ ok: true, holds: false });
  });
});

