// Native implementations of invariants that run on (nearly) every element or that fhirpath.js cannot evaluate.
// Each is equivalent to its FHIRPath expression in the R4 definitions and is used only when a constraint's key AND
// expression match exactly; test/validate/native-invariants.test.ts compares them with the FHIRPath engine.
import { containedById } from './contained-index.js';

/** FHIRPath `x.exists()` for a child of a JSON object: the value or its `_x` companion (id/extensions) is there. */
function has(o: unknown, name: string): boolean {
  if (!o || typeof o !== 'object') return false;
  const r = o as Record<string, unknown>;
  const v = r[name] ?? r[`_${name}`];
  return v !== undefined && v !== null && !(Array.isArray(v) && v.length === 0);
}

function containedList(resource: Record<string, unknown>): Record<string, unknown>[] {
  return Array.isArray(resource.contained) ? (resource.contained as Record<string, unknown>[]).filter((c) => c && typeof c === 'object') : [];
}

export interface NativeInvariant {
  /** The R4 expression this replaces, verbatim. */
  expression: string;
  /** True when the invariant holds for `node`; `rootResource` is %rootResource. */
  holds(node: unknown, rootResource: Record<string, unknown>): boolean;
}

/** The hot, simple base invariants (run per Reference, Quantity, ContactPoint and resource). */
export const NATIVE_INVARIANTS: Record<string, NativeInvariant> = {
  'ref-1': {
    expression: "reference.startsWith('#').not() or (reference.substring(1).trace('url') in %rootResource.contained.id.trace('ids'))",
    holds(node, root) {
      const ref = (node as Record<string, unknown>)?.reference;
      if (typeof ref !== 'string' || !ref.startsWith('#')) return true;
      const id = ref.slice(1);
      // '#'.substring(1) is empty (FHIRPath: start outside the string), and `{} in ids` is empty, so ref-1 holds for
      // '#': a contained resource may refer to its container that way (R5 spells this out in ref-1).
      if (id === '') return true;
      return containedById(root).has(id);
    },
  },
  'dom-2': {
    expression: 'contained.contained.empty()',
    holds: (node) => containedList(node as Record<string, unknown>).every((c) => !has(c, 'contained')),
  },
  'dom-4': {
    expression: 'contained.meta.versionId.empty() and contained.meta.lastUpdated.empty()',
    holds: (node) => containedList(node as Record<string, unknown>).every((c) => !has(c.meta, 'versionId') && !has(c.meta, 'lastUpdated')),
  },
  'dom-5': {
    expression: 'contained.meta.security.empty()',
    holds: (node) => containedList(node as Record<string, unknown>).every((c) => !has(c.meta, 'security')),
  },
  'dom-6': {
    expression: 'text.`div`.exists()',
    holds: (node) => has((node as Record<string, unknown>)?.text, 'div'),
  },
  'qty-3': {
    expression: 'code.empty() or system.exists()',
    holds: (node) => !has(node, 'code') || has(node, 'system'),
  },
  // R4's `answer is Boolean` is false in fhirpath.js for a FHIR `boolean` (it tests System.Boolean), which would reject
  // every valid `exists` condition; R5 corrected the expression to `answer is boolean`, which this implements.
  // https://hl7.org/fhir/R4/questionnaire.html#invs
  'que-7': {
    expression: "operator = 'exists' implies (answer is Boolean)",
    holds(node) {
      const ew = node as Record<string, unknown>;
      if (ew?.operator !== 'exists') return true;
      const answers = Object.keys(ew).filter((k) => k.startsWith('answer') && ew[k] !== undefined && ew[k] !== null);
      // No answer at all: `answer is boolean` is empty and the invariant is not violated (answer[x] is 1..1 anyway).
      return answers.length === 0 || has(ew, 'answerBoolean');
    },
  },
  'cpt-2': {
    expression: 'value.empty() or system.exists()',
    holds: (node) => !has(node, 'value') || has(node, 'system'),
  },
  // bdl-3 and bdl-4 run once per Bundle over every entry; fhirpath.js copies its context per entry (slow on large Bundles).
  'bdl-3': {
    expression: "entry.all(request.exists() = (%resource.type = 'batch' or %resource.type = 'transaction' or %resource.type = 'history'))",
    holds: (node) => entriesAll(node, 'request', ['batch', 'transaction', 'history']),
  },
  'bdl-4': {
    expression: "entry.all(response.exists() = (%resource.type = 'batch-response' or %resource.type = 'transaction-response' or %resource.type = 'history'))",
    holds: (node) => entriesAll(node, 'response', ['batch-response', 'transaction-response', 'history']),
  },
  // fhirpath.js's isDistinct() compares every pair (a 20,000-entry Bundle took 5 s); a set of the same strings is linear.
  'bdl-7': {
    expression: "(type = 'history') or entry.where(fullUrl.exists()).select(fullUrl&resource.meta.versionId).isDistinct()",
    holds(node) {
      const b = node as Record<string, unknown>;
      if (b?.type === 'history') return true;
      const seen = new Set<string>();
      for (const e of Array.isArray(b?.entry) ? (b.entry as unknown[]) : []) {
        if (!e || typeof e !== 'object') continue;
        const entry = e as Record<string, unknown>;
        if (!has(entry, 'fullUrl') && !has(entry, '_fullUrl')) continue;
        // `&` treats an empty operand as '' (https://hl7.org/fhirpath/N1/#string-concatenation).
        const versionId = ((entry.resource as Record<string, unknown> | undefined)?.meta as Record<string, unknown> | undefined)?.versionId;
        const key = `${typeof entry.fullUrl === 'string' ? entry.fullUrl : ''}${typeof versionId === 'string' ? versionId : ''}`;
        if (seen.has(key)) return b?.type === undefined; // `{} or false` is empty, which is no violation
        seen.add(key);
      }
      return true;
    },
  },
};

