// checkPrimitive for string, markdown, code, id, base64Binary, uri, url, canonical, oid and uuid.
import { describe, expect, it } from 'vitest';
import { checkPrimitive, MAX_STRING_LENGTH } from '../../src/validate/primitives/index.js';

type Row = [type: string, value: unknown, messageId: string | undefined];

const UUID = '9a20cb92-354a-4015-82ec-ab0252efc5b9';

const rows: Row[] = [
  // string and markdown
  ['string', 'Smith', undefined],
  ['string', ' leading and trailing ', undefined], // allowed in R4 JSON
  ['string', 'line one\nline two\ttabbed\r\n', undefined],
  ['string', '', 'emptyValue'],
  ['string', '   ', 'stringWhitespaceOnly'],
  ['string', '\n\t', 'stringWhitespaceOnly'],
  ['string', 'bell\u0007', 'controlCharacters'],
  ['string', 'form\u000cfeed', 'invalidFormat'], // \f and \v fail the string regex [ \r\n\t\S]+ itself
  ['string', 'vertical\u000btab', 'invalidFormat'],
  ['string', 42, 'wrongJsonType'],
  ['string', false, 'wrongJsonType'],
  ['string', 'x'.repeat(MAX_STRING_LENGTH), undefined],
  ['string', 'x'.repeat(MAX_STRING_LENGTH + 1), 'stringTooLong'],
  ['markdown', '# Heading\n\n* item', undefined],
  ['markdown', '', 'emptyValue'],
  ['markdown', ' ', 'stringWhitespaceOnly'],
  ['markdown', 'x'.repeat(MAX_STRING_LENGTH + 1), 'stringTooLong'],

  // code: [^\s]+( [^\s]+)*
  ['code', 'final', undefined],
  ['code', 'entered-in-error', undefined],
  ['code', 'mg/dL', undefined],
  ['code', 'two words', undefined],
  ['code', '', 'emptyValue'],
  ['code', ' final', 'invalidCode'],
  ['code', 'final ', 'invalidCode'],
  ['code', 'two  spaces', 'invalidCode'],
  ['code', 'tab\tinside', 'invalidCode'],
  ['code', 'new\nline', 'invalidCode'],
  ['code', '   ', 'invalidCode'],
  ['code', 'bell\u0007', 'controlCharacters'],
  ['code', 1, 'wrongJsonType'],

  // id: [A-Za-z0-9\-\.]{1,64}
  ['id', 'example', undefined],
  ['id', 'a.b-C9', undefined],
  ['id', 'a'.repeat(64), undefined],
  ['id', 'a'.repeat(65), 'invalidId'],
  ['id', 'has_underscore', 'invalidId'],
  ['id', 'has space', 'invalidId'],
  ['id', 'Patient/123', 'invalidId'],
  ['id', '', 'emptyValue'],

  // base64Binary
  ['base64Binary', 'AAAA', undefined],
  ['base64Binary', 'aGVsbG8=', undefined],
  ['base64Binary', 'aGVsbA==', undefined],
  ['base64Binary', 'SGVsbG8sIFdvcmxkIQ+/', undefined],
  ['base64Binary', 'A==', 'invalidBase64'], // 3 characters
  ['base64Binary', 'aGVsbG8', 'invalidBase64'], // missing padding
  ['base64Binary', 'aGVsb===', 'invalidBase64'], // three padding characters
  ['base64Binary', 'aG=sbG8=', 'invalidBase64'], // padding inside the data
  ['base64Binary', 'aGVsbA==aGVsbA==', 'invalidBase64'], // data after padding
  ['base64Binary', 'aGVs*G8=', 'invalidBase64'],
  ['base64Binary', 'aGVs-G8_', 'invalidBase64'], // base64url alphabet
  ['base64Binary', 'aG Vs', 'invalidBase64'], // whitespace inside a 4-character group
  ['base64Binary', 'aGVs\nbG8=', 'base64Whitespace'], // between groups: matches the R4 regex, a warning
  ['base64Binary', ' aGVsbG8= ', 'base64Whitespace'],
  ['base64Binary', '', 'emptyValue'],
  ['base64Binary', '    ', 'invalidBase64'],

  // uri / url: no whitespace; urn:oid and urn:uuid must be well-formed; bare oid:/uuid: schemes rejected
  ['uri', 'http://example.org/fhir/ValueSet/x', undefined],
  ['uri', 'urn:ietf:bcp:47', undefined],
  ['uri', 'relative/path', undefined],
  ['uri', `urn:uuid:${UUID}`, undefined],
  ['uri', 'urn:oid:2.16.840.1.113883', undefined],
  ['uri', 'http://example.org/a b', 'invalidUri'],
  ['uri', ' http://example.org', 'invalidUri'],
  ['uri', 'http://example.org\n', 'invalidUri'],
  ['uri', `urn:uuid:${UUID.toUpperCase()}`, 'invalidUuid'], // the Java validator wants lower case here too
  ['uri', 'urn:uuid:not-a-uuid', 'invalidUuid'],
  ['uri', 'urn:oid:3.1', 'invalidOid'],
  ['uri', 'urn:oid:1.02', 'invalidOid'],
  ['uri', 'oid:1.2.3', 'invalidUriScheme'],
  ['uri', `uuid:${UUID}`, 'invalidUriScheme'],
  ['url', 'https://example.org/fhir', undefined],
  ['url', 'mailto:someone@example.org', undefined],
  ['url', 'https://example.org/a b', 'invalidUri'],
  ['url', 'oid:1.2.3', 'invalidUriScheme'],

  // canonical: absolute, or '#' + contained id; version after '|'
  ['canonical', 'http://hl7.org/fhir/StructureDefinition/Patient', undefined],
  ['canonical', 'https://fhir.hl7.org.uk/StructureDefinition/UKCore-Patient|2.0.1', undefined],
  ['canonical', '#vs1', undefined],
  ['canonical', `urn:uuid:${UUID}|1.0`, undefined],
  ['canonical', 'StructureDefinition/UKCore-Patient', 'canonicalNotAbsolute'],
  ['canonical', 'HTTP://example.org', 'canonicalNotAbsolute'],
  ['canonical', 'http://example.org/a b', 'invalidUri'],

  // oid: urn:oid:[0-2](\.(0|[1-9][0-9]*))+
  ['oid', 'urn:oid:1.2.3.4.5', undefined],
  ['oid', 'urn:oid:2.16.840.1.113883.6.96', undefined],
  ['oid', 'urn:oid:0.0', undefined],
  ['oid', 'urn:oid:1', 'invalidOid'],
  ['oid', 'urn:oid:3.1.2', 'invalidOid'],
  ['oid', 'urn:oid:1.2.03', 'invalidOid'],
  ['oid', 'urn:oid:1..2', 'invalidOid'],
  ['oid', '1.2.3.4', 'invalidOid'],
  ['oid', 'oid:1.2.3.4', 'invalidOid'],
  ['oid', 'URN:OID:1.2.3', 'invalidOid'],

  // uuid: urn:uuid: + lower-case hex
  ['uuid', `urn:uuid:${UUID}`, undefined],
  ['uuid', `urn:uuid:${UUID.toUpperCase()}`, 'invalidUuid'],
  ['uuid', UUID, 'invalidUuid'],
  ['uuid', `urn:uuid:{${UUID}}`, 'invalidUuid'],
  ['uuid', 'urn:uuid:9a20cb92354a401582ecab0252efc5b9', 'invalidUuid'],
  ['uuid', 42, 'wrongJsonType'],
];

