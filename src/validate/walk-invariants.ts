// Which invariants the base walk evaluates for an element, and which are checked natively instead: computed once per
// constraint list, element and constraint, since the walk asks for every element value it visits.
import type { ConstraintDef, ElementNode } from '../structure/element-tree.js';
import { NATIVE_INVARIANTS as NATIVE_CHECKS, type NativeInvariant } from './native-invariants.js';

/** Invariants implemented natively (see native-invariants.ts); their FHIRPath is not evaluated. */
// txt-1/txt-2 (htmlChecks) are covered by structure/narrative-xhtml, which says what exactly is wrong.
export const NATIVE_INVARIANTS = new Set(['ele-1', 'ext-1', 'dom-3', 'txt-1', 'txt-2']);

const evaluatedCache = new WeakMap<ConstraintDef[], ConstraintDef[]>();
/** The constraints of a list that are evaluated per element (NATIVE_INVARIANTS are checked by the walk itself). */
export function evaluatedOnly(constraints: ConstraintDef[]): ConstraintDef[] {
  let list = evaluatedCache.get(constraints);
  if (!list) evaluatedCache.set(constraints, (list = constraints.filter((c) => !NATIVE_INVARIANTS.has(c.key))));
  return list;
}

const ownCache = new WeakMap<ElementNode, { constraints: ConstraintDef[]; path: string }>();
/**
 * The invariants an element's value is checked against, and the element path they are evaluated at. An element
 * defined by contentReference (Questionnaire.item.item) has the invariants of the element it reuses.
 */
export function ownInvariants(node: ElementNode): { constraints: ConstraintDef[]; path: string } {
  let own = ownCache.get(node);
  if (!own) {
    const defining = contentTarget(node) ?? node;
    ownCache.set(node, (own = { constraints: evaluatedOnly(defining.constraints), path: defining.path }));
  }
  return own;
}

const nativeCache = new WeakMap<ConstraintDef, NativeInvariant | null>();
/** The native implementation of a constraint, when its key and expression are the ones it replaces. */
export function nativeCheckFor(c: ConstraintDef): NativeInvariant | undefined {
  let native = nativeCache.get(c);
  if (native === undefined) {
    const candidate = NATIVE_CHECKS[c.key];
    nativeCache.set(c, (native = candidate && candidate.expression === c.expression ? candidate : null));
  }
  return native ?? undefined;
}

/** The element a `contentReference` (`#Questionnaire.item`) points to, in the same StructureDefinition. */
function contentTarget(node: ElementNode): ElementNode | undefined {
  const ref: unknown = node.def.contentReference;
  if (typeof ref !== 'string') return undefined;
  const id = ref.slice(ref.indexOf('#') + 1);
  return node.tree.byId.get(id);
}
