// One walk of an instance value against a profile element tree, checking only what the profile adds over the base
// specification (the base walker does the rest): cardinality, slicing, fixed/pattern, types, type and target profiles,
// maxLength, min/maxValue, bindings (handed to the terminology hook) and invariants.
// https://hl7.org/fhir/R4/profiling.html and https://hl7.org/fhir/R4/validation.html#profile
import type { Issue } from '../model/issue.js';
import { isFailing } from '../model/issue.js';
import type { LineColumn, PathSegment } from '../parse/positions.js';
import type { Rule } from '../rules/define-rule.js';
import { isPrimitiveType, type ElementNode, type ElementTree } from '../structure/element-tree.js';
import type { ProfileEngine } from './profile-engine.js';
import { isAbsoluteUrl, isObject, MAX_DEPTH, MAX_RELATED, RESOURCE_TYPES, type Item, type ResourceFrame, type WalkEnv } from './walk-types.js';
import type { NodeInfo, ProfileChildren } from './profile-index.js';
import { checkTargetProfiles } from './references/check-target.js';
import { resolveReference } from './references/resolve-reference.js';
import cardinalityRule from './rules/cardinality.js';
import fixedValueRule from './rules/fixed-value.js';
import invariantRule from './rules/invariant.js';
import maxLengthRule from './rules/max-length.js';
import patternRule from './rules/pattern.js';
import slicingRule from './rules/slicing.js';
import targetProfileRule from './rules/target-profile.js';
import typeNotAllowedRule from './rules/type-not-allowed.js';
import typeProfileRule from './rules/type-profile.js';
import valueRangeRule from './rules/value-range.js';
import unknownExtensionRule from './rules/extension/unknown.js';
import valueTypeRule from './rules/extension/value-type.js';
import { assignSlices, entryConstrainsSlices, sliceItemOf, whyNotMatched, type WhyContext } from './slicing/assign-slices.js';
import { unusableReason, type MatchContext, type SliceItem } from './slicing/match-slices.js';
import type { SlicePlan, SlicingPlan } from './slicing/slicing-plan.js';
import { patternDiff, fixedDiff, type ValueDiff } from './values/compare.js';
import { checkRange, limitText } from './values/range.js';

// Modules that start walks (validator, engine, extension check) take these types from here.
export type { ResourceFrame, WalkEnv } from './walk-types.js';

export class ProfileWalk {
  readonly issues: Issue[] = [];
  private readonly segs: PathSegment[];
  private frame: ResourceFrame;

  constructor(private readonly engine: ProfileEngine, private readonly env: WalkEnv, frame: ResourceFrame, segs: PathSegment[]) {
    this.frame = frame;
    this.segs = [...segs];
  }

  /** Walks `value` (at this walk's segs, FHIRPath `expr`) against the root of `tree`. */
  walkRoot(value: unknown, companion: unknown, tree: ElementTree, typeCode: string | undefined, expr: string): void {
    this.item({ value, companion, key: '', typeCode, expr }, tree.root);
  }

  // ---------------------------------------------------------------- reporting

  private report<M extends string>(rule: Rule<M>, messageId: M, node: ElementNode, expr: string, extraSegs: readonly PathSegment[],
    data: Record<string, string | number> = {}, extra: Partial<Issue> = {}): Issue {
    const profile = this.engine.index.label(node.tree);
    const lc = this.env.positions?.locate(this.env.root, extraSegs.length ? [...this.segs, ...extraSegs] : this.segs);
    const issue = rule.issue({
      messageId,
      data: { profile, elementId: node.id, ...data },
      location: { source: this.env.source, expression: expr, ...(lc ? { line: lc.line, column: lc.column } : {}) },
      profile,
      elementId: node.id,
      ...(extra.severity ? { severity: extra.severity } : {}),
      ...(extra.related ? { related: extra.related } : {}),
      ...(extra.constraint ? { constraint: extra.constraint } : {}),
    });
    this.issues.push(issue);
    return issue;
  }

  // ---------------------------------------------------------------- items

  /** One value of `node` (this.segs points at it). */
  private item(it: Item, node: ElementNode): void {
    this.env.visited?.add(node.id);
    const info = this.engine.index.nodeInfo(node);
    if (info.own) this.own(it, node, info);
    const value = it.value;
    if (isObject(value)) {
      if (typeof value.resourceType === 'string' && (it.typeCode === undefined || RESOURCE_TYPES.has(it.typeCode) || it.typeCode === value.resourceType) && node.parent) {
        return; // a nested resource: checked against its own profiles (type profiles above)
      }
      this.children(value, node, it.expr);
    } else if (isObject(it.companion)) {
      this.children(it.companion, node, it.expr);
    }
  }

