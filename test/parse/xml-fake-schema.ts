// A small hand-written XmlSchema for the XML reader tests, following the XmlSchema interface semantics exactly.
import type { XmlElementInfo, XmlSchema } from '../../src/parse/xml/index.js';

/** [element name, max, type]; a choice element is listed once per type with the same position. */
type Def = readonly [name: string | readonly string[], max: 'one' | 'many', type: string];

const PRIMITIVE_JSON: Record<string, 'boolean' | 'number' | 'integer' | 'string'> = {
  boolean: 'boolean', integer: 'integer', decimal: 'number', positiveInt: 'integer', unsignedInt: 'integer',
  string: 'string', code: 'string', uri: 'string', id: 'string', date: 'string', dateTime: 'string',
  instant: 'string', canonical: 'string', markdown: 'string',
};

const E: Def = ['extension', 'many', 'Extension'];
const ME: Def = ['modifierExtension', 'many', 'Extension'];
const ID: Def = ['id', 'one', 'string'];
const RESOURCE_HEAD: Def[] = [
  ['id', 'one', 'id'], ['meta', 'one', 'Meta'], ['implicitRules', 'one', 'uri'], ['language', 'one', 'code'],
  ['text', 'one', 'Narrative'], ['contained', 'many', 'Resource'], E, ME,
];

const TYPES: Record<string, readonly Def[]> = {
  /** Used for any resource type in permissive mode: only the common head elements are known. */
  DomainResource: RESOURCE_HEAD,
  Patient: [
    ...RESOURCE_HEAD,
    ['identifier', 'many', 'Identifier'], ['active', 'one', 'boolean'], ['name', 'many', 'HumanName'],
    ['telecom', 'many', 'ContactPoint'], ['gender', 'one', 'code'], ['birthDate', 'one', 'date'],
    [['deceasedBoolean', 'deceasedDateTime'], 'one', 'boolean|dateTime'], ['address', 'many', 'Address'],
    [['multipleBirthBoolean', 'multipleBirthInteger'], 'one', 'boolean|integer'],
  ],
  Bundle: [
    ['id', 'one', 'id'], ['meta', 'one', 'Meta'], ['implicitRules', 'one', 'uri'], ['language', 'one', 'code'],
    ['identifier', 'one', 'Identifier'], ['type', 'one', 'code'], ['total', 'one', 'unsignedInt'],
    ['entry', 'many', 'Bundle.entry'],
  ],
  'Bundle.entry': [ID, E, ME, ['fullUrl', 'one', 'uri'], ['resource', 'one', 'Resource']],
  Meta: [ID, E, ['versionId', 'one', 'id'], ['lastUpdated', 'one', 'instant'], ['profile', 'many', 'canonical']],
  Narrative: [ID, E, ['status', 'one', 'code'], ['div', 'one', 'xhtml']],
  HumanName: [ID, E, ['use', 'one', 'code'], ['text', 'one', 'string'], ['family', 'one', 'string'], ['given', 'many', 'string'], ['prefix', 'many', 'string']],
  Identifier: [ID, E, ['use', 'one', 'code'], ['type', 'one', 'CodeableConcept'], ['system', 'one', 'uri'], ['value', 'one', 'string']],
  CodeableConcept: [ID, E, ['coding', 'many', 'Coding'], ['text', 'one', 'string']],
  Coding: [ID, E, ['system', 'one', 'uri'], ['version', 'one', 'string'], ['code', 'one', 'code'], ['display', 'one', 'string']],
  ContactPoint: [ID, E, ['system', 'one', 'code'], ['value', 'one', 'string'], ['use', 'one', 'code'], ['rank', 'one', 'positiveInt']],
  Address: [ID, E, ['use', 'one', 'code'], ['line', 'many', 'string'], ['city', 'one', 'string'], ['district', 'one', 'string'], ['postalCode', 'one', 'string'], ['country', 'one', 'string']],
  Extension: [
    ID, E, ['url', 'one', 'uri'],
    [['valueBoolean', 'valueCode', 'valueCodeableConcept', 'valueDateTime', 'valueDecimal', 'valueInteger', 'valueString'],
      'one', 'boolean|code|CodeableConcept|dateTime|decimal|integer|string'],
  ],
};

/** Primitive datatypes: Element.id and Element.extension (id is an attribute in XML, but the definition has it). */
const PRIMITIVE_ELEMENTS: readonly Def[] = [ID, E];

function typeOf(def: Def, name: string): string {
  if (typeof def[0] === 'string') return def[2];
  return def[2].split('|')[(def[0] as readonly string[]).indexOf(name)]!;
}

function elementsOf(type: string): readonly Def[] | undefined {
  return TYPES[type] ?? (PRIMITIVE_JSON[type] ? PRIMITIVE_ELEMENTS : undefined);
}

function info(def: Def, name: string, order: number): XmlElementInfo {
  const type = typeOf(def, name);
  const jsonType = PRIMITIVE_JSON[type];
  const kind = type === 'Resource' ? 'resource' : type === 'xhtml' ? 'xhtml' : jsonType ? 'primitive' : 'complex';
  return { name, max: def[1], kind, ...(jsonType ? { jsonType } : {}), order, context: type };
}

export interface FakeSchemaOptions {
  /** Accept any resource type (knowing only the DomainResource elements) instead of reporting it unknown. */
  permissive?: boolean;
}

export function fakeSchema(options: FakeSchemaOptions = {}): XmlSchema {
  return {
    resource(resourceType) {
      if (resourceType === 'Patient' || resourceType === 'Bundle') return resourceType;
      return options.permissive ? 'DomainResource' : undefined;
    },
    child(context, name) {
      const defs = elementsOf(context as string);
      if (!defs) return undefined;
      for (let order = 0; order < defs.length; order++) {
        const def = defs[order]!;
        if (typeof def[0] === 'string' ? def[0] === name : def[0].includes(name)) return info(def, name, order);
      }
      return undefined;
    },
  };
}
