// A reference's target against the profiles Reference.targetProfile names: its type, and, when it resolves (contained
// or in the Bundle), its conformance to one of them. https://hl7.org/fhir/R4/elementdefinition-definitions.html#ElementDefinition.type.targetProfile
import type { Issue } from '../../model/issue.js';
import type { PathSegment } from '../../parse/positions.js';
import type { ElementNode } from '../../structure/element-tree.js';
import type { ProfileEngine } from '../profile-engine.js';
import type { ProfileIndex } from '../profile-index.js';
import { MAX_DEPTH, MAX_RELATED, RESOURCE_TYPES, type ResourceFrame, type WalkEnv } from '../walk-types.js';
import { referencedType, resolveReference } from './resolve-reference.js';

type TargetMessageId = 'typeElementNotAllowed' | 'unresolvedProfile' | 'wrongType' | 'noMatch';

/** What the check needs from the walk it runs in; `report` files a profile/target-profile issue there. */
export interface TargetCheckContext {
  engine: ProfileEngine;
  env: WalkEnv;
  frame: ResourceFrame;
  segs: readonly PathSegment[];
  report(messageId: TargetMessageId, node: ElementNode, expr: string, extraSegs: readonly PathSegment[],
    data?: Record<string, string | number>, extra?: Partial<Issue>): void;
}

export function checkTargetProfiles(ctx: TargetCheckContext, ref: Record<string, unknown>, node: ElementNode, targetProfiles: string[], expr: string): void {
  const typeOf = (tp: string): string | undefined => ctx.engine.index.tree(tp)?.type
    ?? (tp.startsWith('http://hl7.org/fhir/StructureDefinition/') ? tp.slice('http://hl7.org/fhir/StructureDefinition/'.length) : undefined);
  const known = targetProfiles.map((tp) => ({ tp, type: typeOf(tp) }));
  const allowed = new Set(known.map((k) => k.type).filter((t): t is string => t !== undefined));
  const anyType = [...allowed].some((t) => RESOURCE_TYPES.has(t));
  const baseAllowed = baseTargetTypes(ctx.engine.index, node);
  const refExpr = `${expr}.reference`;
  if (typeof ref.type === 'string' && allowed.size && !anyType) {
    const t = ref.type.startsWith('http://hl7.org/fhir/StructureDefinition/') ? ref.type.slice(40) : ref.type;
    if (!allowed.has(t)) ctx.report('typeElementNotAllowed', node, `${expr}.type`, ['type'], { type: ref.type, allowed: [...allowed].join(', ') });
  }
  const target = resolveReference(ref, ctx.frame, ctx.segs);
  if (!target) {
    const rt = referencedType(ref);
    if (!rt || !allowed.size || anyType || allowed.has(rt)) {
      if (!allowed.size) ctx.report('unresolvedProfile', node, expr, [], { targetProfile: targetProfiles.join(', ') }, { severity: 'warning' });
      return;
    }
    if (baseAllowed && !baseAllowed.has(rt)) return; // the base walker reports it
    ctx.report('wrongType', node, typeof ref.reference === 'string' ? refExpr : expr, typeof ref.reference === 'string' ? ['reference'] : [],
      { type: rt, allowed: [...allowed].join(', ') });
    return;
  }
  const rt = String(target.resourceType ?? '');
  const candidates = known.filter((k) => k.type === rt || (k.type !== undefined && RESOURCE_TYPES.has(k.type)));
  if (candidates.length === 0) {
    if (allowed.size === 0) {
      ctx.report('unresolvedProfile', node, expr, [], { targetProfile: targetProfiles.join(', ') }, { severity: 'warning' });
      return;
    }
    if (baseAllowed && !baseAllowed.has(rt)) return;
    ctx.report('wrongType', node, refExpr, ['reference'], { type: rt, allowed: [...allowed].join(', ') });
    return;
  }
  if (ctx.env.depth >= MAX_DEPTH) return;
  const errors: Issue[] = [];
  for (const c of candidates) {
    const tree = ctx.engine.index.tree(c.tp);
    if (!tree || tree.derivation !== 'constraint') return; // a base type: the type is all there is to check
    const found = ctx.engine.conformance(target, tree, ctx.env, ctx.frame, ctx.segs);
    if (found.length === 0) return;
    errors.push(...found);
  }
  ctx.report('noMatch', node, refExpr, ['reference'],
    { target: typeof ref.reference === 'string' ? ref.reference : rt, profiles: candidates.map((c) => c.tp).join(', ') }, { related: errors.slice(0, MAX_RELATED) });
}

/** Resource types the base definition of `node` allows as reference targets (undefined = any). */
function baseTargetTypes(index: ProfileIndex, node: ElementNode): Set<string> | undefined {
  const base = index.baseOf(node);
  const t = base?.types.find((x) => x.code === 'Reference');
  if (!t || t.targetProfiles.length === 0) return undefined;
  const out = new Set<string>();
  for (const p of t.targetProfiles) {
    const name = p.slice(p.lastIndexOf('/') + 1);
    if (RESOURCE_TYPES.has(name)) return undefined;
    out.add(name);
  }
  return out;
}
