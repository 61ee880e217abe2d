// generateSnapshot(): a StructureDefinition's snapshot from its base's snapshot and its differential.
// Follows https://hl7.org/fhir/R4/profiling.html (snapshot, slicing, choice types) and the behaviour of HL7's
// ProfileUtilities.generateSnapshot as seen in the official R4 snapshots; differences are listed in README.md.
import type { Issue, Severity } from '../model/issue.js';
import type { Rule } from '../rules/define-rule.js';
import { mergeElement, type MergeEnv, type Reporter } from './merge-element.js';
import { snapshotRules } from './snapshot-rules.js';
import { expandChildren } from './expand-children.js';
import { completeSlicing } from './implied-slicing.js';
import { pristineTreeOf, resolveProfileElement, type SnapshotContext } from './pristine-trees.js';
import { choiceJsonName } from '../structure/element-tree.js';
import { effectiveCode, isExtensionName } from './type-utils.js';
import { cloneFrom, elementIds, idSegments, serializeTree, type IdSegment, type PristineTree, type SnapNode } from './work-tree.js';

export type { SnapshotContext } from './pristine-trees.js';

export interface SnapshotOptions {
  /**
   * How a shorthand choice name in a differential (`Observation.valueQuantity`) is read.
   * `r4` (default) reproduces the official R4 snapshots: a type slice that closes `value[x]` to the named types
   * (narrowing `value[x]` itself inside a slice). `current` is today's HL7 generator: an open type slice
   * `value[x]:valueQuantity` that leaves the other types allowed.
   */
  choiceShorthand?: 'r4' | 'current';
}

export interface SnapshotResult {
  snapshot: Record<string, any>[];
  issues: Issue[];
}

interface NodeState {
  /** Slice made while walking to a deeper differential element, not (yet) declared by its own element. */
  implicit?: { diffIndex: number };
  /** Slice named with a choice shorthand (`Observation.valueQuantity`). */
  shorthand?: boolean;
  /** The differential set this element's types / its slicing. */
  typesSet?: boolean;
  slicingSet?: boolean;
  /** Created by this differential (a new slice, or a new element of a specialization). */
  created?: boolean;
}

/** Generates the snapshot. Deterministic: the same definition and context always give the same elements. */
export function generateSnapshot(sd: Record<string, any>, ctx: SnapshotContext, options: SnapshotOptions = {}): SnapshotResult {
  return new SnapshotGenerator(sd, ctx, options.choiceShorthand ?? 'r4').run();
}

class SnapshotGenerator {
  private readonly issues: Issue[] = [];
  private readonly state = new WeakMap<SnapNode, NodeState>();
  private readonly url: string;
  private readonly specialization: boolean;
  private root!: SnapNode;
  private baseTree!: PristineTree;
  private diffIndex = -1;
  /** Id prefixes whose slice name was corrected from the element's sliceName (see checkElement). */
  private readonly sliceRenames = new Map<string, string>();
  private diffId = '';

  constructor(
    private readonly sd: Record<string, any>,
    private readonly ctx: SnapshotContext,
    private readonly choiceShorthand: 'r4' | 'current',
  ) {
    this.url = String(sd.url ?? sd.id ?? 'StructureDefinition');
    this.specialization = sd.derivation === 'specialization';
  }

  run(): SnapshotResult {
    const base = this.loadBase();
    if (!base) return { snapshot: [], issues: this.issues };
    this.baseTree = base;
    this.root = cloneFrom(base.root, true);
    const diff: Record<string, any>[] = Array.isArray(this.sd.differential?.element) ? this.sd.differential.element : [];
    if (this.specialization && diff[0]?.path) this.root.name = String(diff[0].path).split('.')[0]!;
    const ids = elementIds(diff);
    diff.forEach((d, i) => {
      this.diffIndex = i;
      this.diffId = ids[i]!;
      const segs = idSegments(this.renamed(ids[i]!), d.path);
      this.checkElement(d, segs);
      const node = this.locate(segs, d);
      if (node) this.merge(node, d);
    });
    this.diffIndex = -1;
    this.finish(this.root, '');
    const snapshot = serializeTree(this.root);
    // Every element says where it was first defined; new elements of a specialization (and elements of old base
    // snapshots that lack it) are their own base (https://hl7.org/fhir/R4/elementdefinition-definitions.html#ElementDefinition.base).
    for (const el of snapshot) if (!el.base) el.base = { path: el.path, min: el.min ?? 0, max: el.max ?? '*' };
    return { snapshot, issues: this.issues };
  }

