// XML 1.0 (5th edition) / XML 1.1 character classes and positions, as the narrative tokenizer needs them.
// See: https://www.w3.org/TR/xml/#charsets, https://www.w3.org/TR/xml/#NT-NameStartChar and
// https://www.w3.org/TR/xml-names/#NT-NCName (names without colons, used for PI targets and entity names).

const TAB = 0x09;
const LF = 0x0a;
const CR = 0x0d;
const SPACE = 0x20;

// ASCII name characters: bit 1 = NameStartChar, bit 2 = NameChar, bit 4 = NCNameStartChar, bit 8 = NCNameChar.
const ASCII_NAME = new Uint8Array(128);
for (let c = 0; c < 128; c++) {
  const letter = (c >= 0x41 && c <= 0x5a) || (c >= 0x61 && c <= 0x7a) || c === 0x5f;
  const other = c === 0x2d || c === 0x2e || (c >= 0x30 && c <= 0x39);
  if (letter) ASCII_NAME[c] = 1 | 2 | 4 | 8;
  else if (c === 0x3a) ASCII_NAME[c] = 1 | 2; // ':' is a Name character but not an NCName one
  else if (other) ASCII_NAME[c] = 2 | 8;
}

/** Non-ASCII NameStartChar (shared by Name and NCName). */
function isWideNameStart(c: number): boolean {
  return (c >= 0xc0 && c <= 0xd6) || (c >= 0xd8 && c <= 0xf6) || (c >= 0xf8 && c <= 0x2ff)
    || (c >= 0x370 && c <= 0x37d) || (c >= 0x37f && c <= 0x1fff) || c === 0x200c || c === 0x200d
    || (c >= 0x2070 && c <= 0x218f) || (c >= 0x2c00 && c <= 0x2fef) || (c >= 0x3001 && c <= 0xd7ff)
    || (c >= 0xf900 && c <= 0xfdcf) || (c >= 0xfdf0 && c <= 0xfffd) || (c >= 0x10000 && c <= 0xeffff);
}

function isWideNameChar(c: number): boolean {
  return isWideNameStart(c) || c === 0xb7 || (c >= 0x300 && c <= 0x36f) || c === 0x203f || c === 0x2040;
}

export function isNameStartChar(c: number): boolean {
  return c < 128 ? (ASCII_NAME[c]! & 1) !== 0 : isWideNameStart(c);
}

export function isNameChar(c: number): boolean {
  return c < 128 ? (ASCII_NAME[c]! & 2) !== 0 : isWideNameChar(c);
}

export function isNCNameStartChar(c: number): boolean {
  return c < 128 ? (ASCII_NAME[c]! & 4) !== 0 : isWideNameStart(c);
}

export function isNCNameChar(c: number): boolean {
  return c < 128 ? (ASCII_NAME[c]! & 8) !== 0 : isWideNameChar(c);
}

/** The S production: space, tab, line feed, carriage return. */
export function isS(c: number): boolean {
  return c === SPACE || c === LF || c === CR || c === TAB;
}

/** True when the whole string is an NCName. */
export function isNCName(name: string): boolean {
  if (name.length === 0) return false;
  for (let k = 0; k < name.length; k++) {
    const c = name.codePointAt(k)!;
    if (!(k === 0 ? isNCNameStartChar(c) : isNCNameChar(c))) return false;
    if (c > 0xffff) k++;
  }
  return true;
}

/** The Char production of XML 1.0 or, when `xml11`, of XML 1.1 (which also allows C0/C1 controls by reference). */
export function isXmlChar(c: number, xml11: boolean): boolean {
  return (c >= SPACE && c <= 0xd7ff) || (xml11 ? c >= 1 && c < SPACE : c === LF || c === CR || c === TAB)
    || (c >= 0xe000 && c <= 0xfffd) || (c >= 0x10000 && c <= 0x10ffff);
}

// Code units that are never allowed as written characters. Surrogates found here are checked for pairing.
const BAD_10 = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\uD800-\uDFFF\uFFFE\uFFFF]/g;
// XML 1.1 also forbids written C1 controls other than NEL (which, like U+2028, is a line end there).
const BAD_11 = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F-\u0084\u0086-\u009F\uD800-\uDFFF\uFFFE\uFFFF]/g;

/**
 * Index of the first code unit at or after `from` that is not an allowed XML character (a C0 control other than
 * tab/LF/CR, a lone surrogate, U+FFFE/U+FFFF; in XML 1.1 also C1 controls), or `s.length` when there is none.
 */
export function firstDisallowed(s: string, from: number, xml11: boolean): number {
  const re = xml11 ? BAD_11 : BAD_10;
  re.lastIndex = from;
  for (;;) {
    const m = re.exec(s);
    if (m === null) return s.length;
    const k = m.index;
    const c = s.charCodeAt(k);
    if (c >= 0xd800 && c <= 0xdbff) {
      const d = s.charCodeAt(k + 1);
      if (d >= 0xdc00 && d <= 0xdfff) {
        re.lastIndex = k + 2; // a proper surrogate pair: one allowed character
        continue;
      }
    }
    return k;
  }
}

/** Index just after the character starting at `k`: a surrogate pair reads as one character. */
export function charEnd(s: string, k: number): number {
  const c = s.charCodeAt(k);
  if (c >= 0xd800 && c <= 0xdbff) {
    const d = s.charCodeAt(k + 1);
    if (d >= 0xdc00 && d <= 0xdfff) return k + 2;
  }
  return k + 1;
}

/** The code point at `k` (a surrogate pair decoded). */
export function codePointAt(s: string, k: number): number {
  const c = s.charCodeAt(k);
  if (c >= 0xd800 && c <= 0xdbff) {
    const d = s.charCodeAt(k + 1);
    if (d >= 0xdc00 && d <= 0xdfff) return 0x10000 + ((c - 0xd800) << 10) + (d - 0xdc00);
  }
  return c;
}

/**
 * 1-based line and 0-based column of the point just before index `end` in line-end-normalized text (LF only):
 * a surrogate pair counts as one column, as parsers that count characters do.
 */
export function lineColumn(s: string, end: number): { line: number; column: number } {
  let line = 1;
  let column = 0;
  let k = 0;
  while (k < end && k < s.length) {
    if (s.charCodeAt(k) === LF) {
      line++;
      column = 0;
    } else {
      column++;
    }
    k = charEnd(s, k);
  }
  return { line, column };
}
