// readFhirXml: FHIR XML → FHIR JSON shape (https://hl7.org/fhir/R4/json.html) and recorded positions.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { readFhirXml } from '../../src/parse/xml/index.js';
import { isJsonNumber } from '../../src/parse/xml/primitive-json.js';
import { projectRoot } from '../../src/util/shared-data.js';
import { fakeSchema } from './xml-fake-schema.js';

const FIXTURES = path.join(projectRoot, 'fixtures', 'parse', 'xml');
const fixture = (name: string) => readFileSync(path.join(FIXTURES, name), 'utf8');
const schema = fakeSchema();
const NS = 'xmlns="http://hl7.org/fhir"';

function read(xml: string) {
  const outcome = readFhirXml(xml, 'test.xml', schema);
  expect(outcome.issues).toEqual([]);
  expect(outcome.resources).toHaveLength(1);
  return outcome.resources[0]!;
}

/** Reads a Patient body and returns the JSON plus the ids of its findings. */
function patient(body: string) {
  const r = read(`<Patient ${NS}>${body}</Patient>`);
  return { value: r.value, findings: r.issues.map((i) => `${i.ruleId}/${i.messageId}@${i.location.expression}`) };
}

describe('readFhirXml: fixtures read to the expected FHIR JSON', () => {
  it.each(['patient-valid', 'bundle-valid', 'ukcore-patient-example'])('%s', (name) => {
    const r = read(fixture(`${name}.xml`));
    expect(r.issues).toEqual([]);
    expect(r.format).toBe('xml');
    expect(r.source).toBe('test.xml');
    expect(r.value).toEqual(JSON.parse(fixture(`${name}.json`)));
  });
});

describe('primitives', () => {
  it.each([
    ['<active value="true"/>', { active: true }],
    ['<active value="false"/>', { active: false }],
    ['<active value="TRUE"/>', { active: 'TRUE' }],
    ['<active value="1"/>', { active: '1' }],
    ['<multipleBirthInteger value="2"/>', { multipleBirthInteger: 2 }],
    ['<multipleBirthInteger value="-7"/>', { multipleBirthInteger: -7 }],
    ['<multipleBirthInteger value="01"/>', { multipleBirthInteger: '01' }],
    ['<multipleBirthInteger value="+1"/>', { multipleBirthInteger: '+1' }],
    // Not an integer as written: kept as text for the validator to report (not the number 1.5, nor 2 for "2.0").
    ['<multipleBirthInteger value="1.5"/>', { multipleBirthInteger: '1.5' }],
    ['<multipleBirthInteger value="2.0"/>', { multipleBirthInteger: '2.0' }],
    ['<multipleBirthInteger value=" 2"/>', { multipleBirthInteger: ' 2' }],
    ['<multipleBirthInteger value="two"/>', { multipleBirthInteger: 'two' }],
    ['<extension url="u"><valueDecimal value="3.140"/></extension>', { extension: [{ url: 'u', valueDecimal: 3.14 }] }],
    ['<extension url="u"><valueDecimal value="1e3"/></extension>', { extension: [{ url: 'u', valueDecimal: 1000 }] }],
    ['<extension url="u"><valueDecimal value=".5"/></extension>', { extension: [{ url: 'u', valueDecimal: '.5' }] }],
    ['<birthDate value="2001"/>', { birthDate: '2001' }],
    ['<name><given value="a"/></name>', { name: [{ given: ['a'] }] }],
    ['<birthDate value="a &amp; &#x41;&#66;"/>', { birthDate: 'a & AB' }],
  ])('%s', (body, expected) => {
    const { value, findings } = patient(body);
    expect(findings).toEqual([]);
    expect(value).toEqual({ resourceType: 'Patient', ...expected });
  });

  it.each([
    ['0', true], ['-0', true], ['12', true], ['1.25', true], ['1e-3', true], ['-1.5E+10', true],
    ['', false], ['-', false], ['01', false], ['1.', false], ['.1', false], ['1e', false], ['1e+', false],
    ['+1', false], [' 1', false], ['1 ', false], ['0x10', false], ['NaN', false], ['Infinity', false],
  ])('isJsonNumber(%j) is %s', (s, ok) => {
    expect(isJsonNumber(s)).toBe(ok);
  });

  it('puts id and extensions of a primitive in the _name companion', () => {
    const r = read(fixture('primitive-id-extension.xml'));
    expect(r.issues).toEqual([]);
    expect(r.value).toEqual({
      resourceType: 'Patient',
      birthDate: '1970-01-01',
      _birthDate: {
        id: 'bd1',
        extension: [{ url: 'http://hl7.org/fhir/StructureDefinition/patient-birthTime', valueDateTime: '1970-01-01T10:30:00+00:00' }],
      },
    });
  });

  it('aligns the companion array with a repeating primitive, with nulls where an item has none', () => {
    const r = read(fixture('repeating-primitive-extensions.xml'));
    expect(r.issues).toEqual([]);
    expect(r.value.name).toEqual([{
      given: ['Jane', 'Ann', null, 'Lou'],
      _given: [
        null,
        { extension: [{ url: 'http://example.org/nickname', valueBoolean: true }] },
        { extension: [{ url: 'http://hl7.org/fhir/StructureDefinition/data-absent-reason', valueCode: 'unknown' }] },
        null,
      ],
    }]);
  });

  it('omits the companion array when no item has an id or extension', () => {
    const { value } = patient('<name><given value="a"/><given value="b"/></name>');
    expect(value.name).toEqual([{ given: ['a', 'b'] }]);
    expect(Object.keys((value.name as object[])[0]!)).toEqual(['given']);
  });

  it('writes only the companion when a single primitive has extensions but no value', () => {
    const { value, findings } = patient('<birthDate><extension url="u"><valueString value="x"/></extension></birthDate>');
    expect(findings).toEqual([]);
    expect(value).toEqual({ resourceType: 'Patient', _birthDate: { extension: [{ url: 'u', valueString: 'x' }] } });
  });

  it('drops the value array when no repeating item has a value, keeping the companions', () => {
    const { value, findings } = patient('<name><given id="g1"/><given><extension url="u"><valueString value="x"/></extension></given></name>');
    expect(findings).toEqual([]);
    expect(value.name).toEqual([{ _given: [{ id: 'g1' }, { extension: [{ url: 'u', valueString: 'x' }] }] }]);
  });

  it('pads the companion array to the length of the value array', () => {
    const { value } = patient('<name><given id="g0" value="a"/><given value="b"/><given value="c"/></name>');
    expect(value.name).toEqual([{ given: ['a', 'b', 'c'], _given: [{ id: 'g0' }, null, null] }]);
  });
});

