// An index over one CodeSystem resource: concepts by code, displays, designations, properties and the hierarchy.
// See https://hl7.org/fhir/R4/codesystem.html (content, caseSensitive, concept, property).

export interface Designation {
  language?: string;
  value: string;
}

export interface ConceptEntry {
  code: string;
  display?: string;
  designations: Designation[];
  /** Property values by property code, each rendered as a string (codes, Coding.code, booleans, numbers). */
  properties: Map<string, string[]>;
  parents: Set<string>;
  children: Set<string>;
}

/** Property URIs that carry hierarchy (https://hl7.org/fhir/R4/codesystem-concept-properties.html). */
const PARENT_URIS = new Set(['http://hl7.org/fhir/concept-properties#parent', 'http://hl7.org/fhir/concept-properties#subsumedBy']);
const CHILD_URIS = new Set(['http://hl7.org/fhir/concept-properties#child']);

export class CodeSystemIndex {
  readonly url: string;
  readonly version?: string;
  /** CodeSystem.content: complete | example | fragment | not-present | supplement. */
  readonly content: string;
  /** Per R4 `caseSensitive`; when absent codes are compared exactly (the conservative reading). */
  readonly caseSensitive: boolean;
  /** Declared property codes (CodeSystem.property.code). */
  readonly declaredProperties = new Set<string>();
  private readonly concepts = new Map<string, ConceptEntry>();
  private folded?: Map<string, string>;
  private readonly descendantCache = new Map<string, Set<string>>();

  private constructor(resource: Record<string, any>) {
    this.url = String(resource.url ?? '');
    if (typeof resource.version === 'string') this.version = resource.version;
    this.content = String(resource.content ?? 'complete');
    this.caseSensitive = resource.caseSensitive !== false;
  }

  /** Builds the index; hierarchy comes from nested concepts and the parent/child/subsumedBy properties. */
  static from(resource: Record<string, any>): CodeSystemIndex {
    const index = new CodeSystemIndex(resource);
    const parentProps = new Set(['parent', 'subsumedBy']);
    const childProps = new Set(['child']);
    for (const p of asArray(resource.property)) {
      if (typeof p?.code !== 'string') continue;
      index.declaredProperties.add(p.code);
      if (PARENT_URIS.has(p.uri)) parentProps.add(p.code);
      if (CHILD_URIS.has(p.uri)) childProps.add(p.code);
    }
    index.addConcepts(asArray(resource.concept), undefined);
    // Property-declared hierarchy is resolved after all concepts are known.
    for (const entry of index.concepts.values()) {
      for (const [prop, values] of entry.properties) {
        for (const v of values) {
          if (parentProps.has(prop)) index.link(v, entry.code);
          else if (childProps.has(prop)) index.link(entry.code, v);
        }
      }
    }
    if (!index.caseSensitive) {
      index.folded = new Map();
      for (const code of index.concepts.keys()) index.folded.set(code.toLowerCase(), code);
    }
    return index;
  }

  /** True when every code of the system is present (absence of a code is then proof it is not a code). */
  get complete(): boolean {
    return this.content === 'complete';
  }

  get size(): number {
    return this.concepts.size;
  }

  codes(): IterableIterator<string> {
    return this.concepts.keys();
  }

  /** The concept for a code, honouring case sensitivity. */
  get(code: string): ConceptEntry | undefined {
    const exact = this.concepts.get(code);
    if (exact || !this.folded) return exact;
    const canonical = this.folded.get(code.toLowerCase());
    return canonical === undefined ? undefined : this.concepts.get(canonical);
  }

  /** The stored code that differs from `code` only by case (for "did you mean" hints in case-sensitive systems). */
  caseVariant(code: string): string | undefined {
    const lower = code.toLowerCase();
    for (const c of this.concepts.keys()) if (c.toLowerCase() === lower && c !== code) return c;
    return undefined;
  }

  /** All transitive descendants of a code (not including the code itself). */
  descendants(code: string): Set<string> {
    const canonical = this.get(code)?.code;
    if (canonical === undefined) return new Set();
    let out = this.descendantCache.get(canonical);
    if (out) return out;
    out = new Set();
    const queue = [canonical];
    while (queue.length > 0) {
      const next = this.concepts.get(queue.pop()!);
      for (const child of next?.children ?? []) {
        if (out.has(child) || child === canonical) continue; // cycles in hand-made hierarchies must not loop
        out.add(child);
        queue.push(child);
      }
    }
    this.descendantCache.set(canonical, out);
    return out;
  }

  /** All transitive ancestors of a code (not including the code itself). */
  ancestors(code: string): Set<string> {
    const out = new Set<string>();
    const start = this.get(code)?.code;
    if (start === undefined) return out;
    const queue = [start];
    while (queue.length > 0) {
      for (const parent of this.concepts.get(queue.pop()!)?.parents ?? []) {
        if (out.has(parent) || parent === start) continue;
        out.add(parent);
        queue.push(parent);
      }
    }
    return out;
  }

  private addConcepts(list: any[], parent: string | undefined): void {
    for (const c of list) {
      if (typeof c?.code !== 'string') continue;
      let entry = this.concepts.get(c.code);
      if (!entry) {
        entry = { code: c.code, designations: [], properties: new Map(), parents: new Set(), children: new Set() };
        this.concepts.set(c.code, entry);
      }
      if (typeof c.display === 'string' && entry.display === undefined) entry.display = c.display;
      for (const d of asArray(c.designation)) {
        if (typeof d?.value === 'string') entry.designations.push({ value: d.value, ...(typeof d.language === 'string' ? { language: d.language } : {}) });
      }
      for (const p of asArray(c.property)) {
        if (typeof p?.code !== 'string') continue;
        const v = propertyValue(p);
        if (v === undefined) continue;
        const values = entry.properties.get(p.code) ?? [];
        values.push(v);
        entry.properties.set(p.code, values);
      }
      if (parent !== undefined) this.link(parent, c.code);
      this.addConcepts(asArray(c.concept), c.code);
    }
  }

  private link(parent: string, child: string): void {
    const p = this.concepts.get(parent);
    const c = this.concepts.get(child);
    if (!p || !c || parent === child) return;
    p.children.add(child);
    c.parents.add(parent);
  }
}

/** CodeSystem.concept.property.value[x] as a string. */
function propertyValue(p: Record<string, any>): string | undefined {
  for (const key of ['valueCode', 'valueString', 'valueBoolean', 'valueInteger', 'valueDecimal', 'valueDateTime']) {
    if (p[key] !== undefined && p[key] !== null) return String(p[key]);
  }
  if (p.valueCoding && typeof p.valueCoding.code === 'string') return p.valueCoding.code;
  return undefined;
}

export function asArray(v: unknown): any[] {
  return Array.isArray(v) ? v : v === undefined || v === null ? [] : [v];
}
