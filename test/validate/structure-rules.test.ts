// structure/* rules through the whole validator: valid fixtures stay clean, each broken copy reports exactly its issue.
import { fixture, fixtureText, brokenCase, lineOf, ruleTester, type InvalidCase } from '../support/rule-tester.js';

const patient = fixture('patient');
const observation = fixture('observation');
const contained = fixture('contained');
const questionnaire = fixture('questionnaire');
const medicationRequest = fixture('medicationrequest');
const collection = fixture('bundle-collection');
const transaction = fixture('bundle-transaction');

const UNKNOWN = 'structure/unknown-element';
const CARD = 'structure/cardinality';
const SHAPE = 'structure/json-shape';
const RTYPE = 'structure/resource-type';
const CONTAINED = 'structure/contained';
const PRIM = 'structure/primitive-format';

// Every valid fixture, validated from its file text so positions are those of the file.
const VALID_FIXTURES = ['patient', 'observation', 'bundle-document', 'bundle-transaction', 'bundle-collection', 'bundle-searchset',
  'contained', 'questionnaire', 'medicationrequest'];

ruleTester.run('valid fixtures and JSON forms', {
  valid: [
    ...VALID_FIXTURES.map((name) => ({ name, text: fixtureText(name) })),
    // A primitive that has only extensions (`_birthDate` without `birthDate`) is a complete element.
    { name: 'primitive with only an extension', resource: { ...patient, birthDate: undefined } },
    // Aligned `given`/`_given` arrays where null marks "no value" or "no extension" on either side.
    { name: 'aligned null in primitive array', resource: { resourceType: 'Patient', text: patient.text, name: [{ given: [null, 'B'], _given: [{ id: 'g0', extension: [{ url: 'http://example.org/x', valueCode: 'a' }] }, null] }] } },
    // A Reference with only a display is allowed (ref-1 is not violated when there is no reference).
    { name: 'display-only reference', resource: { ...patient, managingOrganization: { display: 'Leeds GP' } } },
    { name: 'same fullUrl, different versionId (bdl-7)', resource: (() => {
      const b = structuredClone(collection);
      const again = structuredClone(b.entry[0]);
      b.entry[0].resource.meta = { versionId: '1' };
      again.resource.meta = { versionId: '2' };
      b.entry.push(again);
      return b;
    })() },
    { name: 'XML Patient', format: 'xml', text: '<Patient xmlns="http://hl7.org/fhir"><id value="x1"/><text><status value="generated"/><div xmlns="http://www.w3.org/1999/xhtml">x</div></text><active value="true"/></Patient>' },
  ],
});

const unknownElement: InvalidCase[] = [
  brokenCase('unknownElement: property not defined for HumanName', patient, (c) => { c.name[0].nickname = 'Janey'; }, (t) => [
    { ruleId: UNKNOWN, messageId: 'unknownElement', expression: 'Patient.name[0].nickname', line: lineOf(t, '"nickname"'), column: 7 },
  ]),
  brokenCase('unknownElement: at the resource root', patient, (c) => { c.nhsNumber = '9000000009'; }, (t) => [
    { ruleId: UNKNOWN, messageId: 'unknownElement', expression: 'Patient.nhsNumber', line: lineOf(t, '"nhsNumber"'), column: 3 },
  ]),
  brokenCase('choiceNeedsType: value[x] written as value', observation, (c) => {
    c.value = c.valueQuantity;
    delete c.valueQuantity;
  }, (t) => [{ ruleId: UNKNOWN, messageId: 'choiceNeedsType', expression: 'Observation.value', line: lineOf(t, '"value": {') }]),
  brokenCase('choiceNeedsType: deceased without its type', patient, (c) => {
    c.deceased = false;
    delete c.deceasedBoolean;
  }, (t) => [{ ruleId: UNKNOWN, messageId: 'choiceNeedsType', expression: 'Patient.deceased', line: lineOf(t, '"deceased"') }]),
  brokenCase('unknownElement: a choice type the element does not allow', patient, (c) => {
    c.deceasedString = 'no';
    delete c.deceasedBoolean;
  }, (t) => [{ ruleId: UNKNOWN, messageId: 'unknownElement', expression: 'Patient.deceasedString', line: lineOf(t, '"deceasedString"') }]),
  brokenCase('misplacedResourceType: inside a datatype', patient, (c) => { c.name[0].resourceType = 'HumanName'; }, (t) => [
    { ruleId: UNKNOWN, messageId: 'misplacedResourceType', expression: 'Patient.name[0].resourceType', line: lineOf(t, '"resourceType": "HumanName"') },
  ]),
  brokenCase('badCompanion: _name beside a complex element', patient, (c) => { c._name = [{ id: 'n1' }]; }, (t) => [
    { ruleId: UNKNOWN, messageId: 'badCompanion', expression: 'Patient._name', line: lineOf(t, '"_name"'), column: 3 },
  ]),
  brokenCase('badCompanion: _x for an element that does not exist', observation, (c) => { c.referenceRange[0]._note = { id: 'n' }; }, (t) => [
    { ruleId: UNKNOWN, messageId: 'badCompanion', expression: 'Observation.referenceRange[0]._note', line: lineOf(t, '"_note"') },
  ]),
];

