// scanXhtml(): a single-pass, namespace-aware XML tokenizer for one narrative div, reporting what the checks need.
// It accepts and rejects what the streaming parser used before (saxes 6, xmlns mode) did, with the same first-error
// message and line/column, so findings stay stable (test/validate/xhtml-differential.test.ts compares the two). One
// deliberate exception: a lone surrogate is reported as a disallowed character (saxes misread it with its neighbour).
// See: https://www.w3.org/TR/xml/ (well-formedness) and https://www.w3.org/TR/xml-names/ (prefixes, xmlns).
import * as chars from './xml-chars.js';

export const XML_NAMESPACE = 'http://www.w3.org/XML/1998/namespace';
export const XMLNS_NAMESPACE = 'http://www.w3.org/2000/xmlns/';

/** A start tag as the events see it. The object and its arrays are reused: read them during the call only. */
export interface ScannedTag {
  /** Qualified name as written, e.g. `div` or `h:div`. */
  name: string;
  local: string;
  /** Resolved namespace; '' when none is in scope. */
  uri: string;
  attributeCount: number;
  /** Qualified attribute names, in document order (namespace declarations included). */
  attributeNames: string[];
  attributePrefixes: string[];
  attributeLocals: string[];
  /** Attribute values with references expanded and tab/line ends turned into spaces (XML attribute normalization). */
  attributeValues: string[];
}

/** What the tokenizer reports, in document order. After `malformed` nothing more is reported. */
export interface XhtmlEvents {
  openTag(tag: ScannedTag): void;
  closeTag(): void;
  /**
   * A reference to an entity other than the five XML ones. Return true to go on (the reference then stands for
   * itself, `&name;`), false to treat it as the well-formedness error it is.
   */
  undefinedEntity(name: string): boolean;
  doctype(): void;
  /** A processing instruction; the XML declaration is reported with the target `xml`. */
  processingInstruction(target: string): void;
  /** The first well-formedness error: the message, and the line (1-based) and column (0-based) it was found at. */
  malformed(reason: string, line: number, column: number): void;
}

// Module-local references: some loaders (tsx, vitest) turn every use of an imported binding into a getter call,
// which in the per-character loops costs more than the scanning itself.
const { codePointAt, charEnd, firstDisallowed, isNameChar, isNameStartChar, isNCName, isNCNameChar, isNCNameStartChar,
  isS, isXmlChar, lineColumn } = chars;
const TAB = 0x09;
const LF = 0x0a;
const SPACE = 0x20;
const STOP = -1;
const AMP = 0x26;
const LT = 0x3c;
const EQ = 0x3d;
const GT = 0x3e;
const QUESTION = 0x3f;
const SLASH = 0x2f;
const BANG = 0x21;
const DQUOTE = 0x22;
const SQUOTE = 0x27;
const MINUS = 0x2d;
const HASH = 0x23;
const LOWER_X = 0x78;
const OPEN_BRACKET = 0x5b;
const CLOSE_BRACKET = 0x5d;

const TEXT_OUTSIDE_ROOT = 'text data outside of root node.';
const HEX_REF = /^#x[0-9a-f]+$/i;
const DEC_REF = /^#[0-9]+$/;

/** Index of `search` in s at or after `from`, or s.length when there is none. */
function find(s: string, search: string, from: number): number {
  const at = s.indexOf(search, from);
  return at === -1 ? s.length : at;
}

/** True when s[from, to) holds a character other than space, tab, LF or CR (XPath normalize-space() whitespace). */
function hasNonWhitespace(s: string, from: number, to: number): boolean {
  for (let k = from; k < to; k++) {
    const c = s.charCodeAt(k);
    if (c !== SPACE && c !== LF && c !== TAB && c !== 0x0d) return true;
  }
  return false;
}

/** The text with XML 1.0 line ends (CR LF, CR) turned into LF, as an XML parser reads them. */
function normalizeLineEnds(text: string): string {
  return text.indexOf('\r') === -1 ? text : text.replace(/\r\n?/g, '\n');
}