  /** The checks an element itself carries. */
  private own(it: Item, node: ElementNode, info: NodeInfo): void {
    const { value, expr } = it;
    const typeCode = it.typeCode ?? (node.types.length === 1 ? node.types[0]!.code : undefined);
    if (info.fixed) {
      const d = fixedDiff(info.fixed.value, value);
      if (d) this.valueDiff(fixedValueRule, d, node, expr);
    }
    if (info.pattern) {
      const d = patternDiff(info.pattern.value, value);
      if (d) this.valueDiff(patternRule, d, node, expr);
    }
    if (value === undefined) return; // a primitive with only extensions
    if (info.maxLength !== undefined && typeof value === 'string') {
      const length = [...value].length;
      if (length > info.maxLength) this.report(maxLengthRule, 'tooLong', node, expr, [], { length, max: info.maxLength });
    }
    if (info.range && typeCode) this.range(value, typeCode, info.range, node, expr);
    if (info.binding && this.env.bindings && typeCode) this.binding(value, typeCode, info, node, expr);
    if (info.constraints.length) this.invariants(value, node, info, expr);
    if (typeCode) {
      const profiles = info.typeProfiles.get(typeCode);
      if (profiles) this.typeProfiles(it, node, typeCode, profiles);
    }
    if (info.targetProfiles && typeCode === 'Reference' && isObject(value)) {
      checkTargetProfiles({
        engine: this.engine, env: this.env, frame: this.frame, segs: this.segs,
        report: (messageId, n, e, extraSegs, data, extra) => this.report(targetProfileRule, messageId, n, e, extraSegs, data, extra),
      }, value, node, info.targetProfiles, expr);
    }
  }

  private valueDiff(rule: typeof fixedValueRule | typeof patternRule, d: ValueDiff, node: ElementNode, expr: string): void {
    const where = `${expr}${d.suffix}`;
    if (d.kind === 'wrongValue') {
      this.report(rule, 'wrongValue', node, where, d.segs, { found: d.found ?? '', expected: d.expected ?? '' });
    } else if (d.kind === 'missingElement') {
      this.report(rule, 'missingElement', node, where, d.segs, { name: d.name, expected: d.expected ?? '' });
    } else if (d.kind === 'unexpectedElement' && rule === fixedValueRule) {
      this.report(fixedValueRule, 'unexpectedElement', node, where, d.segs, { name: d.name });
    } else if (d.kind === 'noMatchingItem') {
      this.report(patternRule, 'noMatchingItem', node, where, d.segs, { name: d.name, expected: d.expected ?? '' });
    }
  }

  private range(value: unknown, typeCode: string, range: { min?: unknown; max?: unknown }, node: ElementNode, expr: string): void {
    const outcome = checkRange(typeCode, value, range.min, range.max);
    const shown = isObject(value) ? limitText(value) : String(value);
    if (outcome === 'low') this.report(valueRangeRule, 'tooLow', node, expr, [], { value: shown, limit: limitText(range.min) });
    else if (outcome === 'high') this.report(valueRangeRule, 'tooHigh', node, expr, [], { value: shown, limit: limitText(range.max) });
    else if (outcome === 'incomparable') {
      this.report(valueRangeRule, 'notComparable', node, expr, [], { value: shown, limit: limitText(range.min ?? range.max) }, { severity: 'information' });
    }
  }

  private binding(value: unknown, typeCode: string, info: NodeInfo, node: ElementNode, expr: string): void {
    const hook = this.engine.onBinding;
    if (!hook) return;
    // Most coded values give no issue: the element's line is looked up only for those that do.
    let lc: LineColumn | undefined | null = null;
    const position = () => (lc === null ? (lc = this.env.positions?.locate(this.env.root, this.segs)) : lc);
    const out = hook(value, typeCode, info.binding!, { source: this.env.source, expression: expr }, this.engine.index.label(node.tree), node.id, position);
    if (!Array.isArray(out)) return;
    for (const issue of out) {
      const at = issue.location.line === undefined ? position() : undefined;
      if (at) {
        issue.location.line = at.line;
        issue.location.column = at.column;
      }
      this.issues.push(issue);
    }
  }

