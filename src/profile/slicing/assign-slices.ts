// Slice matching helpers of the profile walk: which slice (and re-slice) each item falls in, why an item matched no
// slice, and whether a slicing entry's own constraints must also be checked on every slice.
// https://hl7.org/fhir/R4/profiling.html#slicing
import type { Issue } from '../../model/issue.js';
import type { PathSegment } from '../../parse/positions.js';
import type { ElementNode } from '../../structure/element-tree.js';
import type { ProfileIndex } from '../profile-index.js';
import slicingRule from '../rules/slicing.js';
import { isObject, MAX_RELATED, type Item, type WalkEnv } from '../walk-types.js';
import { matchesSlice, mismatchReason, type MatchContext, type SliceItem } from './match-slices.js';
import type { SlicePlan, SlicingPlan } from './slicing-plan.js';

/** Where the walk is, for the positions and labels of `related` issues. */
export interface WhyContext {
  index: ProfileIndex;
  env: WalkEnv;
  segs: readonly PathSegment[];
}

/** The value, type and index slice matching looks at for item `k` of `node`. */
export function sliceItemOf(it: Item, k: number, node: ElementNode): SliceItem {
  const v = it.value !== undefined ? it.value : it.companion;
  const type = it.typeCode ?? (isObject(v) && typeof v.resourceType === 'string' ? v.resourceType : node.types.length === 1 ? node.types[0]!.code : undefined);
  return { value: v, type, index: it.index ?? k };
}

/** Slice chain (slice, then re-slices) for an item, or [] when it matches no slice. */
export function assignSlices(plan: SlicingPlan, si: SliceItem, ctx: MatchContext, onAmbiguous: (matches: SlicePlan[]) => void): SlicePlan[] {
  const matches = plan.slices.filter((s) => matchesSlice(plan, s, si, ctx));
  if (matches.length === 0) return [];
  if (matches.length > 1) onAmbiguous(matches);
  const chain = [matches[0]!];
  let s = matches[0]!;
  while (s.reslicing) {
    const sub = s.reslicing.slices.find((r) => matchesSlice(s.reslicing!, r, si, ctx));
    if (!sub) break;
    chain.push(sub);
    s = sub;
  }
  return chain;
}

/** Does the slicing entry `node` add checks its slices do not repeat: values, invariants, types, or children? */
export function entryConstrainsSlices(index: ProfileIndex, node: ElementNode): boolean {
  const info = index.nodeInfo(node);
  if (info.fixed || info.pattern || info.maxLength !== undefined || info.range || info.binding || info.constraints.length
    || info.typeProfiles.size || info.targetProfiles) return true;
  return (index.children(node)?.interesting.length ?? 0) > 0;
}

/** `related` issues saying why items did not match slices. */
export function whyNotMatched(where: WhyContext, plan: SlicingPlan, slices: SlicePlan[], si: SliceItem | undefined, it: Item | undefined,
  ctx: MatchContext, many?: Array<{ si: SliceItem; it: Item }>): Issue[] {
  const pairs = many ?? (si && it ? [{ si, it }] : []);
  const out: Issue[] = [];
  for (const { si: one, it: item } of pairs) {
    for (const s of slices) {
      if (out.length >= MAX_RELATED) return out;
      const reason = mismatchReason(plan, s, one, ctx);
      const profile = where.index.label(s.node.tree);
      const segs = item.index === undefined ? [...where.segs, item.key] : [...where.segs, item.key, item.index];
      const lc = where.env.positions?.locate(where.env.root, segs);
      out.push(slicingRule.issue({
        messageId: 'sliceNotMatched',
        data: { slice: s.node.sliceName ?? s.node.id, reason, profile, elementId: s.node.id },
        location: { source: where.env.source, expression: item.expr, ...(lc ? { line: lc.line, column: lc.column } : {}) },
        severity: 'information',
        profile,
        elementId: s.node.id,
      }));
    }
  }
  return out;
}
