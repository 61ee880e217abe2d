// Value sets without an explicit compose: implicit SNOMED CT/LOINC value sets and value sets published as an expansion.
import { asArray } from './code-system-index.js';
import type { CompiledInclude } from './value-set-engine.js';

/**
 * Implicit value sets (https://hl7.org/fhir/R4/snomedct.html#implicit, https://hl7.org/fhir/R4/loinc.html#implicit):
 * `<system>?fhir_vs` is the whole system, `?fhir_vs=isa/<code>` a subsumption filter.
 */
export function implicitValueSet(url: string): Record<string, any> | undefined {
  const q = url.indexOf('?fhir_vs');
  if (q === -1) return undefined;
  const system = url.slice(0, q);
  const arg = url.slice(q + '?fhir_vs'.length);
  if (arg === '') return { resourceType: 'ValueSet', url, compose: { include: [{ system }] } };
  const isa = /^=isa\/(.+)$/.exec(arg);
  if (isa) return { resourceType: 'ValueSet', url, compose: { include: [{ system, filter: [{ property: 'concept', op: 'is-a', value: isa[1] }] }] } };
  return { resourceType: 'ValueSet', url, compose: { include: [{ system, filter: [{ property: 'implicit', op: 'fhir_vs', value: arg }] }] } };
}

/** A value set published with only an expansion: its contains become enumerated includes. */
export function includesFromExpansion(expansion: Record<string, any>): CompiledInclude[] {
  const bySystem = new Map<string, CompiledInclude>();
  let count = 0;
  const walk = (list: any[]): void => {
    for (const c of list) {
      if (typeof c?.system === 'string' && typeof c?.code === 'string') {
        let inc = bySystem.get(c.system);
        if (!inc) {
          inc = { system: c.system, concepts: new Map(), filters: [], valueSets: [] };
          bySystem.set(c.system, inc);
        }
        inc.concepts!.set(c.code, typeof c.display === 'string' ? [c.display] : []);
        count++;
      }
      walk(asArray(c?.contains));
    }
  };
  walk(asArray(expansion.contains));
  const includes = [...bySystem.values()];
  const total = typeof expansion.total === 'number' ? expansion.total : undefined;
  if (total !== undefined && total > count) {
    includes.push({ filters: [], valueSets: [], problem: { reason: 'too-costly', detail: `the stored expansion holds ${count} of ${total} codes` } });
  }
  return includes;
}