  private invariants(value: unknown, node: ElementNode, info: NodeInfo, expr: string): void {
    const isResourceRoot = !node.parent && node.tree.kind === 'resource';
    const ctx = { resource: this.frame.resource, rootResource: this.frame.container ?? this.frame.resource };
    const segs = [...this.segs];
    const resolver = (ref: Record<string, unknown>) => resolveReference(ref, this.frame, segs);
    for (const c of info.constraints) {
      const out = this.engine.invariants.holds(value, c.expression, isResourceRoot ? undefined : node.path, ctx, resolver);
      const constraint = { key: c.key, expression: c.expression, human: c.human };
      if (!out.ok) {
        this.report(invariantRule, 'evaluationFailed', node, expr, [], { key: c.key, error: out.error }, { severity: 'warning', constraint });
      } else if (!out.holds) {
        this.report(invariantRule, 'failed', node, expr, [], { key: c.key, human: c.human }, { severity: c.severity, constraint });
      }
    }
  }

  // ---------------------------------------------------------------- type profiles

  private typeProfiles(it: Item, node: ElementNode, typeCode: string, profiles: string[]): void {
    const value = it.value;
    // Extensions are validated against the definition their url names wherever they are (checkExtension).
    if (typeCode === 'Extension' && isObject(value) && typeof value.url === 'string' && isAbsoluteUrl(value.url)) {
      if (profiles.includes(value.url)) return;
    }
    if (this.env.depth >= MAX_DEPTH) return;
    const isResource = isObject(value) && typeof value.resourceType === 'string' && (RESOURCE_TYPES.has(typeCode) || typeCode === value.resourceType);
    const outcomes: Array<{ profile: string; issues: Issue[] }> = [];
    for (const p of profiles) {
      const tree = this.engine.index.tree(p);
      if (!tree) {
        this.report(typeProfileRule, 'unresolved', node, it.expr, [], { typeProfile: p }, { severity: 'warning' });
        return;
      }
      if (isResource && tree.type !== (value as Record<string, unknown>).resourceType && !RESOURCE_TYPES.has(tree.type)) {
        outcomes.push({ profile: p, issues: [typeNotAllowedRule.issue({
          messageId: 'resourceType',
          data: { type: String((value as Record<string, unknown>).resourceType), elementId: node.id, profile: this.engine.index.label(node.tree), allowed: profiles.join(', ') },
          location: { source: this.env.source, expression: it.expr }, profile: this.engine.index.label(node.tree), elementId: node.id,
        })] });
        continue;
      }
      if (tree.derivation !== 'constraint') {
        outcomes.push({ profile: p, issues: [] }); // a base type: nothing beyond the base walker
        continue;
      }
      outcomes.push({ profile: p, issues: this.subWalk(value, it.companion, tree, typeCode, it.expr, isResource) });
    }
    if (outcomes.length === 1) {
      this.issues.push(...outcomes[0]!.issues);
      return;
    }
    const passing = outcomes.find((o) => !o.issues.some((i) => isFailing(i.severity)));
    if (passing) {
      this.issues.push(...passing.issues);
      return;
    }
    const related = outcomes.flatMap((o) => o.issues.filter((i) => isFailing(i.severity))).slice(0, MAX_RELATED);
    this.report(typeProfileRule, 'noMatch', node, it.expr, [], { profiles: profiles.join(', ') }, { related });
  }

  /** Walks `value` against another tree (a datatype profile, or a profile of a nested resource) in a child walk. */
  private subWalk(value: unknown, companion: unknown, tree: ElementTree, typeCode: string, expr: string, isResource: boolean): Issue[] {
    const frame: ResourceFrame = isResource
      ? this.nestedFrame(value as Record<string, unknown>, expr)
      : this.frame;
    const walk = new ProfileWalk(this.engine, { ...this.env, depth: this.env.depth + 1, visited: undefined }, frame, this.segs);
    walk.walkRoot(value, companion, tree, isResource ? (value as Record<string, unknown>).resourceType as string : typeCode, expr);
    return walk.issues;
  }

