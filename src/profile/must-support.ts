// Must Support coverage (https://hl7.org/fhir/R4/profiling.html#mustsupport): which of a profile's mustSupport elements
// an instance populated. Recorded as data for reports and the server probe; never an issue.
import type { MustSupportCoverage } from '../model/result.js';
import type { ElementTree } from '../structure/element-tree.js';

const ids = new WeakMap<ElementTree, string[]>();

/** Ids of the elements flagged mustSupport in a profile, in snapshot order. */
export function mustSupportIds(tree: ElementTree): string[] {
  let list = ids.get(tree);
  if (!list) {
    list = [];
    for (const [id, node] of tree.byId) if (node.def.mustSupport === true) list.push(id);
    ids.set(tree, list);
  }
  return list;
}

export function coverage(tree: ElementTree, profile: string, visited: Set<string>): MustSupportCoverage {
  const elements = mustSupportIds(tree);
  return { profile, elements, present: elements.filter((id) => visited.has(id)) };
}