  private loadBase(): PristineTree | undefined {
    const baseUrl = this.sd.baseDefinition;
    if (typeof baseUrl !== 'string' || !baseUrl) {
      this.report(snapshotRules.baseNotFound, 'noBase', { url: this.url });
      return undefined;
    }
    const base = this.ctx.resolve(baseUrl);
    const tree = base ? pristineTreeOf(base) : undefined;
    if (!tree) this.report(snapshotRules.baseNotFound, 'missing', { url: this.url, base: baseUrl });
    return tree;
  }

  /** Applies slice-name corrections to the id of a later element under a corrected slice. */
  private renamed(id: string): string {
    for (const [from, to] of this.sliceRenames) {
      if (id.startsWith(`${from}.`) || id.startsWith(`${from}/`)) return to + id.slice(from.length);
    }
    return id;
  }

  /**
   * Checks on the differential element itself, before it is applied. An id whose slice name differs from the
   * element's sliceName is read with the sliceName (as HL7's path-driven generator does), with a warning.
   */
  private checkElement(d: Record<string, any>, segs: IdSegment[]): void {
    if (segs.length === 1 && Array.isArray(d.type) && d.type.length > 0) {
      this.report(snapshotRules.typeNotAllowed, 'rootType', { id: this.diffId });
    }
    const last = segs[segs.length - 1]!;
    if (last.slice === undefined || d.sliceName === last.slice) return;
    if (typeof d.sliceName === 'string' && d.sliceName) {
      this.report(snapshotRules.slicing, 'sliceNameMismatch', { id: this.diffId, slice: last.slice, sliceName: d.sliceName }, 'warning');
      const from = segs.map((x) => (x.slice === undefined ? x.name : `${x.name}:${x.slice}`)).join('.');
      last.slice = d.sliceName;
      this.sliceRenames.set(from, segs.map((x) => (x.slice === undefined ? x.name : `${x.name}:${x.slice}`)).join('.'));
    } else {
      this.report(snapshotRules.slicing, 'sliceNameMismatch', { id: this.diffId, slice: last.slice, sliceName: '' });
    }
  }

  private readonly report: Reporter = <M extends string>(rule: Rule<M>, messageId: M, data: Record<string, string | number>, severity?: Severity) => {
    const location = { source: this.url, ...(this.diffIndex >= 0 ? { expression: `StructureDefinition.differential.element[${this.diffIndex}]` } : {}) };
    const profile = this.sd.version ? `${this.url}|${this.sd.version}` : this.url;
    this.issues.push(rule.issue({ messageId, data, location, profile, ...(severity ? { severity } : {}), ...(this.diffId ? { elementId: this.diffId } : {}) }));
  };

  private st(node: SnapNode): NodeState {
    let s = this.state.get(node);
    if (!s) this.state.set(node, (s = {}));
    return s;
  }