describe('checkPrimitive: string-based types', () => {
  it.each(rows)('%s %j -> %s', (type, value, messageId) => {
    expect(checkPrimitive(type, value)?.messageId).toBe(messageId);
  });

  it('marks SHOULD-level findings as warnings', () => {
    expect(checkPrimitive('string', '  ')?.severity).toBe('warning');
    expect(checkPrimitive('string', 'a\u0001b')?.severity).toBe('warning');
    expect(checkPrimitive('base64Binary', 'AAAA\nAAAA')?.severity).toBe('warning');
    expect(checkPrimitive('string', '')?.severity).toBeUndefined();
    expect(checkPrimitive('base64Binary', 'A==')?.severity).toBeUndefined();
  });

  it('lists the control characters it found', () => {
    expect(checkPrimitive('string', 'a\u0001b\u0001c\u001f')?.data?.chars).toBe('U+0001, U+001F');
  });

  it('cuts long values in its data so messages stay readable', () => {
    const value = checkPrimitive('base64Binary', `${'A'.repeat(500)}*`)?.data?.value as string;
    expect(value.length).toBeLessThanOrEqual(100);
    expect(checkPrimitive('string', 'x'.repeat(MAX_STRING_LENGTH + 1))?.data).toEqual({
      type: 'string', length: MAX_STRING_LENGTH + 1, max: MAX_STRING_LENGTH,
    });
  });

  it('scans a large base64 value in linear time (no regex backtracking on failure)', () => {
    // 4 MB of groups separated by runs of spaces, broken at the very end: catastrophic for the spec regex.
    const big = `${'AAAA  '.repeat(700_000)}A`;
    expect(checkPrimitive('base64Binary', big)?.messageId).toBe('invalidBase64');
  });
});
