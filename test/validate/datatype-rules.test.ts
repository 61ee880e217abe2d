// structure/attachment-data, structure/identifier-uri and structure/canonical-url through the whole validator.
import { createHash } from 'node:crypto';
import { brokenCase, fixture, ruleTester } from '../support/rule-tester.js';

const patient = fixture('patient');
const DATA = Buffer.from('hello, attachment').toString('base64');
const SHA1 = createHash('sha1').update('hello, attachment').digest('base64');
const photo = { contentType: 'text/plain', data: DATA, size: 17, hash: SHA1 };
const valueSet = { resourceType: 'ValueSet', id: 'vs', url: 'http://example.org/fhir/ValueSet/vs', status: 'draft', text: patient.text };

ruleTester.run('structure/attachment-data, identifier-uri, canonical-url', {
  valid: [
    { name: 'attachment with matching size and hash', resource: { ...patient, photo: [photo] } },
    { name: 'rfc3986 identifier with an urn:oid value', resource: { ...patient, identifier: [{ system: 'urn:ietf:rfc:3986', value: 'urn:oid:2.16.840.1.113883' }] } },
    { name: 'canonical resource with an absolute url', resource: valueSet },
  ],
  invalid: [
    brokenCase('attachment size differs from the decoded data', patient, (c) => { c.photo = [{ ...photo, size: 19 }]; }, () => [
      { ruleId: 'structure/attachment-data', messageId: 'sizeMismatch', expression: 'Patient.photo[0].size' },
    ]),
    brokenCase('attachment hash is not the SHA-1 of the data', patient, (c) => { c.photo = [{ ...photo, hash: 'AAAAAAAAAAAAAAAAAAAAAAAAAAA=' }]; }, () => [
      { ruleId: 'structure/attachment-data', messageId: 'hashMismatch', expression: 'Patient.photo[0].hash' },
    ]),
    // Data that is not base64Binary has no decoded bytes: only the format error, no size or hash findings.
    brokenCase('attachment data of a bad length, with size and hash', patient, (c) => { c.photo = [{ ...photo, data: `${DATA.slice(0, -1)}AB` }]; }, () => [
      { ruleId: 'structure/primitive-format', messageId: 'invalidBase64', expression: 'Patient.photo[0].data' },
    ]),
    brokenCase('rfc3986 identifier with a bare OID', patient, (c) => { c.identifier = [{ system: 'urn:ietf:rfc:3986', value: '2.16.840.1.113883' }]; }, () => [
      { ruleId: 'structure/identifier-uri', messageId: 'notAbsolute', expression: 'Patient.identifier[0].value' },
    ]),
    brokenCase('canonical resource with a relative url', valueSet, (c) => { c.url = 'ValueSet/vs'; }, () => [
      { ruleId: 'structure/canonical-url', messageId: 'notAbsolute', expression: 'ValueSet.url' },
    ]),
  ],
});

// que-12 as its human text says (the R4 expression has `> 2`): two enableWhen need an enableBehavior.
const questionnaire = fixture('questionnaire');
ruleTester.run('invariant/constraint: que-12 erratum', {
  invalid: [
    brokenCase('que-12: two enableWhen without enableBehavior', questionnaire, (c) => {
      const item = c.item.find((i: any) => Array.isArray(i.enableWhen)) ?? c.item[1];
      item.enableWhen = [{ question: c.item[0].linkId, operator: 'exists', answerBoolean: true }, { question: c.item[0].linkId, operator: 'exists', answerBoolean: false }];
      delete item.enableBehavior;
    }, () => [{ ruleId: 'invariant/constraint', messageId: 'failed', key: 'que-12', expression: 'Questionnaire.item[1]' }]),
  ],
});