  /** Finds (creating slices as needed) the working node a differential element constrains. */
  private locate(segs: IdSegment[], d: Record<string, any>): SnapNode | undefined {
    const first = segs[0]!;
    if (first.name !== this.root.name) {
      this.report(snapshotRules.unmatchedElement, 'noRoot', { id: this.diffId, root: this.root.name });
      return undefined;
    }
    let node = this.root;
    let parentId = this.root.name;
    let insideSlice = false;
    for (let k = 1; k < segs.length; k++) {
      const seg = segs[k]!;
      const last = k === segs.length - 1;
      if (!this.expand(node, seg.name, parentId)) return undefined;
      let child = node.children.find((c) => c.name === seg.name);
      let sliceName = seg.slice;
      let shorthandType: string | undefined;
      if (!child) {
        const sh = this.shorthand(node, seg.name);
        if (sh) {
          child = sh.head;
          if (sliceName === undefined && sh.head.slices.some((s) => s.sliceName === seg.name)) {
            sliceName = seg.name; // the base already has this type slice
          } else if (sliceName === undefined && this.shorthandIsSlice(sh.head, sh.code, insideSlice)) {
            sliceName = seg.name;
            shorthandType = sh.code;
          }
        } else if (this.specialization && last) {
          child = this.newElement(node, seg.name, d);
        } else {
          this.report(snapshotRules.unmatchedElement, 'noSuchElement', {
            id: this.diffId, name: seg.name, parent: parentId, base: String(this.sd.baseDefinition),
          });
          return undefined;
        }
      }
      parentId = `${parentId}.${seg.name}`;
      node = child;
      if (sliceName !== undefined) {
        insideSlice = true;
        node = this.slice(node, sliceName, last ? d : undefined, shorthandType);
        parentId = `${parentId}:${sliceName}`;
      }
    }
    return node;
  }

  /** `valueQuantity` → the `value[x]` child allowing Quantity. */
  private shorthand(node: SnapNode, name: string): { head: SnapNode; code: string } | undefined {
    for (const c of node.children) {
      if (!c.name.endsWith('[x]')) continue;
      for (const t of Array.isArray(c.el.type) ? c.el.type : []) {
        const code = effectiveCode(t);
        if (choiceJsonName(c.name, code) === name) return { head: c, code };
      }
    }
    return undefined;
  }

  /**
   * How the R4 publication reads a shorthand choice name (`valueQuantity`, https://hl7.org/fhir/R4/profiling.html#choice):
   * inside a slice it narrows `value[x]` itself to that type; elsewhere it is a type slice `value[x]:valueQuantity`
   * (and value[x] is closed to the slices' types, see finishSlicing). A name for the only type left is the element.
   */
  private shorthandIsSlice(head: SnapNode, code: string, insideSlice: boolean): boolean {
    const types: any[] = Array.isArray(head.el.type) ? head.el.type : [];
    if (types.length === 1 && effectiveCode(types[0]) === code) return false;
    if (!insideSlice || this.choiceShorthand === 'current') return true;
    head.el.type = types.filter((t) => effectiveCode(t) === code);
    return false;
  }

  /** Finds or creates slice `name` (`a/b` = re-slice b of slice a) of `head`. */
  private slice(head: SnapNode, name: string, d: Record<string, any> | undefined, shorthandType: string | undefined): SnapNode {
    const parts = name.split('/');
    let owner = head;
    for (let j = 0; j < parts.length; j++) {
      const full = parts.slice(0, j + 1).join('/');
      const own = j === parts.length - 1 ? d : undefined;
      let s = owner.slices.find((x) => x.sliceName === full);
      if (!s) {
        s = this.newSlice(owner, full, own, j === parts.length - 1 ? shorthandType : undefined);
        owner.slices.push(s);
        if (!own) this.st(s).implicit = { diffIndex: this.diffIndex };
      } else if (own) {
        delete this.st(s).implicit;
      }
      owner = s;
    }
    return owner;
  }

