// Extensions checked against the definition their url names, wherever they are (checkExtensionAt from the base walker's
// hook): unknown-extension policy, modifier use, context (element, fhirpath, extension, contextInvariant), value types,
// sub-extensions, and R5 cross-version extensions derived from hl7.fhir.r5.core.
import { beforeAll, describe, it } from 'vitest';
import { loadR5Definitions } from '../../src/profile/r5-definitions.js';
import { Definitions } from '../../src/packages/definitions.js';
import { basePackage, memoryPackage } from '../snapshot/fixture-defs.js';
import { ProfileHarness } from './support/harness.js';
import { fixture, testDefinitions } from './support/defs.js';
import { expectIssues, type Expected } from './support/expect-issues.js';

const P = 'http://example.org/fhir/StructureDefinition/';
const R5 = 'http://hl7.org/fhir/5.0/StructureDefinition/extension-';

interface Case {
  name: string;
  seed: 'observation' | 'patient';
  change: (r: any) => void;
  expected: Expected[];
}

let h: ProfileHarness;
beforeAll(() => {
  h = new ProfileHarness(testDefinitions());
});

/** Extensions are checked whatever the profiles: these cases claim none, so only extension findings appear. */
function run(c: Case) {
  const r = fixture('seeds', c.seed);
  c.change(r);
  return h.check(r, []);
}

