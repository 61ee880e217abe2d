// Where an extension may be used: StructureDefinition.context (element paths and types, FHIRPath expressions, other
// extensions) and contextInvariant. https://hl7.org/fhir/R4/defining-extensions.html#context
import type { ElementTree } from '../../structure/element-tree.js';
import type { Structures } from '../../structure/structures.js';
import type { InvariantEvaluator } from '../invariant-evaluator.js';
import type { ExtensionPlace } from './extension-place.js';

export interface ContextVerdict {
  ok: boolean;
  /** The contexts the definition allows, for messages (`e:Patient, x:http://...`). */
  allowed: string;
  /** The paths this place answers to. */
  here: string;
  /** A context invariant that failed. */
  invariant?: string;
}

function sameValue(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  try {
    return JSON.stringify(a) === JSON.stringify(b);
  } catch {
    return false;
  }
}

/** The type and its ancestors by baseDefinition: Patient → DomainResource → Resource. */
function typeChain(structures: Structures, type: string): string[] {
  const out: string[] = [];
  let tree = structures.typeTree(type);
  let guard = 0;
  while (tree && guard++ < 10) {
    out.push(tree.type);
    const base: unknown = tree.sd.baseDefinition;
    tree = typeof base === 'string' ? structures.tree(base) : undefined;
  }
  if (out.length === 0) out.push(type);
  return out;
}

// Contexts HL7 published wrongly in R4; the Java validator corrects the same ones (InstanceValidator.fixContexts).
const CONTEXT_FIXES: Record<string, { index: number; expression: string }> = {
  'http://hl7.org/fhir/StructureDefinition/structuredefinition-fhir-type': { index: 0, expression: 'ElementDefinition.type' },
  'http://hl7.org/fhir/StructureDefinition/regex': { index: 1, expression: 'ElementDefinition.type' },
  'http://hl7.org/fhir/StructureDefinition/structuredefinition-normative-version': { index: 0, expression: 'Element' },
  'http://hl7.org/fhir/StructureDefinition/capabilitystatement-expectation': { index: 0, expression: 'Element' },
  'http://hl7.org/fhir/StructureDefinition/capabilitystatement-prohibited': { index: 0, expression: 'Element' },
};

function contextsOf(def: ElementTree): Array<{ type?: string; expression?: string }> {
  const list: Array<{ type?: string; expression?: string }> = Array.isArray(def.sd.context) ? def.sd.context.map((c: any) => ({ ...c })) : [];
  const fix = CONTEXT_FIXES[def.url];
  if (fix && list[fix.index]) list[fix.index] = { type: 'element', expression: fix.expression };
  return list;
}

export function checkContext(def: ElementTree, place: ExtensionPlace, structures: Structures, resource: Record<string, unknown>,
  rootResource: Record<string, unknown>, invariants: InvariantEvaluator): ContextVerdict {
  const contexts = contextsOf(def);
  const plist = [...place.paths, ...place.types];
  const allowed: string[] = [];
  let ok = contexts.length === 0;
  for (const c of contexts) {
    const en = String(c.expression ?? '');
    const type = c.type ?? 'element';
    if (type === 'element') {
      allowed.push(`e:${en}`);
      if (ok) continue;
      if (en === 'Element' || en === 'Any' || en === 'Base') ok = true;
      for (const p of plist) {
        if (ok) break;
        if (p === en) {
          ok = true;
          break;
        }
        const dot = p.indexOf('.');
        const head = dot === -1 ? p : p.slice(0, dot);
        const tail = dot === -1 ? '' : p.slice(dot);
        if (/^[A-Z]/.test(head) || place.types.includes(head)) {
          for (const t of typeChain(structures, head)) {
            if (`${t}${tail}` === en) {
              ok = true;
              break;
            }
          }
        }
      }
    } else if (type === 'extension') {
      allowed.push(`x:${en}`);
      if (!ok && place.parentExtensionUrl === en) ok = true;
    } else if (type === 'fhirpath') {
      allowed.push(`p:${en}`);
      if (ok) continue;
      const out = invariants.evaluate(resource, en, undefined, { resource, rootResource }, () => undefined);
      if (out.ok && out.value.some((v) => sameValue(v, place.holder))) ok = true;
    }
  }
  const verdict: ContextVerdict = { ok, allowed: allowed.join(', '), here: plist.join(', ') };
  if (ok && Array.isArray(def.sd.contextInvariant)) {
    for (const inv of def.sd.contextInvariant) {
      if (typeof inv !== 'string') continue;
      const out = invariants.holds(place.holder, inv, undefined, { resource, rootResource }, () => undefined);
      if (out.ok && out.holds === false) return { ...verdict, ok: false, invariant: inv };
    }
  }
  return verdict;
}