class Tokenizer {
  private s: string;
  private n: number;
  /** Index of the first disallowed character (the tokenizer reports it when it reaches it), or n. */
  private lim: number;
  private xml11 = false;
  private sawRoot = false;
  private closedRoot = false;
  private sawDoctype = false;
  private xmlDeclPossible = true;
  /** Non-whitespace character data was seen inside the root element or in a CDATA section. */
  characterData = false;
  /** Set once the end was reached without a well-formedness error. */
  wellFormed = false;

  // Open elements (qualified names) and, for each, where its namespace bindings start.
  private readonly openNames: string[] = [];
  private readonly openMarks: number[] = [];
  // Namespace bindings in scope, innermost last ('' is the default namespace).
  private readonly bindPrefixes: string[] = [];
  private readonly bindUris: string[] = [];
  private readonly eqNames: string[] = [];
  private readonly tag: ScannedTag = {
    name: '', local: '', uri: '', attributeCount: 0,
    attributeNames: [], attributePrefixes: [], attributeLocals: [], attributeValues: [],
  };
  /** Replacement text of the reference just read. */
  private refText = '';
  /** Value of the attribute just read. */
  private valueText = '';

  constructor(
    private readonly original: string,
    private readonly events: XhtmlEvents,
  ) {
    this.s = normalizeLineEnds(original);
    this.n = this.s.length;
    this.lim = firstDisallowed(this.s, 0, false);
  }

  run(): void {
    const s = this.s;
    let i = this.n > 0 && s.charCodeAt(0) === 0xfeff ? 1 : 0; // a byte-order mark is skipped
    if (i >= this.lim || s.charCodeAt(i) !== LT) this.xmlDeclPossible = false;
    for (;;) {
      i = this.openNames.length > 0 ? this.textInRoot(i) : this.textOutsideRoot(i);
      if (i === STOP) return;
      i = this.markup(i);
      if (i === STOP) return;
    }
  }

  // ---- errors and the end -------------------------------------------------------------------------------

  /** Reports the first well-formedness error, `end` being the index just after the character that showed it. */
  private fail(reason: string, end: number): number {
    const at = lineColumn(this.s, end);
    this.events.malformed(reason, at.line, at.column);
    return STOP;
  }

  /** fail(), for checks that answer "go on?": always false. */
  private failed(reason: string, end: number): false {
    this.fail(reason, end);
    return false;
  }

  /** The scan reached `lim`: a disallowed character, or the end of the text (then the end-of-document checks). */
  private outOfInput(inText: boolean): number {
    if (this.lim < this.n) return this.fail('disallowed character.', this.lim + 1);
    if (!this.sawRoot) return this.fail('document must contain a root element.', this.n);
    const depth = this.openNames.length;
    if (depth > 0) return this.fail(`unclosed tag: ${this.openNames[depth - 1]!}`, this.n);
    if (!inText) return this.fail('unexpected end.', this.n);
    this.wellFormed = true;
    return STOP;
  }

  // ---- character data -----------------------------------------------------------------------------------

  // Where the next `<`, `&`, "]]>", tab and line feed are (s.length when none): each is searched for with indexOf
  // only once the scan has passed the previous one, so runs of text and attribute values are never walked in JS.
  private ltAt = -1;
  private ampAt = -1;
  private cdataEndAt = -1;
  private tabAt = -1;
  private lfAt = -1;

  private nextLt(k: number): number {
    return this.ltAt >= k ? this.ltAt : (this.ltAt = find(this.s, '<', k));
  }

  private nextAmp(k: number): number {
    return this.ampAt >= k ? this.ampAt : (this.ampAt = find(this.s, '&', k));
  }

  /** Character data inside the root element, up to and including the next `<`; returns the index after it. */
  private textInRoot(i: number): number {
    const s = this.s;
    let runStart = i; // "]]>" is checked within one run of characters (a reference starts a new run)
    for (;;) {
      const lt = this.nextLt(runStart);
      const amp = this.nextAmp(runStart);
      let end = lt < amp ? lt : amp;
      if (end > this.lim) end = this.lim;
      if (!this.characterData && hasNonWhitespace(s, runStart, end)) this.characterData = true;
      if (this.cdataEndAt < runStart) this.cdataEndAt = find(s, ']]>', runStart);
      if (this.cdataEndAt + 2 < end) return this.fail('the string "]]>" is disallowed in char data.', this.cdataEndAt + 3);
      if (end >= this.lim) return this.outOfInput(true);
      if (end === lt) return lt + 1;
      runStart = this.reference(amp + 1);
      if (runStart === STOP) return STOP;
      if (!this.characterData && hasNonWhitespace(this.refText, 0, this.refText.length)) this.characterData = true;
    }
  }

