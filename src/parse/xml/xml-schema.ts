// What the FHIR XML reader needs to know about FHIR types to produce the JSON form (arrays, primitives, order).

/** How an XML child element maps to FHIR JSON. */
export interface XmlElementInfo {
  /** JSON property name: the XML element name itself (`valueString`, `given`). */
  name: string;
  /** `many` → JSON array even when one element appears (https://hl7.org/fhir/R4/json.html#xml). */
  max: 'one' | 'many';
  /**
   * primitive: `value` attribute → JSON primitive, `id`/extension → `_name` companion.
   * complex: nested elements → JSON object.
   * resource: wrapper whose single child element is a resource (`contained`, `Bundle.entry.resource`).
   * xhtml: the XHTML `div` of Narrative, kept as its serialized XML string.
   */
  kind: 'primitive' | 'complex' | 'resource' | 'xhtml';
  /** For primitives, the JSON type the value attribute becomes (`integer`: a JSON number written as an integer). */
  jsonType?: 'boolean' | 'number' | 'integer' | 'string';
  /** Position of the element in its parent's definition; XML requires this order (https://hl7.org/fhir/R4/xml.html). */
  order: number;
  /** Opaque handle passed back to `child()` for this element's children. */
  context: unknown;
}

export interface XmlSchema {
  /** Context for a resource root element named `resourceType`, or undefined if the type is unknown. */
  resource(resourceType: string): unknown | undefined;
  /** Info for child element `name` inside `context`, or undefined if the definition has no such element. */
  child(context: unknown, name: string): XmlElementInfo | undefined;
}