/**
 * `entry.all(<part>.exists() = (%resource.type = t1 or …))` on a Bundle: every entry has `part` exactly when the
 * Bundle's type is one of `types`. Without a type the comparison is empty, and all() counts that as false.
 */
function entriesAll(node: unknown, part: 'request' | 'response', types: readonly string[]): boolean {
  const b = node as Record<string, unknown>;
  const entries = Array.isArray(b?.entry) ? (b.entry as unknown[]) : [];
  if (entries.length === 0) return true;
  if (typeof b.type !== 'string') return false;
  const wanted = types.includes(b.type);
  return entries.every((e) => has(e, part) === wanted);
}

/**
 * ele-1 `hasValue() or (children().count() > id.count())`: every element has a value or a child other than id.
 * https://hl7.org/fhir/R4/element.html#invs
 */
export function ele1(value: unknown, companion: unknown): boolean {
  if (value !== null && value !== undefined && typeof value !== 'object') return true;
  const check = (o: unknown) => {
    if (!o || typeof o !== 'object') return false;
    // As in FHIRPath, a null or an empty array is no child (the JSON shape rules report those separately).
    for (const k in o) if (k !== 'id' && has(o, k)) return true;
    return false;
  };
  return check(value) || check(companion);
}

/** ext-1 `extension.exists() != value.exists()`: an extension has either a value or nested extensions. */
export function ext1(ext: Record<string, unknown>): boolean {
  const hasExtension = Array.isArray(ext.extension) ? ext.extension.length > 0 : ext.extension !== undefined;
  let hasValue = false;
  for (const k in ext) {
    if (k.startsWith('value') || k.startsWith('_value')) {
      hasValue = true;
      break;
    }
  }
  return hasExtension !== hasValue;
}

/**
 * dom-3: every contained resource is referenced from elsewhere in the resource (or references the container with '#').
 * fhirpath.js rejects the R4 expression's `descendants().as(canonical)` on collections, so it is done here.
 * https://hl7.org/fhir/R4/domainresource.html#invs
 */
export function dom3UnreferencedIds(resource: Record<string, unknown>): string[] {
  const contained = Array.isArray(resource.contained) ? (resource.contained as Record<string, unknown>[]) : [];
  if (contained.length === 0) return [];
  // %resource.descendants() includes the contained resources themselves, so one sweep collects every '#…' value.
  const refs = new Set<string>();
  collectLocalRefs(resource, refs);
  const unreferenced: string[] = [];
  for (const c of contained) {
    const id = typeof c?.id === 'string' ? c.id : undefined;
    if (id === undefined || refs.has(`#${id}`)) continue;
    const own = new Set<string>();
    collectLocalRefs(c, own);
    if (!own.has('#')) unreferenced.push(id);
  }
  return unreferenced;
}

/**
 * `src="#id"` and `href="#id"` in narrative XHTML: local references to contained resources. The id is not empty: a
 * bare `href="#"` is a link to the top of the page, not the '#' reference to a container.
 */
const NARRATIVE_LOCAL_REF = /\s(?:src|href)\s*=\s*(?:"(#[^"]+)"|'(#[^']+)')/g;

function collectLocalRefs(v: unknown, into: Set<string>): void {
  if (typeof v === 'string') {
    if (v.charCodeAt(0) === 35) into.add(v);
  } else if (Array.isArray(v)) {
    for (const x of v) collectLocalRefs(x, into);
  } else if (v && typeof v === 'object') {
    for (const k in v) {
      const x = (v as Record<string, unknown>)[k];
      if (k !== 'div') collectLocalRefs(x, into);
      // The narrative may show a contained resource, e.g. an image held in a contained Binary (<img src="#a1"/>,
      // https://hl7.org/fhir/R4/narrative.html): that is a reference to it, so dom-3 holds.
      else if (typeof x === 'string' && x.includes('#')) for (const m of x.matchAll(NARRATIVE_LOCAL_REF)) into.add((m[1] ?? m[2])!);
    }
  }
}
