// invariant/constraint: base R4 invariants (https://hl7.org/fhir/R4/conformance-rules.html#constraints), one broken
// copy of a valid fixture per case, asserting the constraint key, FHIRPath location and line.
import { fixture, brokenCase, lineOf, ruleTester, type ExpectedIssue, type InvalidCase } from '../support/rule-tester.js';

const patient = fixture('patient');
const observation = fixture('observation');
const contained = fixture('contained');
const questionnaire = fixture('questionnaire');
const medicationRequest = fixture('medicationrequest');

const failed = (key: string, expression: string, line?: number, severity?: 'warning'): ExpectedIssue => ({
  ruleId: 'invariant/constraint', messageId: 'failed', key, expression,
  ...(line !== undefined ? { line } : {}), ...(severity ? { severity } : {}),
});

const elementAndExtension: InvalidCase[] = [
  brokenCase('ele-1: a complex element with only an id', patient, (c) => { c.name[0].period = { id: 'p1' }; }, (t) => [
    failed('ele-1', 'Patient.name[0].period', lineOf(t, '"period"')),
  ]),
  brokenCase('ele-1: a primitive with only an id (no value, no extension)', patient, (c) => {
    delete c.birthDate;
    c._birthDate = { id: 'b1' };
  }, (t) => [failed('ele-1', 'Patient.birthDate', lineOf(t, '"_birthDate"'))]),
  brokenCase('ext-1: an extension with both a value and nested extensions', patient, (c) => {
    c._birthDate.extension[0].extension = [{ url: 'http://example.org/part', valueString: 'x' }];
  }, (t) => [
    failed('ext-1', 'Patient.birthDate.extension[0]', lineOf(t, '"url": "http://hl7.org/fhir/StructureDefinition/patient-birthTime"') - 1),
    // patient-birthTime is a simple extension: its definition prohibits nested extensions.
    { ruleId: 'profile/cardinality', messageId: 'prohibited', expression: 'Patient.birthDate.extension[0].extension[0]', line: lineOf(t, '"url": "http://example.org/part"') - 1 },
  ]),
  brokenCase('ext-1: an extension with neither', patient, (c) => { delete c._birthDate.extension[0].valueDateTime; }, (t) => [
    failed('ext-1', 'Patient.birthDate.extension[0]', lineOf(t, '"url": "http://hl7.org/fhir/StructureDefinition/patient-birthTime"') - 1),
  ]),
];

// dom-2..dom-5 are resource-level (DomainResource) invariants: reported on the container, line 1.
const domainResource: InvalidCase[] = [
  brokenCase('dom-2: a contained resource with its own contained resource', contained, (c) => {
    // The nested Provenance refers to its container with '#', so dom-3 holds and only dom-2 is broken.
    c.contained[0].contained = [{ resourceType: 'Provenance', id: 'pv', target: [{ reference: '#' }], recorded: '2024-03-01T09:30:00Z', agent: [{ who: { display: 'Pharmacist' } }] }];
  }, [failed('dom-2', 'MedicationStatement', 1)]),
  brokenCase('dom-3: a contained resource nobody references', contained, (c) => {
    c.contained.push({ resourceType: 'Organization', id: 'orphan', name: 'Unused' });
  }, [failed('dom-3', 'MedicationStatement', 1)]),
  brokenCase('dom-4: a contained resource with meta.versionId', contained, (c) => { c.contained[1].meta.versionId = '2'; }, [
    failed('dom-4', 'MedicationStatement', 1),
  ]),
  brokenCase('dom-4: a contained resource with meta.lastUpdated', contained, (c) => { c.contained[1].meta.lastUpdated = '2024-01-01T00:00:00Z'; }, [
    failed('dom-4', 'MedicationStatement', 1),
  ]),
  brokenCase('dom-5: a contained resource with a security label', contained, (c) => {
    c.contained[1].meta.security = [{ system: 'http://terminology.hl7.org/CodeSystem/v3-Confidentiality', code: 'R' }];
  }, [failed('dom-5', 'MedicationStatement', 1)]),
  // dom-6 is a warning (best practice): the case lists it, so warnings are compared too.
  brokenCase('dom-6 (warning): no narrative', patient, (c) => { delete c.text; }, [failed('dom-6', 'Patient', 1, 'warning')]),
];

