// Bundle rules: bundle/full-url (https://hl7.org/fhir/R4/bundle.html#bundle-unique) and the bdl-* invariants,
// each on a broken copy of a valid document, transaction, collection or searchset Bundle.
import { fixture, brokenCase, lineOf, ruleTester, type ExpectedIssue, type InvalidCase } from '../support/rule-tester.js';

const documentBundle = fixture('bundle-document');
const transaction = fixture('bundle-transaction');
const collection = fixture('bundle-collection');
const searchset = fixture('bundle-searchset');

const FULL_URL = 'bundle/full-url';
const failed = (key: string, expression: string, line?: number): ExpectedIssue => ({
  ruleId: 'invariant/constraint', messageId: 'failed', key, expression, ...(line !== undefined ? { line } : {}),
});

ruleTester.run('Bundles that are valid', {
  valid: [
    documentBundle,
    transaction,
    collection,
    searchset,
    // A transaction entry may create a resource without a fullUrl when nothing references it.
    (() => {
      const b = structuredClone(transaction);
      delete b.entry[1].fullUrl;
      return b;
    })(),
    // fullUrl matching Type/id on another server base, and a versioned reference resolving to it.
    { ...collection, entry: [collection.entry[0], { ...collection.entry[1], resource: { ...collection.entry[1].resource, subject: { reference: 'Patient/p1/_history/3' } } }] },
    // Conditional references are allowed in transactions.
    (() => {
      const b = structuredClone(transaction);
      b.entry[1].resource.subject.reference = 'Patient?identifier=https://fhir.nhs.uk/Id/nhs-number|9000000009';
      return b;
    })(),
  ],
});

const fullUrl: InvalidCase[] = [
  brokenCase('notAbsolute: a relative fullUrl', collection, (c) => { c.entry[0].fullUrl = 'Patient/p1'; }, (t) => [
    { ruleId: FULL_URL, messageId: 'notAbsolute', expression: 'Bundle.entry[0].fullUrl', line: lineOf(t, '"fullUrl"'), column: 7 },
  ]),
  brokenCase('notAbsolute: a malformed urn:oid (also a bad oid primitive)', collection, (c) => { c.entry[0].fullUrl = 'urn:oid:1.2.03'; }, (t) => [
    { ruleId: FULL_URL, messageId: 'notAbsolute', expression: 'Bundle.entry[0].fullUrl', line: lineOf(t, '"fullUrl"') },
    { ruleId: 'structure/primitive-format', messageId: 'invalidOid', expression: 'Bundle.entry[0].fullUrl', line: lineOf(t, '"fullUrl"') },
  ]),
  brokenCase('idMismatch: fullUrl names another id', collection, (c) => { c.entry[0].fullUrl = 'http://example.org/fhir/Patient/p2'; }, (t) => [
    { ruleId: FULL_URL, messageId: 'idMismatch', expression: 'Bundle.entry[0].fullUrl', line: lineOf(t, '"fullUrl"') },
  ]),
  brokenCase('idMismatch: fullUrl names another type', searchset, (c) => { c.entry[0].fullUrl = 'http://example.org/fhir/Person/p1'; }, (t) => [
    { ruleId: FULL_URL, messageId: 'idMismatch', expression: 'Bundle.entry[0].fullUrl', line: lineOf(t, '"fullUrl"') },
  ]),
  brokenCase('badUuid: upper-case urn:uuid (also a bad uuid primitive)', collection, (c) => {
    c.entry[0].fullUrl = 'urn:uuid:A1B2C3D4-E5F6-4A7B-8C9D-0E1F2A3B4C5D';
  }, (t) => [
    { ruleId: FULL_URL, messageId: 'badUuid', expression: 'Bundle.entry[0].fullUrl', line: lineOf(t, '"fullUrl"') },
    { ruleId: 'structure/primitive-format', messageId: 'invalidUuid', expression: 'Bundle.entry[0].fullUrl', line: lineOf(t, '"fullUrl"') },
  ]),
  // A warning: listing it makes the case compare warnings, so nothing else may be reported either.
  brokenCase('missing (warning): a collection entry with a resource and no fullUrl', collection, (c) => { delete c.entry[1].fullUrl; }, (t) => [
    { ruleId: FULL_URL, messageId: 'missing', expression: 'Bundle.entry[1]', severity: 'warning', line: lineOf(t, '"resourceType": "Observation"') - 2 },
  ]),
];

const bdl: InvalidCase[] = [
  brokenCase('bdl-1: total in a collection', collection, (c) => { c.total = 2; }, [failed('bdl-1', 'Bundle', 1)]),
  brokenCase('bdl-2: entry.search in a collection', collection, (c) => { c.entry[0].search = { mode: 'match' }; }, [failed('bdl-2', 'Bundle', 1)]),
  brokenCase('bdl-3: a transaction entry without request', transaction, (c) => { delete c.entry[1].request; }, [failed('bdl-3', 'Bundle', 1)]),
  brokenCase('bdl-3: a collection entry with a request', collection, (c) => { c.entry[1].request = { method: 'GET', url: 'Observation/o1' }; }, [
    failed('bdl-3', 'Bundle', 1),
  ]),
  brokenCase('bdl-4: a collection entry with a response', collection, (c) => { c.entry[1].response = { status: '200' }; }, [failed('bdl-4', 'Bundle', 1)]),
  brokenCase('bdl-5: an entry with only a fullUrl', collection, (c) => { c.entry.push({ fullUrl: 'http://example.org/fhir/Patient/p9' }); }, (t) => [
    failed('bdl-5', 'Bundle.entry[2]', lineOf(t, '"http://example.org/fhir/Patient/p9"') - 1),
  ]),
  brokenCase('bdl-7: the same fullUrl twice', collection, (c) => { c.entry.push(structuredClone(c.entry[0])); }, [failed('bdl-7', 'Bundle', 1)]),
  brokenCase('bdl-8: a version-specific fullUrl', collection, (c) => { c.entry[0].fullUrl = 'http://example.org/fhir/Patient/p1/_history/1'; }, (t) => [
    failed('bdl-8', 'Bundle.entry[0]', lineOf(t, '"fullUrl"') - 1),
  ]),
  brokenCase('bdl-9: a document identifier without system', documentBundle, (c) => { delete c.identifier.system; }, [failed('bdl-9', 'Bundle', 1)]),
  brokenCase('bdl-10: a document without timestamp', documentBundle, (c) => { delete c.timestamp; }, [failed('bdl-10', 'Bundle', 1)]),
  brokenCase('bdl-11: a document whose first entry is not the Composition', documentBundle, (c) => { c.entry.push(c.entry.shift()); }, [
    failed('bdl-11', 'Bundle', 1),
  ]),
  brokenCase('bdl-12: a message without MessageHeader first', collection, (c) => { c.type = 'message'; }, [failed('bdl-12', 'Bundle', 1)]),
];

ruleTester.run('bundle/full-url', { invalid: fullUrl });
ruleTester.run('invariant/constraint: bdl-*', { invalid: bdl });
