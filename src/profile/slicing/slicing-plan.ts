// Compiles an element's slicing (https://hl7.org/fhir/R4/profiling.html#slicing) once into a plan: for every slice and
// discriminator, what an instance item must have to belong to the slice (values, existence, type, profile, position).
import type { ElementNode } from '../../structure/element-tree.js';
import type { ProfileIndex } from '../profile-index.js';
import { parseDiscriminatorPath, type PathStep } from './discriminator-path.js';

export type DiscriminatorType = 'value' | 'pattern' | 'exists' | 'type' | 'profile' | 'position';

export interface Discriminator {
  type: DiscriminatorType | string;
  path: string;
  steps?: PathStep[];
}

export type Expectation =
  | { kind: 'values'; expected: Array<{ mode: 'fixed' | 'pattern'; value: unknown }> }
  | { kind: 'exists'; exists: boolean }
  | { kind: 'type'; types: string[] }
  | { kind: 'profile'; profiles: string[] }
  | { kind: 'position'; index: number }
  /** The slice cannot be matched on this discriminator (no fixed value, unsupported path, ...). */
  | { kind: 'unusable'; reason: string };

export interface SlicePlan {
  node: ElementNode;
  index: number;
  /** One per discriminator, in order. */
  expectations: Expectation[];
  /** Re-slicing of this slice (`a/b`), if any. */
  reslicing?: SlicingPlan;
}

export interface SlicingPlan {
  node: ElementNode;
  rules: 'open' | 'closed' | 'openAtEnd';
  ordered: boolean;
  discriminators: Discriminator[];
  slices: SlicePlan[];
  /** Text naming the discriminators, for messages. */
  text: string;
}

/** A node reached while following a discriminator path in the definitions, or values inside a fixed/pattern value. */
type DefTarget =
  | { node: ElementNode; ofType?: string }
  | { values: Array<{ mode: 'fixed' | 'pattern'; value: unknown }> };

const RESOURCE_TYPES = new Set(['Resource', 'DomainResource']);

function isObject(v: unknown): v is Record<string, unknown> {
  return v !== null && typeof v === 'object' && !Array.isArray(v);
}

export class SlicingPlanner {
  private readonly plans = new WeakMap<ElementNode, SlicingPlan | null>();

  constructor(private readonly index: ProfileIndex) {}

  /** The plan for a sliced element (or a slice that is re-sliced); undefined when it has no slices. */
  plan(node: ElementNode, inherited?: Record<string, any>): SlicingPlan | undefined {
    let p = this.plans.get(node);
    if (p === undefined) {
      p = node.slices.length > 0 ? this.compile(node, node.def.slicing ?? inherited) : null;
      this.plans.set(node, p);
    }
    return p ?? undefined;
  }

  private compile(node: ElementNode, slicing: Record<string, any> | undefined): SlicingPlan {
    const discriminators: Discriminator[] = (Array.isArray(slicing?.discriminator) ? slicing.discriminator : []).map((d: any) => ({
      type: String(d.type ?? ''),
      path: String(d.path ?? '$this'),
      steps: parseDiscriminatorPath(String(d.path ?? '$this')),
    }));
    const rules = slicing?.rules === 'closed' || slicing?.rules === 'openAtEnd' ? slicing.rules : 'open';
    const slices: SlicePlan[] = node.slices.map((s, index) => {
      const sp: SlicePlan = { node: s, index, expectations: discriminators.map((d) => this.expectation(s, d, index)) };
      if (s.slices.length > 0) sp.reslicing = this.plan(s, slicing);
      return sp;
    });
    return {
      node,
      rules,
      ordered: slicing?.ordered === true,
      discriminators,
      slices,
      text: discriminators.map((d) => `${d.type}:${d.path}`).join(', ') || '(none)',
    };
  }

  private expectation(slice: ElementNode, d: Discriminator, index: number): Expectation {
    if (d.type === 'position') return { kind: 'position', index };
    if (!d.steps) return { kind: 'unusable', reason: `the discriminator path '${d.path}' is not supported` };
    // A slice inherits what the same slice of the unsliced element says (profiling.html#slicing: constraints on the
    // sliced element apply to all slices), e.g. `component:SystolicBP.code.coding:loinc` from `component.code.coding:loinc`.
    for (let n: ElementNode | undefined = slice; n; n = this.inheritedCounterpart(n)) {
      const e = this.expectationAt(n, d, d.steps);
      if (e) return e;
    }
    // Inside a typed extension slice, the extension definition's own slice says it (`Extension.extension:type.url`).
    const ext = this.index.nodeInfo(slice).counterpart;
    if (ext) {
      const e = this.expectationAt(ext, d, d.steps);
      if (e) return e;
    }
    return { kind: 'unusable', reason: `the element at '${d.path}' has no ${d.type === 'exists' ? 'min >= 1 or max = 0' : d.type === 'type' ? 'type' : d.type === 'profile' ? 'profile' : 'fixed or pattern value'}` };
  }