  /** Text before or after the root element: only whitespace may appear there. */
  private textOutsideRoot(i: number): number {
    const lt = this.nextLt(i);
    const amp = this.nextAmp(i);
    let end = lt < amp ? lt : amp;
    if (end > this.lim) end = this.lim;
    const nonSpace = hasNonWhitespace(this.s, i, end);
    if (end >= this.lim) {
      if (this.lim < this.n || !nonSpace) return this.outOfInput(true);
      // saxes holds back a final CR until the end of the input, so it notices the stray text one character earlier.
      return this.fail(TEXT_OUTSIDE_ROOT, this.original.charCodeAt(this.original.length - 1) === 0x0d ? this.n - 1 : this.n);
    }
    return nonSpace || end === amp ? this.fail(TEXT_OUTSIDE_ROOT, end + 1) : end + 1;
  }

  /** A reference after `&` at i: sets refText and returns the index after the `;`. */
  private reference(i: number): number {
    const s = this.s;
    const semi = s.indexOf(';', i);
    if (semi === -1 || semi >= this.lim) return this.outOfInput(false);
    const name = s.slice(i, semi);
    const end = semi + 1;
    if (name.length === 0) return this.fail('empty entity name.', end);
    if (name.charCodeAt(0) !== HASH) {
      switch (name) {
        case 'lt': this.refText = '<'; return end;
        case 'gt': this.refText = '>'; return end;
        case 'amp': this.refText = '&'; return end;
        case 'quot': this.refText = '"'; return end;
        case 'apos': this.refText = "'"; return end;
        default:
      }
      if (this.events.undefinedEntity(name)) {
        this.refText = `&${name};`;
        return end;
      }
      return this.fail(isNCName(name) ? 'undefined entity.' : 'disallowed character in entity name.', end);
    }
    let code = NaN;
    if (name.charCodeAt(1) === LOWER_X && HEX_REF.test(name)) code = parseInt(name.slice(2), 16);
    else if (DEC_REF.test(name)) code = parseInt(name.slice(1), 10);
    if (!isXmlChar(code, this.xml11)) return this.fail('malformed character entity.', end);
    this.refText = String.fromCodePoint(code);
    return end;
  }

  // ---- markup -------------------------------------------------------------------------------------------

  /** Whatever follows a `<` at i - 1; returns the index where character data resumes. */
  private markup(i: number): number {
    if (i >= this.lim) return this.outOfInput(false);
    const c = this.s.charCodeAt(i);
    if (c === QUESTION) return this.processingInstruction(i + 1);
    this.xmlDeclPossible = false;
    if (c === SLASH) return this.endTag(i + 1);
    if (c === BANG) return this.bang(i + 1);
    if (isNameStartChar(codePointAt(this.s, i))) return this.startTag(i);
    return this.fail('disallowed character in tag name', charEnd(this.s, i));
  }

  /** Index of the first character at or after k that is not a NameChar (or lim). */
  private nameEnd(k: number): number {
    const s = this.s;
    const lim = this.lim;
    while (k < lim) {
      const c = s.charCodeAt(k);
      if (c < 0xd800 || c > 0xdbff) {
        if (!isNameChar(c)) return k;
        k++;
      } else {
        if (!isNameChar(codePointAt(s, k))) return k;
        k += 2;
      }
    }
    return k;
  }

  private skipSpaces(k: number): number {
    const s = this.s;
    const lim = this.lim;
    while (k < lim && isS(s.charCodeAt(k))) k++;
    return k;
  }