const datatypes: InvalidCase[] = [
  brokenCase('ref-1: #id with no such contained resource', observation, (c) => { c.subject = { reference: '#nobody' }; }, (t) => [
    failed('ref-1', 'Observation.subject', lineOf(t, '"subject"')),
    { ruleId: 'reference/resolution', messageId: 'containedNotFound', expression: 'Observation.subject.reference', line: lineOf(t, '"#nobody"') },
  ]),
  brokenCase('qty-3: Quantity.code without system, in value[x]', observation, (c) => { delete c.valueQuantity.system; }, (t) => [
    failed('qty-3', 'Observation.value.ofType(Quantity)', lineOf(t, '"valueQuantity"')),
  ]),
  brokenCase('qty-3: in a nested SimpleQuantity', observation, (c) => { delete c.referenceRange[0].high.system; }, (t) => [
    failed('qty-3', 'Observation.referenceRange[0].high', lineOf(t, '"high"')),
  ]),
  brokenCase('qty-3: in Dosage.doseAndRate.dose[x]', medicationRequest, (c) => { delete c.dosageInstruction[0].doseAndRate[0].doseQuantity.system; }, (t) => [
    failed('qty-3', 'MedicationRequest.dosageInstruction[0].doseAndRate[0].dose.ofType(Quantity)', lineOf(t, '"doseQuantity"')),
  ]),
  brokenCase('cpt-2: ContactPoint.value without system', patient, (c) => { delete c.telecom[0].system; }, (t) => [
    failed('cpt-2', 'Patient.telecom[0]', lineOf(t, '"telecom"') + 1),
  ]),
  brokenCase('per-1: Period end before start', patient, (c) => { c.name[0].period.end = '1970-01-01'; }, (t) => [
    failed('per-1', 'Patient.name[0].period', lineOf(t, '"period"')),
  ]),
  brokenCase('per-1: in a deeper Period (dispenseRequest.validityPeriod)', medicationRequest, (c) => {
    c.dispenseRequest.validityPeriod.end = '2024-02-01';
  }, (t) => [failed('per-1', 'MedicationRequest.dispenseRequest.validityPeriod', lineOf(t, '"validityPeriod"'))]),
  brokenCase('tim-1: Timing.repeat.duration without durationUnit', medicationRequest, (c) => { c.dosageInstruction[0].timing.repeat.duration = 5; }, (t) => [
    failed('tim-1', 'MedicationRequest.dosageInstruction[0].timing.repeat', lineOf(t, '"repeat"')),
  ]),
  brokenCase('tim-9: offset with when=C', medicationRequest, (c) => { c.dosageInstruction[1].timing.repeat.when = ['C']; }, (t) => [
    failed('tim-9', 'MedicationRequest.dosageInstruction[1].timing.repeat', lineOf(t, '"repeat"', '"sequence": 2')),
  ]),
];

