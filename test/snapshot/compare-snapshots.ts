// Test helper: compares two snapshots element by element on the properties a validator relies on.
import { effectiveCode, valueKeys } from '../../src/snapshot/type-utils.js';

export interface ElementDiff {
  id: string;
  /** Which property differs: `missing` (expected but not generated), `extra`, or a property name. */
  kind: string;
  expected?: unknown;
  actual?: unknown;
}

export interface Comparison {
  /** Elements in either snapshot (by id). */
  total: number;
  identical: number;
  diffs: ElementDiff[];
  /** Differences set aside by the `ignore` hook. */
  ignored: ElementDiff[];
}

function stripVersion(s: string): string {
  const bar = s.indexOf('|');
  return bar === -1 ? s : s.slice(0, bar);
}

/** The compared view of one element. */
export function keyProperties(el: Record<string, any>): Record<string, unknown> {
  const types = (Array.isArray(el.type) ? el.type : []).map((t: any) => ({
    code: effectiveCode(t),
    profile: (t.profile ?? []).map(stripVersion),
    targetProfile: (t.targetProfile ?? []).map(stripVersion),
  }));
  const values: Record<string, unknown> = {};
  for (const k of [...valueKeys(el, 'fixed'), ...valueKeys(el, 'pattern')]) values[k] = el[k];
  const slicing = el.slicing
    ? {
        discriminator: (el.slicing.discriminator ?? []).map((d: any) => `${d.type}:${d.path}`),
        ordered: el.slicing.ordered ?? false,
        rules: el.slicing.rules,
      }
    : undefined;
  return {
    path: el.path,
    min: el.min ?? 0,
    max: el.max,
    types,
    values,
    binding: el.binding ? { strength: el.binding.strength, valueSet: el.binding.valueSet ? stripVersion(el.binding.valueSet) : undefined } : undefined,
    constraints: (el.constraint ?? []).map((c: any) => c.key).sort(),
    slicing,
    mustSupport: el.mustSupport === true,
  };
}

/** Decides that one property difference is not the generator's (e.g. it comes from a different FHIR version's base). */
export type IgnoreDifference = (kind: string, expected: Record<string, any>, actual: Record<string, any>) => boolean;

export function compareSnapshots(expected: Record<string, any>[], actual: Record<string, any>[], ignore?: IgnoreDifference): Comparison {
  const exp = new Map(expected.map((e) => [String(e.id ?? e.path), e]));
  const act = new Map(actual.map((e) => [String(e.id ?? e.path), e]));
  const ids = [...new Set([...exp.keys(), ...act.keys()])];
  const diffs: ElementDiff[] = [];
  const ignored: ElementDiff[] = [];
  let identical = 0;
  for (const id of ids) {
    const e = exp.get(id);
    const a = act.get(id);
    if (!e) {
      diffs.push({ id, kind: 'extra' });
      continue;
    }
    if (!a) {
      diffs.push({ id, kind: 'missing' });
      continue;
    }
    const ke = keyProperties(e);
    const ka = keyProperties(a);
    let same = true;
    for (const k of Object.keys(ke)) {
      if (JSON.stringify(ke[k]) !== JSON.stringify(ka[k])) {
        if (ignore?.(k, e, a)) {
          ignored.push({ id, kind: k, expected: ke[k], actual: ka[k] });
          continue;
        }
        same = false;
        diffs.push({ id, kind: k, expected: ke[k], actual: ka[k] });
      }
    }
    if (same) identical++;
  }
  return { total: ids.length, identical, diffs, ignored };
}