  /** A start tag whose name begins at i. */
  private startTag(i: number): number {
    const s = this.s;
    let k = this.nameEnd(i);
    if (k >= this.lim) return this.outOfInput(false);
    const name = s.slice(i, k);
    this.sawRoot = true;
    if (this.closedRoot) return this.fail('documents may contain only one root.', charEnd(s, k));
    this.tag.attributeCount = 0;
    const mark = this.bindPrefixes.length;
    let c = s.charCodeAt(k);
    if (c === GT) return this.openElement(name, mark, false, k + 1);
    if (c === SLASH) return this.tagSlash(name, mark, k + 1);
    if (!isS(c)) return this.fail('disallowed character in tag name.', charEnd(s, k));
    for (;;) {
      k = this.skipSpaces(k);
      if (k >= this.lim) return this.outOfInput(false);
      c = s.charCodeAt(k);
      if (c === GT) return this.openElement(name, mark, false, k + 1);
      if (c === SLASH) return this.tagSlash(name, mark, k + 1);
      if (!isNameStartChar(codePointAt(s, k))) return this.fail('disallowed character in attribute name.', charEnd(s, k));
      const nameStart = k;
      k = this.nameEnd(k);
      if (k >= this.lim) return this.outOfInput(false);
      const attributeName = s.slice(nameStart, k);
      c = s.charCodeAt(k);
      if (c !== EQ) {
        if (c === GT) return this.fail('attribute without value.', k + 1);
        if (!isS(c)) return this.fail('disallowed character in attribute name.', charEnd(s, k));
        k = this.skipSpaces(k);
        if (k >= this.lim) return this.outOfInput(false);
        if (s.charCodeAt(k) !== EQ) return this.fail('attribute without value.', charEnd(s, k));
      }
      k = this.skipSpaces(k + 1);
      if (k >= this.lim) return this.outOfInput(false);
      const quote = s.charCodeAt(k);
      if (quote !== DQUOTE && quote !== SQUOTE) return this.fail('unquoted attribute value.', charEnd(s, k));
      k = this.attributeValue(k + 1, quote);
      if (k === STOP || !this.addAttribute(attributeName, this.valueText, k)) return STOP;
      if (k >= this.lim) return this.outOfInput(false);
      c = s.charCodeAt(k);
      if (isS(c)) continue;
      if (c === GT) return this.openElement(name, mark, false, k + 1);
      if (c === SLASH) return this.tagSlash(name, mark, k + 1);
      if (isNameStartChar(codePointAt(s, k))) return this.fail('no whitespace between attributes.', charEnd(s, k));
      return this.fail('disallowed character in attribute name.', charEnd(s, k));
    }
  }

  private tagSlash(name: string, mark: number, k: number): number {
    if (k >= this.lim) return this.outOfInput(false);
    if (this.s.charCodeAt(k) === GT) return this.openElement(name, mark, true, k + 1);
    return this.fail('forward-slash in opening tag not followed by >.', charEnd(this.s, k));
  }

  /** A quoted attribute value from i; sets valueText and returns the index after the closing quote. */
  private attributeValue(i: number, quote: number): number {
    const s = this.s;
    const lim = this.lim;
    // Usually the value holds no reference, `<`, tab or line feed: then it is the text up to the quote as it stands.
    const close = s.indexOf(quote === DQUOTE ? '"' : "'", i);
    if (close !== -1 && close < lim && this.nextAmp(i) > close && this.nextLt(i) > close) {
      if (this.tabAt < i) this.tabAt = find(s, '\t', i);
      if (this.lfAt < i) this.lfAt = find(s, '\n', i);
      if (this.tabAt > close && this.lfAt > close) {
        this.valueText = s.slice(i, close);
        return close + 1;
      }
    }
    let value = '';
    let from = i;
    let k = i;
    while (k < lim) {
      const c = s.charCodeAt(k);
      if (c === quote) {
        this.valueText = from === i ? s.slice(i, k) : value + s.slice(from, k);
        return k + 1;
      }
      if (c === AMP) {
        value += s.slice(from, k);
        k = this.reference(k + 1);
        if (k === STOP) return STOP;
        value += this.refText;
        from = k;
      } else if (c === LT) {
        return this.fail('disallowed character.', k + 1);
      } else if (c === TAB || c === LF) {
        value += `${s.slice(from, k)} `;
        from = ++k;
      } else {
        k++;
      }
    }
    return this.outOfInput(false);
  }