const resources: InvalidCase[] = [
  brokenCase('obs-3: referenceRange with neither low, high nor text', observation, (c) => { c.referenceRange[0] = { type: { text: 'normal' } }; }, (t) => [
    failed('obs-3', 'Observation.referenceRange[0]', lineOf(t, '"referenceRange"') + 1),
  ]),
  brokenCase('obs-6: dataAbsentReason beside a value', observation, (c) => { c.dataAbsentReason = { text: 'not asked' }; }, [
    failed('obs-6', 'Observation', 1),
  ]),
  brokenCase('obs-7: a component with the same code as the Observation and a value', observation, (c) => {
    c.component[0].code = structuredClone(c.code);
  }, [failed('obs-7', 'Observation', 1)]),
  brokenCase('pat-1: a contact with no details', patient, (c) => { c.contact[0] = { relationship: c.contact[0].relationship }; }, (t) => [
    failed('pat-1', 'Patient.contact[0]', lineOf(t, '"contact"') + 1),
  ]),
  brokenCase('que-0 (warning): name not usable as an identifier', questionnaire, (c) => { c.name = 'smoking questionnaire'; }, [
    failed('que-0', 'Questionnaire', 1, 'warning'),
  ]),
  brokenCase('que-1: a top-level group without items', questionnaire, (c) => { delete c.item[1].item; }, (t) => [
    failed('que-1', 'Questionnaire.item[1]', lineOf(t, '"linkId": "smoking"') - 1),
  ]),
  // Questionnaire.item.item is a contentReference to Questionnaire.item: nested items carry que-1..que-13 too.
  brokenCase('que-1: a nested group without items (contentReference)', questionnaire, (c) => { delete c.item[1].item[1].item; }, (t) => [
    failed('que-1', 'Questionnaire.item[1].item[1]', lineOf(t, '"linkId": "smoking.details"') - 1),
  ]),
  brokenCase('que-2: duplicate linkId across levels', questionnaire, (c) => { c.item[1].item[1].item[1].linkId = 'smoking.perday'; }, [
    failed('que-2', 'Questionnaire', 1),
  ]),
  brokenCase('que-3: a display item with a code', questionnaire, (c) => { c.item[0].code = [{ system: 'http://snomed.info/sct', code: '229819007' }]; }, (t) => [
    failed('que-3', 'Questionnaire.item[0]', lineOf(t, '"linkId": "intro"') - 1),
  ]),
  brokenCase('que-6: a required display item', questionnaire, (c) => { c.item[0].required = true; }, (t) => [
    failed('que-6', 'Questionnaire.item[0]', lineOf(t, '"linkId": "intro"') - 1),
  ]),
  brokenCase('que-7: operator exists with a non-boolean answer', questionnaire, (c) => {
    const ew = c.item[1].item[1].item[1].enableWhen[0];
    delete ew.answerBoolean;
    ew.answerString = 'yes';
  }, (t) => [failed('que-7', 'Questionnaire.item[1].item[1].item[1].enableWhen[0]', lineOf(t, '"question": "smoking.perday"') - 1)]),
  brokenCase('que-8: an initial value on a nested display item', questionnaire, (c) => { c.item[1].item[1].item[0].type = 'display'; }, (t) => [
    failed('que-8', 'Questionnaire.item[1].item[1].item[0]', lineOf(t, '"linkId": "smoking.perday"') - 1),
  ]),
  brokenCase('que-12: three enableWhen without enableBehavior', questionnaire, (c) => {
    const ew = c.item[1].item[1].enableWhen;
    ew.push(structuredClone(ew[0]), structuredClone(ew[0]));
  }, (t) => [failed('que-12', 'Questionnaire.item[1].item[1]', lineOf(t, '"linkId": "smoking.details"') - 1)]),
];

// A constraint the engine cannot evaluate is a warning ("not verified"), never a pass and never a crash. With the base
// definitions this happens only on already-broken input, e.g. a single-valued element written as an array.
const notEvaluated: InvalidCase[] = [
  brokenCase('evaluationFailed (warning): per-1 on a Period whose start is an array', patient, (c) => {
    c.name[0].period.start = ['1980-04-12', '1981-01-01'];
  }, (t) => [
    { ruleId: 'structure/json-shape', messageId: 'unexpectedArray', expression: 'Patient.name[0].period.start', line: lineOf(t, '"start"') },
    { ruleId: 'invariant/constraint', messageId: 'evaluationFailed', key: 'per-1', expression: 'Patient.name[0].period', severity: 'warning', line: lineOf(t, '"period"') },
  ]),
];

ruleTester.run('invariant/constraint: ele-1, ext-1', { invalid: elementAndExtension });
ruleTester.run('invariant/constraint: evaluationFailed', { invalid: notEvaluated });
ruleTester.run('invariant/constraint: dom-2..dom-6', { invalid: domainResource });
ruleTester.run('invariant/constraint: datatypes', { invalid: datatypes });
ruleTester.run('invariant/constraint: resource-specific', { invalid: resources });

ruleTester.run('invariant/constraint: holds', {
  valid: [
    // que-7 with operator exists and answerBoolean (the R4 text; fhirpath.js alone gets `is Boolean` wrong).
    fixture('questionnaire'),
    // dom-3: a contained resource that refers to its container with '#' needs no reference to itself; ref-1 holds for '#'.
    fixture('contained'),
    // dom-3: a contained resource referenced only from inside another contained resource.
    { ...contained, informationSource: { reference: 'Patient/pat-example' } },
    // per-1 with equal start and end; qty-3 with no code at all.
    { ...patient, name: [{ family: 'Smith', period: { start: '2020-01-01', end: '2020-01-01' } }] },
    { ...observation, valueQuantity: { value: 3, unit: 'tablets' } },
  ],
});
