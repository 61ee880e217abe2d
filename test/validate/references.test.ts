// reference/resolution: '#id' to contained resources, references inside Bundles, and target types
// (https://hl7.org/fhir/R4/references.html, https://hl7.org/fhir/R4/bundle.html#references).
import { fixture, brokenCase, lineOf, ruleTester, type InvalidCase } from '../support/rule-tester.js';

const observation = fixture('observation');
const contained = fixture('contained');
const documentBundle = fixture('bundle-document');
const transaction = fixture('bundle-transaction');
const collection = fixture('bundle-collection');

const REF = 'reference/resolution';

ruleTester.run('references that resolve or need not', {
  valid: [
    contained,
    documentBundle,
    transaction,
    // Outside a document or message, a relative reference may point outside the Bundle.
    { ...collection, entry: [collection.entry[0], { ...collection.entry[1], resource: { ...collection.entry[1].resource, performer: [{ reference: 'Practitioner/elsewhere' }] } }] },
    // Absolute references to other servers are not resolved.
    { ...observation, subject: { reference: 'https://other.example.org/fhir/Patient/123' } },
    // Reference.type agreeing with the literal reference.
    { ...observation, subject: { reference: 'Patient/pat-example', type: 'Patient' } },
    // A logical reference (identifier only).
    { ...observation, subject: { identifier: { system: 'https://fhir.nhs.uk/Id/nhs-number', value: '9000000009' } } },
  ],
});

const invalid: InvalidCase[] = [
  brokenCase('containedNotFound: #id naming no contained resource (ref-1 fails with it)', contained, (c) => {
    c.medicationReference.reference = '#med2';
    c.contained[2].target.push({ reference: '#med1' }); // keep med1 referenced so dom-3 still holds
  }, (t) => [
    { ruleId: REF, messageId: 'containedNotFound', expression: 'MedicationStatement.medication.ofType(Reference).reference', line: lineOf(t, '"#med2"'), column: 5 },
    { ruleId: 'invariant/constraint', messageId: 'failed', key: 'ref-1', expression: 'MedicationStatement.medication.ofType(Reference)', line: lineOf(t, '"medicationReference"') },
  ]),
  brokenCase('bundleNotFound: a relative reference missing from a document', documentBundle, (c) => {
    c.entry[3].resource.subject.reference = 'Patient/nobody';
  }, (t) => [
    { ruleId: REF, messageId: 'bundleNotFound', expression: 'Bundle.entry[3].resource.subject.reference', line: lineOf(t, '"Patient/nobody"'), column: 11 },
  ]),
  brokenCase('uuidNotFound: a urn:uuid no fullUrl matches', documentBundle, (c) => {
    c.entry[0].resource.author[0].reference = 'urn:uuid:00000000-0000-4000-8000-000000000000';
    c.entry[0].resource.author.push({ reference: 'urn:uuid:9d8c7b6a-5f4e-4d3c-8b2a-1f0e9d8c7b6a' }); // keep entry[2] referenced
  }, (t) => [
    { ruleId: REF, messageId: 'uuidNotFound', expression: 'Bundle.entry[0].resource.author[0].reference', line: lineOf(t, '"urn:uuid:00000000-0000-4000-8000-000000000000"') },
  ]),
  brokenCase('uuidNotFound: in a transaction', transaction, (c) => {
    c.entry[1].resource.subject.reference = 'urn:uuid:00000000-0000-4000-8000-000000000000';
  }, (t) => [
    { ruleId: REF, messageId: 'uuidNotFound', expression: 'Bundle.entry[1].resource.subject.reference', line: lineOf(t, '"urn:uuid:00000000-0000-4000-8000-000000000000"') },
  ]),
  brokenCase('wrongTargetType: Observation.subject resolving to a Practitioner entry', documentBundle, (c) => {
    c.entry[3].resource.subject.reference = 'urn:uuid:9d8c7b6a-5f4e-4d3c-8b2a-1f0e9d8c7b6a';
  }, (t) => [
    { ruleId: REF, messageId: 'wrongTargetType', expression: 'Bundle.entry[3].resource.subject.reference', line: lineOf(t, '"reference": "urn:uuid:9d8c7b6a', '"resourceType": "Observation"') },
  ]),
  brokenCase('wrongTargetType: the type in a relative reference', observation, (c) => { c.subject.reference = 'Medication/m1'; }, (t) => [
    { ruleId: REF, messageId: 'wrongTargetType', expression: 'Observation.subject.reference', line: lineOf(t, '"Medication/m1"') },
  ]),
  brokenCase('wrongTargetType: a contained resource of the wrong type', contained, (c) => { c.informationSource.reference = '#med1'; c.contained[2].agent[0].who.reference = '#org1'; }, (t) => [
    { ruleId: REF, messageId: 'wrongTargetType', expression: 'MedicationStatement.informationSource.reference', line: lineOf(t, '"#med1"', '"informationSource"') },
  ]),
  brokenCase('typeMismatch: Reference.type disagrees with the reference', observation, (c) => { c.subject.type = 'Group'; }, (t) => [
    { ruleId: REF, messageId: 'typeMismatch', expression: 'Observation.subject.reference', line: lineOf(t, '"Patient/pat-example"') },
  ]),
  // Two entries are Patient/p1 on different servers; the Observation's urn:uuid fullUrl gives no base to choose by.
  brokenCase('ambiguousInBundle: a relative reference matching two entries by type and id only (warning)', collection, (c) => {
    c.entry[1].fullUrl = 'urn:uuid:4a6c1f0e-2b3d-4e5f-8a9b-0c1d2e3f4a5b';
    c.entry[1].resource.subject = { reference: 'Patient/p1' };
    c.entry.push({ fullUrl: 'http://other.example.org/fhir/Patient/p1', resource: structuredClone(c.entry[0].resource) });
  }, (t) => [
    { ruleId: REF, messageId: 'ambiguousInBundle', severity: 'warning', expression: 'Bundle.entry[1].resource.subject.reference', line: lineOf(t, '"Patient/p1"', '"Observation"') },
  ]),
  brokenCase('invalidFormat: not a literal reference', observation, (c) => { c.performer[0].reference = 'practitioner 1'; }, (t) => [
    { ruleId: REF, messageId: 'invalidFormat', expression: 'Observation.performer[0].reference', line: lineOf(t, '"practitioner 1"') },
  ]),
];

ruleTester.run('reference/resolution', { invalid });
