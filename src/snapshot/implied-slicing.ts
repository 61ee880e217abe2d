// The slicing a differential implies but may not spell out (https://hl7.org/fhir/R4/profiling.html#slicing):
// extensions are sliced by url, choice elements by type; checks that the slices fit the sliced element.
import { effectiveCode, isExtensionName } from './type-utils.js';
import type { SnapNode } from './work-tree.js';

export interface SlicingFacts {
  /** Slices this differential created on the element. */
  created: SnapNode[];
  /** One of them came from a choice shorthand (`Observation.valueQuantity`). */
  shorthand: boolean;
  /** The differential stated the element's types / slicing itself. */
  headTypesSet: boolean;
  slicingSet: boolean;
  choiceShorthand: 'r4' | 'current';
}

export type SlicingProblem = { messageId: 'noSlicing' } | { messageId: 'slicesExceedMax'; sum: number; max: string };

const TYPE_SLICING = { discriminator: [{ type: 'type', path: '$this' }], ordered: false };

/** Completes the slicing of a sliced element in place; returns what is wrong with it. */
export function completeSlicing(head: SnapNode, facts: SlicingFacts): SlicingProblem[] {
  const problems: SlicingProblem[] = [];
  const { created } = facts;
  const sum = head.slices.reduce((n, s) => n + Number(s.el.min ?? 0), 0);
  if (created.length > 0 && head.el.max !== undefined && head.el.max !== '*' && sum > Number(head.el.max)) {
    problems.push({ messageId: 'slicesExceedMax', sum, max: String(head.el.max) });
  }
  if (facts.shorthand && !head.el.slicing && facts.choiceShorthand === 'r4') {
    // The R4 publication's reading of `valueQuantity` in a differential: value[x] is closed to the named types.
    if (!facts.headTypesSet) {
      const codes = new Set(head.slices.flatMap(typeCodes));
      head.el.type = (Array.isArray(head.el.type) ? head.el.type : []).filter((t: any) => codes.has(effectiveCode(t)));
    }
    head.el.slicing = { ...structuredClone(TYPE_SLICING), rules: facts.headTypesSet ? 'open' : 'closed' };
    return problems;
  }
  if (created.length === 0 && !facts.slicingSet) return problems; // inherited slicing is left as it is
  if (!head.el.slicing) {
    if (isExtensionName(head.name)) head.el.slicing = { discriminator: [{ type: 'value', path: 'url' }], ordered: false, rules: 'open' };
    else if (head.name.endsWith('[x]')) head.el.slicing = { ...structuredClone(TYPE_SLICING), rules: 'open' };
    else {
      problems.push({ messageId: 'noSlicing' });
      return problems;
    }
  }
  const slicing = head.el.slicing;
  if (!Array.isArray(slicing.discriminator) || slicing.discriminator.length === 0) {
    // Slicing stated without a discriminator: choice elements are sliced by type, extensions by url.
    if (head.name.endsWith('[x]')) slicing.discriminator = [{ type: 'type', path: '$this' }];
    else if (isExtensionName(head.name)) slicing.discriminator = [{ type: 'value', path: 'url' }];
    else return problems;
    if (slicing.ordered === undefined) slicing.ordered = false;
  }
  // A choice sliced by type with a slice for every type it allows, or (with max 1) a required slice, cannot hold
  // anything else: closed, as HL7's generator writes it.
  if (head.name.endsWith('[x]') && slicing.rules !== 'closed' && isTypeSlicing(slicing)) {
    const sliced = new Set(head.slices.flatMap(typeCodes));
    const types: any[] = Array.isArray(head.el.type) ? head.el.type : [];
    const required = head.el.max === '1' && head.slices.some((s) => Number(s.el.min ?? 0) >= 1);
    if (required || (types.length > 0 && types.every((t) => sliced.has(effectiveCode(t))))) slicing.rules = 'closed';
  }
  return problems;
}

function typeCodes(s: SnapNode): string[] {
  return (Array.isArray(s.el.type) ? s.el.type : []).map(effectiveCode);
}

function isTypeSlicing(slicing: Record<string, any>): boolean {
  const d: any[] = Array.isArray(slicing.discriminator) ? slicing.discriminator : [];
  return d.length === 1 && d[0]?.type === 'type' && d[0]?.path === '$this';
}