  /** Records an attribute; a namespace declaration binds its prefix at once. False after an error. */
  private addAttribute(name: string, value: string, end: number): boolean {
    let prefix = '';
    let local = name;
    const colon = name.indexOf(':');
    if (colon !== -1) {
      prefix = name.slice(0, colon);
      local = name.slice(colon + 1);
      if (prefix === '' || local === '' || local.includes(':')) return this.failed(`malformed name: ${name}.`, end);
    }
    const tag = this.tag;
    const at = tag.attributeCount++;
    tag.attributeNames[at] = name;
    tag.attributePrefixes[at] = prefix;
    tag.attributeLocals[at] = local;
    tag.attributeValues[at] = value;
    if (prefix === 'xmlns') {
      const uri = value.trim();
      if (!this.xml11 && uri === '') return this.failed('invalid attempt to undefine prefix in XML 1.0', end);
      this.bind(local, uri);
      return this.checkBinding(local, uri, end);
    }
    if (name === 'xmlns') {
      const uri = value.trim();
      this.bind('', uri);
      return this.checkBinding('', uri, end);
    }
    return true;
  }

  private bind(prefix: string, uri: string): void {
    this.bindPrefixes.push(prefix);
    this.bindUris.push(uri);
  }

  /** The reserved prefixes xml and xmlns, and their namespaces, may not be rebound (Namespaces in XML §3). */
  private checkBinding(prefix: string, uri: string, end: number): boolean {
    let reason: string | undefined;
    if (prefix === 'xml' && uri !== XML_NAMESPACE) reason = `xml prefix must be bound to ${XML_NAMESPACE}.`;
    else if (prefix === 'xmlns' && uri !== XMLNS_NAMESPACE) reason = `xmlns prefix must be bound to ${XMLNS_NAMESPACE}.`;
    else if (uri === XMLNS_NAMESPACE) {
      reason = prefix === ''
        ? `the default namespace may not be set to ${uri}.`
        : `may not assign a prefix (even "xmlns") to the URI ${XMLNS_NAMESPACE}.`;
    } else if (uri === XML_NAMESPACE && prefix !== 'xml') {
      reason = prefix === '' ? `the default namespace may not be set to ${uri}.` : 'may not assign the xml namespace to another prefix.';
    }
    return reason === undefined || this.failed(reason, end);
  }

  /** Drops the bindings made since `mark` (those of the element being closed). */
  private unbind(mark: number): void {
    if (this.bindPrefixes.length === mark) return;
    this.bindPrefixes.length = mark;
    this.bindUris.length = mark;
  }

  private resolve(prefix: string): string | undefined {
    const prefixes = this.bindPrefixes;
    for (let b = prefixes.length - 1; b >= 0; b--) if (prefixes[b] === prefix) return this.bindUris[b];
    if (prefix === 'xml') return XML_NAMESPACE;
    if (prefix === 'xmlns') return XMLNS_NAMESPACE;
    return undefined;
  }

  /** The start tag is complete (`>` or `/>` read, `end` after it): resolve names, check attributes, report it. */
  private openElement(name: string, mark: number, selfClosing: boolean, end: number): number {
    let prefix = '';
    let local = name;
    const colon = name.indexOf(':');
    if (colon !== -1) {
      prefix = name.slice(0, colon);
      local = name.slice(colon + 1);
      if (prefix === '' || local === '' || local.includes(':')) return this.fail(`malformed name: ${name}.`, end);
    }
    const uri = this.resolve(prefix) ?? '';
    if (prefix !== '') {
      if (prefix === 'xmlns') return this.fail('tags may not have "xmlns" as prefix.', end);
      if (uri === '') return this.fail(`unbound namespace prefix: ${JSON.stringify(prefix)}.`, end);
    }
    const tag = this.tag;
    const eqNames = this.eqNames;
    for (let a = 0; a < tag.attributeCount; a++) {
      const attributePrefix = tag.attributePrefixes[a]!;
      let eqName = tag.attributeNames[a]!;
      if (attributePrefix !== '') {
        const attributeUri = this.resolve(attributePrefix);
        if (attributeUri === undefined) return this.fail(`unbound namespace prefix: ${JSON.stringify(attributePrefix)}.`, end);
        eqName = `{${attributeUri}}${tag.attributeLocals[a]!}`;
      }
      for (let b = 0; b < a; b++) if (eqNames[b] === eqName) return this.fail(`duplicate attribute: ${eqName}.`, end);
      eqNames[a] = eqName;
    }
    tag.name = name;
    tag.local = local;
    tag.uri = uri;
    this.events.openTag(tag);
    if (selfClosing) {
      this.unbind(mark);
      this.events.closeTag();
      if (this.openNames.length === 0) this.closedRoot = true;
    } else {
      this.openNames.push(name);
      this.openMarks.push(mark);
    }
    return end;
  }