const cardinality: InvalidCase[] = [
  brokenCase('tooFew: Observation.status is 1..1', observation, (c) => { delete c.status; }, [
    { ruleId: CARD, messageId: 'tooFew', expression: 'Observation', line: 1, column: 1 },
  ]),
  brokenCase('tooFew: in a backbone element (Questionnaire.item.linkId)', questionnaire, (c) => { delete c.item[1].item[0].linkId; }, (t) => [
    { ruleId: CARD, messageId: 'tooFew', expression: 'Questionnaire.item[1].item[0]', line: lineOf(t, '"type": "choice"') - 1 },
  ]),
  brokenCase('tooFew: in a datatype (Extension.url)', patient, (c) => { delete c._birthDate.extension[0].url; }, (t) => [
    { ruleId: CARD, messageId: 'tooFew', expression: 'Patient.birthDate.extension[0]', line: lineOf(t, '"valueDateTime"') - 1 },
  ]),
  brokenCase('tooMany: two value[x] types', observation, (c) => { c.valueString = '72.5 kg'; }, (t) => [
    { ruleId: CARD, messageId: 'tooMany', expression: 'Observation.value', line: lineOf(t, '"valueQuantity"') },
  ]),
  brokenCase('tooMany: two answer[x] in a nested enableWhen', questionnaire, (c) => {
    c.item[1].item[1].item[1].enableWhen[0].answerString = 'yes';
  }, (t) => [
    { ruleId: CARD, messageId: 'tooMany', expression: 'Questionnaire.item[1].item[1].item[1].enableWhen[0].answer', line: lineOf(t, '"answerBoolean"') },
  ]),
];

const jsonShape: InvalidCase[] = [
  brokenCase('expectedArray: a repeating primitive as a string', patient, (c) => {
    c.name[0].given = 'Jane';
    delete c.name[0]._given;
  }, (t) => [{ ruleId: SHAPE, messageId: 'expectedArray', expression: 'Patient.name[0].given', line: lineOf(t, '"given"'), column: 7 }]),
  brokenCase('expectedArray: a repeating complex element as an object', patient, (c) => { c.telecom = c.telecom[0]; }, (t) => [
    { ruleId: SHAPE, messageId: 'expectedArray', expression: 'Patient.telecom', line: lineOf(t, '"telecom"') },
  ]),
  brokenCase('unexpectedArray: a single-valued primitive as an array', patient, (c) => { c.gender = ['female']; }, (t) => [
    { ruleId: SHAPE, messageId: 'unexpectedArray', expression: 'Patient.gender', line: lineOf(t, '"gender"') },
  ]),
  brokenCase('expectedObject: a Reference as a string', patient, (c) => { c.managingOrganization = 'Organization/org-1'; }, (t) => [
    { ruleId: SHAPE, messageId: 'expectedObject', expression: 'Patient.managingOrganization', line: lineOf(t, '"managingOrganization"') },
  ]),
  brokenCase('expectedObject: a contained resource as a string', contained, (c) => { c.contained.push('Medication/x'); }, (t) => [
    { ruleId: SHAPE, messageId: 'expectedObject', expression: 'MedicationStatement.contained[3]', line: lineOf(t, '"Medication/x"') },
  ]),
  brokenCase('emptyObject: an array item with no members', patient, (c) => { c.telecom[0] = {}; }, (t) => [
    { ruleId: SHAPE, messageId: 'emptyObject', expression: 'Patient.telecom[0]', line: lineOf(t, '{}') },
  ]),
  brokenCase('emptyObject: an empty _element companion', patient, (c) => { c._gender = {}; }, (t) => [
    { ruleId: SHAPE, messageId: 'emptyObject', expression: 'Patient.gender', line: lineOf(t, '"_gender"') },
  ]),
  brokenCase('emptyArray: leave the property out instead', patient, (c) => { c.address = []; }, (t) => [
    { ruleId: SHAPE, messageId: 'emptyArray', expression: 'Patient.address', line: lineOf(t, '"address"') },
  ]),
  brokenCase('nullValue: a single-valued element set to null', patient, (c) => { c.gender = null; }, (t) => [
    { ruleId: SHAPE, messageId: 'nullValue', expression: 'Patient.gender', line: lineOf(t, '"gender"') },
  ]),
  brokenCase('nullValue: null in a primitive array with no companion item', patient, (c) => {
    c.name[0].given = ['Jane', null];
    delete c.name[0]._given;
  }, (t) => [{ ruleId: SHAPE, messageId: 'nullValue', expression: 'Patient.name[0].given[1]', line: lineOf(t, 'null'), column: 9 }]),
  brokenCase('nullValue: null on both sides of an aligned pair', patient, (c) => {
    c.name[0].given = ['Jane', null];
    c.name[0]._given = [{ id: 'g0' }, null];
  }, (t) => [
    // `given[1]` and `_given[1]` are both null: one fault, reported once, at the value's null.
    { ruleId: SHAPE, messageId: 'nullValue', expression: 'Patient.name[0].given[1]', line: lineOf(t, 'null') },
  ]),
  brokenCase('companionNotAligned: _given shorter than given', patient, (c) => { c.name[0]._given = [null]; }, (t) => [
    { ruleId: SHAPE, messageId: 'companionNotAligned', expression: 'Patient.name[0].given', line: lineOf(t, '"_given"') },
  ]),
  brokenCase('companionNotObject: _birthDate as a string', patient, (c) => { c._birthDate = 'unknown'; }, (t) => [
    { ruleId: SHAPE, messageId: 'companionNotObject', expression: 'Patient.birthDate', line: lineOf(t, '"_birthDate"') },
  ]),
];

