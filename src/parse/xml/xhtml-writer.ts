// Serializes the narrative XHTML subtree back to an XML string, the form FHIR JSON carries for `div`
// (https://hl7.org/fhir/R4/json.html#xhtml, https://hl7.org/fhir/R4/narrative.html#xhtml).
import type { SaxesTagNS } from 'saxes';
import { XMLNS_NS } from './namespaces.js';

/**
 * Writes elements and attributes as written (qualified names, attribute order). Namespace prefixes used inside
 * the div but declared on an ancestor outside it are declared on the div, so the string stands alone.
 * Comments and processing instructions are dropped; CDATA becomes escaped text. One writer serves one div at a time.
 */
export class XhtmlWriter {
  private rootName = '';
  private rootStart = '';
  private rootSelfClosing = false;
  private parts: string[] = [];
  /** Prefixes declared on each open element inside the div, to undo on close. */
  private declStack: (string[] | null)[] = [];
  /** How many open elements inside the div declare each prefix ('' = default namespace). */
  private declared = new Map<string, number>();
  /** Prefixes used inside the div whose declaration is outside it: prefix → namespace URI. */
  private needed = new Map<string, string>();
  private skipClose = false;

  start(tag: SaxesTagNS): void {
    this.parts = [];
    this.declStack = [];
    this.declared.clear();
    this.needed.clear();
    this.skipClose = false;
    this.rootName = tag.name;
    this.rootSelfClosing = tag.isSelfClosing;
    this.rootStart = this.openTag(tag);
  }

  open(tag: SaxesTagNS): void {
    const s = this.openTag(tag);
    this.parts.push(tag.isSelfClosing ? s + '/>' : s + '>');
    // saxes reports a close event right after a self-closing tag; it has been written already.
    this.skipClose = tag.isSelfClosing;
  }

  close(tag: SaxesTagNS): void {
    this.undeclare();
    if (this.skipClose) this.skipClose = false;
    else this.parts.push('</' + tag.name + '>');
  }

  text(t: string): void {
    this.parts.push(escapeXmlText(t));
  }

  /** Called on the div's own close: returns the serialized div. */
  finish(): string {
    this.undeclare();
    let decls = '';
    for (const [prefix, uri] of this.needed) {
      decls += (prefix === '' ? ' xmlns="' : ' xmlns:' + prefix + '="') + escapeXmlAttribute(uri) + '"';
    }
    const start = this.rootStart + decls;
    const out = this.rootSelfClosing ? start + '/>' : start + '>' + this.parts.join('') + '</' + this.rootName + '>';
    this.parts = [];
    return out;
  }

  private openTag(tag: SaxesTagNS): string {
    let declaredHere: string[] | null = null;
    for (const prefix in tag.ns) {
      (declaredHere ??= []).push(prefix);
      this.declared.set(prefix, (this.declared.get(prefix) ?? 0) + 1);
    }
    this.declStack.push(declaredHere);
    let s = '<' + tag.name;
    const attrs = tag.attributes;
    for (const qname in attrs) {
      const a = attrs[qname]!;
      s += ' ' + qname + '="' + escapeXmlAttribute(a.value) + '"';
      if (a.prefix !== '' && a.uri !== XMLNS_NS) this.use(a.prefix, a.uri);
    }
    this.use(tag.prefix, tag.uri);
    return s;
  }

  private use(prefix: string, uri: string): void {
    if (prefix === 'xml' || (prefix === '' && uri === '')) return;
    if ((this.declared.get(prefix) ?? 0) > 0 || this.needed.has(prefix)) return;
    this.needed.set(prefix, uri);
  }

  private undeclare(): void {
    const list = this.declStack.pop();
    if (list) for (const p of list) this.declared.set(p, this.declared.get(p)! - 1);
  }
}

/** Escapes text content: & < > and carriage return (which XML parsing would otherwise normalise away). */
export function escapeXmlText(s: string): string {
  let out = '';
  let last = 0;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    let rep: string;
    if (c === 38) rep = '&amp;';
    else if (c === 60) rep = '&lt;';
    else if (c === 62) rep = '&gt;';
    else if (c === 13) rep = '&#13;';
    else continue;
    out += s.slice(last, i) + rep;
    last = i + 1;
  }
  return last === 0 ? s : out + s.slice(last);
}

/** Escapes a double-quoted attribute value, keeping whitespace characters that attribute normalisation would alter. */
export function escapeXmlAttribute(s: string): string {
  let out = '';
  let last = 0;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    let rep: string;
    if (c === 38) rep = '&amp;';
    else if (c === 60) rep = '&lt;';
    else if (c === 34) rep = '&quot;';
    else if (c === 10) rep = '&#10;';
    else if (c === 13) rep = '&#13;';
    else if (c === 9) rep = '&#9;';
    else continue;
    out += s.slice(last, i) + rep;
    last = i + 1;
  }
  return last === 0 ? s : out + s.slice(last);
}
