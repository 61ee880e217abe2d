// Decides which slice an instance item belongs to, and says why it does not belong to the others (the Java
// validator's "slice info"). https://hl7.org/fhir/R4/profiling.html#discriminator
import { fixedEquals, patternMatches, preview } from '../values/compare.js';
import { evaluatePath, type ReferenceResolver, type PathValue } from './discriminator-path.js';
import type { Discriminator, Expectation, SlicePlan, SlicingPlan } from './slicing-plan.js';

export interface MatchContext {
  resolve: ReferenceResolver;
  /** Does `value` (of FHIR type `type`) conform to profile `profile`? Used by `profile` discriminators. */
  conforms(value: unknown, profile: string, type: string | undefined): boolean;
}

/** One item of a sliced array. */
export interface SliceItem {
  value: unknown;
  /** Its FHIR type: the choice type, the resource type, or the element's single type. */
  type?: string;
  /** Position in the array. */
  index: number;
}

interface Verdict {
  ok: boolean;
  reason?: string;
}

function valuesAt(d: Discriminator, item: SliceItem, ctx: MatchContext): PathValue[] {
  return evaluatePath({ value: item.value, type: item.type }, d.steps ?? [], ctx.resolve);
}

function shown(values: PathValue[]): string {
  if (values.length === 0) return 'nothing';
  return values.slice(0, 3).map((v) => `'${preview(v.value)}'`).join(', ') + (values.length > 3 ? ', ...' : '');
}

function judge(e: Expectation, d: Discriminator, item: SliceItem, ctx: MatchContext): Verdict {
  switch (e.kind) {
    case 'position':
      return item.index === e.index ? { ok: true } : { ok: false, reason: `it is at position ${item.index}, the slice is at position ${e.index}` };
    case 'unusable':
      return { ok: false, reason: e.reason };
    case 'values': {
      const values = valuesAt(d, item, ctx);
      const ok = values.some((v) => e.expected.some((x) => (x.mode === 'fixed' ? fixedEquals(x.value, v.value) : patternMatches(x.value, v.value))));
      if (ok) return { ok };
      const want = e.expected.map((x) => `'${preview(x.value)}'`).join(' or ');
      return { ok, reason: `${d.path} is ${shown(values)}, the slice requires ${want}` };
    }
    case 'exists': {
      const n = valuesAt(d, item, ctx).length;
      if ((n > 0) === e.exists) return { ok: true };
      return { ok: false, reason: e.exists ? `${d.path} is absent, the slice requires it` : `${d.path} is present, the slice forbids it` };
    }
    case 'type': {
      const values = valuesAt(d, item, ctx);
      const types = values.map((v) => v.type ?? (d.steps?.every((s) => s.kind === 'this') ? item.type : undefined));
      if (types.some((t) => t !== undefined && e.types.includes(t))) return { ok: true };
      return { ok: false, reason: `${d.path} is of type ${types.filter(Boolean).join(', ') || 'unknown'}, the slice requires ${e.types.join(' or ')}` };
    }
    case 'profile': {
      const values = valuesAt(d, item, ctx);
      if (values.some((v) => e.profiles.some((p) => ctx.conforms(v.value, p, v.type)))) return { ok: true };
      return { ok: false, reason: values.length ? `${d.path} does not conform to ${e.profiles.join(' or ')}` : `${d.path} is absent or cannot be resolved` };
    }
  }
}

/** Does `item` belong to `slice`? (every discriminator must match) */
export function matchesSlice(plan: SlicingPlan, slice: SlicePlan, item: SliceItem, ctx: MatchContext): boolean {
  if (plan.discriminators.length === 0) return false;
  for (let i = 0; i < plan.discriminators.length; i++) {
    if (!judge(slice.expectations[i]!, plan.discriminators[i]!, item, ctx).ok) return false;
  }
  return true;
}

/** Why `item` does not belong to `slice` (the first discriminator that fails). */
export function mismatchReason(plan: SlicingPlan, slice: SlicePlan, item: SliceItem, ctx: MatchContext): string {
  if (plan.discriminators.length === 0) return 'the slicing has no discriminator, so items cannot be matched to slices';
  for (let i = 0; i < plan.discriminators.length; i++) {
    const v = judge(slice.expectations[i]!, plan.discriminators[i]!, item, ctx);
    if (!v.ok) return v.reason ?? 'no match';
  }
  return 'it matches';
}

/** The first unusable expectation of a slice, if its discriminators cannot be evaluated at all. */
export function unusableReason(slice: SlicePlan): string | undefined {
  for (const e of slice.expectations) if (e.kind === 'unusable') return e.reason;
  return undefined;
}
