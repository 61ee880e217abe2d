// string, markdown, code, id and base64Binary: length, whitespace and character rules of string-based primitives.
// See: https://hl7.org/fhir/R4/datatypes.html#string (and #code, #id, #base64Binary)
import { echo, problem, type PrimitiveProblem } from './primitive-problem.js';

/** "strings SHALL NOT exceed 1MB (1024*1024 characters) in size" (datatypes.html#string). */
export const MAX_STRING_LENGTH = 1048576;

// NOTE: the spec's regexes are written for XML Schema / Java, where \s is only [ \t\n\r\f\v]. JavaScript's \s also
// matches U+00A0 and other Unicode spaces, so the format classes below spell out the ASCII set. The blank-string
// test alone uses JavaScript's \s on purpose: a string of no-break spaces is blank to a reader too.
const ONLY_WHITESPACE = /^\s*$/;
// Code points below 32 other than tab, CR and LF ("Strings SHOULD not contain Unicode character points below 32").
const CONTROL_CHARS = /[\u0000-\u0008\u000B\u000C\u000E-\u001F]/g;
// \v and \f are the two controls the string regex `[ \r\n\t\S]+` itself rejects (Java \S excludes them).
const REGEX_REJECTED_CONTROL = /[\u000B\u000C]/;
// Code regex as the Java validator applies it (passesCodeWhitespaceRules): single spaces only between tokens.
const CODE = /^[^\t\n\v\f\r ]+(?: [^\t\n\v\f\r ]+)*$/;
const ID = /^[A-Za-z0-9\-.]{1,64}$/;

/** string and markdown (markdown is a string with Markdown syntax: same rules). */
export function checkString(type: string, value: string): PrimitiveProblem | undefined {
  if (value.length > MAX_STRING_LENGTH) {
    return problem('stringTooLong', { type, length: value.length, max: MAX_STRING_LENGTH });
  }
  const controls = value.match(CONTROL_CHARS);
  if (controls && REGEX_REJECTED_CONTROL.test(value)) {
    return problem('invalidFormat', { type, value: echo(value), expected: 'no vertical tab or form feed characters' });
  }
  // Only a SHOULD in R4 ("strings SHOULD always contain non-whitespace content"); the Java validator warns too.
  if (ONLY_WHITESPACE.test(value)) return problem('stringWhitespaceOnly', { type }, 'warning');
  if (controls) return controlCharacters(type, controls);
  return undefined;
}

function controlCharacters(type: string, found: string[]): PrimitiveProblem {
  const codes = [...new Set(found)].map((c) => `U+${c.charCodeAt(0).toString(16).toUpperCase().padStart(4, '0')}`);
  return problem('controlCharacters', { type, chars: codes.join(', ') }, 'warning');
}

/** code: "at least one character and no leading or trailing whitespace, ... no whitespace other than single spaces". */
export function checkCode(value: string): PrimitiveProblem | undefined {
  if (!CODE.test(value)) return problem('invalidCode', { value: echo(value) });
  const controls = value.match(CONTROL_CHARS);
  return controls ? controlCharacters('code', controls) : undefined;
}

/** id: 1-64 characters from [A-Za-z0-9\-\.]. */
export function checkId(value: string): PrimitiveProblem | undefined {
  return ID.test(value) ? undefined : problem('invalidId', { value: echo(value), length: value.length });
}

const B64_PLUS = 43;
const B64_SLASH = 47;
const B64_PAD = 61;

const BASE64_ALLOWED = /^[A-Za-z0-9+/=\t-\r ]*$/;
const WHITESPACE_RUN = /[\t-\r ]+/g;
/** From the first '=': one or two '=' and whitespace only. */
const PADDING_TAIL = /(?:=[\t-\r ]*){1,2}$/y;

/**
 * The scan's verdict for valid values, from regular expressions (several times faster on large attachments):
 * only allowed characters, whitespace only between 4-character groups, at most two '=' and nothing but '=' and
 * whitespace after the first. Undefined when the value is not valid: the scan then says why.
 */
function base64Quick(value: string): 'valid' | 'whitespace' | undefined {
  if (!BASE64_ALLOWED.test(value)) return undefined;
  let data = 0;
  let last = 0;
  let whitespace = false;
  WHITESPACE_RUN.lastIndex = 0;
  for (let m = WHITESPACE_RUN.exec(value); m; m = WHITESPACE_RUN.exec(value)) {
    data += m.index - last;
    if (data % 4 !== 0) return undefined;
    last = m.index + m[0].length;
    whitespace = true;
  }
  data += value.length - last;
  if (data === 0 || data % 4 !== 0) return undefined;
  const eq = value.indexOf('=');
  if (eq !== -1) {
    PADDING_TAIL.lastIndex = eq;
    if (!PADDING_TAIL.test(value)) return undefined;
  }
  return whitespace ? 'whitespace' : 'valid';
}

function isBase64Char(c: number): boolean {
  return (c >= 65 && c <= 90) || (c >= 97 && c <= 122) || (c >= 48 && c <= 57) || c === B64_PLUS || c === B64_SLASH;
}

function isAsciiWhitespace(c: number): boolean {
  return c === 32 || (c >= 9 && c <= 13);
}

/**
 * base64Binary (RFC 4648 alphabet and padding). One linear scan: the spec regex `(\s*([0-9a-zA-Z\+/=]){4}\s*)+`
 * backtracks badly on long failing input, and also lets '=' appear anywhere, which RFC 4648 does not.
 * Whitespace between 4-character groups matches the R4 regex but is a warning (the Java validator warns in R4).
 */
export function checkBase64(value: string): PrimitiveProblem | undefined {
  const quick = base64Quick(value);
  if (quick !== undefined) return quick === 'valid' ? undefined : problem('base64Whitespace', undefined, 'warning');
  let count = 0;
  let padding = 0;
  let sawWhitespace = false;
  for (let i = 0; i < value.length; i++) {
    const c = value.charCodeAt(i);
    if (isAsciiWhitespace(c)) {
      if (count % 4 !== 0) return invalidBase64(value);
      sawWhitespace = true;
    } else if (c === B64_PAD) {
      if (++padding > 2) return invalidBase64(value);
      count++;
    } else if (isBase64Char(c) && padding === 0) {
      count++;
    } else {
      return invalidBase64(value);
    }
  }
  if (count === 0 || count % 4 !== 0) return invalidBase64(value);
  return sawWhitespace ? problem('base64Whitespace', undefined, 'warning') : undefined;
}

function invalidBase64(value: string): PrimitiveProblem {
  return problem('invalidBase64', { value: echo(value) });
}
