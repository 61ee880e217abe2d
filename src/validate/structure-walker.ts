// Walks a FHIR JSON value against the base StructureDefinitions: elements, cardinality, JSON shape, primitives,
// nested and contained resources, and every invariant. One visitor, many small checks (see rules in this folder).
import type { Issue } from '../model/issue.js';
import type { PathSegment, PositionMap } from '../parse/positions.js';
import type { Rule } from '../rules/define-rule.js';
import type { ConstraintDef, ElementNode } from '../structure/element-tree.js';
import type { ChildEntry, ChildSet, Structures } from '../structure/structures.js';
import type { FhirPathEvaluator } from '../fhirpath/evaluator.js';
import { checkPrimitive, primitiveFormatRule } from './primitives/index.js';
import { checkNarrativeXhtml, narrativeXhtmlRule } from './xhtml/index.js';
import { invariantRule } from './invariant-rule.js';
import { effectiveExpression } from './invariant-errata.js';
import { containedById } from './contained-index.js';
import { dom3UnreferencedIds, ele1, ext1 } from './native-invariants.js';
import { evaluatedOnly, nativeCheckFor, NATIVE_INVARIANTS, ownInvariants } from './walk-invariants.js';
import { capitalize, jsonKind, occurrences, preview } from './walk-values.js';
import { cardinalityRule, containedRule, jsonShapeRule, resourceTypeRule, unknownElementRule } from './structure-rules.js';

/** Called for every element value the walker visits: profile, terminology and UK rules hook in here. */
export interface ElementVisit {
  value: unknown;
  node: ElementNode;
  typeCode: string | undefined;
  expression: string;
  /** JSON path from the parsed root; copy it if you keep it. */
  segs: readonly PathSegment[];
  resource: Record<string, unknown>;
}

export interface WalkInput {
  source: string;
  positions: PositionMap;
  /** The parsed root value, for position lookups. */
  root: unknown;
  fromXml: boolean;
  /** Resolves a reference outside the current resource (Bundle entries), for FHIRPath resolve(). */
  resolveReference?: (reference: string, segs: readonly PathSegment[]) => unknown;
}

interface ResourceFrame {
  resource: Record<string, unknown>;
  rootResource: Record<string, unknown>;
  resolve: (reference: string) => unknown;
}

/** The integer types, whose JSON numbers must be written without fraction or exponent (https://hl7.org/fhir/R4/datatypes.html#integer). */
const INTEGER_TYPES = new Set(['integer', 'positiveInt', 'unsignedInt']);
/** checkPrimitive options for a value given as the text it was written as. */
const LEXICAL = { fromXml: true };

export class StructureWalker {
  readonly issues: Issue[] = [];
  private readonly segs: PathSegment[] = [];
  private frame!: ResourceFrame;
  private readonly resourceTypes: Set<string>;
  private readonly primitiveOptions: { fromXml: boolean };

  constructor(
    private readonly structures: Structures,
    private readonly fhirpath: FhirPathEvaluator,
    private readonly input: WalkInput,
    private readonly onElement?: (visit: ElementVisit) => void,
  ) {
    this.resourceTypes = resourceTypeNames(structures);
    this.primitiveOptions = { fromXml: input.fromXml };
  }

  /** Validates a resource found at `segs` (relative to the parsed root) with FHIRPath `expression`. */
  walkResource(resource: unknown, expression: string, segs: PathSegment[], container?: Record<string, unknown>): string | undefined {
    this.segs.length = 0;
    this.segs.push(...segs);
    return this.resource(resource, expression, container);
  }

  private report<M extends string>(rule: Rule<M>, messageId: M, data: Record<string, string | number>, expression: string,
    extraSegs: readonly PathSegment[] = NONE, extra: Partial<Issue> = {}): void {
    const lc = this.input.positions.locate(this.input.root, extraSegs.length ? [...this.segs, ...extraSegs] : this.segs);
    const issue = rule.issue({
      messageId,
      data,
      location: { source: this.input.source, expression, ...(lc ? { line: lc.line, column: lc.column } : {}) },
    });
    this.issues.push(Object.assign(issue, extra));
  }

