// The shared, cached state of profile validation for one set of definitions: compiled element trees and slicing plans,
// synthesised cross-version extensions, the invariant evaluator, and conformance results ("does this target resource
// conform to that profile?") reused across references and slices.
import type { Issue, Location } from '../model/issue.js';
import { isFailing } from '../model/issue.js';
import type { LineColumn, PathSegment } from '../parse/positions.js';
import type { Definitions } from '../packages/definitions.js';
import type { ElementTree } from '../structure/element-tree.js';
import type { Structures } from '../structure/structures.js';
import { synthesiseXver, type XverProblem } from './extensions/xver.js';
import { InvariantEvaluator } from './invariant-evaluator.js';
import { ProfileIndex, type BindingInfo } from './profile-index.js';
import { ProfileWalk, type ResourceFrame, type WalkEnv } from './profile-walk.js';
import notCheckedRule from './rules/not-checked.js';
import { SlicingPlanner } from './slicing/slicing-plan.js';

/**
 * Called for every coded value whose profile binding differs from the base binding (slices included). The terminology
 * layer implements it; issues it returns are added to the result (return nothing to collect them elsewhere).
 * `location` has no line/column: returned issues without one get the element's; `position()` gives it to a hook that
 * keeps issues for later (a terminology server's answers).
 */
export type BindingHook = (value: unknown, type: string, binding: BindingInfo, location: Location, profile: string, elementId: string,
  position: () => LineColumn | undefined) => Issue[] | void;

export interface ProfileEngineOptions {
  /**
   * Definitions of FHIR R5 (hl7.fhir.r5.core#5.0.0), kept apart from R4, for cross-version extensions; or a loader
   * called on the first cross-version URL, so runs without one never pay for reading the R5 package.
   */
  r5?: R5Source;
  onBinding?: BindingHook;
}

export type R5Source = Definitions | (() => Definitions | undefined);

export type ExtensionDefinition = { tree: ElementTree } | { problem: XverProblem };

function isObject(v: unknown): v is Record<string, unknown> {
  return v !== null && typeof v === 'object' && !Array.isArray(v);
}

export class ProfileEngine {
  readonly index: ProfileIndex;
  readonly planner: SlicingPlanner;
  readonly invariants = new InvariantEvaluator();
  readonly onBinding?: BindingHook;
  private readonly r5?: R5Source;
  private readonly xver = new Map<string, ExtensionDefinition | null>();
  private readonly conformanceCache = new WeakMap<object, Map<string, Issue[]>>();
  private readonly inProgress = new WeakMap<object, Set<string>>();

  constructor(readonly structures: Structures, options: ProfileEngineOptions = {}) {
    this.index = new ProfileIndex(structures);
    this.planner = new SlicingPlanner(this.index);
    this.index.extensionTree = (url) => {
      const d = this.extensionDefinition(url);
      return d && 'tree' in d ? d.tree : undefined;
    };
    this.r5 = options.r5;
    this.onBinding = options.onBinding;
  }

  /** The definition of an extension URL: loaded, or synthesised for a cross-version URL (or why it cannot be). */
  extensionDefinition(url: string): ExtensionDefinition | undefined {
    const tree = this.index.tree(url);
    if (tree) return { tree };
    let hit = this.xver.get(url);
    if (hit === undefined) {
      hit = synthesiseXver(url, this.r5, this.structures) ?? null;
      if (hit && 'tree' in hit) this.index.addTree(url, hit.tree);
      this.xver.set(url, hit);
    }
    return hit ?? undefined;
  }

  /**
   * Error issues of `value` against `tree` (empty = conforms), without terminology. Cached per object and profile;
   * a cycle (a resource whose conformance depends on itself) counts as conforming.
   */
  conformance(value: unknown, tree: ElementTree, env: WalkEnv, frame: ResourceFrame, segs: readonly PathSegment[]): Issue[] {
    const key = this.index.label(tree);
    if (!isObject(value)) return this.runConformance(value, tree, env, frame, segs);
    let cached = this.conformanceCache.get(value);
    const hit = cached?.get(key);
    if (hit) return hit;
    let running = this.inProgress.get(value);
    if (running?.has(key)) return [];
    if (!running) this.inProgress.set(value, (running = new Set()));
    running.add(key);
    try {
      const out = this.runConformance(value, tree, env, frame, segs);
      if (!cached) this.conformanceCache.set(value, (cached = new Map()));
      cached.set(key, out);
      return out;
    } finally {
      running.delete(key);
    }
  }

  private runConformance(value: unknown, tree: ElementTree, env: WalkEnv, frame: ResourceFrame, segs: readonly PathSegment[]): Issue[] {
    let f = frame;
    let s: PathSegment[] = [...segs];
    let expr = '';
    let typeCode: string | undefined = tree.type;
    if (isObject(value) && typeof value.resourceType === 'string') {
      if (tree.kind === 'resource' && tree.type !== value.resourceType) {
        const profile = this.index.label(tree);
        return [notCheckedRule.issue({ messageId: 'wrongType', data: { profile, profileType: tree.type, type: value.resourceType }, location: { source: env.source }, profile })];
      }
      const located = locateResource(value, frame, env.root);
      f = located.frame;
      s = located.segs;
      expr = located.frame.expression;
      typeCode = value.resourceType;
    }
    const walk = new ProfileWalk(this, { source: env.source, positions: env.positions, root: env.root, bindings: false, depth: env.depth + 1 }, f, s);
    walk.walkRoot(value, undefined, tree, typeCode, expr || tree.type);
    return walk.issues.filter((i) => isFailing(i.severity));
  }
}

/** Where a resource found through a reference sits in the input: a Bundle entry, a contained resource, or itself. */
export function locateResource(res: Record<string, unknown>, frame: ResourceFrame, root: unknown): { frame: ResourceFrame; segs: PathSegment[] } {
  if (res === frame.resource) return { frame, segs: frame.segs };
  const holder = frame.container ?? frame.resource;
  const contained = Array.isArray(holder.contained) ? holder.contained : [];
  const ci = contained.indexOf(res);
  if (ci !== -1) {
    const hSegs = frame.container ? frame.containerSegs ?? [] : frame.segs;
    const hExpr = frame.container ? frame.containerExpression ?? String(holder.resourceType) : frame.expression;
    const segs = [...hSegs, 'contained', ci];
    return { frame: { resource: res, segs, expression: `${hExpr}.contained[${ci}]`, container: holder, containerSegs: hSegs, containerExpression: hExpr, ...(frame.bundle ? { bundle: frame.bundle } : {}) }, segs };
  }
  if (isObject(root) && Array.isArray(root.entry)) {
    const i = root.entry.findIndex((e) => isObject(e) && e.resource === res);
    if (i !== -1) {
      const segs: PathSegment[] = ['entry', i, 'resource'];
      return { frame: { resource: res, segs, expression: `Bundle.entry[${i}].resource`, ...(frame.bundle ? { bundle: frame.bundle } : {}) }, segs };
    }
  }
  return { frame: { resource: res, segs: [], expression: String(res.resourceType ?? 'Resource'), ...(frame.bundle ? { bundle: frame.bundle } : {}) }, segs: [] };
}
