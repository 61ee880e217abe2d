// The XML reader's findings: which rule and message, at which FHIRPath, line and column; plus the rule registry.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import type { Issue } from '../../src/model/issue.js';
import { readFhirXml, xmlRules } from '../../src/parse/xml/index.js';
import { projectRoot } from '../../src/util/shared-data.js';
import { fakeSchema } from './xml-fake-schema.js';

const FIXTURES = path.join(projectRoot, 'fixtures', 'parse', 'xml');
const fixture = (name: string) => readFileSync(path.join(FIXTURES, name), 'utf8');
const NS = 'xmlns="http://hl7.org/fhir"';
/** A Patient document whose body starts on line 2. */
const patient = (body: string) => `<Patient ${NS}>\n${body}\n</Patient>`;

interface Expected {
  ruleId: string;
  messageId: string;
  expression?: string;
  line: number;
  column?: number;
  severity?: Issue['severity'];
}

interface Case {
  name: string;
  xml: string;
  expected: Expected[];
  /** Fatal cases yield no resource. */
  fatal?: boolean;
  json?: Record<string, unknown>;
}

function deepXml(depth: number): string {
  return `<Patient ${NS}>\n` + '<extension url="u">'.repeat(depth - 1) + '</extension>'.repeat(depth - 1) + '</Patient>';
}