  /** Validates one resource; returns its type when known. */
  private resource(value: unknown, expression: string, container?: Record<string, unknown>): string | undefined {
    if (value === null || typeof value !== 'object' || Array.isArray(value)) {
      this.report(jsonShapeRule, 'expectedObject', { name: expression, type: 'Resource', found: jsonKind(value) }, expression);
      return undefined;
    }
    const res = value as Record<string, unknown>;
    const rt = res.resourceType;
    if (rt === undefined) {
      this.report(resourceTypeRule, 'missing', {}, expression);
      return undefined;
    }
    if (typeof rt !== 'string') {
      this.report(resourceTypeRule, 'notString', {}, expression, ['resourceType']);
      return undefined;
    }
    if (!this.resourceTypes.has(rt)) {
      const known = this.structures.typeTree(rt);
      this.report(resourceTypeRule, known?.sd.abstract ? 'abstractType' : 'unknown', { type: rt }, expression, ['resourceType']);
      return undefined;
    }
    const tree = this.structures.typeTree(rt)!;
    const saved = this.frame;
    const root = container ?? res;
    const segsHere = [...this.segs];
    this.frame = {
      resource: res,
      rootResource: root,
      resolve: (ref) => {
        if (ref.startsWith('#')) {
          if (ref === '#') return root;
          return containedById(root).get(ref.slice(1));
        }
        return this.input.resolveReference?.(ref, segsHere);
      },
    };
    const expr = expression || rt;
    this.object(res, tree.root, rt, expr, true);
    if (Array.isArray(res.contained)) this.duplicateContainedIds(res.contained, expr);
    // dom-6 (narrative) is for stand-alone resources: a contained resource's narrative is its container's.
    this.resourceInvariants(res, container ? tree.root.constraints.filter((c) => c.key !== 'dom-6') : tree.root.constraints, expr);
    this.frame = saved;
    return rt;
  }

  /** A '#id' reference must point to exactly one contained resource (https://hl7.org/fhir/R4/references.html#contained). */
  private duplicateContainedIds(contained: unknown[], expr: string): void {
    const seen = new Set<string>();
    contained.forEach((c, i) => {
      const id = c && typeof c === 'object' ? (c as Record<string, unknown>).id : undefined;
      if (typeof id !== 'string') return;
      if (seen.has(id)) this.report(containedRule, 'duplicateId', { id }, `${expr}.contained[${i}]`, ['contained', i]);
      seen.add(id);
    });
  }

  private resourceInvariants(res: Record<string, unknown>, constraints: ConstraintDef[], expr: string): void {
    for (const c of constraints) {
      if (c.key === 'dom-3') {
        const ids = dom3UnreferencedIds(res);
        if (ids.length) this.constraintFailed(c, expr, []);
        continue;
      }
      if (NATIVE_INVARIANTS.has(c.key)) continue;
      this.invariant(res, c, undefined, expr, []);
    }
  }

  private invariant(node: unknown, c: ConstraintDef, base: string | undefined, expr: string, extraSegs: readonly PathSegment[]): void {
    const native = nativeCheckFor(c);
    if (native) {
      if (!native.holds(node, this.frame.rootResource)) this.constraintFailed(c, expr, extraSegs);
      return;
    }
    const out = this.fhirpath.holds(node, effectiveExpression(c.key, c.expression), base, this.frame);
    if (!out.ok) {
      this.report(invariantRule, 'evaluationFailed', { key: c.key, error: out.error }, expr, extraSegs, {
        severity: 'warning',
        constraint: { key: c.key, expression: c.expression, human: c.human },
      });
    } else if (!out.holds) {
      this.constraintFailed(c, expr, extraSegs);
    }
  }

  private constraintFailed(c: ConstraintDef, expr: string, extraSegs: readonly PathSegment[]): void {
    this.report(invariantRule, 'failed', { key: c.key, human: c.human }, expr, extraSegs, {
      severity: c.severity,
      constraint: { key: c.key, expression: c.expression, human: c.human },
    });
  }

