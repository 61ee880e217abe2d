// Cross-version extensions (https://hl7.org/fhir/versions.html#extensions): `http://hl7.org/fhir/5.0/StructureDefinition/
// extension-<Path>` has no published StructureDefinition; it is derived from the R5 element <Path>. A primitive or
// datatype element becomes a simple extension (value[x] = its types that exist in R4, cardinality from the element); a
// backbone element becomes a complex extension with one sub-extension per child, named after the child.
import type { Definitions } from '../../packages/definitions.js';
import { buildElementTree, type ElementTree } from '../../structure/element-tree.js';
import type { Structures } from '../../structure/structures.js';

const XVER = /^http:\/\/hl7\.org\/fhir\/(\d+\.\d+)\/StructureDefinition\/extension-([A-Za-z][A-Za-z0-9]*(?:\.[A-Za-z][A-Za-z0-9]*(?:\[x\])?)*)$/;
const CORE_SD = 'http://hl7.org/fhir/StructureDefinition/';
const SKIPPED_CHILDREN = new Set(['id', 'extension', 'modifierExtension']);

export interface XverProblem {
  messageId: 'versionNotAvailable' | 'elementNotFound' | 'noR4Types';
  data: Record<string, string>;
}

export type XverResult = { tree: ElementTree } | { problem: XverProblem };

/** Is `url` a cross-version extension URL? Returns its FHIR version and element path. */
export function parseXverUrl(url: string): { version: string; path: string } | undefined {
  const m = XVER.exec(url);
  return m ? { version: m[1]!, path: m[2]! } : undefined;
}

interface Built {
  elements: Record<string, any>[];
  problem?: XverProblem;
}

/**
 * Synthesises the definition of a cross-version extension from the R5 definitions (`r5`, loaded apart from the R4
 * ones so R5 resources never shadow R4's). Only FHIR 5.0 is available.
 */
export function synthesiseXver(url: string, r5Source: Definitions | (() => Definitions | undefined) | undefined, structures: Structures): XverResult | undefined {
  const parsed = parseXverUrl(url);
  if (!parsed) return undefined;
  const { version, path } = parsed;
  // A loader is called only now, for a well-formed cross-version URL.
  const r5 = typeof r5Source !== 'function' ? r5Source : version === '5.0' ? r5Source() : undefined;
  if (version !== '5.0' || !r5) return { problem: { messageId: 'versionNotAvailable', data: { url, version } } };
  const typeName = path.split('.')[0]!;
  const sd = r5.resolve(CORE_SD + typeName);
  const elements: Record<string, any>[] = sd?.snapshot?.element ?? [];
  const el = elements.find((e) => e.path === path || e.id === path);
  if (!el) return { problem: { messageId: 'elementNotFound', data: { url, path, version } } };

  const built = buildExtension(el, elements, { id: 'Extension', path: 'Extension', url, root: true }, structures);
  if (built.problem) return { problem: { ...built.problem, data: { ...built.problem.data, url } } };
  const parentPath = path.slice(0, path.lastIndexOf('.'));
  const parentExists = parentPath && (structures.typeTree(parentPath.split('.')[0]!)?.byId.has(parentPath) ?? false);
  const def = {
    resourceType: 'StructureDefinition',
    url,
    name: `Extension_${path.replace(/[^A-Za-z0-9]/g, '_')}`,
    status: 'active',
    kind: 'complex-type',
    abstract: false,
    type: 'Extension',
    derivation: 'constraint',
    baseDefinition: `${CORE_SD}Extension`,
    context: [{ type: 'element', expression: parentExists ? parentPath : 'Element' }],
    snapshot: { element: built.elements },
    // Marks the definition as derived, so context problems are warnings as in the Java validator.
    _crossVersion: { version, path },
  };
  return { tree: buildElementTree(def) };
}

interface Place {
  id: string;
  path: string;
  /** Extension.url of this (sub-)extension. */
  url: string;
  root: boolean;
  sliceName?: string;
}