const cases: Case[] = [
  { name: 'seed observation: all extensions valid', seed: 'observation', change: () => undefined, expected: [] },
  { name: 'seed patient: all extensions valid (fhirpath, extension and modifier contexts)', seed: 'patient', change: () => undefined, expected: [] },
  // unknown extensions (policy in src/profile/rules/extension/unknown.ts)
  { name: 'unknown extension: warning', seed: 'observation', change: (r) => r.extension.push({ url: 'https://example.org/unknown', valueString: 'x' }),
    expected: [{ ruleId: 'extension/unknown', messageId: 'unknownExtension', elementId: undefined, expression: 'Observation.extension[1]', severity: 'warning' }] },
  { name: 'unknown modifier extension: error', seed: 'observation', change: (r) => (r.modifierExtension = [{ url: 'https://example.org/unknown', valueBoolean: true }]),
    expected: [{ ruleId: 'extension/unknown', messageId: 'unknownModifier', elementId: undefined, expression: 'Observation.modifierExtension[0]' }] },
  { name: 'unknown URL in the core namespace: error', seed: 'observation', change: (r) => r.extension.push({ url: 'http://hl7.org/fhir/StructureDefinition/no-such-extension', valueString: 'x' }),
    expected: [{ ruleId: 'extension/unknown', messageId: 'unknownCoreExtension', elementId: undefined, expression: 'Observation.extension[1]' }] },
  { name: 'url names a StructureDefinition that is not an extension', seed: 'observation', change: (r) => r.extension.push({ url: 'http://hl7.org/fhir/StructureDefinition/vitalsigns', valueString: 'x' }),
    expected: [{ ruleId: 'extension/unknown', messageId: 'notAnExtension', elementId: undefined, expression: 'Observation.extension[1]' }] },
  { name: 'relative url outside a complex extension', seed: 'observation', change: (r) => r.extension.push({ url: 'colour', valueString: 'red' }),
    expected: [{ ruleId: 'extension/unknown', messageId: 'relativeUrl', elementId: undefined, expression: 'Observation.extension[1]' }] },
  // context
  { name: 'element context: used on the wrong resource', seed: 'patient', change: (r) => r.extension.push({ url: `${P}test-ext-simple`, valueString: 'x' }),
    expected: [{ ruleId: 'extension/context', messageId: 'notAllowed', elementId: 'Extension', expression: 'Patient.extension[1]' }] },
  { name: 'element context by type: allowed on any HumanName', seed: 'patient', change: (r) => (r.name[1].extension = [{ url: `${P}test-ext-complex`, extension: [{ url: 'kind', valueCode: 'male' }] }]),
    expected: [] },
  { name: 'fhirpath context: not on Patient.name', seed: 'patient', change: (r) => (r.name[1].extension = [{ url: `${P}test-ext-in-extension`, valueInteger: 1 }]),
    expected: [{ ruleId: 'extension/context', messageId: 'notAllowed', elementId: 'Extension', expression: 'Patient.name[1].extension[0]' }] },
  { name: 'extension context: not directly on the resource', seed: 'patient', change: (r) => r.extension.push({ url: `${P}test-ext-in-extension`, valueInteger: 1 }),
    expected: [{ ruleId: 'extension/context', messageId: 'notAllowed', elementId: 'Extension', expression: 'Patient.extension[1]' }] },
  { name: 'contextInvariant fails', seed: 'observation', change: (r) => (r.status = 'entered-in-error'),
    expected: [{ ruleId: 'extension/context', messageId: 'invariantFailed', elementId: 'Extension', expression: 'Observation.extension[0]' }] },
  // modifier use
  { name: 'modifier extension used as a plain extension', seed: 'patient', change: (r) => { r.extension.push(r.modifierExtension[0]); delete r.modifierExtension; },
    expected: [{ ruleId: 'extension/modifier', messageId: 'mustBeModifier', elementId: 'Extension', expression: 'Patient.extension[1]' }] },
  { name: 'plain extension used as a modifier', seed: 'observation', change: (r) => { r.modifierExtension = r.extension; delete r.extension; },
    expected: [{ ruleId: 'extension/modifier', messageId: 'mustNotBeModifier', elementId: 'Extension', expression: 'Observation.modifierExtension[0]' }] },
  // value
  { name: 'value of a type the definition does not allow', seed: 'observation', change: (r) => (r.extension[0] = { url: `${P}test-ext-simple`, valueInteger: 3 }),
    expected: [{ ruleId: 'extension/value-type', messageId: 'wrongType', elementId: 'Extension.value[x]', expression: 'Observation.extension[0].value.ofType(integer)' }] },
  { name: 'simple extension without a value', seed: 'observation', change: (r) => (r.extension[0] = { url: `${P}test-ext-simple`, extension: [{ url: 'x', valueString: 'y' }] }),
    expected: [
      { ruleId: 'extension/value-type', messageId: 'missingValue', elementId: 'Extension.value[x]', expression: 'Observation.extension[0]' },
      { ruleId: 'profile/cardinality', messageId: 'prohibited', elementId: 'Extension.extension', expression: 'Observation.extension[0].extension[0]' },
    ] },
  { name: 'complex extension with a value', seed: 'patient', change: (r) => (r.extension[0].valueString = 'x'),
    expected: [{ ruleId: 'extension/value-type', messageId: 'valueNotAllowed', elementId: 'Extension.value[x]', expression: 'Patient.extension[0].value.ofType(string)' }] },
  { name: 'maxLength on the extension value', seed: 'observation', change: (r) => (r.extension[0].valueString = 'hello world!'),
    expected: [{ ruleId: 'profile/max-length', messageId: 'tooLong', elementId: 'Extension.value[x]', expression: 'Observation.extension[0].value.ofType(string)', profile: `${P}test-ext-simple` }] },
  // sub-extensions
  { name: 'required sub-extension missing', seed: 'patient', change: (r) => r.extension[0].extension.shift(),
    expected: [{ ruleId: 'profile/cardinality', messageId: 'sliceMissing', elementId: 'Extension.extension:kind', expression: 'Patient.extension[0]', profile: `${P}test-ext-complex` }] },
  { name: 'undefined sub-extension', seed: 'patient', change: (r) => r.extension[0].extension.push({ url: 'colour', valueString: 'red' }),
    expected: [{ ruleId: 'extension/unknown', messageId: 'unknownSubExtension', elementId: 'Extension.extension', expression: 'Patient.extension[0].extension[3]' }] },
  { name: 'sub-extension value of the wrong type', seed: 'patient', change: (r) => (r.extension[0].extension[1] = { url: 'amount', valueString: '1' }),
    expected: [{ ruleId: 'extension/value-type', messageId: 'wrongType', elementId: 'Extension.extension:amount.value[x]', expression: 'Patient.extension[0].extension[1].value.ofType(string)' }] },
];

describe('extensions', () => {
  it.each(cases.map((c) => [c.name, c] as const))('%s', (_n, c) => {
    expectIssues(run(c).all, c.expected);
  });
});

