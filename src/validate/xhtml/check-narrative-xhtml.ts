// checkNarrativeXhtml(): parses a Narrative.div string and reports what txt-1 / txt-2 and the xhtml rules forbid.
// See: https://hl7.org/fhir/R4/narrative.html#xhtml and https://hl7.org/fhir/R4/json.html#xhtml
import * as allowed from './allowed-html.js';
import * as urls from './narrative-urls.js';
import { scanXhtml, type ScannedTag, type XhtmlEvents } from './xhtml-tokenizer.js';

// Module-local references: some loaders (tsx, vitest) turn every use of an imported binding into a getter call.
const { ALLOWED_ATTRIBUTES, ALLOWED_ELEMENT_ATTRIBUTES, ALLOWED_ELEMENTS, BLOCK_ELEMENTS, URL_ATTRIBUTES, XHTML_NS } = allowed;
const { checkNarrativeUrl, isActiveStyle } = urls;

export type XhtmlMessageId =
  | 'xhtmlMalformed'
  | 'xhtmlRootNotDiv'
  | 'xhtmlNamespace'
  | 'xhtmlElementNotAllowed'
  | 'xhtmlAttributeNotAllowed'
  | 'xhtmlEventHandler'
  | 'xhtmlActiveUrl'
  | 'xhtmlInvalidUrl'
  | 'xhtmlActiveStyle'
  | 'xhtmlDoctype'
  | 'xhtmlEntity'
  | 'xhtmlProcessingInstruction'
  | 'xhtmlBlockInParagraph'
  | 'xhtmlEmpty';

/** One finding about a narrative. All are errors (structure/narrative-xhtml's default severity). */
export interface XhtmlProblem {
  messageId: XhtmlMessageId;
  data?: Record<string, string | number>;
}

const MAX_ECHO = 100;
// A plausible entity name; anything else after '&' (e.g. "& chips;") is plain malformed XML.
const ENTITY_NAME = /^[A-Za-z_][\w.-]*$/;
const LOWER_O = 0x6f;
const LOWER_N = 0x6e;
const CASE_BIT = 0x20;

function echo(value: string): string {
  return value.length <= MAX_ECHO ? value : `${value.slice(0, MAX_ECHO - 3)}...`;
}

/** Collects problems once each: a narrative with 40 <font> elements gets one finding, not 40. */
class Findings {
  readonly list: XhtmlProblem[] = [];
  private readonly seen = new Set<string>();

  add(messageId: XhtmlMessageId, data?: Record<string, string | number>): void {
    const key = data ? `${messageId}\u0000${JSON.stringify(data)}` : messageId;
    if (this.seen.has(key)) return;
    this.seen.add(key);
    this.list.push(data ? { messageId, data } : { messageId });
  }
}

/** An event handler attribute: an unprefixed name starting with "on" in any case (onclick, OnError). */
function isEventHandler(prefix: string, local: string): boolean {
  return prefix === '' && (local.charCodeAt(0) | CASE_BIT) === LOWER_O && (local.charCodeAt(1) | CASE_BIT) === LOWER_N;
}

/** The txt-1 checks, applied to the tokenizer's events as they come. */
class NarrativeChecks implements XhtmlEvents {
  readonly findings = new Findings();
  /** An img with a src was seen: txt-2 counts it as content. */
  imageContent = false;
  private readonly openUris: string[] = []; // namespaces of the open elements, root first
  private readonly openIsP: boolean[] = [];
  private openP = 0; // how many open elements are a p

