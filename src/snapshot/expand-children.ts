// Unrolling: the children an element gets when a differential constrains inside it (its type's or profile's
// elements, or those a contentReference names), rebased under it (https://hl7.org/fhir/R4/profiling.html#snapshot).
import type { Reporter } from './merge-element.js';
import { pristineTreeOf, resolveProfileElement, type SnapshotContext } from './pristine-trees.js';
import { snapshotRules } from './snapshot-rules.js';
import { effectiveCode, typeUrl } from './type-utils.js';
import { cloneFrom, type PristineTree, type SnapNode } from './work-tree.js';

export interface ExpandEnv {
  ctx: SnapshotContext;
  /** The tree of the base definition, for contentReferences the type's own definition does not resolve. */
  baseTree: PristineTree;
  report: Reporter;
  /** The differential element being placed, and the id of the element walked into, for messages. */
  diffId: string;
  nodeId: string;
}

/**
 * Gives `node` its children when a differential walks into it: from the element a contentReference names, else
 * from the snapshot of its (single) type or type profile (https://hl7.org/fhir/R4/profiling.html#snapshot).
 */
export function expandChildren(node: SnapNode, childName: string, env: ExpandEnv): boolean {
  const { ctx, baseTree, report, diffId, nodeId } = env;
  if (node.children.length > 0) return true;
  const ref = node.el.contentReference;
  if (typeof ref === 'string' && ref) {
    // The reference names an element of the type's own definition: what a profile did to that other element
    // (`ExplanationOfBenefit.item.adjudication`) does not apply here (`ExplanationOfBenefit.adjudication`).
    const hash = ref.indexOf('#');
    const targetId = ref.slice(hash + 1);
    const typeName = targetId.split('.')[0]!;
    const core = ctx.resolve(hash > 0 ? ref.slice(0, hash) : typeUrl(typeName));
    const coreTree = core ? pristineTreeOf(core) : undefined;
    const target = coreTree?.byId.get(targetId) ?? node.pristine?.tree?.byId.get(targetId) ?? baseTree.byId.get(targetId);
    if (!target) {
      report(snapshotRules.unresolvedType, 'contentReference', { id: nodeId, ref });
      return false;
    }
    node.children = target.children.map((c) => cloneFrom(c, true));
    delete node.el.contentReference;
    if (target.el.type) node.el.type = structuredClone(target.el.type);
    return true;
  }
  const types: any[] = Array.isArray(node.el.type) ? node.el.type : [];
  let t: Record<string, any> | undefined;
  if (types.length === 1 || (types.length > 1 && types.every((x) => effectiveCode(x) === effectiveCode(types[0])))) t = types[0];
  else if (types.length > 1 && (childName === 'id' || childName === 'extension')) t = { code: 'Element' };
  else if (types.length > 1) {
    report(snapshotRules.unmatchedElement, 'ambiguousType', { id: diffId, parent: nodeId, types: types.map(effectiveCode).join(', ') });
    return false;
  }
  if (!t) {
    report(snapshotRules.unmatchedElement, 'noChildren', { id: diffId, parent: nodeId, type: '(none)' });
    return false;
  }
  const code = effectiveCode(t);
  let src: Record<string, any> | undefined;
  // Children come from the type's profile when there is exactly one; with several, the value may conform to any of
  // them, so the children are the type's own (each profile is checked against the value separately).
  const profile = Array.isArray(t.profile) && t.profile.length === 1 ? t.profile[0] : undefined;
  if (typeof profile === 'string' && code !== 'Reference') {
    const target = resolveProfileElement(profile, ctx);
    if (target) {
      node.children = target.children.map((c) => cloneFrom(c, true));
      return true;
    }
    report(snapshotRules.unresolvedType, 'profile', { id: nodeId, profile, type: code });
  }
  if (!code.startsWith('http://hl7.org/fhirpath/')) src = ctx.resolve(typeUrl(code));
  const tree = src ? pristineTreeOf(src) : undefined;
  if (!tree) {
    if (code.startsWith('http://hl7.org/fhirpath/') || (src && !src.snapshot)) {
      report(snapshotRules.unmatchedElement, 'noChildren', { id: diffId, parent: nodeId, type: code });
    } else {
      report(snapshotRules.unresolvedType, 'type', { id: nodeId, type: code });
    }
    return false;
  }
  node.children = tree.root.children.map((c) => cloneFrom(c, true));
  return true;
}