  private expectationAt(slice: ElementNode, d: Discriminator, steps: PathStep[]): Expectation | undefined {
    const targets = this.follow(slice, steps);
    const last = steps[steps.length - 1];
    switch (d.type) {
      case 'value':
      case 'pattern': {
        const expected: Array<{ mode: 'fixed' | 'pattern'; value: unknown }> = [];
        for (const t of targets) {
          if ('values' in t) {
            expected.push(...t.values);
            continue;
          }
          const info = this.index.nodeInfo(t.node);
          if (info.fixed) expected.push({ mode: 'fixed', value: info.fixed.value });
          else if (info.pattern) expected.push({ mode: 'pattern', value: info.pattern.value });
        }
        return expected.length ? { kind: 'values', expected } : undefined;
      }
      case 'exists': {
        const nodes = targets.filter((t): t is { node: ElementNode } => 'node' in t).map((t) => t.node);
        if (nodes.some((n) => n.min >= 1)) return { kind: 'exists', exists: true };
        if (nodes.length > 0 && nodes.every((n) => n.max === 0)) return { kind: 'exists', exists: false };
        return undefined;
      }
      case 'type': {
        const types = new Set<string>();
        for (const t of targets) {
          if (!('node' in t)) continue;
          if (t.ofType) {
            types.add(t.ofType);
            continue;
          }
          // A resolve() target is a resource definition's root, which lists no type: its type is the resource's.
          if (!t.node.parent && t.node.types.length === 0) {
            types.add(t.node.tree.type);
            continue;
          }
          for (const ty of t.node.types) {
            if (RESOURCE_TYPES.has(ty.code) && ty.profiles.length) {
              for (const p of ty.profiles) types.add(this.index.tree(p)?.type ?? ty.code);
            } else {
              types.add(ty.code);
            }
          }
        }
        return types.size ? { kind: 'type', types: [...types] } : undefined;
      }
      case 'profile': {
        const profiles = new Set<string>();
        if (last?.kind === 'resolve') {
          // follow() stopped at the resolved targets' roots: their URLs are the profiles.
          for (const t of targets) if ('node' in t && !t.node.parent) profiles.add(t.node.tree.url);
        } else {
          for (const t of targets) if ('node' in t) for (const ty of t.node.types) for (const p of ty.profiles) profiles.add(p);
        }
        return profiles.size ? { kind: 'profile', profiles: [...profiles] } : undefined;
      }
      default:
        return { kind: 'unusable', reason: `unknown discriminator type '${d.type}'` };
    }
  }

  /** `Observation.component:SystolicBP.code.coding:loinc` → `Observation.component.code.coding:loinc` (innermost ancestor slice removed). */
  private inheritedCounterpart(node: ElementNode): ElementNode | undefined {
    const segs = node.id.split('.');
    for (let i = segs.length - 2; i >= 0; i--) {
      const colon = segs[i]!.indexOf(':');
      if (colon === -1) continue;
      const id = [...segs.slice(0, i), segs[i]!.slice(0, colon), ...segs.slice(i + 1)].join('.');
      return node.tree.byId.get(id);
    }
    return undefined;
  }

  /** Follows `steps` through the definitions from `start`. */
  private follow(start: ElementNode, steps: PathStep[]): DefTarget[] {
    let current: DefTarget[] = [{ node: start }];
    for (const step of steps) {
      if (step.kind === 'this') continue;
      const next: DefTarget[] = [];
      for (const t of current) {
        if ('values' in t) {
          next.push(...valuesStep(t, step));
          continue;
        }
        const info = this.index.nodeInfo(t.node);
        const fp = info.fixed ? { mode: 'fixed' as const, value: info.fixed.value } : info.pattern ? { mode: 'pattern' as const, value: info.pattern.value } : undefined;
        if (fp && step.kind !== 'ofType' && step.kind !== 'resolve') {
          next.push(...valuesStep({ values: [fp] }, step));
          continue;
        }
        next.push(...this.nodeStep(t.node, step));
      }
      current = next;
    }
    return current;
  }

