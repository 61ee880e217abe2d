// Resolves a literal reference to a resource present in the input: '#id' to a contained resource of the container,
// anything else to a Bundle entry. https://hl7.org/fhir/R4/references.html#contained and bundle.html#references
import type { PathSegment } from '../../parse/positions.js';
import type { ReferenceContext } from '../../validate/references/reference-check.js';
import { containedById } from '../../validate/contained-index.js';

export interface ResolveFrame {
  /** The resource holding the reference. */
  resource: Record<string, unknown>;
  /** Its container, when it is contained (%rootResource). */
  container?: Record<string, unknown>;
  /** The input's Bundle, for references between entries. */
  bundle?: ReferenceContext;
}

/** The resource a Reference points at, when it is in the input; undefined otherwise. */
export function resolveReference(ref: Record<string, unknown>, frame: ResolveFrame, segs: readonly PathSegment[]): Record<string, unknown> | undefined {
  const r = ref.reference;
  if (typeof r !== 'string' || r.length === 0) return undefined;
  if (r.startsWith('#')) {
    const holder = frame.container ?? frame.resource;
    if (r === '#') return holder;
    return containedById(holder).get(r.slice(1));
  }
  return frame.bundle?.resolveInBundle(r, segs);
}

/** The resource type a reference names without resolving it: `Patient/1`, an absolute RESTful URL, or Reference.type. */
export function referencedType(ref: Record<string, unknown>): string | undefined {
  const r = ref.reference;
  if (typeof r === 'string') {
    const m = /(?:^|\/)([A-Z][A-Za-z]+)\/[A-Za-z0-9\-.]{1,64}(?:\/_history\/[A-Za-z0-9\-.]{1,64})?$/.exec(r);
    if (m && !r.startsWith('#') && !r.startsWith('urn:')) return m[1];
  }
  if (typeof ref.type === 'string') {
    const t = ref.type;
    return t.startsWith('http://hl7.org/fhir/StructureDefinition/') ? t.slice('http://hl7.org/fhir/StructureDefinition/'.length) : t;
  }
  return undefined;
}
