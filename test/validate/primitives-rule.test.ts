// structure/primitive-format: metadata, one reachable case per messageId, templates filled by the data each case returns.
import { describe, expect, it } from 'vitest';
import {
  checkPrimitive, isPrimitiveType, PRIMITIVE_TYPES, primitiveFormatRule, type CheckPrimitiveOptions,
} from '../../src/validate/primitives/index.js';

// One input per messageId: proves each id is reachable and that its template's placeholders are all in `data`.
const samples: Record<string, [type: string, value: unknown, options?: CheckPrimitiveOptions]> = {
  wrongJsonType: ['boolean', 'true'],
  emptyValue: ['string', ''],
  invalidFormat: ['dateTime', '2019-01-01T10:00'],
  invalidBoolean: ['boolean', 'True', { fromXml: true }],
  invalidInteger: ['integer', '+1', { fromXml: true }],
  integerOutOfRange: ['integer', 2147483648],
  decimalSyntax: ['decimal', '1.', { fromXml: true }],
  invalidDate: ['date', '2019-02-29'],
  missingTimezone: ['dateTime', '2019-01-01T10:00:00'],
  invalidTime: ['time', '24:00:00'],
  unreasonableYear: ['date', '0201-01-01'],
  invalidBase64: ['base64Binary', 'A=='],
  base64Whitespace: ['base64Binary', 'AAAA AAAA'],
  invalidId: ['id', 'a'.repeat(65)],
  invalidOid: ['oid', 'urn:oid:1'],
  invalidUuid: ['uuid', 'urn:uuid:9A20CB92-354A-4015-82EC-AB0252EFC5B9'],
  invalidUri: ['uri', 'a b'],
  invalidUriScheme: ['uri', 'oid:1.2.3'],
  canonicalNotAbsolute: ['canonical', 'ValueSet/x'],
  invalidCode: ['code', 'a  b'],
  stringTooLong: ['string', 'x'.repeat(1048577)],
  stringWhitespaceOnly: ['string', ' '],
  controlCharacters: ['string', 'a\u0002'],
};

describe('structure/primitive-format rule', () => {
  it('has the metadata the registry expects', () => {
    expect(primitiveFormatRule.meta).toMatchObject({
      id: 'structure/primitive-format',
      category: 'structure',
      code: 'value',
      defaultSeverity: 'error',
      docsUrl: 'https://hl7.org/fhir/R4/datatypes.html#primitive',
    });
    expect(primitiveFormatRule.meta.description.length).toBeGreaterThan(0);
  });

  it('has exactly one sample per message, so every message is reachable', () => {
    expect(Object.keys(samples).sort()).toEqual(Object.keys(primitiveFormatRule.meta.messages).sort());
  });

  it.each(Object.entries(samples))('%s: returned and fully rendered', (messageId, [type, value, options]) => {
    const found = checkPrimitive(type, value, options);
    expect(found?.messageId).toBe(messageId);
    const issue = primitiveFormatRule.issue({
      messageId: found!.messageId,
      data: found!.data,
      severity: found!.severity,
      location: { source: 'test.json', expression: 'Patient.birthDate' },
    });
    expect(issue).toMatchObject({ ruleId: 'structure/primitive-format', messageId, code: 'value' });
    expect(issue.severity).toBe(found!.severity ?? 'error');
    expect(issue.message).not.toMatch(/\{\{/);
  });
});

describe('checkPrimitive type handling', () => {
  it('knows every R4 primitive', () => {
    expect([...PRIMITIVE_TYPES].sort()).toEqual([
      'base64Binary', 'boolean', 'canonical', 'code', 'date', 'dateTime', 'decimal', 'id', 'instant', 'integer',
      'markdown', 'oid', 'positiveInt', 'string', 'time', 'unsignedInt', 'uri', 'url', 'uuid', 'xhtml',
    ]);
    expect(isPrimitiveType('http://hl7.org/fhirpath/System.String')).toBe(true);
    expect(isPrimitiveType('HumanName')).toBe(false);
  });

  it('checks only the JSON shape of xhtml (the markup is checkNarrativeXhtml\'s job)', () => {
    expect(checkPrimitive('xhtml', '<div xmlns="http://www.w3.org/1999/xhtml"><script/></div>')).toBeUndefined();
    expect(checkPrimitive('xhtml', {})?.messageId).toBe('wrongJsonType');
    expect(checkPrimitive('xhtml', '')?.messageId).toBe('emptyValue');
  });

  it('checks FHIRPath System types as their FHIR counterparts', () => {
    expect(checkPrimitive('http://hl7.org/fhirpath/System.String', '')?.messageId).toBe('emptyValue');
    expect(checkPrimitive('http://hl7.org/fhirpath/System.String', 'abc')).toBeUndefined();
    expect(checkPrimitive('http://hl7.org/fhirpath/System.Boolean', 'true')?.messageId).toBe('wrongJsonType');
  });

  it('throws for types it does not own (caller bugs)', () => {
    expect(() => checkPrimitive('HumanName', {})).toThrow();
    expect(() => checkPrimitive('Boolean', true)).toThrow();
  });
});
