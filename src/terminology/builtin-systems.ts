// Code systems defined by a grammar rather than a concept list, judged in code: UCUM fully; BCP-13 by syntax and a
// list of common registered types; BCP-47 by syntax only.
// See https://hl7.org/fhir/R4/terminologies-systems.html (UCUM, BCP-13 mime types, BCP-47 languages).
import { checkUcumCode, UCUM_SYSTEM } from './ucum.js';

export type Tri = 'yes' | 'no' | 'unknown';

export interface BuiltinLookup {
  state: Tri;
  detail?: string;
}

export interface BuiltinCodeSystem {
  url: string;
  lookup(code: string): BuiltinLookup;
}

/** UCUM is a grammar: any expression that parses against the UCUM tables is a code of the system. */
const ucum: BuiltinCodeSystem = {
  url: UCUM_SYSTEM,
  lookup(code) {
    const r = checkUcumCode(code);
    return r.valid ? { state: 'yes' } : { state: 'no', ...(r.message ? { detail: r.message } : {}) };
  },
};

// RFC 6838 section 4.2 restricted-name, and the registered top-level types (https://www.iana.org/assignments/media-types).
const RESTRICTED_NAME = "[A-Za-z0-9][A-Za-z0-9!#$&^_.+-]{0,126}";
const MIME = new RegExp(`^(${RESTRICTED_NAME})/(${RESTRICTED_NAME})(\\s*;\\s*[^\\s;=]+=("[^"]*"|[^\\s;]+))*$`);
const TOP_LEVEL = new Set(['application', 'audio', 'example', 'font', 'haptics', 'image', 'message', 'model', 'multipart', 'text', 'video']);

/**
 * Media types in everyday healthcare exchange, each registered in the IANA media types registry
 * (https://www.iana.org/assignments/media-types/media-types.xhtml). Only these are accepted offline.
 */
const REGISTERED_MEDIA_TYPES = new Set([
  'application/fhir+json', 'application/fhir+xml', 'application/json', 'application/xml', 'application/pdf',
  'application/octet-stream', 'application/zip', 'application/gzip', 'application/dicom', 'application/hl7v2+xml',
  'application/msword', 'application/rtf', 'application/xhtml+xml', 'application/pkcs7-signature', 'application/jose',
  'application/jwt', 'application/vnd.ms-excel', 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
  'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet', 'application/x-www-form-urlencoded',
  'text/plain', 'text/html', 'text/csv', 'text/xml', 'text/css', 'text/markdown', 'text/rtf',
  'image/png', 'image/jpeg', 'image/gif', 'image/tiff', 'image/bmp', 'image/svg+xml', 'image/webp', 'image/dicom-rle',
  'audio/mpeg', 'audio/wav', 'audio/ogg', 'audio/mp4', 'video/mp4', 'video/mpeg', 'video/ogg', 'video/quicktime', 'video/webm',
  'multipart/form-data', 'multipart/mixed', 'multipart/related', 'message/rfc822',
]);

/**
 * BCP-13 media types. A malformed type is certainly not a code; a well-formed one is accepted when it is one of the
 * registered types above, and otherwise stays unknown (the full IANA registry is not shipped; a server can decide).
 * Parameters (`; charset=...`) do not change the type.
 */
const bcp13: BuiltinCodeSystem = {
  url: 'urn:ietf:bcp:13',
  lookup(code) {
    const m = MIME.exec(code);
    if (!m) return { state: 'no', detail: `'${code}' is not a media type (type/subtype)` };
    if (!TOP_LEVEL.has(m[1]!.toLowerCase())) return { state: 'no', detail: `'${m[1]}' is not a registered top-level media type` };
    if (REGISTERED_MEDIA_TYPES.has(`${m[1]}/${m[2]}`.toLowerCase())) return { state: 'yes' };
    return { state: 'unknown', detail: `'${m[1]}/${m[2]}' is not in the offline list of registered media types` };
  },
};

/** BCP-47 language tags: well-formedness through Intl; registration of subtags is not checked offline. */
const bcp47: BuiltinCodeSystem = {
  url: 'urn:ietf:bcp:47',
  lookup(code) {
    try {
      Intl.getCanonicalLocales(code);
    } catch {
      return { state: 'no', detail: `'${code}' is not a well-formed BCP-47 language tag` };
    }
    return { state: 'unknown', detail: 'language subtags are not checked against the IANA registry offline' };
  },
};

const BUILTINS = new Map<string, BuiltinCodeSystem>([ucum, bcp13, bcp47].map((b) => [b.url, b]));

export function builtinCodeSystem(url: string): BuiltinCodeSystem | undefined {
  return BUILTINS.get(url);
}
