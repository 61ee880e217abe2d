// Test-only: the saxes-based checkNarrativeXhtml() (and the URL checks it used) as they were before the hand-written
// tokenizer, kept verbatim as the reference the differential test and the benchmark compare the new code against.
// Only the static allow-lists (allowed-html.ts) are shared with the implementation under test.
// See: https://hl7.org/fhir/R4/narrative.html#xhtml and https://hl7.org/fhir/R4/json.html#xhtml
import { SaxesParser, type SaxesAttributeNS, type SaxesTagNS } from 'saxes';
import {
  ALLOWED_ATTRIBUTES, ALLOWED_ELEMENT_ATTRIBUTES, ALLOWED_ELEMENTS, BLOCK_ELEMENTS, URL_ATTRIBUTES, XHTML_NS,
} from '../../../src/validate/xhtml/allowed-html.js';
import type { XhtmlMessageId, XhtmlProblem } from '../../../src/validate/xhtml/index.js';

// ---- the previous narrative-urls.ts, verbatim, so URL classification is compared too ----

type UrlFinding = 'active' | 'invalid' | undefined;

// Browsers drop ASCII whitespace and C0 controls inside a scheme ("java\tscript:" runs), so strip them first.
const IGNORED_IN_SCHEME = /[\u0000-\u0020]/g;
const ACTIVE_SCHEMES = ['javascript:', 'vbscript:', 'livescript:'];
// data: URLs whose content a browser would run as a document or script when followed.
const ACTIVE_DATA_TYPES = /^(?:text\/html|application\/xhtml\+xml|image\/svg\+xml|text\/xml|application\/xml)$|script/;
// Characters the Java validator accepts in a non-data URL: letters, digits and the URI reserved/unreserved marks.
const URL_CHARS = /^[\p{Alphabetic}\p{Nd};?:@&=+$.,/%\-_~#[\]!'()*|]*$/u;
const DATA_BASE64 = /^[A-Za-z0-9+/]*={0,2}$/;
// CSS that runs code (old IE expression(), behaviors, Mozilla XBL) or loads a script URL.
const ACTIVE_CSS = /expression\s*\(|javascript\s*:|vbscript\s*:|behavior\s*:|-moz-binding/i;

/** Classifies a URL attribute value on `element` (e.g. `a`, `img`). */
export function referenceCheckNarrativeUrl(element: string, value: string): UrlFinding {
  if (value.length === 0) return 'invalid';
  const scheme = value.replace(IGNORED_IN_SCHEME, '').toLowerCase();
  if (ACTIVE_SCHEMES.some((s) => scheme.startsWith(s))) return 'active';
  if (scheme.startsWith('data:')) return checkDataUrl(element, value.trim());
  return URL_CHARS.test(value) ? undefined : 'invalid';
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
function isActiveStyle(value: string): boolean {
  return ACTIVE_CSS.test(value);
}

const checkNarrativeUrl = referenceCheckNarrativeUrl;

// ---- the previous check-narrative-xhtml.ts ----

// XPath normalize-space() whitespace, as txt-2 uses: a no-break space counts as content.
const CONTENT = /[^ \t\r\n]/;
const MAX_ECHO = 100;
// A plausible entity name; anything else after '&' (e.g. "& chips;") is plain malformed XML.
const ENTITY_NAME = /^[A-Za-z_][\w.-]*$/;

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

function checkAttributes(tag: SaxesTagNS, findings: Findings): void {
  const element = tag.local;
  for (const attr of Object.values(tag.attributes) as SaxesAttributeNS[]) {
    const name = attr.name;
    if (name === 'xmlns' || attr.prefix === 'xmlns') continue; // namespace declarations
    if (/^on/i.test(attr.local) && attr.prefix === '') {
      findings.add('xhtmlEventHandler', { attribute: name, element });
      continue;
    }
    if (!ALLOWED_ATTRIBUTES.has(name) && !ALLOWED_ELEMENT_ATTRIBUTES.has(`${element}.${name}`)) {
      findings.add('xhtmlAttributeNotAllowed', { attribute: name, element });
      continue;
    }
    if (URL_ATTRIBUTES.has(name)) {
      const finding = checkNarrativeUrl(element, attr.value);
      if (finding === 'active') findings.add('xhtmlActiveUrl', { attribute: name, element, value: echo(attr.value) });
      if (finding === 'invalid') findings.add('xhtmlInvalidUrl', { attribute: name, element, value: echo(attr.value) });
    } else if (name === 'style' && isActiveStyle(attr.value)) {
      findings.add('xhtmlActiveStyle', { element, value: echo(attr.value) });
    }
  }
}

/** The previous checkNarrativeXhtml(), unchanged apart from its name. */
export function referenceCheckNarrativeXhtml(div: string): XhtmlProblem[] {
  const findings = new Findings();
  const parser = new SaxesParser({ xmlns: true, position: true });
  const open: string[] = []; // local names of the open elements, root first
  const openUris: string[] = []; // and their namespaces
  let malformed = false;
  let hasContent = false;
  let pendingEntity: string | undefined;

  // Only the five XML entities exist without a DTD; saxes asks ENTITIES for any other name, then fails.
  // Recording the lookup lets that failure be reported as the entity it is, with its name.
  const entities = parser.ENTITIES;
  parser.ENTITIES = new Proxy(entities, {
    get(target, name) {
      const found = Reflect.get(target, name) as string | undefined;
      if (found === undefined && typeof name === 'string' && ENTITY_NAME.test(name)) pendingEntity = name;
      return found;
    },
  });

  parser.on('error', (err) => {
    if (malformed) return;
    if (pendingEntity !== undefined) {
      findings.add('xhtmlEntity', { entity: pendingEntity });
      pendingEntity = undefined;
      return;
    }
    malformed = true;
    findings.add('xhtmlMalformed', {
      reason: err.message.replace(/^\d+:\d+: /, ''),
      line: parser.line,
      column: parser.column,
    });
  });
  parser.on('doctype', () => {
    if (!malformed) findings.add('xhtmlDoctype');
  });
  parser.on('processinginstruction', (pi) => {
    if (!malformed) findings.add('xhtmlProcessingInstruction', { target: pi.target });
  });
  parser.on('xmldecl', () => {
    if (!malformed) findings.add('xhtmlProcessingInstruction', { target: 'xml' });
  });
  parser.on('text', (text) => {
    if (!hasContent && open.length > 0 && CONTENT.test(text)) hasContent = true;
  });
  parser.on('cdata', (text) => {
    if (!hasContent && CONTENT.test(text)) hasContent = true;
  });
  parser.on('opentag', (tag) => {
    if (malformed) return;
    const name = tag.local;
    const parentUri = openUris[openUris.length - 1];
    if (open.length === 0 && name !== 'div') findings.add('xhtmlRootNotDiv', { element: tag.name });
    // Reported where the namespace changes (the root, or an <svg>/<math> inside), not on every descendant.
    if (tag.uri !== XHTML_NS && tag.uri !== parentUri) {
      findings.add('xhtmlNamespace', { element: tag.name, namespace: tag.uri });
    }
    if (!ALLOWED_ELEMENTS.has(name)) findings.add('xhtmlElementNotAllowed', { element: tag.name });
    if (BLOCK_ELEMENTS.has(name) && open.includes('p')) findings.add('xhtmlBlockInParagraph', { element: name });
    if (name === 'img' && tag.attributes.src !== undefined) hasContent = true; // txt-2 counts an img[@src]
    checkAttributes(tag, findings);
    open.push(name);
    openUris.push(tag.uri);
  });
  parser.on('closetag', () => {
    open.pop();
    openUris.pop();
  });

  parser.write(div).close();
  if (!malformed && !hasContent) findings.add('xhtmlEmpty');
  return findings.list;
}