const CASES: Case[] = [
  // Fatal: the document is not read.
  { name: 'empty file', xml: '', fatal: true, expected: [{ ruleId: 'parse/xml-malformed', messageId: 'empty', line: 1, column: 1 }] },
  { name: 'whitespace only', xml: ' \n\t\r\n ', fatal: true, expected: [{ ruleId: 'parse/xml-malformed', messageId: 'empty', line: 1 }] },
  { name: 'NUL bytes', xml: `<Patient ${NS}>\n  <id\0/>`, fatal: true, expected: [{ ruleId: 'parse/xml-malformed', messageId: 'binary', line: 2, column: 6 }] },
  { name: 'not XML', xml: 'hello world', fatal: true, expected: [{ ruleId: 'parse/xml-malformed', messageId: 'malformed', line: 1 }] },
  { name: 'comment only', xml: '<!-- nothing -->', fatal: true, expected: [{ ruleId: 'parse/xml-malformed', messageId: 'malformed', line: 1 }] },
  {
    name: 'mismatched close tag', xml: fixture('malformed-mismatched-tag.xml'), fatal: true,
    expected: [{ ruleId: 'parse/xml-malformed', messageId: 'malformed', expression: 'Patient', line: 4, column: 9 }],
  },
  { name: 'unclosed root', xml: fixture('malformed-unclosed.xml'), fatal: true, expected: [{ ruleId: 'parse/xml-malformed', messageId: 'malformed', expression: 'Patient', line: 3 }] },
  { name: 'two roots', xml: `<Patient ${NS}/>\n<Patient ${NS}/>`, fatal: true, expected: [{ ruleId: 'parse/xml-malformed', messageId: 'malformed', line: 2 }] },
  { name: 'unbound prefix', xml: `<Patient ${NS}><x:active value="true"/></Patient>`, fatal: true, expected: [{ ruleId: 'parse/xml-malformed', messageId: 'malformed', line: 1 }] },
  { name: 'DOCTYPE with internal entity', xml: fixture('doctype-internal-entity.xml'), fatal: true, expected: [{ ruleId: 'parse/xml-doctype', messageId: 'doctype', line: 2, column: 1, severity: 'fatal' }] },
  { name: 'DOCTYPE with external SYSTEM entity', xml: fixture('doctype-external-entity.xml'), fatal: true, expected: [{ ruleId: 'parse/xml-doctype', messageId: 'doctype', line: 2, column: 1 }] },
  { name: 'billion laughs', xml: fixture('billion-laughs.xml'), fatal: true, expected: [{ ruleId: 'parse/xml-doctype', messageId: 'doctype', line: 2, column: 1 }] },
  { name: 'external DTD', xml: `<?xml version="1.0"?>\n  <!DOCTYPE Patient SYSTEM "http://example.org/evil.dtd">\n<Patient ${NS}/>`, fatal: true, expected: [{ ruleId: 'parse/xml-doctype', messageId: 'doctype', line: 2, column: 3 }] },
  { name: 'undefined entity', xml: fixture('undefined-entity.xml'), fatal: true, expected: [{ ruleId: 'parse/xml-entity', messageId: 'undefinedEntity', expression: 'Patient', line: 2, severity: 'fatal' }] },
  { name: 'undefined entity in text', xml: patient('<active value="true"/>&lol;'), fatal: true, expected: [{ ruleId: 'parse/xml-entity', messageId: 'undefinedEntity', line: 2 }] },
  {
    name: 'nesting deeper than 500', xml: deepXml(501), fatal: true,
    expected: [{ ruleId: 'parse/xml-too-deep', messageId: 'tooDeep', line: 2, column: 1 + 19 * 499, severity: 'fatal' }],
  },

  // Namespaces.
  {
    name: 'wrong FHIR and XHTML namespaces', xml: fixture('wrong-namespace.xml'),
    expected: [
      { ruleId: 'parse/xml-namespace', messageId: 'xhtmlNamespace', expression: 'Patient.text.div', line: 4, column: 5 },
      { ruleId: 'parse/xml-namespace', messageId: 'fhirNamespace', expression: 'Patient.active', line: 6, column: 3 },
    ],
  },
  {
    name: 'no namespace at all', xml: fixture('no-namespace.xml'),
    expected: [
      { ruleId: 'parse/xml-namespace', messageId: 'fhirNamespace', expression: 'Patient', line: 1, column: 1 },
      { ruleId: 'parse/xml-namespace', messageId: 'fhirNamespace', expression: 'Patient.active', line: 2, column: 3 },
    ],
  },
  {
    name: 'contained resource outside the FHIR namespace', xml: patient('<contained><Patient xmlns="urn:x"/></contained>'),
    expected: [{ ruleId: 'parse/xml-namespace', messageId: 'fhirNamespace', expression: 'Patient.contained[0]', line: 2, column: 12 }],
  },

  // Resource types and containers.
  {
    name: 'unknown resource type', xml: `<Foo ${NS}>\n<bar value="1"/>\n</Foo>`, json: { resourceType: 'Foo', bar: '1' },
    expected: [{ ruleId: 'parse/xml-resource-type', messageId: 'unknownResourceType', expression: 'Foo', line: 1, column: 1 }],
  },
  {
    name: 'unknown contained resource type', xml: patient('<contained><Foo><x value="1"/></Foo></contained>'),
    json: { resourceType: 'Patient', contained: [{ resourceType: 'Foo', x: '1' }] },
    expected: [{ ruleId: 'parse/xml-resource-type', messageId: 'unknownResourceType', expression: 'Patient.contained[0]', line: 2, column: 12 }],
  },
  {
    name: 'empty resource container', xml: patient('<contained/>'), json: { resourceType: 'Patient', contained: [{}] },
    expected: [{ ruleId: 'structure/xml-resource-container', messageId: 'emptyContainer', expression: 'Patient.contained[0]', line: 2, column: 1 }],
  },
  {
    name: 'two resources in one container', xml: patient('<contained><Patient><id value="a"/></Patient>\n<Patient><id value="b"/></Patient></contained>'),
    json: { resourceType: 'Patient', contained: [{ resourceType: 'Patient', id: 'a' }] },
    expected: [{ ruleId: 'structure/xml-resource-container', messageId: 'multipleResources', expression: 'Patient.contained[0]', line: 3, column: 1 }],
  },
  {
    name: 'entry.resource in a Bundle', xml: `<Bundle ${NS}><entry><resource>\n<Patient><active value="yes"/><bogus value="1"/>text</Patient></resource></entry></Bundle>`,
    json: { resourceType: 'Bundle', entry: [{ resource: { resourceType: 'Patient', active: 'yes', bogus: '1' } }] },
    expected: [{ ruleId: 'structure/xml-text-content', messageId: 'textContent', expression: 'Bundle.entry[0].resource', line: 2, column: 1 }],
  },

  // Element order and repeats.
  {
    name: 'out-of-order elements', xml: fixture('out-of-order.xml'),
    expected: [
      { ruleId: 'structure/xml-element-order', messageId: 'outOfOrder', expression: 'Patient.active', line: 3, column: 3 },
      { ruleId: 'structure/xml-element-order', messageId: 'outOfOrder', expression: 'Patient.name[0]', line: 4, column: 3 },
      { ruleId: 'structure/xml-element-order', messageId: 'outOfOrder', expression: 'Patient.name[0].given[1]', line: 7, column: 5 },
    ],
  },
  {
    name: 'repeated max-one primitive becomes an array', xml: patient('<active value="true"/>\n<active value="false"/>\n<active value="true"/>'),
    json: { resourceType: 'Patient', active: [true, false, true] },
    expected: [
      { ruleId: 'structure/xml-repeated-element', messageId: 'repeated', expression: 'Patient.active[1]', line: 3, column: 1 },
      { ruleId: 'structure/xml-repeated-element', messageId: 'repeated', expression: 'Patient.active[2]', line: 4, column: 1 },
    ],
  },
  {
    name: 'repeated max-one primitive keeps companions aligned',
    xml: patient('<birthDate value="2000"><extension url="u"><valueString value="x"/></extension></birthDate>\n<birthDate value="2001"/>'),
    json: { resourceType: 'Patient', birthDate: ['2000', '2001'], _birthDate: [{ extension: [{ url: 'u', valueString: 'x' }] }, null] },
    expected: [{ ruleId: 'structure/xml-repeated-element', messageId: 'repeated', expression: 'Patient.birthDate[1]', line: 3 }],
  },
  {
    name: 'repeated max-one complex element becomes an array', xml: patient('<meta><versionId value="1"/></meta>\n<meta><versionId value="2"/></meta>'),
    json: { resourceType: 'Patient', meta: [{ versionId: '1' }, { versionId: '2' }] },
    expected: [{ ruleId: 'structure/xml-repeated-element', messageId: 'repeated', expression: 'Patient.meta[1]', line: 3 }],
  },
  {
    name: 'repeated and out of order', xml: patient('<birthDate value="2000"/><gender value="male"/>\n<birthDate value="2001"/>'),
    expected: [
      { ruleId: 'structure/xml-element-order', messageId: 'outOfOrder', expression: 'Patient.gender', line: 2, column: 26 },
      { ruleId: 'structure/xml-repeated-element', messageId: 'repeated', expression: 'Patient.birthDate[1]', line: 3 },
    ],
  },

  // Text content.
  {
    name: 'text inside a primitive', xml: patient('<active value="true">yes</active>'), json: { resourceType: 'Patient', active: true },
    expected: [{ ruleId: 'structure/xml-text-content', messageId: 'textContent', expression: 'Patient.active', line: 2, column: 1 }],
  },
  {
    name: 'CDATA inside a complex element, reported once', xml: patient('<name><![CDATA[x]]>more<given value="a"/>again</name>'),
    expected: [{ ruleId: 'structure/xml-text-content', messageId: 'textContent', expression: 'Patient.name[0]', line: 2 }],
  },
  { name: 'whitespace and comments are not text', xml: patient('  <active value="true"/>  <!-- x -->\n\t'), expected: [] },

  // Attributes.
  {
    name: 'unexpected attribute', xml: patient('<active value="true" foo="x"/>'),
    expected: [{ ruleId: 'structure/xml-attribute', messageId: 'unexpectedAttribute', expression: 'Patient.active', line: 2, column: 1 }],
  },
  {
    name: 'value attribute on a complex element', xml: patient('<name value="Jane"/>'), json: { resourceType: 'Patient', name: [{}] },
    expected: [{ ruleId: 'structure/xml-attribute', messageId: 'valueOnComplex', expression: 'Patient.name[0]', line: 2 }],
  },
  {
    name: 'id attribute on a resource', xml: `<Patient ${NS} id="p1"/>`, json: { resourceType: 'Patient' },
    expected: [{ ruleId: 'structure/xml-attribute', messageId: 'unexpectedAttribute', expression: 'Patient', line: 1 }],
  },
  {
    name: 'attribute on a resource container', xml: patient('<contained id="c"><Patient/></contained>'),
    expected: [{ ruleId: 'structure/xml-attribute', messageId: 'unexpectedAttribute', expression: 'Patient.contained[0]', line: 2 }],
  },
  {
    name: 'url attribute on a non-extension', xml: patient('<name url="http://x"/>'),
    expected: [{ ruleId: 'structure/xml-attribute', messageId: 'unexpectedAttribute', expression: 'Patient.name[0]', line: 2 }],
  },
  {
    name: 'xml:lang and xml:space are not FHIR attributes', xml: patient('<active xml:lang="en" xml:space="preserve" value="true"/>'),
    expected: [
      { ruleId: 'structure/xml-attribute', messageId: 'unexpectedAttribute', expression: 'Patient.active', line: 2 },
      { ruleId: 'structure/xml-attribute', messageId: 'unexpectedAttribute', expression: 'Patient.active', line: 2 },
    ],
  },
  {
    name: 'xsi:schemaLocation is a warning',
    xml: `<Patient ${NS} xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" xsi:schemaLocation="http://hl7.org/fhir fhir-all.xsd"/>`,
    expected: [{ ruleId: 'structure/xml-attribute', messageId: 'schemaLocation', expression: 'Patient', line: 1, severity: 'warning' }],
  },
  {
    name: 'namespace declarations anywhere are fine', xml: patient('<active xmlns:q="urn:q" xmlns="http://hl7.org/fhir" value="true"/>'), expected: [],
  },
  {
    name: 'extension url written as an element',
    xml: patient('<extension>\n<url value="http://x"/><valueString value="a"/></extension>'),
    json: { resourceType: 'Patient', extension: [{ url: 'http://x', valueString: 'a' }] },
    expected: [{ ruleId: 'structure/xml-attribute', messageId: 'elementShouldBeAttribute', expression: 'Patient.extension[0].url', line: 3, column: 1 }],
  },
  {
    name: 'element id written as an element', xml: patient('<name><id value="n1"/></name>'), json: { resourceType: 'Patient', name: [{ id: 'n1' }] },
    expected: [{ ruleId: 'structure/xml-attribute', messageId: 'elementShouldBeAttribute', expression: 'Patient.name[0].id', line: 2, column: 7 }],
  },

  // Primitive values.
  {
    name: 'empty value attribute', xml: patient('<birthDate value=""/>'), json: { resourceType: 'Patient', birthDate: '' },
    expected: [{ ruleId: 'structure/xml-primitive-value', messageId: 'emptyValue', expression: 'Patient.birthDate', line: 2, column: 1 }],
  },
  {
    name: 'empty value in a repeating primitive', xml: patient('<name><given value="a"/><given value=""/></name>'),
    json: { resourceType: 'Patient', name: [{ given: ['a', ''] }] },
    expected: [{ ruleId: 'structure/xml-primitive-value', messageId: 'emptyValue', expression: 'Patient.name[0].given[1]', line: 2, column: 25 }],
  },
  {
    name: 'primitive without value or extensions', xml: patient('<name><given/></name>\n<gender/>'), json: { resourceType: 'Patient', name: [{}] },
    expected: [
      { ruleId: 'structure/xml-primitive-value', messageId: 'missingValue', expression: 'Patient.name[0].given[0]', line: 2, column: 7 },
      { ruleId: 'structure/xml-primitive-value', messageId: 'missingValue', expression: 'Patient.gender', line: 3 },
    ],
  },

  // Unknown elements are the validator's to report.
  { name: 'unknown element', xml: patient('<foo value="x"/>'), json: { resourceType: 'Patient', foo: 'x' }, expected: [] },

  // A clean document.
  { name: 'valid Patient', xml: fixture('patient-valid.xml'), expected: [] },
  { name: 'valid Bundle', xml: fixture('bundle-valid.xml'), expected: [] },
];

