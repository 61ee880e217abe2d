// An indexed tree over a StructureDefinition snapshot: children by name, choice names, slices, constraints.
// See https://hl7.org/fhir/R4/elementdefinition.html and https://hl7.org/fhir/R4/profiling.html#slicing

export interface TypeRef {
  code: string;
  profiles: string[];
  targetProfiles: string[];
}

export interface ConstraintDef {
  key: string;
  severity: 'error' | 'warning';
  human: string;
  expression: string;
  source?: string;
}

export interface ElementNode {
  tree: ElementTree;
  def: Record<string, any>;
  id: string;
  path: string;
  /** Last path segment: `given`, `value[x]`. */
  name: string;
  sliceName?: string;
  min: number;
  max: number;
  types: TypeRef[];
  isChoice: boolean;
  /** Named children, slices excluded, in definition order. */
  children: Map<string, ElementNode>;
  /** For a sliced element: its slices in order. */
  slices: ElementNode[];
  parent?: ElementNode;
  /** Index among its parent's children: XML order. */
  order: number;
  constraints: ConstraintDef[];
}

export interface ElementTree {
  url: string;
  version?: string;
  /** StructureDefinition.type, e.g. `Patient`, `Extension`, `string`. */
  type: string;
  kind: string;
  derivation?: string;
  sd: Record<string, any>;
  root: ElementNode;
  byId: Map<string, ElementNode>;
}

export function parseMax(max: unknown): number {
  if (max === '*') return Infinity;
  const n = typeof max === 'string' ? Number.parseInt(max, 10) : typeof max === 'number' ? max : NaN;
  return Number.isFinite(n) ? n : Infinity;
}

function typeRefs(def: Record<string, any>): TypeRef[] {
  const list = Array.isArray(def.type) ? def.type : [];
  return list.map((t: any) => ({
    code: typeCode(t),
    profiles: Array.isArray(t.profile) ? t.profile : [],
    targetProfiles: Array.isArray(t.targetProfile) ? t.targetProfile : [],
  }));
}

/** The type code, mapping FHIRPath system types on `.value`/`.id` elements back to what they are. */
function typeCode(t: any): string {
  const code = String(t.code ?? '');
  if (code.startsWith('http://hl7.org/fhirpath/System.')) {
    // The structuredefinition-fhir-type extension says which FHIR type a System type stands for (e.g. `id.value`).
    const ext = Array.isArray(t.extension)
      ? t.extension.find((e: any) => e.url === 'http://hl7.org/fhir/StructureDefinition/structuredefinition-fhir-type')
      : undefined;
    return ext?.valueUrl ?? ext?.valueUri ?? code;
  }
  return code;
}

function constraintsOf(def: Record<string, any>): ConstraintDef[] {
  const list = Array.isArray(def.constraint) ? def.constraint : [];
  const out: ConstraintDef[] = [];
  for (const c of list) {
    if (typeof c.expression !== 'string' || !c.key) continue;
    out.push({
      key: c.key,
      severity: c.severity === 'warning' ? 'warning' : 'error',
      human: c.human ?? '',
      expression: c.expression,
      source: c.source,
    });
  }
  return out;
}

/** Splits an element id into segments `name[:slice]`, keeping dots inside `[x]`-free slice names intact. */
function idSegments(id: string): string[] {
  return id.split('.');
}

/**
 * Builds the tree from `snapshot.element`. Ids are used to place elements (`Patient.identifier:nhs.system`);
 * elements without ids (very old definitions) get ids computed from their path and slice names.
 */