  /** An end tag whose name begins at i (after `</`). */
  private endTag(i: number): number {
    const s = this.s;
    let k = this.nameEnd(i);
    if (k >= this.lim) return this.outOfInput(false);
    const name = s.slice(i, k);
    if (s.charCodeAt(k) !== GT) {
      if (!isS(s.charCodeAt(k))) return this.fail('disallowed character in closing tag.', charEnd(s, k));
      k = this.skipSpaces(k);
      if (k >= this.lim) return this.outOfInput(false);
      if (s.charCodeAt(k) !== GT) return this.fail('disallowed character in closing tag.', charEnd(s, k));
    }
    const end = k + 1;
    if (name === '') return this.fail('weird empty close tag.', end);
    const depth = this.openNames.length;
    if (depth === 0) return this.fail(`unmatched closing tag: ${name}.`, end);
    const open = this.openNames.pop()!;
    this.unbind(this.openMarks.pop()!);
    this.events.closeTag();
    if (open !== name) return this.fail('unexpected close tag.', end);
    if (depth === 1) this.closedRoot = true;
    return end;
  }

  /** After `<!`: a comment, a CDATA section or a DOCTYPE, decided by up to seven characters. */
  private bang(i: number): number {
    const s = this.s;
    let k = i;
    for (let count = 1; count <= 7; count++) {
      if (k >= this.lim) return this.outOfInput(false);
      k = charEnd(s, k);
      if (count === 2 && s.startsWith('--', i)) return this.comment(k);
    }
    if (s.startsWith('[CDATA[', i)) return this.cdata(k);
    if (s.startsWith('DOCTYPE', i)) return this.doctype(k);
    return this.fail('incorrect syntax.', k);
  }

  private comment(i: number): number {
    const s = this.s;
    const k = s.indexOf('--', i);
    if (k === -1 || k + 2 >= this.lim) return this.outOfInput(false);
    if (s.charCodeAt(k + 2) !== GT) return this.fail('malformed comment.', charEnd(s, k + 2));
    return k + 3;
  }

  private cdata(i: number): number {
    if (!this.sawRoot || this.closedRoot) return this.fail(TEXT_OUTSIDE_ROOT, i);
    const s = this.s;
    const k = s.indexOf(']]>', i);
    if (k === -1 || k + 2 >= this.lim) return this.outOfInput(false);
    if (!this.characterData && hasNonWhitespace(s, i, k)) this.characterData = true;
    return k + 3;
  }

  /** Index after the next `quote` character from k, or STOP. */
  private skipQuoted(k: number, quote: number): number {
    const end = this.s.indexOf(String.fromCharCode(quote), k);
    return end === -1 || end >= this.lim ? this.outOfInput(false) : end + 1;
  }

  /** A DOCTYPE (after `<!DOCTYPE`): read through, internal subset included, never interpreted. */
  private doctype(i: number): number {
    if (this.sawDoctype || this.sawRoot) return this.fail('inappropriately located doctype declaration.', i);
    const s = this.s;
    let k = i;
    for (;;) {
      while (k < this.lim) {
        const c = s.charCodeAt(k);
        if (c === DQUOTE || c === SQUOTE || c === OPEN_BRACKET || c === GT) break;
        k++;
      }
      if (k >= this.lim) return this.outOfInput(false);
      const c = s.charCodeAt(k++);
      if (c === GT) {
        this.sawDoctype = true;
        this.events.doctype();
        return k;
      }
      k = c === OPEN_BRACKET ? this.internalSubset(k) : this.skipQuoted(k, c);
      if (k === STOP) return STOP;
    }
  }