  private nodeStep(node: ElementNode, step: PathStep): DefTarget[] {
    switch (step.kind) {
      case 'name': {
        // Extension.url of an extension slice is its type profile (also when the extension definition is missing).
        if (step.name === 'url' && node.types.length === 1 && node.types[0]!.code === 'Extension' && node.types[0]!.profiles.length) {
          const own = this.childOf(node, 'url', false);
          const fixed = own ? this.index.nodeInfo(own).fixed : undefined;
          if (fixed) return [{ node: own! }];
          return [{ values: node.types[0]!.profiles.map((p) => ({ mode: 'fixed' as const, value: p })) }];
        }
        const child = this.childOf(node, step.name, true);
        if (!child) return [];
        return [{ node: child }, ...child.slices.filter((s) => s.min >= 1).map((s) => ({ node: s }))];
      }
      case 'ofType': {
        if (node.isChoice || node.types.length > 1) {
          const slice = node.slices.find((s) => s.types.length === 1 && s.types[0]!.code === step.type);
          return [slice ? { node: slice } : { node, ofType: step.type }];
        }
        return node.types.some((t) => t.code === step.type) || node.types.length === 0 ? [{ node, ofType: step.type }] : [];
      }
      case 'extension': {
        const ext = this.childOf(node, 'extension', true);
        const hits = ext ? ext.slices.filter((s) => this.isExtensionSlice(s, step.url)) : [];
        if (hits.length) return hits.map((s) => ({ node: s }));
        const tree = this.index.tree(step.url);
        return tree ? [{ node: tree.root }] : [];
      }
      case 'resolve': {
        const ref = node.types.find((t) => t.code === 'Reference');
        if (!ref) return [];
        const out: DefTarget[] = [];
        for (const tp of ref.targetProfiles) {
          const tree = this.index.tree(tp);
          if (tree) out.push({ node: tree.root });
        }
        return out;
      }
      default:
        return [{ node }];
    }
  }

  private isExtensionSlice(slice: ElementNode, url: string): boolean {
    if (slice.types.some((t) => t.profiles.includes(url))) return true;
    const u = this.childOf(slice, 'url', false);
    return u ? this.index.nodeInfo(u).fixed?.value === url : false;
  }

  /**
   * The child `name` of `node` in the profile; when the profile lists no children there, the child in the node's type
   * profile or base type (`intoType`).
   */
  private childOf(node: ElementNode, name: string, intoType: boolean): ElementNode | undefined {
    const holder = this.index.holderOf(node);
    if (holder) return findNamed(holder.children, name);
    if (!intoType) return undefined;
    const t = node.types[0];
    if (!t) return undefined;
    const tree = t.profiles.length ? this.index.tree(t.profiles[0]!) : this.index.structures.typeTree(t.code);
    return tree ? findNamed(tree.root.children, name) : undefined;
  }
}

function findNamed(children: Map<string, ElementNode>, name: string): ElementNode | undefined {
  const direct = children.get(name) ?? children.get(`${name}[x]`);
  if (direct) return direct;
  // A choice renamed for its only type (`valueQuantity` for `value[x]`).
  for (const c of children.values()) {
    const basePath: string = c.def.base?.path ?? '';
    if (basePath.endsWith(`.${name}[x]`)) return c;
  }
  return undefined;
}

/** Follows a step inside fixed/pattern values. */
function valuesStep(t: { values: Array<{ mode: 'fixed' | 'pattern'; value: unknown }> }, step: PathStep): DefTarget[] {
  const out: Array<{ mode: 'fixed' | 'pattern'; value: unknown }> = [];
  for (const { mode, value } of t.values) {
    const items = Array.isArray(value) ? value : [value];
    for (const v of items) {
      if (!isObject(v)) continue;
      if (step.kind === 'name') {
        const sub = v[step.name];
        if (sub === undefined) continue;
        for (const s of Array.isArray(sub) ? sub : [sub]) out.push({ mode, value: s });
      } else if (step.kind === 'extension' && Array.isArray(v.extension)) {
        for (const e of v.extension) if (isObject(e) && e.url === step.url) out.push({ mode, value: e });
      } else if (step.kind === 'ofType' || step.kind === 'this') {
        out.push({ mode, value: v });
      }
    }
  }
  return out.length ? [{ values: out }] : [];
}

