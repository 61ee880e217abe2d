// Resolves element trees for canonicals and type codes, and the children an element has in an instance.
import type { Definitions } from '../packages/definitions.js';
import { choiceJsonName, elementTreeOf, isPrimitiveType, type ElementNode, type ElementTree } from './element-tree.js';

/** One JSON name an element can have in an instance, with what the walker needs to know about it, computed once. */
export interface ChildEntry {
  node: ElementNode;
  /** The type: the one a choice name selects, or the element's only type. */
  typeCode?: string;
  /** `typeCode` is a primitive type (so a `_name` companion is allowed). */
  primitive: boolean;
  /** The base definition allows more than one (JSON arrays; https://hl7.org/fhir/R4/json.html#primitive). */
  repeats: boolean;
  /** The element's name without `[x]`, for FHIRPath expressions. */
  elementName: string;
  /** `_name`: where the id and extensions of a primitive value are. */
  companionKey: string;
}

/** The elements allowed inside one instance node: by JSON name, with the type a choice name selects. */
export interface ChildSet {
  /** JSON name → element (choice names such as `valueQuantity` included). */
  byJsonName: Map<string, ChildEntry>;
  /** The named children in definition order (choices once, as `value[x]`). */
  list: ElementNode[];
  /** Children with min > 0: checked for presence on every object. */
  required: ElementNode[];
}

const EMPTY: ChildSet = { byJsonName: new Map(), list: [], required: [] };

export class Structures {
  private readonly childCache = new WeakMap<ElementNode, Map<string, ChildSet>>();
  private readonly trees = new Map<string, ElementTree | null>();
  private readonly byCode = new Map<string, ElementTree | null>();

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
    // Asked for on most elements: by code first, so no canonical string is built per call.
    let tree = this.byCode.get(code);
    if (tree === undefined) {
      tree = this.tree(code.includes('/') ? code : `http://hl7.org/fhir/StructureDefinition/${code}`) ?? null;
      this.byCode.set(code, tree);
    }
    return tree ?? undefined;
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

/** max of the base definition (a profile's narrower max still means a JSON array when the base repeats). */
function baseMax(node: ElementNode): number {
  const m = node.def.base?.max ?? node.def.max;
  return m === '*' ? Infinity : Number(m);
}

function entry(node: ElementNode, jsonName: string, typeCode: string | undefined): ChildEntry {
  return {
    node,
    ...(typeCode !== undefined ? { typeCode } : {}),
    primitive: typeCode !== undefined && isPrimitiveType(typeCode),
    repeats: baseMax(node) !== 1,
    elementName: node.isChoice ? node.name.slice(0, -3) : node.name,
    companionKey: internedKey(`_${jsonName}`),
  };
}

/** The same characters as a property-key string V8 has interned, so lookups with it need no hashing. */
function internedKey(s: string): string {
  return Object.keys({ [s]: true })[0]!;
}

function childSet(children: Map<string, ElementNode>): ChildSet {
  const byJsonName = new Map<string, ChildEntry>();
  const list: ElementNode[] = [];
  const required: ElementNode[] = [];
  for (const child of children.values()) {
    list.push(child);
    if (child.min > 0) required.push(child);
    if (child.isChoice) {
      for (const t of child.types) {
        const name = choiceJsonName(child.name, t.code);
        byJsonName.set(name, entry(child, name, t.code));
      }
    } else {
      byJsonName.set(child.name, entry(child, child.name, child.types.length === 1 ? child.types[0]!.code : undefined));
    }
  }
  return { byJsonName, list, required };
}