  openTag(tag: ScannedTag): void {
    const findings = this.findings;
    const name = tag.local;
    const depth = this.openUris.length;
    const parentUri = depth > 0 ? this.openUris[depth - 1] : undefined;
    if (depth === 0 && name !== 'div') findings.add('xhtmlRootNotDiv', { element: tag.name });
    // Reported where the namespace changes (the root, or an <svg>/<math> inside), not on every descendant.
    if (tag.uri !== XHTML_NS && tag.uri !== parentUri) {
      findings.add('xhtmlNamespace', { element: tag.name, namespace: tag.uri });
    }
    if (!ALLOWED_ELEMENTS.has(name)) findings.add('xhtmlElementNotAllowed', { element: tag.name });
    if (this.openP > 0 && BLOCK_ELEMENTS.has(name)) findings.add('xhtmlBlockInParagraph', { element: name });
    for (let a = 0; a < tag.attributeCount; a++) this.checkAttribute(tag, a);
    this.openUris.push(tag.uri);
    const isP = name === 'p';
    this.openIsP.push(isP);
    if (isP) this.openP++;
  }

  private checkAttribute(tag: ScannedTag, a: number): void {
    const element = tag.local;
    const name = tag.attributeNames[a]!;
    const prefix = tag.attributePrefixes[a]!;
    if (name === 'xmlns' || prefix === 'xmlns') return; // namespace declarations
    const value = tag.attributeValues[a]!;
    if (element === 'img' && name === 'src') this.imageContent = true; // txt-2 counts an img[@src]
    if (isEventHandler(prefix, tag.attributeLocals[a]!)) {
      this.findings.add('xhtmlEventHandler', { attribute: name, element });
      return;
    }
    if (!ALLOWED_ATTRIBUTES.has(name) && !ALLOWED_ELEMENT_ATTRIBUTES.has(`${element}.${name}`)) {
      this.findings.add('xhtmlAttributeNotAllowed', { attribute: name, element });
      return;
    }
    if (URL_ATTRIBUTES.has(name)) {
      const finding = checkNarrativeUrl(element, value);
      if (finding === 'active') this.findings.add('xhtmlActiveUrl', { attribute: name, element, value: echo(value) });
      if (finding === 'invalid') this.findings.add('xhtmlInvalidUrl', { attribute: name, element, value: echo(value) });
    } else if (name === 'style' && isActiveStyle(value)) {
      this.findings.add('xhtmlActiveStyle', { element, value: echo(value) });
    }
  }

  closeTag(): void {
    this.openUris.pop();
    if (this.openIsP.pop() === true) this.openP--;
  }

  // Only the five XML entities exist without a DTD: any other plausible name is reported as the entity it is.
  undefinedEntity(name: string): boolean {
    if (!ENTITY_NAME.test(name)) return false;
    this.findings.add('xhtmlEntity', { entity: name });
    return true;
  }

  doctype(): void {
    this.findings.add('xhtmlDoctype');
  }

  processingInstruction(target: string): void {
    this.findings.add('xhtmlProcessingInstruction', { target });
  }

  malformed(reason: string, line: number, column: number): void {
    this.findings.add('xhtmlMalformed', { reason, line, column });
  }
}

/**
 * Checks the XHTML of a narrative (`text.div` in JSON: the whole `<div xmlns="http://www.w3.org/1999/xhtml">`).
 * Returns every distinct problem found, empty when the narrative is acceptable. Once the XML is found to be
 * malformed, later structure is not trusted and nothing more is reported.
 */
export function checkNarrativeXhtml(div: string): XhtmlProblem[] {
  const checks = new NarrativeChecks();
  const scanned = scanXhtml(div, checks);
  // txt-2: some non-whitespace text (XPath normalize-space(), so a no-break space counts) or an image.
  if (scanned.wellFormed && !scanned.characterData && !checks.imageContent) checks.findings.add('xhtmlEmpty');
  return checks.findings.list;
}

/**
 * FHIRPath htmlChecks() for txt-1 and txt-2 (both use it in R4): true when the narrative has no problem,
 * i.e. it is well-formed, uses only allowed elements and attributes, runs no script, and has some content.
 */
export function htmlChecks(div: string): boolean {
  return checkNarrativeXhtml(div).length === 0;
}
