// The elements and attributes a narrative may use (txt-1), taken from the R4 spec and the HL7 Java validator.
// See: https://hl7.org/fhir/R4/narrative.html#xhtml

export const XHTML_NS = 'http://www.w3.org/1999/xhtml';

/**
 * Elements: the R4 txt-1 XPath list, plus five the HL7 Java validator (XhtmlValidator.HTML_ELEMENTS) also
 * accepts as "basic html formatting elements described in chapters 7-11 and 15 of the HTML 4.0 standard" and
 * images: address, bdo, kbd (chapters 7-9) and map, area (client-side image maps).
 * Not allowed, by omission: html, head, body, script, style, form, input, iframe, frame, object, embed, applet,
 * base, link, meta, font, center, u, s and every other element.
 */
export const ALLOWED_ELEMENTS: ReadonlySet<string> = new Set([
  // R4 txt-1
  'a', 'abbr', 'acronym', 'b', 'big', 'blockquote', 'br', 'caption', 'cite', 'code', 'col', 'colgroup', 'dd', 'dfn',
  'div', 'dl', 'dt', 'em', 'h1', 'h2', 'h3', 'h4', 'h5', 'h6', 'hr', 'i', 'img', 'li', 'ol', 'p', 'pre', 'q', 'samp',
  'small', 'span', 'strong', 'sub', 'sup', 'table', 'tbody', 'td', 'tfoot', 'th', 'thead', 'tr', 'tt', 'ul', 'var',
  // HL7 Java validator additions
  'address', 'bdo', 'kbd', 'map', 'area',
]);

/**
 * Attributes allowed on any element: the R4 txt-1 XPath list, plus xml:lang and xml:space (the Java validator
 * accepts the first and only hints at the second). Namespace declarations (xmlns, xmlns:*) are not attributes.
 * Event handlers (on*) and namespaced attributes such as xlink:href are not allowed, by omission.
 */
export const ALLOWED_ATTRIBUTES: ReadonlySet<string> = new Set([
  'abbr', 'accesskey', 'align', 'alt', 'axis', 'bgcolor', 'border', 'cellhalign', 'cellpadding', 'cellspacing',
  'cellvalign', 'char', 'charoff', 'charset', 'cite', 'class', 'colspan', 'compact', 'coords', 'dir', 'frame',
  'headers', 'height', 'href', 'hreflang', 'hspace', 'id', 'lang', 'longdesc', 'name', 'nowrap', 'rel', 'rev',
  'rowspan', 'rules', 'scope', 'shape', 'span', 'src', 'start', 'style', 'summary', 'tabindex', 'title', 'type',
  'valign', 'value', 'vspace', 'width',
  'xml:lang', 'xml:space',
]);

/** Element-specific attributes the Java validator (HTML_COMBO_LIST) accepts beyond the list above. */
export const ALLOWED_ELEMENT_ATTRIBUTES: ReadonlySet<string> = new Set(['img.usemap', 'img.ismap', 'area.nohref']);

/** Block elements that may not appear inside a <p> (Java validator HTML_BLOCK_LIST; HTML 4 content model). */
export const BLOCK_ELEMENTS: ReadonlySet<string> = new Set(['div', 'blockquote', 'table', 'ol', 'ul', 'p']);

/** Attributes whose values are URLs and are checked for active content and invalid characters. */
export const URL_ATTRIBUTES: ReadonlySet<string> = new Set(['href', 'src', 'cite', 'longdesc']);