  /** Validates the members of a JSON object described by `node` (typed `typeCode` when children come from a type). */
  private object(obj: Record<string, unknown>, node: ElementNode, typeCode: string | undefined, expr: string, isResource: boolean): void {
    const children = this.structures.childrenOf(node, isResource ? undefined : typeCode);
    // Occurrences per child, for cardinality. Only children that can break a rule are recorded (choices, which may
    // occur under several names; required children; a child already over its max), so most objects need no map.
    let present: Map<ElementNode, number> | undefined;
    // `_name` companions are rare: when the object has none, no `_name` lookup is made for its members.
    let companions = false;
    for (const key in obj) {
      if (key.charCodeAt(0) === 95 /* _ */) {
        companions = true;
        break;
      }
    }
    for (const key in obj) {
      if (key === 'resourceType' && isResource) continue;
      let entry: ChildEntry | undefined;
      let n: number;
      if (key.charCodeAt(0) === 95 /* _ */) {
        const base = key.slice(1);
        entry = children.byJsonName.get(base);
        if (!entry || !entry.typeCode || !entry.primitive) {
          this.report(unknownElementRule, 'badCompanion', { name: base }, `${expr}.${key}`, [key]);
          continue;
        }
        if (base in obj) continue;
        n = this.property(obj, base, entry, expr, true);
      } else {
        entry = children.byJsonName.get(key);
        if (!entry) {
          this.unknown(key, node, typeCode, children, expr);
          continue;
        }
        n = this.property(obj, key, entry, expr, companions);
      }
      const child = entry.node;
      if (n === 0 || (child.max === Infinity && child.min === 0)) continue;
      if (child.isChoice || child.min > 0 || n > child.max) {
        if (!present) present = new Map();
        present.set(child, (present.get(child) ?? 0) + n);
      }
    }
    this.cardinality(obj, children, expr, present);
    // Invariants on the type itself (Quantity's qty-3, Period's per-1, ...) when children come from the type.
    if (!isResource && node.children.size === 0 && typeCode) {
      const typeTree = this.structures.typeTree(typeCode);
      if (typeTree) this.elementInvariants(obj, typeTree.root.constraints, typeCode, expr, node.constraints);
    }
  }

  private unknown(key: string, node: ElementNode, typeCode: string | undefined, children: ChildSet, expr: string): void {
    if (key === 'resourceType') {
      this.report(unknownElementRule, 'misplacedResourceType', {}, `${expr}.${key}`, [key]);
      return;
    }
    const choice = children.list.find((c) => c.isChoice && c.name.slice(0, -3) === key);
    if (choice) {
      const example = `${key}${capitalize(choice.types[0]?.code ?? 'String')}`;
      this.report(unknownElementRule, 'choiceNeedsType', { name: key, example }, `${expr}.${key}`, [key]);
      return;
    }
    this.report(unknownElementRule, 'unknownElement', { name: key, type: typeCode ?? node.path }, `${expr}.${key}`, [key]);
  }

  /**
   * min/max per child. Only present children can exceed max and only required children can fall short, so the
   * walk over the object's own keys is reused instead of scanning every defined child.
   */
  private cardinality(obj: Record<string, unknown>, children: ChildSet, expr: string, present: Map<ElementNode, number> | undefined): void {
    if (present) {
      for (const [child, count] of present) {
        if (count > child.max) {
          const path = `${expr}.${child.isChoice ? child.name.slice(0, -3) : child.name}`;
          const key = child.isChoice ? Object.keys(obj).find((k) => k.startsWith(child.name.slice(0, -3))) : child.name;
          this.report(cardinalityRule, 'tooMany', { path, count, max: child.max }, path, key ? [key] : [], { elementId: child.id });
        }
      }
    }
    for (const child of children.required) {
      const count = present?.get(child) ?? 0;
      if (count < child.min) {
        const path = `${expr}.${child.isChoice ? child.name.slice(0, -3) : child.name}`;
        this.report(cardinalityRule, 'tooFew', { path, count, min: child.min }, expr, [], { elementId: child.id });
      }
    }
  }