export function buildElementTree(sd: Record<string, any>): ElementTree {
  const elements: Record<string, any>[] = sd.snapshot?.element ?? [];
  if (elements.length === 0) throw new Error(`StructureDefinition ${sd.url} has no snapshot`);
  const byId = new Map<string, ElementNode>();
  const tree = { url: sd.url, version: sd.version, type: sd.type, kind: sd.kind, derivation: sd.derivation, sd, byId } as ElementTree;
  const currentIdForPath = new Map<string, string>();

  for (const def of elements) {
    const path: string = def.path;
    let id: string = def.id;
    if (!id) {
      const dot = path.lastIndexOf('.');
      const parentPath = dot === -1 ? '' : path.slice(0, dot);
      const parentId = parentPath ? currentIdForPath.get(parentPath) ?? parentPath : '';
      const base = (parentId ? `${parentId}.` : '') + path.slice(dot + 1);
      id = def.sliceName ? `${base}:${def.sliceName}` : base;
    }
    currentIdForPath.set(path, id);
    const segs = idSegments(id);
    const last = segs[segs.length - 1]!;
    const colon = last.indexOf(':');
    const name = colon === -1 ? last : last.slice(0, colon);
    const node: ElementNode = {
      tree,
      def,
      id,
      path,
      name,
      sliceName: def.sliceName,
      min: typeof def.min === 'number' ? def.min : 0,
      max: parseMax(def.max),
      types: typeRefs(def),
      isChoice: name.endsWith('[x]'),
      children: new Map(),
      slices: [],
      order: 0,
      constraints: constraintsOf(def),
    };
    // NOTE: R4 types Resource.id as System.String with fhir-type 'string', yet the spec and the HL7 validator hold
    // it to the `id` syntax (https://hl7.org/fhir/R4/resource.html#id).
    if (sd.kind === 'resource' && segs.length === 2 && name === 'id' && node.types[0]?.code === 'string') node.types[0].code = 'id';
    byId.set(id, node);
    if (segs.length === 1 && colon === -1) {
      tree.root = node;
      continue;
    }
    if (colon !== -1) {
      // A slice (or re-slice `a:b/c`) of the element with the same id minus the slice part.
      const slicedId = [...segs.slice(0, -1), name].join('.');
      const sliceBaseName = last.slice(colon + 1);
      const reslash = sliceBaseName.lastIndexOf('/');
      const sliced = reslash === -1 ? byId.get(slicedId) : byId.get(`${slicedId}:${sliceBaseName.slice(0, reslash)}`);
      const owner = sliced ?? byId.get(slicedId);
      if (owner) {
        node.parent = owner.parent;
        node.order = owner.order;
        owner.slices.push(node);
        continue;
      }
    }
    const parentId = segs.slice(0, -1).join('.');
    const parent = byId.get(parentId);
    if (!parent) continue; // orphan element in a broken snapshot: nothing can reach it
    node.parent = parent;
    node.order = parent.children.size;
    if (!parent.children.has(name)) parent.children.set(name, node);
  }
  if (!tree.root) throw new Error(`StructureDefinition ${sd.url} has no root element`);
  return tree;
}

const treeCache = new WeakMap<object, ElementTree>();

/** Memoized buildElementTree. */
export function elementTreeOf(sd: Record<string, any>): ElementTree {
  let tree = treeCache.get(sd);
  if (!tree) {
    tree = buildElementTree(sd);
    treeCache.set(sd, tree);
  }
  return tree;
}

export const PRIMITIVE_TYPES = new Set([
  'boolean', 'integer', 'string', 'decimal', 'uri', 'url', 'canonical', 'base64Binary', 'instant', 'date',
  'dateTime', 'time', 'code', 'oid', 'id', 'markdown', 'unsignedInt', 'positiveInt', 'uuid', 'xhtml',
]);

export function isPrimitiveType(code: string): boolean {
  return PRIMITIVE_TYPES.has(code);
}

/** `valueQuantity` is the JSON name of `value[x]` with type `Quantity` (https://hl7.org/fhir/R4/formats.html#choice). */
export function choiceJsonName(elementName: string, code: string): string {
  const base = elementName.slice(0, -3);
  return base + code.charAt(0).toUpperCase() + code.slice(1);
}
