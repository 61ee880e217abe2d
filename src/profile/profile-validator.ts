// Public surface of profile validation: a resource against a profile snapshot (issue per violated constraint, plus Must
// Support coverage), and any Extension against the definition its url names. https://hl7.org/fhir/R4/validation.html#profile
import { isFailing, type Issue } from '../model/issue.js';
import type { MustSupportCoverage } from '../model/result.js';
import type { PathSegment, PositionMap } from '../parse/positions.js';
import type { Structures } from '../structure/structures.js';
import type { FhirPathEvaluator } from '../fhirpath/evaluator.js';
import type { ElementVisit } from '../validate/structure-walker.js';
import type { ReferenceContext } from '../validate/references/reference-check.js';
import type { R5Source } from './profile-engine.js';
import { checkExtensionWith, type ExtensionInput } from './extensions/check-extension.js';
import { placeOf } from './extensions/extension-place.js';
import { dedupe } from './dedupe.js';
import { coverage } from './must-support.js';
import { ProfileEngine, type BindingHook } from './profile-engine.js';
import { ProfileWalk, type ResourceFrame } from './profile-walk.js';
import notCheckedRule from './rules/not-checked.js';
import typeProfileRule from './rules/type-profile.js';

export interface ProfileInput {
  /** The resource to check (plain FHIR JSON). */
  resource: Record<string, unknown>;
  /** The parsed root it sits in (itself, or the Bundle), for positions and Bundle references. */
  root: unknown;
  /** JSON path of `resource` from `root` (`[]`, or `['entry', 2, 'resource']`). */
  segs: PathSegment[];
  /** FHIRPath of `resource`: `Patient`, or `Bundle.entry[2].resource`. */
  expression: string;
  source: string;
  positions?: PositionMap;
  /** The resource containing `resource` when it is contained (%rootResource), with its path. */
  container?: Record<string, unknown>;
  containerSegs?: PathSegment[];
  containerExpression?: string;
  /** References between Bundle entries. */
  bundle?: ReferenceContext;
}

export interface ProfileResult {
  issues: Issue[];
  mustSupport: MustSupportCoverage;
}

export interface ProfileValidatorOptions {
  structures: Structures;
  /** Accepted for symmetry with the base walker; invariants use their own evaluator (resolve() over the input). */
  fhirpath?: FhirPathEvaluator;
  /** Terminology for profile bindings (slices included). */
  onBinding?: BindingHook;
  /** R5 definitions for cross-version extensions, or their loader (see loadR5Definitions()). */
  r5?: R5Source;
}

/** Where the base walker's visit sits in the input, for checkExtensionAt(). */
export interface VisitInput {
  source: string;
  positions?: PositionMap;
  root: unknown;
  bundle?: ReferenceContext;
}

function isObject(v: unknown): v is Record<string, unknown> {
  return v !== null && typeof v === 'object' && !Array.isArray(v);
}

function at(root: unknown, segs: readonly PathSegment[], n: number): unknown {
  let cur = root;
  for (let i = 0; i < n; i++) {
    if (cur === null || typeof cur !== 'object') return undefined;
    cur = (cur as Record<string, unknown>)[segs[i] as string];
  }
  return cur;
}

/** FHIRPath of a JSON path from the root resource: `Bundle.entry[2].resource`. */
function expressionOf(root: unknown, segs: readonly PathSegment[]): string | undefined {
  if (!isObject(root) || typeof root.resourceType !== 'string') return undefined;
  let out = root.resourceType;
  for (const s of segs) out += typeof s === 'number' ? `[${s}]` : `.${s}`;
  return out;
}

export class ProfileValidator {
  readonly engine: ProfileEngine;

  constructor(readonly options: ProfileValidatorOptions) {
    this.engine = new ProfileEngine(options.structures, { r5: options.r5, onBinding: options.onBinding });
  }