describe('complex elements, extensions and resource containers', () => {
  it('reads id attributes on complex elements and url attributes on extensions', () => {
    const { value, findings } = patient(
      '<extension id="e1" url="http://x"><extension url="http://y"><valueInteger value="3"/></extension></extension>' +
      '<modifierExtension url="http://m"><valueBoolean value="false"/></modifierExtension>' +
      '<name id="n1"><family value="F"/></name>',
    );
    expect(findings).toEqual([]);
    expect(value).toEqual({
      resourceType: 'Patient',
      extension: [{ id: 'e1', url: 'http://x', extension: [{ url: 'http://y', valueInteger: 3 }] }],
      modifierExtension: [{ url: 'http://m', valueBoolean: false }],
      name: [{ id: 'n1', family: 'F' }],
    });
  });

  it('reads several contained resources, each into its own object', () => {
    const { value, findings } = patient(
      `<contained><Patient ${NS}><id value="a"/></Patient></contained><contained><Patient><id value="b"/></Patient></contained>`,
    );
    expect(findings).toEqual([]);
    expect(value.contained).toEqual([{ resourceType: 'Patient', id: 'a' }, { resourceType: 'Patient', id: 'b' }]);
  });

  it('ignores comments, processing instructions and the XML declaration', () => {
    const r = read(`<?xml version="1.0" encoding="UTF-8"?><?xml-stylesheet href="s.xsl"?><!-- c --><Patient ${NS}><!-- c --><active value="true"/><?pi x?></Patient>`);
    expect(r.issues).toEqual([]);
    expect(r.value).toEqual({ resourceType: 'Patient', active: true });
  });

  it('ignores a byte-order mark', () => {
    expect(read(`\uFEFF<Patient ${NS}/>`).value).toEqual({ resourceType: 'Patient' });
  });

  it('accepts a prefixed FHIR namespace', () => {
    const r = read('<f:Patient xmlns:f="http://hl7.org/fhir"><f:active value="true"/></f:Patient>');
    expect(r.issues).toEqual([]);
    expect(r.value).toEqual({ resourceType: 'Patient', active: true });
  });
});

