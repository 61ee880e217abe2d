// Resolves element trees for canonicals and type codes, and the children an element has in an instance.
import type { Definitions } from '../packages/definitions.js';
import { choiceJsonName, elementTreeOf, type ElementNode, type ElementTree } from './element-tree.js';

/** The elements allowed inside one instance node: by JSON name, with the type a choice name selects. */
export interface ChildSet {
  /** JSON name → element (choice names such as `valueQuantity` included). */
  byJsonName: Map<string, { node: ElementNode; typeCode?: string }>;
  /** The named children in definition order (choices once, as `value[x]`). */
  list: ElementNode[];
  /** Children with min > 0: checked for presence on every object. */
  required: ElementNode[];
}

const EMPTY: ChildSet = { byJsonName: new Map(), list: [], required: [] };

export class Structures {
  private readonly childCache = new WeakMap<ElementNode, Map<string, ChildSet>>();
  private readonly trees = new Map<string, ElementTree | null>();

  constructor(readonly defs: Definitions) {}

  /** Tree for a StructureDefinition canonical, if it resolves and has a snapshot. */
  tree(canonical: string): ElementTree | undefined {
    let tree = this.trees.get(canonical);
    if (tree === undefined) {
      const sd = this.defs.resolve(canonical);
      tree = sd?.resourceType === 'StructureDefinition' && sd.snapshot?.element?.length ? elementTreeOf(sd) : null;
      this.trees.set(canonical, tree);
    }
    return tree ?? undefined;
  }

  /** Tree for a base type code (`Patient`, `HumanName`, `string`). */
  typeTree(code: string): ElementTree | undefined {
    return this.tree(code.includes('/') ? code : `http://hl7.org/fhir/StructureDefinition/${code}`);
  }

  /**
   * Children of `node` in an instance. A snapshot that lists children for the element wins (backbone elements and
   * profile-constrained types); otherwise `contentReference`, otherwise the definition of its (chosen) type.
   */
  childrenOf(node: ElementNode, typeCode?: string): ChildSet {
    let perType = this.childCache.get(node);
    if (!perType) this.childCache.set(node, (perType = new Map()));
    const key = typeCode ?? '';
    let set = perType.get(key);
    if (!set) {
      set = this.computeChildren(node, typeCode);
      perType.set(key, set);
    }
    return set;
  }

  private computeChildren(node: ElementNode, typeCode?: string): ChildSet {
    if (node.children.size > 0) return childSet(node.children);
    const ref: string | undefined = node.def.contentReference;
    if (ref) {
      const target = resolveContentReference(node, ref);
      return target ? this.childrenOf(target) : EMPTY;
    }
    const code = typeCode ?? (node.types.length === 1 ? node.types[0]!.code : undefined);
    if (!code) return EMPTY;
    const tree = this.typeTree(code);
    return tree ? childSet(tree.root.children) : EMPTY;
  }
}

function resolveContentReference(node: ElementNode, ref: string): ElementNode | undefined {
  const hash = ref.indexOf('#');
  const target = ref.slice(hash + 1);
  return node.tree.byId.get(target) ?? [...node.tree.byId.values()].find((n) => n.path === target && !n.sliceName);
}

function childSet(children: Map<string, ElementNode>): ChildSet {
  const byJsonName = new Map<string, { node: ElementNode; typeCode?: string }>();
  const list: ElementNode[] = [];
  const required: ElementNode[] = [];
  for (const child of children.values()) {
    list.push(child);
    if (child.min > 0) required.push(child);
    if (child.isChoice) {
      for (const t of child.types) byJsonName.set(choiceJsonName(child.name, t.code), { node: child, typeCode: t.code });
    } else {
      byJsonName.set(child.name, { node: child, typeCode: child.types.length === 1 ? child.types[0]!.code : undefined });
    }
  }
  return { byJsonName, list, required };
}
