// Compiled knowledge about profile element trees, built once per element and reused for every instance: children by
// JSON name, what each element adds over the base specification (so only that is checked), and base lookups.
// https://hl7.org/fhir/R4/profiling.html and https://hl7.org/fhir/R4/elementdefinition.html
import type { Definitions } from '../packages/definitions.js';
import { choiceJsonName, isPrimitiveType, parseMax, type ConstraintDef, type ElementNode, type ElementTree } from '../structure/element-tree.js';
import type { Structures } from '../structure/structures.js';
import { rangeOf } from './values/range.js';

export interface ChildEntry {
  node: ElementNode;
  typeCode?: string;
}

/** The children of a profile element as they appear in JSON. */
export interface ProfileChildren {
  /** JSON key → element (choice names such as `valueQuantity` resolved to their type). */
  byKey: Map<string, ChildEntry>;
  /** JSON keys of each child (one per allowed type for a choice), and the name its FHIRPath uses. */
  keysOf: Map<ElementNode, ChildKeys>;
  /** Children that add something over the base: the only ones walked. */
  interesting: ElementNode[];
  /** Choice elements by JSON prefix (`value`), with the types the base allows, to spot disallowed types. */
  choices: Array<{ prefix: string; node: ElementNode; baseTypes: Set<string> }>;
}

/** How one child appears in JSON: its keys with their `_key` companions, and its FHIRPath name (`value` for value[x]). */
export interface ChildKeys {
  name: string;
  choice: boolean;
  keys: Array<{ key: string; companionKey: string; typeCode?: string }>;
}

export interface BindingInfo {
  strength: string;
  valueSet: string;
}

/** What one profile element adds over its base definition. */
export interface NodeInfo {
  base?: ElementNode;
  /** The same element in the extension definition, for elements inside a typed extension slice. */
  counterpart?: ElementNode;
  checkMin: boolean;
  checkMax: boolean;
  fixed?: { value: unknown; type: string };
  pattern?: { value: unknown; type: string };
  maxLength?: number;
  range?: { min?: unknown; max?: unknown };
  binding?: BindingInfo;
  /** Constraints the profile adds (base ones are evaluated by the base walker). */
  constraints: ConstraintDef[];
  /** Type codes with profiles (`type.profile`) that differ from the base. */
  typeProfiles: Map<string, string[]>;
  /** Reference target profiles, when the profile narrows them. */
  targetProfiles?: string[];
  mustSupport: boolean;
  /** Allows fewer types than its base (or its extension definition): other types are reported. */
  narrowed: boolean;
  /** Adds any check of its own. */
  own: boolean;
}

const CORE_SD = 'http://hl7.org/fhir/StructureDefinition/';
const CODED_TYPES = new Set(['code', 'Coding', 'CodeableConcept', 'Quantity', 'string', 'uri', 'Age', 'Count', 'Distance', 'Duration', 'SimpleQuantity', 'MoneyQuantity']);

function stripVersion(url: string): string {
  const bar = url.indexOf('|');
  return bar === -1 ? url : url.slice(0, bar);
}

/** The `fixed*` / `pattern*` property of an ElementDefinition. */
function valueWithPrefix(def: Record<string, unknown>, prefix: string): { value: unknown; type: string } | undefined {
  for (const k in def) {
    if (k.startsWith(prefix) && k.length > prefix.length && /[A-Z]/.test(k.charAt(prefix.length))) {
      const t = k.slice(prefix.length);
      return { value: def[k], type: isPrimitiveType(t.charAt(0).toLowerCase() + t.slice(1)) ? t.charAt(0).toLowerCase() + t.slice(1) : t };
    }
  }
  return undefined;
}

export class ProfileIndex {
  private readonly info = new WeakMap<ElementNode, NodeInfo>();
  private readonly kids = new WeakMap<ElementNode, ProfileChildren | null>();
  private readonly interestingMemo = new WeakMap<ElementNode, boolean>();
  private readonly baseByPath = new Map<string, ElementNode | null>();
  private readonly coreSource = new Map<string, boolean>();
  private readonly extra = new Map<string, ElementTree>();

  /** Resolves an extension definition, synthesising cross-version ones (set by the engine). */
  extensionTree?: (url: string) => ElementTree | undefined;

  constructor(readonly structures: Structures) {}

  get defs(): Definitions {
    return this.structures.defs;
  }

  /** Registers a tree that is not in the definitions (a synthesised cross-version extension). */
  addTree(url: string, tree: ElementTree): void {
    this.extra.set(url, tree);
  }

  /** Tree for a canonical (`url` or `url|version`), including synthesised ones. */
  tree(canonical: string): ElementTree | undefined {
    return this.structures.tree(canonical) ?? this.extra.get(stripVersion(canonical));
  }

  /** `url|version` of a tree, as issues name it. */
  label(tree: ElementTree): string {
    return tree.version ? `${tree.url}|${tree.version}` : tree.url;
  }