describe('unknown elements are kept best-effort (the validator reports them)', () => {
  it.each([
    ['<foo value="x"/>', { foo: 'x' }],
    ['<foo value="x"/><foo value="y"/>', { foo: ['x', 'y'] }],
    ['<foo/>', { foo: {} }],
    ['<foo a="1" value="v"><bar value="2"/><bar value="3"/></foo>', { foo: { a: '1', value: 'v', bar: ['2', '3'] } }],
    ['<active value="true"><foo value="1"/></active>', { active: true, _active: { foo: '1' } }],
    ['<name><foo><given value="deep"/></foo></name>', { name: [{ foo: { given: 'deep' } }] }],
  ])('%s', (body, expected) => {
    const { value, findings } = patient(body);
    expect(findings).toEqual([]);
    expect(value).toEqual({ resourceType: 'Patient', ...expected });
  });

  it('reads the content of an unknown resource type without consulting the schema', () => {
    const r = read(`<Foo ${NS}><bar value="1"/><baz><qux value="2"/></baz></Foo>`);
    expect(r.value).toEqual({ resourceType: 'Foo', bar: '1', baz: { qux: '2' } });
    expect(r.issues.map((i) => i.ruleId)).toEqual(['parse/xml-resource-type']);
  });

  it('stores an element named __proto__ as an own property without touching prototypes', () => {
    const { value } = patient('<__proto__ value="x"/><name><__proto__ polluted="yes"/></name>');
    expect(Object.hasOwn(value, '__proto__')).toBe(true);
    expect(JSON.parse(JSON.stringify(value))).toEqual(JSON.parse('{"resourceType":"Patient","__proto__":"x","name":[{"__proto__":{"polluted":"yes"}}]}'));
    expect(Object.getPrototypeOf(value)).toBe(Object.prototype);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });
});

describe('positions', () => {
  const r = read(fixture('patient-valid.xml'));
  it.each([
    [[], 2, 1],
    [['resourceType'], 2, 1],
    [['id'], 3, 3],
    [['meta', 'profile', 0], 5, 5],
    [['text', 'div'], 9, 5],
    [['contained', 0], 11, 3],
    [['contained', 0, 'active'], 14, 7],
    [['name', 0], 18, 3],
    [['name', 0, 'given', 1], 22, 5],
    [['multipleBirthInteger'], 25, 3],
  ] as const)('%j starts at %i:%i', (p, line, column) => {
    expect(r.positions.locate(r.value, p)).toEqual({ line, column });
  });

  it('records positions for companions and their content', () => {
    const x = read(fixture('repeating-primitive-extensions.xml'));
    expect(x.positions.locate(x.value, ['name', 0, '_given', 2])).toEqual({ line: 9, column: 5 });
    expect(x.positions.locate(x.value, ['name', 0, '_given', 2, 'extension', 0, 'valueCode'])).toEqual({ line: 11, column: 9 });
  });

  it.each([
    ['LF', '\n'],
    ['CRLF', '\r\n'],
  ])('finds the start of a tag whose name is followed by a line break (%s)', (_, nl) => {
    const x = read(`<Patient${nl}  ${NS}>${nl}  <name${nl}>${nl}    <given${nl}value="a"/></name></Patient>`);
    expect(x.positions.locate(x.value, [])).toEqual({ line: 1, column: 1 });
    expect(x.positions.locate(x.value, ['name', 0])).toEqual({ line: 3, column: 3 });
    expect(x.positions.locate(x.value, ['name', 0, 'given', 0])).toEqual({ line: 5, column: 5 });
  });

  it('records the start of tags with attributes spread over several lines', () => {
    const x = read(`<Patient ${NS}>\n  <active\n     value="true"\n  />\n</Patient>`);
    expect(x.positions.locate(x.value, ['active'])).toEqual({ line: 2, column: 3 });
  });
});