const resourceType: InvalidCase[] = [
  // At the root the expression is '' (no resource type is known to name the location); the line is the `{`.
  brokenCase('missing', patient, (c) => { delete c.resourceType; }, [{ ruleId: RTYPE, messageId: 'missing', expression: '', line: 1, column: 1 }]),
  brokenCase('notString', patient, (c) => { c.resourceType = 7; }, [{ ruleId: RTYPE, messageId: 'notString', expression: '', line: 2, column: 3 }]),
  brokenCase('unknown: misspelt type', patient, (c) => { c.resourceType = 'Patiant'; }, [{ ruleId: RTYPE, messageId: 'unknown', expression: '', line: 2 }]),
  brokenCase('unknown: a datatype is not a resource', patient, (c) => { c.resourceType = 'HumanName'; }, [{ ruleId: RTYPE, messageId: 'unknown', expression: '', line: 2 }]),
  brokenCase('abstractType: DomainResource', patient, (c) => { c.resourceType = 'DomainResource'; }, [{ ruleId: RTYPE, messageId: 'abstractType', expression: '', line: 2 }]),
  // The transaction's Observation is referenced by nothing, so only the type itself is reported.
  brokenCase('unknown: in a Bundle entry', transaction, (c) => { c.entry[1].resource.resourceType = 'Observaton'; }, (t) => [
    { ruleId: RTYPE, messageId: 'unknown', expression: 'Bundle.entry[1].resource', line: lineOf(t, '"Observaton"') },
  ]),
  // contained[0] is still referenced (#med1) and has its id, so nothing but the missing type is wrong.
  brokenCase('missing: in a contained resource', contained, (c) => { delete c.contained[0].resourceType; }, (t) => [
    { ruleId: RTYPE, messageId: 'missing', expression: 'MedicationStatement.contained[0]', line: lineOf(t, '"id": "med1"') - 1 },
  ]),
];

const containedRules: InvalidCase[] = [
  brokenCase('missingId', contained, (c) => { c.contained.push({ resourceType: 'Medication', code: { text: 'Ibuprofen' } }); }, (t) => [
    { ruleId: CONTAINED, messageId: 'missingId', expression: 'MedicationStatement.contained[3]', line: lineOf(t, '"Ibuprofen"') - 3 },
  ]),
  brokenCase('duplicateId: a second contained resource with id med1', contained, (c) => {
    c.contained.push({ resourceType: 'Medication', id: 'med1', code: { text: 'Ibuprofen' } });
  }, (t) => [
    { ruleId: CONTAINED, messageId: 'duplicateId', expression: 'MedicationStatement.contained[3]', line: lineOf(t, '"Ibuprofen"') - 4 },
  ]),
  brokenCase('duplicateId: inside a Bundle entry resource', collection, (c) => {
    c.entry[0].resource.contained = [{ resourceType: 'Organization', id: 'o', name: 'A' }, { resourceType: 'Organization', id: 'o', name: 'B' }];
    c.entry[0].resource.managingOrganization = { reference: '#o' };
  }, (t) => [
    { ruleId: CONTAINED, messageId: 'duplicateId', expression: 'Bundle.entry[0].resource.contained[1]', line: lineOf(t, '"name": "B"') - 3 },
  ]),
];

