// uri, url, canonical, oid and uuid: whitespace, scheme and urn:oid / urn:uuid syntax rules.
// See: https://hl7.org/fhir/R4/datatypes.html#uri (and #url, #canonical, #oid, #uuid)
import { echo, problem, type PrimitiveProblem } from './primitive-problem.js';

export type UriType = 'uri' | 'url' | 'canonical' | 'oid' | 'uuid';

const OID = /^urn:oid:[0-2](?:\.(?:0|[1-9]\d*))+$/;
// Lower-case hex only, as the spec regex and the Java validator (UUIDUtilities) require.
const UUID = /^urn:uuid:[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;
// The uri regex is `\S*`; in the spec's (Java/XSD) regex dialect \s is the ASCII whitespace set.
const WHITESPACE = /[\t\n\v\f\r ]/;
// A scheme then something (Java Utilities.isAbsoluteUrl: a lower-case token scheme and non-empty details).
const ABSOLUTE = /^[a-z][a-z0-9+.-]*:./s;

/** Cuts a `#fragment` and, for canonicals, a `|version` off a urn before its syntax is checked. */
function urnBody(type: UriType, value: string): string {
  let end = value.length;
  const hash = value.indexOf('#');
  if (hash >= 0) end = hash;
  if (type === 'canonical') {
    const bar = value.lastIndexOf('|', end - 1);
    if (bar >= 0) end = bar;
  }
  return value.slice(0, end);
}

/** Checks a non-empty string value of one of the URI-family types. */
export function checkUriLike(type: UriType, value: string): PrimitiveProblem | undefined {
  if (type === 'oid') return OID.test(value) ? undefined : problem('invalidOid', { value: echo(value) });
  if (type === 'uuid') return UUID.test(value) ? undefined : problem('invalidUuid', { value: echo(value) });

  if (WHITESPACE.test(value)) return problem('invalidUri', { type, value: echo(value) });
  // The Java validator rejects bare "oid:" / "uuid:" schemes: the registered forms are urn:oid: and urn:uuid:.
  if (value.startsWith('oid:') || value.startsWith('uuid:')) {
    const prefix = value.slice(0, value.indexOf(':') + 1);
    return problem('invalidUriScheme', { type, value: echo(value), prefix, expected: `urn:${prefix}` });
  }
  if (value.startsWith('urn:uuid:') && !UUID.test(urnBody(type, value))) {
    return problem('invalidUuid', { value: echo(value) });
  }
  if (value.startsWith('urn:oid:') && !OID.test(urnBody(type, value))) {
    return problem('invalidOid', { value: echo(value) });
  }
  // A canonical should be an absolute URL, or a '#id' pointing at a contained resource (references.html#canonical).
  // NOTE: a warning, not an error as in the current Java validator: R4 does not forbid relative canonicals in so
  // many words, and 117 values in HL7's own R4 examples (e.g. ActivityDefinition.library "Library/x") are relative.
  if (type === 'canonical' && !value.startsWith('#') && !ABSOLUTE.test(value)) {
    return problem('canonicalNotAbsolute', { value: echo(value) }, 'warning');
  }
  return undefined;
}