  /**
   * Checks `input.resource` against the profile `canonical` (url or url|version). Extensions are not checked against
   * their own definitions here: call checkExtension()/checkExtensionAt() for every Extension (the base walker's hook).
   */
  validate(input: ProfileInput, canonical: string): ProfileResult {
    const rt = String(input.resource.resourceType ?? '');
    const expression = input.expression || rt;
    // Only the not-checked issues below need the resource's line: locating it on every call would index the input.
    const location = () => {
      const lc = input.positions?.locate(input.root, input.segs);
      return { source: input.source, expression, ...(lc ? { line: lc.line, column: lc.column } : {}) };
    };
    const tree = this.engine.index.tree(canonical);
    if (!tree) {
      const sd = this.options.structures.defs.resolve(canonical);
      const messageId = sd?.resourceType === 'StructureDefinition' ? 'noSnapshot' : 'notFound';
      return { issues: [notCheckedRule.issue({ messageId, data: { profile: canonical }, location: location(), profile: canonical })], mustSupport: { profile: canonical, elements: [], present: [] } };
    }
    const label = this.engine.index.label(tree);
    if (tree.kind !== 'resource' || (tree.type !== rt && tree.type !== 'Resource' && tree.type !== 'DomainResource')) {
      return {
        issues: [notCheckedRule.issue({ messageId: 'wrongType', data: { profile: label, profileType: tree.type, type: rt }, location: location(), profile: label })],
        mustSupport: coverage(tree, label, new Set()),
      };
    }
    const visited = new Set<string>();
    const walk = new ProfileWalk(this.engine, { source: input.source, positions: input.positions, root: input.root, bindings: true, visited, depth: 0 }, {
      resource: input.resource,
      segs: input.segs,
      expression,
      ...(input.container ? { container: input.container, containerSegs: input.containerSegs, containerExpression: input.containerExpression } : {}),
      ...(input.bundle ? { bundle: input.bundle } : {}),
    }, input.segs);
    walk.walkRoot(input.resource, undefined, tree, rt, expression);
    return { issues: dedupe(walk.issues, label), mustSupport: coverage(tree, label, visited) };
  }

  /** Checks one Extension against its definition (see ExtensionInput). */
  checkExtension(input: ExtensionInput): Issue[] {
    return checkExtensionWith(this.engine, input);
  }

  /**
   * checkExtension() for the base walker's ElementVisit of an Extension-typed element: works out the holding element,
   * its path and type, and the resource frame from the visit.
   */
  checkExtensionAt(visit: ElementVisit, input: VisitInput): Issue[] {
    if (visit.typeCode !== 'Extension' || !isObject(visit.value)) return [];
    const segs = visit.segs;
    const last = segs[segs.length - 1];
    const holderSegCount = typeof last === 'number' ? segs.length - 2 : segs.length - 1;
    const holder = at(input.root, segs, holderSegCount);
    const where = resourceOf(visit, input, holderSegCount);
    const rt = String(visit.resource.resourceType ?? '');
    const holderExpr = visit.expression.slice(0, visit.expression.lastIndexOf('.'));
    const relative = segs.slice(Math.max(where.resourceAt, 0), holderSegCount).filter((s) => typeof s === 'string').length;
    const holderParent = holderSegCount > 0 ? at(input.root, segs, typeof segs[holderSegCount - 1] === 'number' ? holderSegCount - 2 : holderSegCount - 1) : undefined;
    const place = placeOf(this.options.structures, rt, holderExpr, relative, holder, holderParent);
    return this.checkExtension({
      extension: visit.value,
      isModifier: visit.node.name === 'modifierExtension',
      expression: visit.expression,
      segs,
      source: input.source,
      positions: input.positions,
      root: input.root,
      place,
      resource: visit.resource,
      resourceSegs: where.frame.segs,
      resourceExpression: where.frame.expression,
      ...(where.frame.container ? { container: where.frame.container } : {}),
      ...(input.bundle ? { bundle: input.bundle } : {}),
    });
  }

  /**
   * The profiles the base definition itself names for a visited element's type (R4: SimpleQuantity on 55 elements
   * such as Range.low and Observation.referenceRange.low), or undefined. Extensions are not included: they are
   * checked against the definition their url names (checkExtensionAt).
   */
  typeProfilesOf(visit: ElementVisit): string[] | undefined {
    const code = visit.typeCode;
    if (!code || code === 'Extension') return undefined;
    for (const t of visit.node.types) if (t.code === code) return t.profiles.length ? t.profiles : undefined;
    return undefined;
  }