function project(issue: Issue, e: Expected): Expected {
  return {
    ruleId: issue.ruleId,
    messageId: issue.messageId,
    ...('expression' in e ? { expression: issue.location.expression } : {}),
    line: issue.location.line!,
    ...('column' in e ? { column: issue.location.column } : {}),
    ...('severity' in e ? { severity: issue.severity } : {}),
  };
}

describe('readFhirXml findings', () => {
  it.each(CASES)('$name', ({ xml, expected, fatal, json }) => {
    const outcome = readFhirXml(xml, 'case.xml', fakeSchema());
    let issues: Issue[];
    if (fatal) {
      expect(outcome.resources).toEqual([]);
      issues = outcome.issues;
      expect(issues).toHaveLength(1);
      expect(issues[0]!.severity).toBe('fatal');
    } else {
      expect(outcome.issues).toEqual([]);
      expect(outcome.resources).toHaveLength(1);
      issues = outcome.resources[0]!.issues;
      if (json) expect(outcome.resources[0]!.value).toEqual(json);
    }
    for (const issue of issues) expect(issue.location.source).toBe('case.xml');
    expect(issues.map((issue, i) => project(issue, expected[i] ?? expected[0] ?? ({} as Expected)))).toEqual(expected);
  });

  it('accepts nesting of exactly the limit', () => {
    const outcome = readFhirXml(deepXml(500), 'deep.xml', fakeSchema());
    expect(outcome.issues).toEqual([]);
    expect(outcome.resources[0]!.issues).toEqual([]);
  });

  it('honours a custom depth limit', () => {
    const outcome = readFhirXml(deepXml(6), 'deep.xml', fakeSchema(), { maxDepth: 5 });
    expect(outcome.issues.map((i) => [i.ruleId, i.data?.max])).toEqual([['parse/xml-too-deep', 5]]);
  });

  it('refuses 200,000 levels of nesting without overflowing the stack', () => {
    const outcome = readFhirXml(`<Patient ${NS}>` + '<a>'.repeat(200_000), 'deep.xml', fakeSchema());
    expect(outcome.issues.map((i) => i.ruleId)).toEqual(['parse/xml-too-deep']);
  });

  it.each([
    '<!DOCTYPE a [<!ENTITY x SYSTEM "file:///etc/passwd">',
    '<?xml version="1.0"?>\n<!DOCTYPE Patient [\n<!ENTITY x "y">\n<Patient xmlns="http://hl7.org/fhir"/>',
  ])('classifies an unterminated DOCTYPE as a DOCTYPE: %j', (xml) => {
    const outcome = readFhirXml(xml, 'x.xml', fakeSchema());
    expect(outcome.resources).toEqual([]);
    expect(outcome.issues.map((i) => [i.ruleId, i.messageId, i.severity])).toEqual([['parse/xml-doctype', 'doctype', 'fatal']]);
  });
});

describe('XML reader rule registry', () => {
  const used = new Set(CASES.flatMap((c) => c.expected.map((e) => `${e.ruleId}#${e.messageId}`)));

  it.each(xmlRules.map((r) => [r.meta.id, r] as const))('%s is well-formed and fully exercised', (id, rule) => {
    expect(id).toMatch(/^(parse|structure)\/xml-[a-z]+(-[a-z]+)*$/);
    expect(rule.meta.category).toBe(id.split('/')[0]);
    expect(rule.meta.docsUrl).toMatch(/^https:\/\/hl7\.org\/fhir\/R4\//);
    const fileName = id.split('/')[1];
    expect(readFileSync(path.join(projectRoot, 'src', 'parse', 'xml', 'rules', `${fileName}.ts`), 'utf8')).toContain(`id: '${id}'`);
    for (const messageId of Object.keys(rule.meta.messages)) {
      expect(messageId).toMatch(/^[a-z][a-zA-Z]*$/);
      expect(used, `${id}#${messageId} has no test case`).toContain(`${id}#${messageId}`);
    }
  });

  it('has unique rule ids', () => {
    const ids = xmlRules.map((r) => r.meta.id);
    expect(new Set(ids).size).toBe(ids.length);
  });
});