// The primitive rule is unit-tested in primitives-*.test.ts; here: it is reached through the walk, with locations.
const primitives: InvalidCase[] = [
  brokenCase('date: 30 February', patient, (c) => { c.birthDate = '1980-02-30'; }, (t) => [
    { ruleId: PRIM, messageId: 'invalidDate', expression: 'Patient.birthDate', line: lineOf(t, '"birthDate"') },
  ]),
  brokenCase('dateTime in a choice: no timezone', observation, (c) => { c.effectiveDateTime = '2024-03-01T09:30:00'; }, (t) => [
    { ruleId: PRIM, messageId: 'missingTimezone', expression: 'Observation.effective.ofType(dateTime)', line: lineOf(t, '"effectiveDateTime"') },
  ]),
  brokenCase('instant: a date only', observation, (c) => { c.issued = '2024-03-01'; }, (t) => [
    { ruleId: PRIM, messageId: 'invalidFormat', expression: 'Observation.issued', line: lineOf(t, '"issued"') },
  ]),
  brokenCase('boolean as a JSON string', patient, (c) => { c.active = 'true'; }, (t) => [
    { ruleId: PRIM, messageId: 'wrongJsonType', expression: 'Patient.active', line: lineOf(t, '"active"') },
  ]),
  brokenCase('decimal as a JSON string, inside a choice', observation, (c) => { c.valueQuantity.value = '72.5'; }, (t) => [
    { ruleId: PRIM, messageId: 'wrongJsonType', expression: 'Observation.value.ofType(Quantity).value', line: lineOf(t, '"value": "72.5"') },
  ]),
  brokenCase('integer beyond 32 bits', medicationRequest, (c) => { c.dosageInstruction[0].sequence = 2147483648; }, (t) => [
    { ruleId: PRIM, messageId: 'integerOutOfRange', expression: 'MedicationRequest.dosageInstruction[0].sequence', line: lineOf(t, '"sequence"') },
  ]),
  brokenCase('positiveInt zero, deep in Timing', medicationRequest, (c) => { c.dosageInstruction[0].timing.repeat.frequency = 0; }, (t) => [
    { ruleId: PRIM, messageId: 'integerOutOfRange', expression: 'MedicationRequest.dosageInstruction[0].timing.repeat.frequency', line: lineOf(t, '"frequency"') },
  ]),
  brokenCase('id with an underscore', patient, (c) => { c.id = 'pat_example'; }, [
    { ruleId: PRIM, messageId: 'invalidId', expression: 'Patient.id', line: 3, column: 3 },
  ]),
  brokenCase('uri with a space', patient, (c) => { c.identifier[0].system = 'https://fhir.nhs.uk/Id/nhs number'; }, (t) => [
    { ruleId: PRIM, messageId: 'invalidUri', expression: 'Patient.identifier[0].system', line: lineOf(t, 'nhs number') },
  ]),
  brokenCase('code with a trailing space', patient, (c) => { c.name[0].use = 'official '; }, (t) => [
    { ruleId: PRIM, messageId: 'invalidCode', expression: 'Patient.name[0].use', line: lineOf(t, '"use"') },
  ]),
  brokenCase('empty string in a repeating primitive', patient, (c) => { c.name[0].given[1] = ''; }, (t) => [
    { ruleId: PRIM, messageId: 'emptyValue', expression: 'Patient.name[0].given[1]', line: lineOf(t, '""'), column: 9 },
  ]),
  { name: 'XML: boolean attribute value', format: 'xml', text: '<Patient xmlns="http://hl7.org/fhir">\n  <text><status value="generated"/><div xmlns="http://www.w3.org/1999/xhtml">x</div></text>\n  <active value="yes"/>\n</Patient>',
    errors: [{ ruleId: PRIM, messageId: 'invalidBoolean', expression: 'Patient.active', line: 3 }] },
];

ruleTester.run('structure/unknown-element', { invalid: unknownElement });
ruleTester.run('structure/cardinality', { invalid: cardinality });
ruleTester.run('structure/json-shape', { invalid: jsonShape });
ruleTester.run('structure/resource-type', { invalid: resourceType });
ruleTester.run('structure/contained', { invalid: containedRules });
ruleTester.run('structure/primitive-format through the walker', { invalid: primitives });
ruleTester.run('structure/narrative-xhtml through the walker', {
  invalid: [
    brokenCase('script in the narrative', patient, (c) => {
      c.text.div = '<div xmlns="http://www.w3.org/1999/xhtml"><script>alert(1)</script></div>';
    }, (t) => [{ ruleId: 'structure/narrative-xhtml', messageId: 'xhtmlElementNotAllowed', expression: 'Patient.text.div', line: lineOf(t, '"div"') }]),
  ],
});