  /** The DOCTYPE internal subset after `[`; returns the index after its `]`. */
  private internalSubset(i: number): number {
    const s = this.s;
    let k = i;
    for (;;) {
      while (k < this.lim) {
        const c = s.charCodeAt(k);
        if (c === DQUOTE || c === SQUOTE || c === LT || c === CLOSE_BRACKET) break;
        k++;
      }
      if (k >= this.lim) return this.outOfInput(false);
      const c = s.charCodeAt(k++);
      if (c === CLOSE_BRACKET) return k;
      if (c !== LT) {
        k = this.skipQuoted(k, c);
        if (k === STOP) return STOP;
        continue;
      }
      // After `<`: `<?` runs to the first `>` after a `?`, `<!--` is a comment; anything else is skipped over.
      if (k >= this.lim) return this.outOfInput(false);
      const c1 = s.charCodeAt(k);
      k = charEnd(s, k);
      if (c1 === QUESTION) {
        const question = s.indexOf('?', k);
        const close = question === -1 ? -1 : s.indexOf('>', question + 1);
        if (close === -1 || close >= this.lim) return this.outOfInput(false);
        k = close + 1;
        continue;
      }
      if (c1 !== BANG) continue;
      if (k >= this.lim) return this.outOfInput(false);
      const c2 = s.charCodeAt(k);
      k = charEnd(s, k);
      if (c2 !== MINUS) continue;
      if (k >= this.lim) return this.outOfInput(false);
      const c3 = s.charCodeAt(k);
      k = charEnd(s, k);
      if (c3 !== MINUS) continue;
      const dashes = s.indexOf('--', k);
      if (dashes === -1 || dashes + 2 >= this.lim) return this.outOfInput(false);
      if (s.charCodeAt(dashes + 2) !== GT) return this.fail('malformed comment.', charEnd(s, dashes + 2));
      k = dashes + 3;
    }
  }

  /** A processing instruction after `<?` (or the XML declaration). */
  private processingInstruction(i: number): number {
    const s = this.s;
    if (i >= this.lim) return this.outOfInput(false);
    const first = codePointAt(s, i);
    if (!isNCNameStartChar(first)) {
      if (first === QUESTION || isS(first)) return this.fail('processing instruction without a target.', charEnd(s, i));
      return this.fail('disallowed character in processing instruction name.', charEnd(s, i));
    }
    let k = charEnd(s, i);
    while (k < this.lim && isNCNameChar(codePointAt(s, k))) k = charEnd(s, k);
    if (k >= this.lim) return this.outOfInput(false);
    const target = s.slice(i, k);
    const c = s.charCodeAt(k);
    if (c !== QUESTION && !isS(c)) return this.fail('disallowed character in processing instruction name.', charEnd(s, k));
    if (target === 'xml') {
      if (!this.xmlDeclPossible) return this.fail('an XML declaration must be at the start of the document.', k + 1);
      return this.xmlDeclaration(k + 1, c === QUESTION);
    }
    const close = s.indexOf('?>', k);
    if (close === -1 || close + 1 >= this.lim) return this.outOfInput(false);
    this.xmlDeclPossible = false;
    if (target.toLowerCase() === 'xml') return this.fail('the XML declaration must appear at the start of the document.', close + 2);
    this.events.processingInstruction(target);
    return close + 2;
  }

