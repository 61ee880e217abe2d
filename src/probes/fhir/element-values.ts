// Reads simple dotted paths (`subject`, `name.family`, `effectivePeriod`) from FHIR JSON, flattening arrays.

/** A FHIR JSON object. */
export type Json = Record<string, unknown>;

/** All values at a dotted path; arrays at any step are flattened. */
export function valuesAt(resource: unknown, path: string): unknown[] {
  let current: unknown[] = [resource];
  for (const step of path.split('.')) {
    const next: unknown[] = [];
    for (const v of current) {
      if (v === null || typeof v !== 'object') continue;
      const child = (v as Record<string, unknown>)[step];
      if (Array.isArray(child)) next.push(...child);
      else if (child !== undefined) next.push(child);
    }
    current = next;
  }
  return current;
}
