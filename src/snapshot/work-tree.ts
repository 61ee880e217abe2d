// A mutable tree of ElementDefinitions (children, slices) that snapshot generation edits, then writes back in order.
// Order and ids follow https://hl7.org/fhir/R4/elementdefinition.html#id and #slicing: an element, its children,
// then its slices (each followed by its own children); ids are `parent.name:slice`, re-slices `name:slice/reslice`.

export interface SnapNode {
  /** The working ElementDefinition; `id` and `path` are recomputed from the node's place when written out. */
  el: Record<string, any>;
  /** Last path segment: `identifier`, `value[x]`. */
  name: string;
  /** `nhsNumber`, or `a/b` for a re-slice. */
  sliceName?: string;
  /** Named children in definition order (slices excluded). */
  children: SnapNode[];
  /** Slices of this element; for a slice, its re-slices. */
  slices: SnapNode[];
  /** The unedited node this one was copied from (a base-snapshot or type-snapshot node); new slices copy it. */
  pristine?: SnapNode;
  /** For pristine nodes: the tree they belong to (for contentReference look-ups). */
  tree?: PristineTree;
}

export interface PristineTree {
  /** Canonical of the definition whose snapshot this is: the `source` of its constraints that name none. */
  url?: string;
  root: SnapNode;
  /** Element id → node. */
  byId: Map<string, SnapNode>;
  /** Elements whose parent could not be found (a broken snapshot). */
  orphans: string[];
}

export interface IdSegment {
  name: string;
  slice?: string;
}

/**
 * Splits an element id into `name[:slice]` segments, one per path segment. Slice names may contain dots, so the id
 * is aligned with the path; when they cannot be aligned (a shorthand path with a slice id) the plain split wins.
 */
export function idSegments(id: string, path: string | undefined): IdSegment[] {
  const parts = id.split('.');
  let joined = parts;
  if (path) {
    const names = path.split('.');
    if (parts.length !== names.length) {
      const out: string[] = [];
      let k = 0;
      for (const p of parts) {
        const nm = names[k];
        if (out.length === 0 || (nm !== undefined && (p === nm || p.startsWith(`${nm}:`)))) {
          out.push(p);
          k++;
        } else {
          out[out.length - 1] += `.${p}`;
        }
      }
      if (out.length === names.length) joined = out;
    }
  }
  return joined.map((p) => {
    const colon = p.indexOf(':');
    return colon === -1 ? { name: p } : { name: p.slice(0, colon), slice: p.slice(colon + 1) };
  });
}

/**
 * Ids for a list of elements: the stated id, else (no id, or one that contradicts the path) one computed from the
 * path and the slice most recently opened on each ancestor path, as ids were derived before R4 made them mandatory.
 */
export function elementIds(elements: Record<string, any>[]): string[] {
  const current = new Map<string, string>();
  return elements.map((el) => {
    const path = String(el.path ?? '');
    const dot = path.lastIndexOf('.');
    let id: string;
    if (typeof el.id === 'string' && el.id && idMatchesPath(el.id, path)) {
      id = el.id;
    } else {
      const parentPath = dot === -1 ? '' : path.slice(0, dot);
      const parentId = parentPath ? idForPath(parentPath, current) : '';
      const own = path.slice(dot + 1) + (el.sliceName ? `:${el.sliceName}` : '');
      id = parentId ? `${parentId}.${own}` : own;
    }
    for (const key of [...current.keys()]) if (key.startsWith(`${path}.`)) current.delete(key);
    current.set(path, id);
    return id;
  });
}

/** An id agrees with its path when dropping its slice names gives the path (ids that do not are recomputed). */
function idMatchesPath(id: string, path: string): boolean {
  return !path || idSegments(id, path).map((s) => s.name).join('.') === path;
}