  /** The frame of a resource nested at this walk's position (contained, Bundle.entry.resource, Parameters.resource). */
  private nestedFrame(res: Record<string, unknown>, expr: string): ResourceFrame {
    const contained = this.segs[this.segs.length - 2] === 'contained' || this.segs[this.segs.length - 1] === 'contained';
    return {
      resource: res,
      segs: [...this.segs],
      expression: expr,
      ...(contained ? { container: this.frame.container ?? this.frame.resource, containerSegs: this.frame.containerSegs ?? this.frame.segs,
        containerExpression: this.frame.containerExpression ?? this.frame.expression } : {}),
      ...(this.frame.bundle ? { bundle: this.frame.bundle } : {}),
    };
  }

  // ---------------------------------------------------------------- children

  private children(obj: Record<string, unknown>, node: ElementNode, expr: string): void {
    const set = this.engine.index.children(node);
    if (!set) return;
    // A value of a disallowed type is reported as such, not also as a missing value.
    const wrongTyped = set.choices.length ? this.disallowedChoices(obj, set, expr) : undefined;
    for (const child of set.interesting) {
      const items = this.collect(obj, child, set, expr);
      const plan = child.slices.length ? this.engine.planner.plan(child) : undefined;
      if (plan) this.sliced(items, child, plan, expr, obj);
      else {
        this.cardinality(items, child, expr, wrongTyped?.has(child) ?? false, obj);
        for (const it of items) this.at(it, () => this.item(it, child));
      }
    }
  }

  /** Runs `fn` with this.segs pointing at `it`. */
  private at(it: Item, fn: () => void): void {
    const n = this.segs.length;
    this.segs.push(it.key);
    if (it.index !== undefined) this.segs.push(it.index);
    try {
      fn();
    } finally {
      this.segs.length = n;
    }
  }

  /** The values of one child: array items, `_name` companions, every type of a choice. */
  private collect(obj: Record<string, unknown>, child: ElementNode, set: ProfileChildren, expr: string): Item[] {
    const items: Item[] = [];
    const childKeys = set.keysOf.get(child);
    if (!childKeys) return items;
    const { name, choice } = childKeys;
    for (const { key, companionKey, typeCode } of childKeys.keys) {
      const v = obj[key];
      const c = obj[companionKey];
      if (v === undefined && c === undefined) continue;
      const base = choice ? `${expr}.${name}.ofType(${typeCode})` : `${expr}.${name}`;
      if (Array.isArray(v) || Array.isArray(c)) {
        const va = Array.isArray(v) ? v : [];
        const ca = Array.isArray(c) ? c : [];
        const n = Math.max(va.length, ca.length);
        for (let i = 0; i < n; i++) {
          const vi = va[i] ?? undefined;
          const ci = ca[i] ?? undefined;
          if ((vi === undefined || vi === null) && (ci === undefined || ci === null)) continue;
          // The JSON key of a companion-only primitive is `_name`; segs follow the value's key when it exists.
          items.push({ value: vi === null ? undefined : vi, companion: ci === null ? undefined : ci, key: Array.isArray(v) ? key : `_${key}`, index: i, typeCode, expr: `${base}[${i}]` });
        }
      } else {
        if ((v === undefined || v === null) && (c === undefined || c === null)) continue;
        items.push({ value: v === null ? undefined : v, companion: c === null ? undefined : c, key: v !== undefined ? key : `_${key}`, typeCode, expr: base });
      }
    }
    return items;
  }

  /** `valueString` where the profile narrowed value[x] to Quantity. */
  private disallowedChoices(obj: Record<string, unknown>, set: ProfileChildren, expr: string): Set<ElementNode> | undefined {
    let found: Set<ElementNode> | undefined;
    for (const key in obj) {
      const bare = key.startsWith('_') ? key.slice(1) : key;
      if (set.byKey.has(bare) || (key.startsWith('_') && obj[bare] !== undefined)) continue;
      for (const ch of set.choices) {
        if (bare.length <= ch.prefix.length || !bare.startsWith(ch.prefix) || !/[A-Z]/.test(bare.charAt(ch.prefix.length))) continue;
        const suffix = bare.slice(ch.prefix.length);
        const lower = suffix.charAt(0).toLowerCase() + suffix.slice(1);
        const type = ch.baseTypes.has(lower) && isPrimitiveType(lower) ? lower : suffix;
        if (!ch.baseTypes.has(type) || ch.node.types.some((t) => t.code === type) || !this.engine.index.nodeInfo(ch.node).narrowed) continue;
        const allowed = ch.node.types.map((t) => t.code).join(', ');
        const at = `${expr}.${ch.prefix}.ofType(${type})`;
        (found ??= new Set()).add(ch.node);
        if (this.isExtensionValue(ch.node)) {
          this.report(valueTypeRule, 'wrongType', ch.node, at, [key], { url: this.extensionUrl(ch.node, obj), allowed, type });
        } else {
          this.report(typeNotAllowedRule, 'choiceType', ch.node, at, [key], { type, allowed });
        }
      }
    }
    return found;
  }