describe('extension definitions without a snapshot', () => {
  it('are reported as not verified', () => {
    const raw = new ProfileHarness(new Definitions([memoryPackage('raw', [fixture('definitions', 'test-ext-simple')]), basePackage()]));
    const r = fixture('seeds', 'observation');
    expectIssues(raw.check(r, []).all, [
      { ruleId: 'extension/not-verified', messageId: 'noSnapshot', elementId: undefined, expression: 'Observation.extension[0]', severity: 'warning' },
    ]);
  });
});

const r5 = loadR5Definitions();

const triggeredBy = () => ({
  url: `${R5}Observation.triggeredBy`,
  extension: [
    { url: 'observation', valueReference: { reference: 'Observation/o1' } },
    { url: 'type', valueCode: 'reflex' },
  ],
});

const xverCases: Case[] = [
  { name: 'complex cross-version extension derived from a backbone element', seed: 'observation', change: (r) => r.extension.push(triggeredBy()), expected: [] },
  { name: 'simple cross-version extension (Reference)', seed: 'observation', change: (r) => r.extension.push({ url: `${R5}Observation.bodyStructure`, valueReference: { reference: 'BodyStructure/b1' } }), expected: [] },
  { name: 'cross-version: required sub-extension missing', seed: 'observation', change: (r) => { const e = triggeredBy(); e.extension.pop(); r.extension.push(e); },
    expected: [{ ruleId: 'profile/cardinality', messageId: 'sliceMissing', elementId: 'Extension.extension:type', expression: 'Observation.extension[1]', profile: `${R5}Observation.triggeredBy` }] },
  { name: 'cross-version: value type not in the R5 element', seed: 'observation', change: (r) => r.extension.push({ url: `${R5}Observation.bodyStructure`, valueString: 'arm' }),
    expected: [{ ruleId: 'extension/value-type', messageId: 'wrongType', elementId: 'Extension.value[x]', expression: 'Observation.extension[1].value.ofType(string)' }] },
  { name: 'cross-version: reference target type the R5 element does not allow', seed: 'observation', change: (r) => r.extension.push({ url: `${R5}Observation.bodyStructure`, valueReference: { reference: 'Patient/p1' } }),
    expected: [{ ruleId: 'profile/target-profile', messageId: 'wrongType', elementId: 'Extension.value[x]', expression: 'Observation.extension[1].value.ofType(Reference).reference' }] },
  { name: 'cross-version: used outside the R5 element\'s parent (warning, as the Java validator)', seed: 'patient', change: (r) => r.extension.push({ url: `${R5}Observation.bodyStructure`, valueReference: { reference: 'BodyStructure/b1' } }),
    expected: [{ ruleId: 'extension/context', messageId: 'notAllowed', elementId: 'Extension', expression: 'Patient.extension[1]', severity: 'warning' }] },
  { name: 'cross-version: element that does not exist in R5 is not verified', seed: 'observation', change: (r) => r.extension.push({ url: `${R5}Observation.noSuchThing`, valueString: 'x' }),
    expected: [{ ruleId: 'extension/not-verified', messageId: 'elementNotFound', elementId: undefined, expression: 'Observation.extension[1]', severity: 'warning' }] },
  { name: 'cross-version: R5 element whose only type (CodeableReference) R4 lacks is not verified', seed: 'observation',
    change: (r) => r.extension.push({ url: `${R5}MedicationRequest.reason`, valueCodeableConcept: { text: 'x' } }),
    expected: [{ ruleId: 'extension/not-verified', messageId: 'noR4Types', elementId: undefined, expression: 'Observation.extension[1]', severity: 'warning' }] },
  { name: 'cross-version: FHIR 6.0 is not available, so not verified', seed: 'observation', change: (r) => r.extension.push({ url: 'http://hl7.org/fhir/6.0/StructureDefinition/extension-Condition.bodyStructure', valueString: 'x' }),
    expected: [{ ruleId: 'extension/not-verified', messageId: 'versionNotAvailable', elementId: undefined, expression: 'Observation.extension[1]', severity: 'warning' }] },
];

describe.skipIf(!r5)('R5 cross-version extensions (hl7.fhir.r5.core#5.0.0 in the FHIR package cache)', () => {
  it.each(xverCases.map((c) => [c.name, c] as const))('%s', (_n, c) => {
    expectIssues(run(c).all, c.expected);
  });
});