  /**
   * Checks the base walker's visit of an element against the profiles its type names in the base definition
   * (ElementDefinition.type.profile): the value must conform to one of them
   * (https://hl7.org/fhir/R4/elementdefinition-definitions.html#ElementDefinition.type.profile).
   */
  checkTypeProfilesAt(visit: ElementVisit, input: VisitInput): Issue[] {
    const profiles = this.typeProfilesOf(visit);
    if (!profiles || !isObject(visit.value)) return [];
    const segs = visit.segs;
    const { frame } = resourceOf(visit, input, segs.length);
    const outcomes: Issue[][] = [];
    let unchecked = false;
    for (const p of profiles) {
      const tree = this.engine.index.tree(p);
      // A profile that is not loaded or has no snapshot cannot be checked (the base walk has checked the type): the
      // value may conform to it, so no failure of another profile is reported then.
      if (!tree || tree.derivation !== 'constraint') {
        unchecked = true;
        continue;
      }
      const walk = new ProfileWalk(this.engine, { source: input.source, positions: input.positions, root: input.root, bindings: true, depth: 0 },
        input.bundle ? { ...frame, bundle: input.bundle } : frame, [...segs]);
      walk.walkRoot(visit.value, undefined, tree, visit.typeCode!, visit.expression);
      const issues = dedupe(walk.issues, this.engine.index.label(tree));
      if (!issues.some((i) => isFailing(i.severity))) return issues;
      outcomes.push(issues);
    }
    if (unchecked || outcomes.length === 0) return [];
    if (outcomes.length === 1) return outcomes[0]!;
    const related = outcomes.flat().filter((i) => isFailing(i.severity)).slice(0, 10);
    const lc = input.positions?.locate(input.root, segs);
    return [typeProfileRule.issue({
      messageId: 'noMatch',
      data: { profiles: profiles.join(', '), elementId: visit.node.id, profile: `http://hl7.org/fhir/StructureDefinition/${String(visit.resource.resourceType ?? '')}` },
      location: { source: input.source, expression: visit.expression, ...(lc ? { line: lc.line, column: lc.column } : {}) },
      elementId: visit.node.id,
      related,
    })];
  }
}

/**
 * The resource a visit sits in, found along the visit's JSON path (up to `upTo` segments): its frame (path,
 * FHIRPath, and the container when it is contained) and where it starts in the path (-1: not found).
 */
function resourceOf(visit: ElementVisit, input: VisitInput, upTo: number): { resourceAt: number; frame: ResourceFrame } {
  const segs = visit.segs;
  let resourceAt = -1;
  let containerAt = -1;
  for (let i = 0; i <= upTo; i++) {
    const v = at(input.root, segs, i);
    if (v === visit.resource) {
      resourceAt = i;
      break;
    }
    if (isObject(v) && typeof v.resourceType === 'string') containerAt = i;
  }
  const contained = resourceAt > 0 && (segs[resourceAt - 1] === 'contained' || segs[resourceAt - 2] === 'contained');
  const container = contained && containerAt >= 0 ? at(input.root, segs, containerAt) as Record<string, unknown> : undefined;
  const resourceSegs = resourceAt >= 0 ? [...segs.slice(0, resourceAt)] : [];
  const rt = String(visit.resource.resourceType ?? '');
  return {
    resourceAt,
    frame: {
      resource: visit.resource,
      segs: resourceSegs,
      expression: expressionOf(input.root, resourceSegs) ?? rt,
      ...(container ? { container } : {}),
    },
  };
}

const shared = new WeakMap<Structures, ProfileValidator>();

function validatorFor(ctx: ProfileValidatorOptions): ProfileValidator {
  let v = shared.get(ctx.structures);
  if (!v || v.options.onBinding !== ctx.onBinding || v.options.r5 !== ctx.r5) {
    v = new ProfileValidator(ctx);
    shared.set(ctx.structures, v);
  }
  return v;
}

/** Validates a resource against a profile (a cached ProfileValidator per Structures). */
export function validateProfile(input: ProfileInput, profileCanonical: string, ctx: ProfileValidatorOptions): ProfileResult {
  return validatorFor(ctx).validate(input, profileCanonical);
}

/** Validates one Extension against its definition (a cached ProfileValidator per Structures). */
export function checkExtension(input: ExtensionInput, ctx: ProfileValidatorOptions): Issue[] {
  return validatorFor(ctx).checkExtension(input);
}
