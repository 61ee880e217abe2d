// Public surface of the FHIR XML reader: readFhirXml, the schema it needs, and its rules.
export { readFhirXml, MAX_XML_DEPTH, type ReadFhirXmlOptions } from './read-fhir-xml.js';
export type { XmlSchema, XmlElementInfo } from './xml-schema.js';
export { FHIR_NS, XHTML_NS } from './namespaces.js';
export { xmlRules } from './rules/index.js';
