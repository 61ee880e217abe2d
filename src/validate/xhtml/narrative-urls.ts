// URL and style values inside a narrative: active content (script URLs, CSS expressions) and malformed URLs.
// See: https://hl7.org/fhir/R4/narrative.html#xhtml ("SHALL NOT contain ... scripts") and the HL7 Java validator's
// UrlUtil.checkValidUrl for the character and data: URL rules.

export type UrlFinding = 'active' | 'invalid' | undefined;

// Browsers drop ASCII whitespace and C0 controls inside a scheme ("java\tscript:" runs), so strip them first.
const IGNORED_IN_SCHEME = /[\u0000-\u0020]/g;
const ACTIVE_SCHEMES = ['javascript:', 'vbscript:', 'livescript:'];
// Kept characters read for the scheme: more than the longest prefix compared, so lower-casing a cut-off character
// (which may lengthen, or depend on what follows it) never changes the compared part.
const SCHEME_PREFIX = 16;
// data: URLs whose content a browser would run as a document or script when followed.
const ACTIVE_DATA_TYPES = /^(?:text\/html|application\/xhtml\+xml|image\/svg\+xml|text\/xml|application\/xml)$|script/;
// Characters the Java validator accepts in a non-data URL: letters, digits and the URI reserved/unreserved marks.
const URL_CHARS = /^[\p{Alphabetic}\p{Nd};?:@&=+$.,/%\-_~#[\]!'()*|]*$/u;
const DATA_BASE64 = /^[A-Za-z0-9+/]*={0,2}$/;
// CSS that runs code (old IE expression(), behaviors, Mozilla XBL) or loads a script URL.
const ACTIVE_CSS = /expression\s*\(|javascript\s*:|vbscript\s*:|behavior\s*:|-moz-binding/i;

/** Classifies a URL attribute value on `element` (e.g. `a`, `img`). */
export function checkNarrativeUrl(element: string, value: string): UrlFinding {
  if (value.length === 0) return 'invalid';
  const scheme = schemeStart(value);
  if (ACTIVE_SCHEMES.some((s) => scheme.startsWith(s))) return 'active';
  if (scheme.startsWith('data:')) return checkDataUrl(element, value.trim());
  return URL_CHARS.test(value) ? undefined : 'invalid';
}

/**
 * The start of the value as a browser reads its scheme: ignored characters dropped, lower-cased. Only the first
 * 11 characters are ever compared ("javascript:", "livescript:"), so a long value (a data: image) is not copied.
 */
function schemeStart(value: string): string {
  let kept = 0;
  let end = 0;
  while (end < value.length && kept < SCHEME_PREFIX) {
    if (value.charCodeAt(end) > 0x20) kept++;
    end++;
  }
  return value.slice(0, end).replace(IGNORED_IN_SCHEME, '').toLowerCase();
}

function checkDataUrl(element: string, value: string): UrlFinding {
  const parts = value.slice(value.indexOf(':') + 1).split(',');
  if (parts.length !== 2) return 'invalid';
  const [meta, data] = parts as [string, string];
  const isBase64 = meta.endsWith(';base64');
  const mime = (isBase64 ? meta.slice(0, -';base64'.length) : meta).split(';')[0]!.trim().toLowerCase();
  // An SVG shown through <img> cannot run script; followed as a link or framed, it can.
  if (ACTIVE_DATA_TYPES.test(mime) && !(element === 'img' && mime === 'image/svg+xml')) return 'active';
  if (isBase64) {
    const compact = data.replace(/\s+/g, '');
    if (compact.length % 4 !== 0 || !DATA_BASE64.test(compact)) return 'invalid';
  }
  return undefined;
}

/** True when a style attribute value can run code. */
export function isActiveStyle(value: string): boolean {
  return ACTIVE_CSS.test(value);
}