  /**
   * A new slice starts as the base definition of the sliced element (not the differential's changes to it) with its
   * children, min 0 unless the differential says otherwise (https://hl7.org/fhir/R4/profiling.html#slicing).
   */
  private newSlice(owner: SnapNode, name: string, d: Record<string, any> | undefined, shorthandType: string | undefined): SnapNode {
    const p = owner.pristine ?? owner;
    const s = cloneFrom(p, false);
    s.pristine = p;
    s.sliceName = name;
    delete s.el.slicing;
    delete s.el.sliceName;
    s.el.min = 0;
    const st = this.st(s);
    st.created = true;
    if (owner.pristine?.el.slicing?.rules === 'closed') {
      this.report(snapshotRules.slicing, 'closedSlicing', { id: this.diffId, slice: name });
    }
    // A type slice of a choice (`value[x]:valueQuantity`, or the shorthand `valueQuantity`) has that one type.
    const code = shorthandType ?? (owner.name.endsWith('[x]') && !d?.type ? this.typeNamedBy(owner, name) : undefined);
    if (code) {
      s.el.type = (Array.isArray(s.el.type) ? s.el.type : []).filter((t: any) => effectiveCode(t) === code);
      if (s.el.type.length === 0) s.el.type = [{ code }];
    }
    if (shorthandType) st.shorthand = true;
    return s;
  }

  private typeNamedBy(head: SnapNode, sliceName: string): string | undefined {
    const t = (Array.isArray(head.el.type) ? head.el.type : []).find((x: any) => choiceJsonName(head.name, effectiveCode(x)) === sliceName);
    return t ? effectiveCode(t) : undefined;
  }

  private newElement(parent: SnapNode, name: string, d: Record<string, any>): SnapNode {
    const node: SnapNode = { el: {}, name, children: [], slices: [] };
    if (!('min' in d)) node.el.min = 0;
    if (!('max' in d)) node.el.max = '*';
    parent.children.push(node);
    this.st(node).created = true;
    return node;
  }

  private expand(node: SnapNode, childName: string, nodeId: string): boolean {
    return expandChildren(node, childName, { ctx: this.ctx, baseTree: this.baseTree, report: this.report, diffId: this.diffId, nodeId });
  }

  private merge(node: SnapNode, d: Record<string, any>): void {
    const isExtension = isExtensionName(node.name) || (node === this.root && this.root.name === 'Extension');
    const env: MergeEnv = {
      resolve: (c) => this.ctx.resolve(c),
      profileElement: (p) => resolveProfileElement(p, this.ctx),
      report: this.report,
      profileUrl: this.url,
      elementId: this.diffId,
    };
    mergeElement(node, d, env, { isSlice: node.sliceName !== undefined, isExtension });
    if (d.type) this.st(node).typesSet = true;
    if (d.slicing) this.st(node).slicingSet = true;
  }

  /** After the differential: slicing the differential implied, and slices it used but never declared. */
  private finish(node: SnapNode, id: string): void {
    const myId = (id ? `${id}.` : '') + node.name + (node.sliceName !== undefined ? `:${node.sliceName}` : '');
    if (node.slices.length > 0 || node.el.slicing) this.finishSlicing(node, myId);
    for (const c of node.children) this.finish(c, myId);
    for (const s of node.slices) {
      const st = this.state.get(s);
      if (st?.implicit) {
        const sliceId = `${(id ? `${id}.` : '') + node.name}:${s.sliceName}`;
        this.diffIndex = st.implicit.diffIndex;
        this.diffId = sliceId;
        this.report(snapshotRules.slicing, 'sliceNotDeclared', { id: sliceId, slice: String(s.sliceName) });
        this.diffIndex = -1;
        this.diffId = '';
      }
      this.finish(s, id);
    }
  }

  private finishSlicing(head: SnapNode, id: string): void {
    const st = this.state.get(head);
    const created = head.slices.filter((s) => this.state.get(s)?.created);
    const problems = completeSlicing(head, {
      created,
      shorthand: created.some((s) => this.state.get(s)?.shorthand),
      headTypesSet: st?.typesSet === true,
      slicingSet: st?.slicingSet === true,
      choiceShorthand: this.choiceShorthand,
    });
    this.diffId = id;
    for (const p of problems) {
      if (p.messageId === 'noSlicing') this.report(snapshotRules.slicing, 'noSlicing', { id });
      else this.report(snapshotRules.slicing, 'slicesExceedMax', { id, sum: p.sum, max: p.max });
    }
    this.diffId = '';
  }
}