  /** The element of the base specification that `node` constrains (ElementDefinition.base.path). */
  baseOf(node: ElementNode): ElementNode | undefined {
    const path: unknown = node.def.base?.path;
    if (typeof path !== 'string') return undefined;
    let hit = this.baseByPath.get(path);
    if (hit === undefined) {
      const dot = path.indexOf('.');
      const typeName = dot === -1 ? path : path.slice(0, dot);
      const tree = this.structures.typeTree(typeName);
      hit = tree?.byId.get(path) ?? null;
      this.baseByPath.set(path, hit);
    }
    return hit ?? undefined;
  }

  /** True when `source` is a definition of the base specification (its invariants are the base walker's job). */
  private isCoreSource(source: string | undefined): boolean {
    if (!source) return false;
    let core = this.coreSource.get(source);
    if (core === undefined) {
      const url = stripVersion(source);
      const sd = url.startsWith(CORE_SD) || !url.includes('/') ? this.defs.resolve(url.includes('/') ? url : CORE_SD + url) : undefined;
      core = sd !== undefined && sd.derivation !== 'constraint';
      this.coreSource.set(source, core);
    }
    return core;
  }

  nodeInfo(node: ElementNode): NodeInfo {
    let i = this.info.get(node);
    if (!i) {
      i = this.computeInfo(node);
      this.info.set(node, i);
    }
    return i;
  }

  private computeInfo(node: ElementNode): NodeInfo {
    const def = node.def;
    const base = this.baseOf(node);
    // Inside an extension slice with a type profile, the extension's own definition is checked wherever the extension
    // is (checkExtension): only what the profile adds over that definition is the profile's to check.
    const counterpart = this.extensionCounterpart(node);
    const ref = counterpart ?? base;
    const refMin = counterpart ? counterpart.min : typeof def.base?.min === 'number' ? def.base.min : base?.min;
    const refMax = counterpart ? counterpart.max : def.base?.max !== undefined ? parseMax(def.base.max) : base?.max;
    const isSlice = node.sliceName !== undefined && !counterpart;
    const info: NodeInfo = {
      base,
      ...(counterpart ? { counterpart } : {}),
      checkMin: isSlice || refMin === undefined || node.min > refMin,
      checkMax: isSlice || refMax === undefined || node.max < refMax,
      constraints: [],
      typeProfiles: new Map(),
      mustSupport: def.mustSupport === true,
      narrowed: false,
      own: false,
    };
    // The root of a profile stands for the resource or type itself: its cardinality is not an instance's concern.
    if (!node.parent && node.sliceName === undefined) {
      info.checkMin = false;
      info.checkMax = false;
    }
    const refInfo = counterpart ? this.nodeInfo(counterpart) : undefined;
    const same = (a: { value: unknown } | undefined, b: { value: unknown } | undefined) => a !== undefined && b !== undefined && JSON.stringify(a.value) === JSON.stringify(b.value);
    info.fixed = valueWithPrefix(def, 'fixed');
    if (refInfo && same(info.fixed, refInfo.fixed)) info.fixed = undefined;
    info.pattern = valueWithPrefix(def, 'pattern');
    if (refInfo && same(info.pattern, refInfo.pattern)) info.pattern = undefined;
    if (typeof def.maxLength === 'number' && def.maxLength > 0 && def.maxLength !== refInfo?.maxLength) info.maxLength = def.maxLength;
    info.range = rangeOf(def);
    if (refInfo && info.range && JSON.stringify(info.range) === JSON.stringify(refInfo.range)) info.range = undefined;
    const b = def.binding;
    if (b && typeof b.valueSet === 'string' && b.strength && b.strength !== 'example' && node.types.some((t) => CODED_TYPES.has(t.code))) {
      const bb = ref?.def.binding;
      const sameBinding = bb && bb.strength === b.strength && typeof bb.valueSet === 'string' && stripVersion(bb.valueSet) === stripVersion(b.valueSet);
      if (!sameBinding) info.binding = { strength: b.strength, valueSet: b.valueSet };
    }
    const refKeys = new Set((ref?.constraints ?? []).map((c) => c.key));
    for (const c of node.constraints) {
      if (refKeys.has(c.key) || this.isCoreSource(c.source)) continue;
      info.constraints.push(c);
    }
    for (const t of node.types) {
      if (t.profiles.length === 0) continue;
      const bt = ref?.types.find((x) => x.code === t.code);
      const refProfiles = new Set(bt?.profiles ?? []);
      if (t.profiles.every((p) => refProfiles.has(p))) continue;
      info.typeProfiles.set(t.code, t.profiles);
    }
    const reference = node.types.find((t) => t.code === 'Reference');
    if (reference && reference.targetProfiles.length > 0) {
      const bt = ref?.types.find((x) => x.code === 'Reference');
      const refTargets = new Set(bt?.targetProfiles ?? []);
      if (!bt || bt.targetProfiles.length !== reference.targetProfiles.length || !reference.targetProfiles.every((p) => refTargets.has(p))) {
        info.targetProfiles = reference.targetProfiles;
      }
    }
    info.narrowed = this.narrowsTypes(node, ref);
    info.own = info.checkMin || info.checkMax || info.fixed !== undefined || info.pattern !== undefined || info.maxLength !== undefined
      || info.range !== undefined || info.binding !== undefined || info.constraints.length > 0 || info.typeProfiles.size > 0
      || info.targetProfiles !== undefined || info.mustSupport || info.narrowed;
    return info;
  }