  /**
   * One JSON property: array shape, each item, and the `_name` companion for primitives. Returns how many times the
   * element occurs, for cardinality: items with a value or a companion; a non-repeating element written as an array
   * counts once (it is reported once, as wrong JSON shape, not also as too many).
   */
  private property(obj: Record<string, unknown>, key: string, entry: ChildEntry, expr: string, companions: boolean): number {
    const node = entry.node;
    const typeCode = entry.typeCode;
    const value = obj[key];
    const companion = companions ? obj[entry.companionKey] : undefined;
    const repeats = entry.repeats;
    const itemBase = node.isChoice && typeCode ? `${expr}.${entry.elementName}.ofType(${typeCode})` : `${expr}.${entry.elementName}`;
    const primitive = entry.primitive;
    this.segs.push(key);
    try {
      if (value !== undefined) {
        if (repeats && !Array.isArray(value)) {
          this.report(jsonShapeRule, 'expectedArray', { name: key }, itemBase);
          this.item(value, node, typeCode, primitive, itemBase, undefined);
        } else if (!repeats && Array.isArray(value)) {
          // From XML, the reader already reported the repeated element (structure/xml-repeated-element).
          if (!this.input.fromXml) this.report(jsonShapeRule, 'unexpectedArray', { name: key }, itemBase);
        } else if (Array.isArray(value)) {
          if (value.length === 0) this.report(jsonShapeRule, 'emptyArray', { name: key }, itemBase);
          const comp = Array.isArray(companion) ? companion : undefined;
          for (let i = 0; i < value.length; i++) {
            this.segs.push(i);
            this.item(value[i], node, typeCode, primitive, `${itemBase}[${i}]`, comp?.[i]);
            this.segs.pop();
          }
        } else {
          this.item(value, node, typeCode, primitive, itemBase, companion);
        }
      }
    } finally {
      this.segs.pop();
    }
    if (companion !== undefined) this.companion(key, value, companion, node, typeCode, primitive, repeats, itemBase);
    if (Array.isArray(value) && !repeats) return 1;
    return occurrences(value, companion);
  }

  private companion(key: string, value: unknown, companion: unknown, node: ElementNode, typeCode: string | undefined,
    primitive: boolean, repeats: boolean, itemBase: string): void {
    const ckey = `_${key}`;
    this.segs.push(ckey);
    try {
      if (!primitive) return;
      if (repeats) {
        if (!Array.isArray(companion) || (Array.isArray(value) && value.length !== companion.length)) {
          this.report(jsonShapeRule, 'companionNotAligned', { name: key }, itemBase);
          return;
        }
        for (let i = 0; i < companion.length; i++) {
          const c = companion[i];
          this.segs.push(i);
          const v = Array.isArray(value) ? value[i] : undefined;
          if (c !== null) this.companionItem(c, v, node, typeCode!, `${itemBase}[${i}]`, key);
          // A null on both sides was already reported by item(); only a null with no value array at all is new here.
          else if (v === undefined) this.report(jsonShapeRule, 'nullValue', { name: key }, `${itemBase}[${i}]`);
          this.segs.pop();
        }
      } else if (value === undefined || !Array.isArray(value)) {
        this.companionItem(companion, value, node, typeCode!, itemBase, key);
      }
    } finally {
      this.segs.pop();
    }
  }

  private companionItem(c: unknown, value: unknown, node: ElementNode, typeCode: string, expr: string, key: string): void {
    if (c === null || typeof c !== 'object' || Array.isArray(c)) {
      this.report(jsonShapeRule, 'companionNotObject', { name: key }, expr);
      return;
    }
    if (Object.keys(c).length === 0) {
      this.report(jsonShapeRule, 'emptyObject', { name: `_${key}` }, expr);
      return;
    }
    // id and extension of a primitive are the children of the primitive type's definition.
    this.object(c as Record<string, unknown>, node, typeCode, expr, false);
    if (value === undefined || value === null) this.elementLevel(undefined, c, node, typeCode, expr);
  }

