// Resolves literal references to contained resources and Bundle entries, and checks the target's type.
// https://hl7.org/fhir/R4/references.html and https://hl7.org/fhir/R4/bundle.html#references
import type { Issue } from '../../model/issue.js';
import type { PositionMap } from '../../parse/positions.js';
import type { ElementVisit } from '../structure-walker.js';
import { referenceRule } from '../bundle/bundle-rules.js';
import { containedById } from '../contained-index.js';

// `Type/id[/_history/vid]`, relative or after an absolute base (group 1). https://hl7.org/fhir/R4/references.html#literal
const RESTFUL = /^((?:https?:\/\/[^\s?#]+\/)?)([A-Z][A-Za-z]+)\/([A-Za-z0-9\-.]{1,64})(?:\/_history\/[A-Za-z0-9\-.]{1,64})?$/;
/** A conditional reference `Type?params` (transactions). */
const CONDITIONAL = /^[A-Z][A-Za-z]+\?\S+$/;

interface Entry {
  fullUrl?: string;
  resource: Record<string, unknown>;
}

/** What one input (a resource or a Bundle) offers for resolving references. */
export class ReferenceContext {
  private readonly entries: Entry[] = [];
  private readonly byFullUrl = new Map<string, Record<string, unknown>>();
  private typeIdIndex: Map<string, Record<string, unknown>[]> | undefined;
  readonly bundleType: string | undefined;

  constructor(private readonly root: Record<string, unknown>, private readonly positions: PositionMap, private readonly source: string) {
    this.bundleType = root.resourceType === 'Bundle' && typeof root.type === 'string' ? root.type : undefined;
    if (root.resourceType !== 'Bundle' || !Array.isArray(root.entry)) return;
    for (const e of root.entry as Array<Record<string, unknown> | null>) {
      const res = e?.resource;
      if (!res || typeof res !== 'object') continue;
      const fullUrl = typeof e.fullUrl === 'string' ? e.fullUrl : undefined;
      this.entries.push({ fullUrl, resource: res as Record<string, unknown> });
      if (fullUrl) this.byFullUrl.set(fullUrl, res as Record<string, unknown>);
    }
  }

  /** The fullUrl of Bundle entry `idx` (top-level entries only). */
  private fullUrlOf(segs: readonly (string | number)[]): string | undefined {
    if (this.bundleType === undefined || segs[0] !== 'entry' || typeof segs[1] !== 'number') return undefined;
    const e = (this.root.entry as Array<Record<string, unknown>>)[segs[1]];
    return typeof e?.fullUrl === 'string' ? e.fullUrl : undefined;
  }

  /** Resolves `ref` inside the Bundle; undefined when not found (or not a Bundle). */
  resolveInBundle(ref: string, segs: readonly (string | number)[]): Record<string, unknown> | undefined {
    return this.bundleMatch(ref, segs).target;
  }

  /**
   * The entry `ref` resolves to, and how many entries matched when only type and id could decide (a relative
   * reference that matches no fullUrl; more than one is ambiguous, https://hl7.org/fhir/R4/bundle.html#references).
   */
  private bundleMatch(ref: string, segs: readonly (string | number)[]): { target?: Record<string, unknown>; byTypeAndId?: number } {
    const direct = this.byFullUrl.get(ref) ?? this.byFullUrl.get(ref.replace(/\/_history\/[^/]+$/, ''));
    if (direct) return { target: direct };
    const m = RESTFUL.exec(ref);
    if (!m || m[1]) return {}; // absolute URLs only match a fullUrl exactly
    const [, , type, id] = m;
    const from = this.fullUrlOf(segs);
    const base = from && /^https?:\/\//.test(from) ? RESTFUL.exec(from)?.[1] : undefined;
    if (base) {
      const hit = this.byFullUrl.get(`${base}${type}/${id}`);
      if (hit) return { target: hit };
    }
    // A relative reference from a urn:uuid entry: match by type and id, as the HL7 validator does.
    const matches = this.byTypeAndId().get(`${type}/${id}`);
    return matches ? { target: matches[0]!, byTypeAndId: matches.length } : {};
  }

  /** Entry resources by `Type/id`, in entry order (built on first use: large Bundles resolve thousands of these). */
  private byTypeAndId(): Map<string, Record<string, unknown>[]> {
    if (!this.typeIdIndex) {
      this.typeIdIndex = new Map();
      for (const e of this.entries) {
        const { resourceType, id } = e.resource;
        if (typeof resourceType !== 'string' || typeof id !== 'string') continue;
        const key = `${resourceType}/${id}`;
        const list = this.typeIdIndex.get(key);
        if (list) list.push(e.resource);
        else this.typeIdIndex.set(key, [e.resource]);
      }
    }
    return this.typeIdIndex;
  }

  check(visit: ElementVisit, issues: Issue[]): void {
    if (visit.typeCode !== 'Reference' || !visit.value || typeof visit.value !== 'object') return;
    const refObj = visit.value as Record<string, unknown>;
    const ref = refObj.reference;
    if (typeof ref !== 'string' || ref.length === 0) return;
    const expr = `${visit.expression}.reference`;
    const report = (messageId: Parameters<typeof referenceRule.issue>[0]['messageId'], data: Record<string, string>, severity?: 'warning') => {
      const lc = this.positions.locate(this.root, [...visit.segs, 'reference']);
      issues.push(referenceRule.issue({ messageId, data, location: { source: this.source, expression: expr, ...(lc ?? {}) }, ...(severity ? { severity } : {}) }));
    };

    let target: Record<string, unknown> | undefined;
    let foundType: string | undefined;
    if (ref.startsWith('#')) {
      const container = this.containerOf(visit);
      if (ref === '#') {
        target = container;
      } else {
        target = containedById(container).get(ref.slice(1));
        if (!target) {
          report('containedNotFound', { reference: ref });
          return;
        }
      }
    } else if (ref.startsWith('urn:uuid:') || ref.startsWith('urn:oid:')) {
      if (this.bundleType !== undefined) {
        target = this.resolveInBundle(ref, visit.segs);
        if (!target && ref.startsWith('urn:uuid:')) {
          report('uuidNotFound', { reference: ref });
          return;
        }
      }
    } else {
      const m = RESTFUL.exec(ref);
      if (!m && CONDITIONAL.test(ref)) return;
      if (!m && !/^[a-z][a-z0-9+.-]*:/i.test(ref)) {
        report('invalidFormat', { reference: ref });
        return;
      }
      if (this.bundleType !== undefined) {
        const match = this.bundleMatch(ref, visit.segs);
        target = match.target;
        if (!target && (this.bundleType === 'document' || this.bundleType === 'message') && m && !m[1]) {
          report('bundleNotFound', { reference: ref, bundleType: this.bundleType });
          return;
        }
        if (match.byTypeAndId !== undefined && match.byTypeAndId > 1) report('ambiguousInBundle', { reference: ref, count: String(match.byTypeAndId) }, 'warning');
      }
      if (!target && m) foundType = m[2];
    }
    if (target && typeof target.resourceType === 'string') foundType = target.resourceType;
    if (!foundType) return;

    if (typeof refObj.type === 'string' && refObj.type !== foundType && !refObj.type.endsWith(`/${foundType}`)) {
      report('typeMismatch', { type: refObj.type, found: foundType });
    }
    const allowed = allowedTargetTypes(visit);
    if (allowed && !allowed.has(foundType)) {
      report('wrongTargetType', { reference: ref, found: foundType, allowed: [...allowed].join(', ') });
    }
  }

  /** The resource whose `contained` a '#id' reference points into: the container of the current resource. */
  private containerOf(visit: ElementVisit): Record<string, unknown> | undefined {
    const res = visit.resource;
    // Walk up: if the current resource is itself contained, its container is the one holding the list.
    const segs = visit.segs;
    const containedAt = segs.lastIndexOf('contained');
    if (containedAt > 0 || (containedAt === 0 && segs.length > 1)) {
      let cur: unknown = this.root;
      for (let i = 0; i < containedAt; i++) cur = (cur as Record<string, unknown>)?.[segs[i] as string];
      if (cur && typeof cur === 'object') return cur as Record<string, unknown>;
    }
    return res;
  }
}

const targetCache = new WeakMap<object, Set<string> | null>();

/** Allowed target resource types from Reference(targetProfile...) of the base definition; undefined = any. */
function allowedTargetTypes(visit: ElementVisit): Set<string> | undefined {
  let cached = targetCache.get(visit.node);
  if (cached === undefined) targetCache.set(visit.node, (cached = computeTargetTypes(visit) ?? null));
  return cached ?? undefined;
}

function computeTargetTypes(visit: ElementVisit): Set<string> | undefined {
  const t = visit.node.types.find((x) => x.code === 'Reference');
  if (!t || t.targetProfiles.length === 0) return undefined;
  const out = new Set<string>();
  for (const p of t.targetProfiles) {
    if (!p.startsWith('http://hl7.org/fhir/StructureDefinition/')) return undefined; // profiles: checked by profile validation
    const name = p.slice('http://hl7.org/fhir/StructureDefinition/'.length);
    if (name === 'Resource' || name === 'DomainResource') return undefined;
    out.add(name);
  }
  return out;
}