/** The id of the nearest ancestor (or self) path seen so far, extended with the rest of the path. */
function idForPath(path: string, current: Map<string, string>): string {
  let prefix = path;
  for (;;) {
    const id = current.get(prefix);
    if (id !== undefined) return id + path.slice(prefix.length);
    const dot = prefix.lastIndexOf('.');
    if (dot === -1) return path;
    prefix = prefix.slice(0, dot);
  }
}

/** Builds an immutable tree from a snapshot's elements. */
export function buildPristineTree(elements: Record<string, any>[], url?: string): PristineTree {
  const ids = elementIds(elements);
  const byId = new Map<string, SnapNode>();
  const tree: PristineTree = { root: undefined as unknown as SnapNode, byId, orphans: [] };
  if (url) tree.url = url;
  elements.forEach((el, i) => {
    const id = ids[i]!;
    const segs = idSegments(id, el.path);
    const last = segs[segs.length - 1]!;
    const node: SnapNode = { el, name: choiceName(last.name, el), children: [], slices: [], tree };
    if (last.slice !== undefined) node.sliceName = last.slice;
    if (i === 0) {
      tree.root = node;
      byId.set(id, node);
      return;
    }
    byId.set(id, node);
    const parentKey = joinSegments(segs.slice(0, -1));
    if (last.slice !== undefined) {
      const reslash = last.slice.lastIndexOf('/');
      const ownerKey = `${parentKey}.${last.name}` + (reslash === -1 ? '' : `:${last.slice.slice(0, reslash)}`);
      const owner = byId.get(ownerKey);
      if (owner) {
        owner.slices.push(node);
        return;
      }
    }
    const parent = byId.get(parentKey);
    if (parent) parent.children.push(node);
    else tree.orphans.push(id);
  });
  return tree;
}

/**
 * Snapshots made by old tools name a choice narrowed to one type by that type (`Extension.valueReference`);
 * their `base.path` still says `value[x]`, which is the name the element has everywhere else.
 */
function choiceName(name: string, el: Record<string, any>): string {
  if (name.endsWith('[x]')) return name;
  const basePath = typeof el.base?.path === 'string' ? el.base.path : '';
  const baseName = basePath.slice(basePath.lastIndexOf('.') + 1);
  return baseName.endsWith('[x]') && name.startsWith(baseName.slice(0, -3)) && name.length > baseName.length - 3 ? baseName : name;
}

function joinSegments(segs: IdSegment[]): string {
  return segs.map((s) => (s.slice === undefined ? s.name : `${s.name}:${s.slice}`)).join('.');
}

/** A working copy of a pristine node and its children (and, if asked, its slices), linked back to the originals. */
export function cloneFrom(p: SnapNode, withSlices: boolean): SnapNode {
  const node: SnapNode = {
    el: structuredClone(p.el),
    name: p.name,
    children: p.children.map((c) => cloneFrom(c, true)),
    slices: withSlices ? p.slices.map((s) => cloneFrom(s, true)) : [],
    pristine: p,
  };
  if (p.sliceName !== undefined) node.sliceName = p.sliceName;
  const source = p.tree?.url;
  if (source && Array.isArray(node.el.constraint)) {
    for (const c of node.el.constraint) if (c && !c.source) c.source = source;
  }
  return node;
}

/** Writes the tree out in snapshot order with ids and paths computed from each node's place. */
export function serializeTree(root: SnapNode): Record<string, any>[] {
  const out: Record<string, any>[] = [];
  const emit = (node: SnapNode, parentPath: string, parentId: string): void => {
    const path = parentPath ? `${parentPath}.${node.name}` : node.name;
    const id = (parentId ? `${parentId}.` : '') + node.name + (node.sliceName !== undefined ? `:${node.sliceName}` : '');
    const { id: _id, path: _path, ...rest } = node.el;
    const el: Record<string, any> = { id, path, ...rest };
    if (node.sliceName !== undefined) el.sliceName = node.sliceName;
    out.push(el);
    for (const c of node.children) emit(c, path, id);
    for (const s of node.slices) emit(s, parentPath, parentId);
  };
  emit(root, '', '');
  return out;
}
