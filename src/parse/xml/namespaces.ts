// XML namespace URIs the FHIR XML reader distinguishes (https://hl7.org/fhir/R4/xml.html).

/** Every FHIR element is in this namespace. */
export const FHIR_NS = 'http://hl7.org/fhir';
/** The Narrative `div` and its content (https://hl7.org/fhir/R4/narrative.html#xhtml). */
export const XHTML_NS = 'http://www.w3.org/1999/xhtml';
/** Namespace declarations (`xmlns`, `xmlns:p`) are reported by saxes as attributes in this namespace. */
export const XMLNS_NS = 'http://www.w3.org/2000/xmlns/';
/** `xsi:schemaLocation` is tolerated with a warning: official examples carry it. */
export const XSI_NS = 'http://www.w3.org/2001/XMLSchema-instance';