  /** Is `node` the value[x] of an extension (definition root or sub-extension)? */
  private isExtensionValue(node: ElementNode): boolean {
    const p = node.parent;
    return node.name === 'value[x]' && p !== undefined && p.types.every((t) => t.code === 'Extension') && (p.path === 'Extension' || p.path.endsWith('.extension'));
  }

  private extensionUrl(node: ElementNode, holder: Record<string, unknown>): string {
    return typeof holder.url === 'string' ? holder.url : node.tree.url;
  }

  // ---------------------------------------------------------------- cardinality

  private cardinality(items: Item[], node: ElementNode, parentExpr: string, skipMin: boolean, holder?: Record<string, unknown>): void {
    const info = this.engine.index.nodeInfo(node);
    const count = items.length;
    if (info.checkMax && count > node.max) {
      const extra = items[node.max]!;
      if (this.isExtensionValue(node)) {
        this.at(extra, () => this.report(valueTypeRule, 'valueNotAllowed', node, extra.expr, [], { url: this.extensionUrl(node, holder ?? {}) }));
      } else {
        this.at(extra, () => this.report(cardinalityRule, node.max === 0 ? 'prohibited' : 'tooMany', node, extra.expr, [], { count, max: node.max }));
      }
    }
    if (info.checkMin && count < node.min && !skipMin) {
      if (this.isExtensionValue(node)) {
        // An extension with neither a value nor nested extensions already fails ext-1 (base walker): one finding.
        const nested = (holder as Record<string, unknown> | undefined)?.extension;
        if (Array.isArray(nested) && nested.length > 0) this.report(valueTypeRule, 'missingValue', node, parentExpr, [], { url: this.extensionUrl(node, holder ?? {}) });
      }
      else this.report(cardinalityRule, 'tooFew', node, parentExpr, [], { count, min: node.min });
    }
  }

  // ---------------------------------------------------------------- slicing

  private matchContext(): MatchContext {
    const segs = [...this.segs];
    return {
      resolve: (ref) => resolveReference(ref, this.frame, segs),
      conforms: (value, profile) => {
        const tree = this.engine.index.tree(profile);
        if (!tree) return false;
        if (isObject(value) && typeof value.resourceType === 'string' && tree.kind === 'resource' && tree.type !== value.resourceType) return false;
        if (tree.derivation !== 'constraint') return true;
        return this.engine.conformance(value, tree, this.env, this.frame, segs).length === 0;
      },
    };
  }

