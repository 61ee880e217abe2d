// checkPrimitive for boolean, integer, unsignedInt, positiveInt and decimal: JSON values, XML text, kept JSON text.
import { describe, expect, it } from 'vitest';
import { validateInput } from '../support/rule-tester.js';
import { checkPrimitive, type CheckPrimitiveOptions } from '../../src/validate/primitives/index.js';

type Row = [type: string, value: unknown, messageId: string | undefined, options?: CheckPrimitiveOptions];
const xml: CheckPrimitiveOptions = { fromXml: true };

const rows: Row[] = [
  // boolean
  ['boolean', true, undefined],
  ['boolean', false, undefined],
  ['boolean', 'true', 'wrongJsonType'],
  ['boolean', 1, 'wrongJsonType'],
  ['boolean', null, 'wrongJsonType'],
  ['boolean', 'true', undefined, xml],
  ['boolean', 'false', undefined, xml],
  ['boolean', 'TRUE', 'invalidBoolean', xml],
  ['boolean', 'yes', 'invalidBoolean', xml],
  ['boolean', 1, 'wrongJsonType', xml],

  // integer: 32-bit signed
  ['integer', 0, undefined],
  ['integer', -0, undefined], // the integer regex allows "-0"
  ['integer', 2147483647, undefined],
  ['integer', 2147483648, 'integerOutOfRange'],
  ['integer', -2147483648, undefined],
  ['integer', -2147483649, 'integerOutOfRange'],
  ['integer', 1e20, 'integerOutOfRange'],
  ['integer', 1.5, 'invalidInteger'],
  ['integer', '1', 'wrongJsonType'],
  ['integer', [1], 'wrongJsonType'],
  ['integer', { value: 1 }, 'wrongJsonType'],
  // integer: lexical forms (XML)
  ['integer', '42', undefined, xml],
  ['integer', '-0', undefined, xml],
  ['integer', '2147483647', undefined, xml],
  ['integer', '2147483648', 'integerOutOfRange', xml],
  ['integer', '-2147483648', undefined, xml],
  ['integer', '-2147483649', 'integerOutOfRange', xml],
  ['integer', '+1', 'invalidInteger', xml], // the Java validator rejects a leading '+'
  ['integer', '01', 'invalidInteger', xml],
  ['integer', '1.0', 'invalidInteger', xml],
  ['integer', '1e2', 'invalidInteger', xml],
  ['integer', ' 1', 'invalidInteger', xml],
  ['integer', 'ten', 'invalidInteger', xml],
  ['integer', '', 'invalidInteger', xml],
  // integer: JSON number text kept by the reader
  ['integer', 1, 'invalidInteger', { lexical: '1.0' }],
  ['integer', 100, 'invalidInteger', { lexical: '1e2' }],
  ['integer', 1, undefined, { lexical: '1' }],

  // unsignedInt: 0..2147483647
  ['unsignedInt', 0, undefined],
  ['unsignedInt', 2147483647, undefined],
  ['unsignedInt', 2147483648, 'integerOutOfRange'],
  ['unsignedInt', -1, 'integerOutOfRange'],
  ['unsignedInt', -0, 'invalidInteger'], // the unsignedInt regex has no '-'
  ['unsignedInt', '0', undefined, xml],
  ['unsignedInt', '-0', 'invalidInteger', xml],
  ['unsignedInt', '-1', 'integerOutOfRange', xml],
  ['unsignedInt', '00', 'invalidInteger', xml],

  // positiveInt: 1..2147483647
  ['positiveInt', 1, undefined],
  ['positiveInt', 2147483647, undefined],
  ['positiveInt', 0, 'integerOutOfRange'],
  ['positiveInt', -5, 'integerOutOfRange'],
  ['positiveInt', 2147483648, 'integerOutOfRange'],
  ['positiveInt', '1', undefined, xml],
  ['positiveInt', '0', 'integerOutOfRange', xml],
  ['positiveInt', '+1', 'invalidInteger', xml],

  // decimal
  ['decimal', 0, undefined],
  ['decimal', -1.5, undefined],
  ['decimal', 1e10, undefined],
  ['decimal', '1.5', 'wrongJsonType'],
  ['decimal', true, 'wrongJsonType'],
  ['decimal', '1.0e10', undefined, xml],
  ['decimal', '1.0E-10', undefined, xml],
  ['decimal', '-0', undefined, xml],
  ['decimal', '0.0001', undefined, xml],
  ['decimal', '-1.50', undefined, xml],
  ['decimal', '1.', 'decimalSyntax', xml],
  ['decimal', '.5', 'decimalSyntax', xml],
  ['decimal', '+1.5', 'decimalSyntax', xml],
  ['decimal', '01.5', 'decimalSyntax', xml],
  ['decimal', '00', 'decimalSyntax', xml],
  ['decimal', 'NaN', 'decimalSyntax', xml],
  ['decimal', 'Infinity', 'decimalSyntax', xml],
  ['decimal', '-INF', 'decimalSyntax', xml],
  ['decimal', '1e', 'decimalSyntax', xml],
  ['decimal', '1,5', 'decimalSyntax', xml],
  ['decimal', 1.5, 'decimalSyntax', { lexical: '01.5' }],
  ['decimal', 1.5, undefined, { lexical: '1.50' }],
];

