// Unedited element trees of the snapshots snapshot generation starts from: bases, types, profiles, extensions.
import { buildPristineTree, type PristineTree, type SnapNode } from './work-tree.js';

export interface SnapshotContext {
  /** A StructureDefinition (with a snapshot) by canonical, or undefined. */
  resolve(canonical: string): Record<string, any> | undefined;
}

const pristineCache = new WeakMap<object, PristineTree>();

/** The (cached, never edited) element tree of a definition's snapshot. */
export function pristineTreeOf(sd: Record<string, any>): PristineTree | undefined {
  const elements = sd?.snapshot?.element;
  if (!Array.isArray(elements) || elements.length === 0) return undefined;
  let tree = pristineCache.get(sd);
  if (!tree) {
    tree = buildPristineTree(elements, typeof sd.url === 'string' ? sd.url : undefined);
    pristineCache.set(sd, tree);
  }
  return tree;
}

/**
 * The element a type profile points at: the root of the profile's snapshot, or for `url#name` (an element inside
 * a complex extension, https://hl7.org/fhir/R4/elementdefinition-definitions.html#ElementDefinition.type.profile)
 * the element with that id or slice name.
 */
export function resolveProfileElement(profile: string, ctx: SnapshotContext): SnapNode | undefined {
  const hash = profile.indexOf('#');
  const sd = ctx.resolve(hash === -1 ? profile : profile.slice(0, hash));
  const tree = sd ? pristineTreeOf(sd) : undefined;
  if (!tree) return undefined;
  if (hash === -1) return tree.root;
  const frag = profile.slice(hash + 1);
  const byId = tree.byId.get(frag);
  if (byId) return byId;
  for (const n of tree.byId.values()) if (n.sliceName === frag) return n;
  return undefined;
}
