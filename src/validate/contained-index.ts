// Contained resources by id, built once per container: '#id' references (ref-1, reference resolution, FHIRPath
// resolve()) are looked up in it instead of scanning `contained` for every reference.
// https://hl7.org/fhir/R4/references.html#contained

const cache = new WeakMap<unknown[], Map<string, Record<string, unknown>>>();

/** The container's contained resources by id (string ids only; the first of a repeated id, as a scan would find). */
export function containedById(container: Record<string, unknown> | undefined): ReadonlyMap<string, Record<string, unknown>> {
  const list = container?.contained;
  if (!Array.isArray(list)) return EMPTY;
  let byId = cache.get(list);
  if (!byId) {
    byId = new Map();
    for (const c of list as unknown[]) {
      if (!c || typeof c !== 'object') continue;
      const id = (c as Record<string, unknown>).id;
      if (typeof id === 'string' && !byId.has(id)) byId.set(id, c as Record<string, unknown>);
    }
    cache.set(list, byId);
  }
  return byId;
}

const EMPTY: ReadonlyMap<string, Record<string, unknown>> = new Map();