  private sliced(items: Item[], node: ElementNode, plan: SlicingPlan, parentExpr: string, holder: Record<string, unknown>): void {
    if (items.length) this.env.visited?.add(node.id);
    const ctx = this.matchContext();
    const sliceItems = items.map((it, k) => sliceItemOf(it, k, node));
    let ambiguousReported = false;
    const chains = sliceItems.map((si, k) => assignSlices(plan, si, ctx, (matches) => {
      if (ambiguousReported || plan.discriminators.every((d) => d.type === 'pattern')) return;
      ambiguousReported = true;
      const it = items[k]!;
      this.at(it, () => this.report(slicingRule, 'matchesMultiple', node, it.expr, [], {
        slices: matches.map((m) => m.node.sliceName ?? m.node.id).join(', '), discriminator: plan.text, slice: matches[0]!.node.sliceName ?? '',
      }, { severity: 'warning' }));
    }));

    // A slice whose discriminator cannot be evaluated is a profile defect (the Java validator's
    // SLICING_CANNOT_BE_EVALUATED): said once, here, since no item can ever match it.
    if (items.length) {
      for (const sl of plan.slices) {
        const reason = unusableReason(sl);
        if (!reason) continue;
        this.report(slicingRule, 'cannotEvaluate', sl.node, parentExpr, [], { slice: sl.node.sliceName ?? sl.node.id, reason }, { severity: 'warning' });
        break;
      }
    }
    const isExtensionList = node.name === 'extension' && node.tree.type === 'Extension';
    let lastMatched = -1;
    let highest = -1;
    let highestName = '';
    chains.forEach((chain, k) => { if (chain.length) lastMatched = k; });
    chains.forEach((chain, k) => {
      const it = items[k]!;
      if (chain.length === 0) {
        const url = isObject(it.value) ? it.value.url : undefined;
        if (isExtensionList && typeof url === 'string' && !isAbsoluteUrl(url)) {
          this.at(it, () => this.report(unknownExtensionRule, 'unknownSubExtension', node, it.expr, [], { url, parent: node.tree.url }, { severity: 'error' }));
        } else if (plan.rules === 'closed') {
          const related = whyNotMatched(this.whyContext(), plan, plan.slices, sliceItems[k]!, it, ctx);
          this.at(it, () => this.report(slicingRule, 'notInClosedSlice', node, it.expr, [], {
            tried: plan.slices.map((s) => s.node.sliceName ?? s.node.id).join(', ') || '(no slices)',
          }, { related }));
        } else if (plan.rules === 'openAtEnd' && k < lastMatched) {
          this.at(it, () => this.report(slicingRule, 'notAtEnd', node, it.expr, []));
        }
        return;
      }
      if (plan.ordered) {
        const idx = chain[0]!.index;
        if (idx < highest) {
          this.at(it, () => this.report(slicingRule, 'outOfOrder', node, it.expr, [], { slice: chain[0]!.node.sliceName ?? '', after: highestName }));
        } else {
          highest = idx;
          highestName = chain[0]!.node.sliceName ?? '';
        }
      }
    });

    const missing = this.sliceCardinality(plan, items, sliceItems, chains, 0, parentExpr, ctx);
    this.cardinality(items, node, parentExpr, missing, holder);

    chains.forEach((chain, k) => {
      const it = items[k]!;
      if (chain.length === 0) {
        // Unmatched: in a closed slicing the one issue above is the root cause; unknown sub-extensions were reported.
        if (plan.rules === 'closed') return;
        const url = isObject(it.value) ? it.value.url : undefined;
        if (isExtensionList && typeof url === 'string' && !isAbsoluteUrl(url)) return;
      }
      const target = chain.length ? chain[chain.length - 1]!.node : node;
      this.at(it, () => this.item(it, target));
      // Constraints on the slicing entry (and on a slice that is re-sliced) apply to every slice, but a slice's
      // snapshot starts from the base element, not from them (https://hl7.org/fhir/R4/profiling.html#slicing).
      for (const outer of [node, ...chain.slice(0, -1).map((c) => c.node)]) {
        if (chain.length && entryConstrainsSlices(this.engine.index, outer)) this.at(it, () => this.item(it, outer));
      }
    });
  }

  /** min/max of each slice (and re-slice); returns true when a required slice is missing. */
  private sliceCardinality(plan: SlicingPlan, items: Item[], sliceItems: SliceItem[], chains: SlicePlan[][], level: number,
    parentExpr: string, ctx: MatchContext): boolean {
    let missing = false;
    for (const s of plan.slices) {
      const mine: number[] = [];
      chains.forEach((chain, k) => { if (chain[level] === s) mine.push(k); });
      const count = mine.length;
      const info = this.engine.index.nodeInfo(s.node);
      if (count < s.node.min && info.checkMin) {
        missing = true;
        const others = items.map((_, k) => k).filter((k) => !mine.includes(k));
        const related = whyNotMatched(this.whyContext(), plan, [s], undefined, undefined, ctx, others.map((k) => ({ si: sliceItems[k]!, it: items[k]! })));
        const why = related.length
          ? `${related.length} item(s) did not match: ${String(related[0]!.data?.reason ?? '')}`
          : 'no items present';
        this.report(cardinalityRule, 'sliceMissing', s.node, parentExpr, [], { slice: s.node.sliceName ?? s.node.id, min: s.node.min, count, why }, { related });
      }
      if (count > s.node.max && info.checkMax) {
        const it = items[mine[s.node.max]!]!;
        this.at(it, () => this.report(cardinalityRule, s.node.max === 0 ? 'prohibited' : 'tooMany', s.node, it.expr, [], { count, max: s.node.max }));
      }
      if (s.reslicing) {
        const sub = chains.map((chain) => (chain[level] === s ? chain : []));
        this.sliceCardinality(s.reslicing, items, sliceItems, sub, level + 1, parentExpr, ctx);
      }
    }
    return missing;
  }

  private whyContext(): WhyContext {
    return { index: this.engine.index, env: this.env, segs: this.segs };
  }
}