  /**
   * The XML declaration after `<?xml` and one space or `?` (`atEnd`): version, encoding and standalone pseudo-
   * attributes in that order. A version other than 1.0 switches the rest of the text to XML 1.1 rules.
   */
  private xmlDeclaration(i: number, atEnd: boolean): number {
    const NAME_START = 0, NAME = 1, EQUALS = 2, VALUE_START = 3, VALUE = 4, SEPARATOR = 5, ENDING = 6;
    const incomplete = 'XML declaration is incomplete.';
    let state = atEnd ? ENDING : NAME_START;
    let name = '';
    let value = '';
    let quote = 0;
    let expects = ['version'];
    let k = i;
    for (;;) {
      if (k >= this.lim) return this.outOfInput(false);
      const c = codePointAt(this.s, k);
      k = charEnd(this.s, k);
      switch (state) {
        case NAME_START:
          if (c === QUESTION) state = ENDING;
          else if (!isS(c)) {
            name = String.fromCodePoint(c);
            state = NAME;
          }
          break;
        case NAME:
          if (c === QUESTION) return this.fail(incomplete, k);
          if (isS(c) || c === EQ) {
            if (!expects.includes(name)) {
              return this.fail(name.length === 0 ? 'did not expect any more name/value pairs.'
                : name.length === 1 ? `expected the name ${String(expects[0])}.` : `expected one of ${expects.join(', ')}`, k);
            }
            state = c === EQ ? VALUE_START : EQUALS;
          } else {
            name += String.fromCodePoint(c);
          }
          break;
        case EQUALS:
          if (c === QUESTION) return this.fail(incomplete, k);
          if (isS(c)) break;
          if (c !== EQ) return this.fail('value required.', k);
          state = VALUE_START;
          break;
        case VALUE_START:
          if (c === QUESTION) return this.fail(incomplete, k);
          if (isS(c)) break;
          if (c !== DQUOTE && c !== SQUOTE) return this.fail('value must be quoted.', k);
          quote = c;
          value = '';
          state = VALUE;
          break;
        case VALUE:
          if (c === QUESTION) return this.fail(incomplete, k);
          if (c !== quote) {
            value += String.fromCodePoint(c);
            break;
          }
          if (name === 'version') {
            expects = ['encoding', 'standalone'];
            if (!/^1\.[0-9]+$/.test(value)) return this.fail('version number must match /^1\\.[0-9]+$/.', k);
            if (value !== '1.0') this.useXml11(k);
          } else if (name === 'encoding') {
            if (!/^[A-Za-z][A-Za-z0-9._-]*$/.test(value)) return this.fail('encoding value must match /^[A-Za-z0-9][A-Za-z0-9._-]*$/.', k);
            expects = ['standalone'];
          } else {
            if (value !== 'yes' && value !== 'no') return this.fail('standalone value must match "yes" or "no".', k);
            expects = [];
          }
          name = '';
          state = SEPARATOR;
          break;
        case SEPARATOR:
          if (c === QUESTION) state = ENDING;
          else if (!isS(c)) return this.fail('whitespace required.', k);
          else state = NAME_START;
          break;
        default: // ENDING: a `?` was read
          this.xmlDeclPossible = false;
          if (c !== GT) return this.fail('The character ? is disallowed anywhere in XML declarations.', k);
          if (name !== 'version' && expects.includes('version')) return this.fail('XML declaration must contain a version.', k);
          this.events.processingInstruction('xml');
          return k;
      }
    }
  }

  /**
   * From index k on, read the text as XML 1.1: NEL and LINE SEPARATOR end lines too (CR NEL being one line end),
   * C1 controls may not be written, and character references may name C0 controls.
   */
  private useXml11(k: number): void {
    // Map k back to the original text (only CR LF pairs were shortened, and k is near the start).
    let original = 0;
    for (let normalized = 0; normalized < k; normalized++) {
      original += this.original.charCodeAt(original) === 0x0d && this.original.charCodeAt(original + 1) === LF ? 2 : 1;
    }
    const rest = this.original.slice(original).replace(/\r[\n\u0085]?|[\u0085\u2028]/g, '\n');
    this.s = this.s.slice(0, k) + rest;
    this.n = this.s.length;
    this.xml11 = true;
    this.lim = firstDisallowed(this.s, k, true);
    this.ltAt = this.ampAt = this.cdataEndAt = this.tabAt = this.lfAt = -1;
  }
}

/**
 * Tokenizes one narrative div, calling `events` in document order. Returns whether the text was well-formed and
 * whether any non-whitespace character data appeared inside the root element (or in a CDATA section).
 */
export function scanXhtml(text: string, events: XhtmlEvents): { wellFormed: boolean; characterData: boolean } {
  const tokenizer = new Tokenizer(text, events);
  tokenizer.run();
  return { wellFormed: tokenizer.wellFormed, characterData: tokenizer.characterData };
}