  private item(value: unknown, node: ElementNode, typeCode: string | undefined, primitive: boolean, expr: string, companion: unknown): void {
    if (value === null) {
      if (companion === undefined || companion === null) this.report(jsonShapeRule, 'nullValue', { name: node.name }, expr);
      return;
    }
    if (primitive) {
      // An integer written as `2.0` or `2e0` parses to 2: where the text may say so, check it as written.
      const written = typeof value === 'number' && INTEGER_TYPES.has(typeCode!) ? this.input.positions.numberText(this.input.root, this.segs) : undefined;
      const problem = written === undefined ? checkPrimitive(typeCode!, value, this.primitiveOptions) : checkPrimitive(typeCode!, written, LEXICAL);
      if (problem) {
        this.report(primitiveFormatRule, problem.messageId as never, { type: typeCode!, value: preview(written ?? value), ...problem.data }, expr, [],
          problem.severity ? { elementId: node.id, severity: problem.severity } : { elementId: node.id });
      } else if (typeCode === 'xhtml' && typeof value === 'string') {
        for (const p of checkNarrativeXhtml(value)) {
          this.report(narrativeXhtmlRule, p.messageId as never, { ...(p.data ?? {}) }, expr);
        }
      }
      this.elementLevel(value, companion, node, typeCode, expr);
      return;
    }
    if (typeCode === 'Resource' || (typeCode && this.resourceTypes.has(typeCode) && node.children.size === 0)) {
      this.nestedResource(value, node, expr);
      return;
    }
    if (typeof value !== 'object' || Array.isArray(value)) {
      this.report(jsonShapeRule, 'expectedObject', { name: node.name, type: typeCode ?? 'BackboneElement', found: jsonKind(value) }, expr);
      return;
    }
    const obj = value as Record<string, unknown>;
    let empty = true;
    for (const _k in obj) {
      empty = false;
      break;
    }
    if (empty) {
      this.report(jsonShapeRule, 'emptyObject', { name: node.name }, expr);
      return;
    }
    this.object(obj, node, typeCode, expr, false);
    this.elementLevel(obj, undefined, node, typeCode, expr);
  }

  private nestedResource(value: unknown, node: ElementNode, expr: string): void {
    const isContained = node.path.endsWith('.contained') && node.path.split('.').length === 2;
    const container = isContained ? this.frame.rootResource : undefined;
    if (isContained && value && typeof value === 'object') {
      const c = value as Record<string, unknown>;
      if (c.id === undefined) this.report(containedRule, 'missingId', {}, expr);
    }
    const segsCopy = [...this.segs];
    const saved = this.frame;
    this.resource(value, expr, container);
    this.frame = saved;
    this.segs.length = 0;
    this.segs.push(...segsCopy);
  }

  /** Checks that apply to the element as a whole: ele-1, ext-1, its invariants, and the hook. */
  private elementLevel(value: unknown, companion: unknown, node: ElementNode, typeCode: string | undefined, expr: string): void {
    if (!ele1(value, companion)) {
      const c = node.constraints.find((k) => k.key === 'ele-1');
      if (c) this.constraintFailed(c, expr, []);
    }
    if (typeCode === 'Extension' && value && typeof value === 'object') {
      if (!ext1(value as Record<string, unknown>)) {
        const c = this.structures.typeTree('Extension')?.root.constraints.find((k) => k.key === 'ext-1');
        if (c) this.constraintFailed(c, expr, []);
      }
    }
    if (value !== undefined) {
      const own = ownInvariants(node);
      if (own.constraints.length) this.elementInvariants(value, own.constraints, own.path, expr, NONE);
    }
    this.onElement?.({ value, node, typeCode, expression: expr, segs: this.segs, resource: this.frame.resource });
  }

  private elementInvariants(value: unknown, constraints: ConstraintDef[], base: string, expr: string, skip: readonly ConstraintDef[]): void {
    for (const c of evaluatedOnly(constraints)) {
      if (skip.length && skip.some((s) => s.key === c.key)) continue;
      this.invariant(value, c, base, expr, NONE);
    }
  }
}

/** An empty list shared by the calls that pass none (never written to). */
const NONE: readonly never[] = Object.freeze([]);

const resourceTypeCache = new WeakMap<Structures, Set<string>>();
function resourceTypeNames(structures: Structures): Set<string> {
  let set = resourceTypeCache.get(structures);
  if (!set) resourceTypeCache.set(structures, (set = structures.defs.resourceTypeNames()));
  return set;
}