describe('checkPrimitive: booleans and numbers', () => {
  it.each(rows)('%s %j -> %s (%j)', (type, value, messageId, options) => {
    expect(checkPrimitive(type, value, options)?.messageId).toBe(messageId);
  });

  it('reports the range it checked against', () => {
    expect(checkPrimitive('integer', 2147483648)?.data).toEqual({
      type: 'integer', value: '2147483648', min: -2147483648, max: 2147483647,
    });
    expect(checkPrimitive('positiveInt', 0)?.data).toMatchObject({ min: 1 });
    expect(checkPrimitive('unsignedInt', -1)?.data).toMatchObject({ min: 0 });
  });

  it('names the JSON type it found', () => {
    expect(checkPrimitive('integer', '1')?.data).toEqual({ type: 'integer', expected: 'number', actual: 'string' });
    expect(checkPrimitive('boolean', null)?.data).toMatchObject({ actual: 'null' });
    expect(checkPrimitive('decimal', [1])?.data).toMatchObject({ actual: 'array' });
  });
});

// End to end from XML: the reader keeps an integer written as `2.0` or `2e0` as text (JSON.parse-style conversion
// would make it the number 2), so the validator reports the value as written; decimals keep any valid form.
describe('integers and decimals written in XML', () => {
  const patient = (birth: string) => `<Patient xmlns="http://hl7.org/fhir"><id value="a"/><text><status value="generated"/>` +
    `<div xmlns="http://www.w3.org/1999/xhtml">x</div></text>${birth}</Patient>`;
  it.each([
    ['<multipleBirthInteger value="2"/>', []],
    ['<multipleBirthInteger value="2.0"/>', ['invalidInteger']],
    ['<multipleBirthInteger value="2e0"/>', ['invalidInteger']],
    ['<multipleBirthInteger value="-0"/>', []],
  ])('%s', (xml, expected) => {
    const issues = validateInput({ text: patient(xml), fileName: 'case.xml' }).filter((i) => i.severity === 'error');
    expect(issues.map((i) => i.messageId)).toEqual(expected);
    if (expected.length) expect(issues[0]!.location.expression).toBe('Patient.multipleBirth.ofType(integer)');
  });
});

// The same from JSON: JSON.parse makes 2.0 and 2e0 the number 2, so where the text has any fraction or exponent the
// integer is read back as written (https://hl7.org/fhir/R4/json.html#primitive: the JSON number as written).
describe('integers written in JSON with a fraction or an exponent', () => {
  const patient = (members: string) => `{"resourceType":"Patient","id":"a","text":{"status":"generated",` +
    `"div":"<div xmlns=\\"http://www.w3.org/1999/xhtml\\">x</div>"},${members}}`;
  it.each([
    ['"multipleBirthInteger": 2', []],
    ['"multipleBirthInteger": 2.0', ['invalidInteger']],
    ['"multipleBirthInteger": 2E0', ['invalidInteger']],
    ['"multipleBirthInteger": -2e+0', ['invalidInteger']],
    // A decimal elsewhere makes the reader look; a plain integer is still fine.
    ['"multipleBirthInteger": 2, "extension": [{"url": "http://example.org/x", "valueDecimal": 2.50}]', []],
    // `true`/`false` contain an 'e' that is not an exponent.
    ['"multipleBirthInteger": 2, "active": true, "deceasedBoolean": false', []],
  ])('%s', (members, expected) => {
    const issues = validateInput({ text: patient(members), fileName: 'case.json' }).filter((i) => i.severity === 'error');
    expect(issues.map((i) => i.messageId)).toEqual(expected);
    if (expected.length) expect(issues[0]!.location.expression).toBe('Patient.multipleBirth.ofType(integer)');
  });

  it('also through the exact reader (a duplicate key sends the text there)', () => {
    const issues = validateInput({ text: patient('"multipleBirthInteger": 2.0, "active": true, "active": true'), fileName: 'case.json' })
      .filter((i) => i.severity === 'error' || i.severity === 'fatal');
    expect(issues.map((i) => [i.messageId, i.location.expression])).toEqual(expect.arrayContaining([
      ['invalidInteger', 'Patient.multipleBirth.ofType(integer)'],
    ]));
  });

  it('checks integers in arrays and nested types (positiveInt in Timing.repeat) as written', () => {
    const text = `{"resourceType":"MedicationRequest","id":"m","text":{"status":"generated","div":"<div xmlns=\\"http://www.w3.org/1999/xhtml\\">x</div>"},` +
      `"status":"active","intent":"order","medicationCodeableConcept":{"text":"x"},"subject":{"reference":"Patient/p"},` +
      `"dosageInstruction":[{"timing":{"repeat":{"frequency":1,"period":1.5,"periodUnit":"d"}}},{"timing":{"repeat":{"frequency":3.0,"period":1,"periodUnit":"d"}}}]}`;
    const issues = validateInput({ text, fileName: 'case.json' }).filter((i) => i.severity === 'error');
    expect(issues.map((i) => [i.messageId, i.location.expression])).toEqual([
      ['invalidInteger', 'MedicationRequest.dosageInstruction[1].timing.repeat.frequency'],
    ]);
  });
});