  /**
   * For an element inside an extension slice that names its extension definition (`Patient.extension:x.value[x]`), the
   * same element of that definition (`Extension.value[x]`).
   */
  private extensionCounterpart(node: ElementNode): ElementNode | undefined {
    const id = node.id;
    let at = id.lastIndexOf('.');
    while (at > 0) {
      const owner = node.tree.byId.get(id.slice(0, at));
      const t = owner?.types.length === 1 ? owner.types[0]! : undefined;
      if (owner && t?.code === 'Extension' && t.profiles.length === 1) {
        const ext = this.extensionTree?.(t.profiles[0]!);
        return ext?.byId.get(`Extension${id.slice(at)}`);
      }
      at = id.lastIndexOf('.', at - 1);
    }
    return undefined;
  }

  /** A choice (or resource) element whose allowed types are fewer than the base's. */
  private narrowsTypes(node: ElementNode, base: ElementNode | undefined): boolean {
    if (!base || base.types.length <= 1) return false;
    return node.types.length < base.types.length;
  }

  /** The element whose children an object of `node` has in this profile: itself, or its contentReference target. */
  holderOf(node: ElementNode): ElementNode | undefined {
    if (node.children.size > 0) return node;
    const ref: unknown = node.def.contentReference;
    if (typeof ref !== 'string') return undefined;
    const id = ref.slice(ref.indexOf('#') + 1);
    const target = node.tree.byId.get(id) ?? [...node.tree.byId.values()].find((n) => n.path === id && !n.sliceName);
    return target && target.children.size > 0 ? target : undefined;
  }

  /** Children of `node` listed in the profile (undefined when the profile says nothing below it). */
  children(node: ElementNode): ProfileChildren | undefined {
    let set = this.kids.get(node);
    if (set === undefined) {
      const holder = this.holderOf(node);
      set = holder ? this.computeChildren(holder) : null;
      this.kids.set(node, set);
    }
    return set ?? undefined;
  }

  private computeChildren(holder: ElementNode): ProfileChildren {
    const byKey = new Map<string, ChildEntry>();
    const keysOf = new Map<ElementNode, ChildKeys>();
    const choices: ProfileChildren['choices'] = [];
    const interesting: ElementNode[] = [];
    for (const child of holder.children.values()) {
      const entries: ChildKeys['keys'] = [];
      const basePath: string = child.def.base?.path ?? child.path;
      const renamed = !child.isChoice && basePath.endsWith('[x]');
      let name = child.name;
      if (child.isChoice || renamed) {
        const prefix = (child.isChoice ? child.name : basePath.slice(basePath.lastIndexOf('.') + 1)).replace('[x]', '');
        const base = this.baseOf(child);
        const baseTypes = new Set((base?.types ?? child.types).map((t) => t.code));
        choices.push({ prefix, node: child, baseTypes });
        name = prefix;
        for (const t of child.types) {
          const key = choiceJsonName(`${prefix}[x]`, t.code);
          entries.push({ key, companionKey: `_${key}`, typeCode: t.code });
          byKey.set(key, { node: child, typeCode: t.code });
        }
      } else {
        const typeCode = child.types.length === 1 ? child.types[0]!.code : undefined;
        entries.push({ key: child.name, companionKey: `_${child.name}`, typeCode });
        byKey.set(child.name, { node: child, typeCode });
      }
      keysOf.set(child, { name, choice: child.isChoice || renamed, keys: entries });
      if (this.interesting(child)) interesting.push(child);
    }
    return { byKey, keysOf, interesting, choices };
  }

  /** Does anything at or below `node` (its slices and children included) add to the base? */
  interesting(node: ElementNode): boolean {
    const memo = this.interestingMemo.get(node);
    if (memo !== undefined) return memo;
    this.interestingMemo.set(node, false); // cycle guard for contentReference loops
    const info = this.nodeInfo(node);
    // Slicing inside a typed extension slice is the extension definition's, unless a slice adds to it.
    let result = info.own || (node.slices.length > 0 && !info.counterpart);
    if (!result) for (const sl of node.slices) if (this.interesting(sl)) { result = true; break; }
    if (!result) {
      const holder = this.holderOf(node);
      if (holder) for (const c of holder.children.values()) if (this.interesting(c)) { result = true; break; }
    }
    this.interestingMemo.set(node, result);
    return result;
  }
}