function mapTypes(el: Record<string, any>, structures: Structures): Record<string, any>[] {
  const out: Record<string, any>[] = [];
  for (const t of el.type ?? []) {
    const code = String(t.code ?? '');
    if (!code || code.startsWith('http://hl7.org/fhirpath/')) continue;
    if (!structures.typeTree(code)) continue; // e.g. CodeableReference, integer64: not in R4
    const mapped: Record<string, any> = { code };
    if (Array.isArray(t.targetProfile)) {
      const targets = t.targetProfile.filter((p: string) => {
        const name = p.startsWith(CORE_SD) ? p.slice(CORE_SD.length) : undefined;
        return name ? structures.typeTree(name) !== undefined : false;
      });
      if (targets.length) mapped.targetProfile = targets;
    }
    out.push(mapped);
  }
  return out;
}

function buildExtension(el: Record<string, any>, all: Record<string, any>[], at: Place, structures: Structures): Built {
  const children = all.filter((c) => typeof c.path === 'string' && c.path.startsWith(`${el.path}.`) && !c.path.slice(el.path.length + 1).includes('.')
    && !SKIPPED_CHILDREN.has(c.path.slice(el.path.length + 1)));
  const complex = children.length > 0;
  const out: Record<string, any>[] = [];
  const head: Record<string, any> = {
    id: at.id,
    path: at.path,
    short: el.short,
    definition: el.definition ?? el.short ?? at.url,
    min: at.root ? 0 : el.min ?? 0,
    max: at.root ? '*' : el.max ?? '*',
    base: at.root ? { path: 'Extension', min: 0, max: '*' } : { path: 'Extension.extension', min: 0, max: '*' },
    isModifier: el.isModifier === true && at.root,
  };
  if (!at.root) {
    head.sliceName = at.sliceName;
    head.type = [{ code: 'Extension' }];
  }
  out.push(head);
  out.push({
    id: `${at.id}.extension`,
    path: `${at.path}.extension`,
    min: 0,
    max: complex ? '*' : '0',
    base: { path: 'Extension.extension', min: 0, max: '*' },
    type: [{ code: 'Extension' }],
    slicing: { discriminator: [{ type: 'value', path: 'url' }], rules: 'open' },
  });
  if (complex) {
    for (const c of children) {
      const name = String(c.path.slice(el.path.length + 1)).replace('[x]', '');
      if (c.contentReference) {
        return { elements: [], problem: { messageId: 'noR4Types', data: { path: c.path, types: `contentReference ${c.contentReference}` } } };
      }
      const sub = buildExtension(c, all, { id: `${at.id}.extension:${name}`, path: `${at.path}.extension`, url: name, root: false, sliceName: name }, structures);
      if (sub.problem) return sub;
      out.push(...sub.elements);
    }
  }
  out.push({
    id: `${at.id}.url`,
    path: `${at.path}.url`,
    min: 1,
    max: '1',
    base: { path: 'Extension.url', min: 1, max: '1' },
    type: [{ code: 'uri' }],
    fixedUri: at.url,
  });
  const value: Record<string, any> = {
    id: `${at.id}.value[x]`,
    path: `${at.path}.value[x]`,
    min: complex ? 0 : 1,
    max: complex ? '0' : '1',
    base: { path: 'Extension.value[x]', min: 0, max: '1' },
  };
  if (!complex) {
    const types = mapTypes(el, structures);
    if (types.length === 0) {
      return { elements: [], problem: { messageId: 'noR4Types', data: { path: el.path, types: (el.type ?? []).map((t: any) => t.code).join(', ') } } };
    }
    value.type = types;
    if (el.binding?.valueSet && el.binding.strength) value.binding = { strength: el.binding.strength, valueSet: el.binding.valueSet };
  } else {
    value.type = structures.typeTree('Extension')?.byId.get('Extension.value[x]')?.def.type ?? [];
  }
  out.push(value);
  return { elements: out };
}
