// Discriminator paths (https://hl7.org/fhir/R4/profiling.html#discriminator): parsed once into steps and evaluated
// directly on the JSON instance, without FHIRPath: names, `$this`, `ofType(X)`, `extension('url')`, `resolve()`.
import { isPrimitiveType } from '../../structure/element-tree.js';

export type PathStep =
  | { kind: 'this' }
  | { kind: 'name'; name: string }
  | { kind: 'ofType'; type: string }
  | { kind: 'extension'; url: string }
  | { kind: 'resolve' };

/** One value reached by a path, with its FHIR type when the JSON says it (choice suffix, resourceType). */
export interface PathValue {
  value: unknown;
  type?: string;
}

const TOKEN = /^(?:\$this|resolve\(\)|ofType\(\s*([A-Za-z0-9_.:/-]+)\s*\)|extension\(\s*'([^']*)'\s*\)|extension\(\s*"([^"]*)"\s*\)|([A-Za-z_][A-Za-z0-9_]*(?:\[x\])?))/;

/** Parses a discriminator path; undefined when it uses something this evaluator does not support. */
export function parseDiscriminatorPath(path: string): PathStep[] | undefined {
  const steps: PathStep[] = [];
  let rest = path.trim();
  while (rest.length > 0) {
    const m = TOKEN.exec(rest);
    if (!m) return undefined;
    const tok = m[0];
    if (tok === '$this') steps.push({ kind: 'this' });
    else if (tok === 'resolve()') steps.push({ kind: 'resolve' });
    else if (m[1] !== undefined) steps.push({ kind: 'ofType', type: m[1].replace(/^FHIR\./, '') });
    else if (m[2] !== undefined || m[3] !== undefined) steps.push({ kind: 'extension', url: (m[2] ?? m[3])! });
    else steps.push({ kind: 'name', name: m[4]!.replace('[x]', '') });
    rest = rest.slice(tok.length);
    if (rest.startsWith('.')) rest = rest.slice(1);
    else if (rest.length > 0) return undefined;
  }
  return steps;
}

function isObject(v: unknown): v is Record<string, unknown> {
  return v !== null && typeof v === 'object' && !Array.isArray(v);
}

/** `valueQuantity` → `Quantity`, `valueString` → `string`. */
function typeFromSuffix(suffix: string): string {
  const lower = suffix.charAt(0).toLowerCase() + suffix.slice(1);
  return isPrimitiveType(lower) ? lower : suffix;
}

function push(out: PathValue[], v: unknown, type: string | undefined): void {
  if (v === undefined || v === null) return;
  if (Array.isArray(v)) {
    for (const x of v) if (x !== undefined && x !== null) out.push({ value: x, type: type ?? (isObject(x) && typeof x.resourceType === 'string' ? x.resourceType : undefined) });
  } else {
    out.push({ value: v, type: type ?? (isObject(v) && typeof v.resourceType === 'string' ? v.resourceType : undefined) });
  }
}

/** Resolves a Reference value to the resource it points at (contained or in the Bundle), if it can. */
export type ReferenceResolver = (reference: Record<string, unknown>) => Record<string, unknown> | undefined;

/** Evaluates `steps` from `start`. */
export function evaluatePath(start: PathValue, steps: PathStep[], resolve: ReferenceResolver): PathValue[] {
  let current: PathValue[] = [start];
  for (const step of steps) {
    if (step.kind === 'this') continue;
    const next: PathValue[] = [];
    for (const pv of current) {
      const v = pv.value;
      switch (step.kind) {
        case 'name': {
          if (!isObject(v)) break;
          if (v[step.name] !== undefined) {
            push(next, v[step.name], undefined);
            break;
          }
          // A choice element: `value` finds `valueQuantity`.
          for (const k in v) {
            if (k.length > step.name.length && k.startsWith(step.name) && /[A-Z]/.test(k.charAt(step.name.length))) {
              push(next, v[k], typeFromSuffix(k.slice(step.name.length)));
            }
          }
          break;
        }
        case 'ofType':
          if (pv.type === step.type) next.push(pv);
          break;
        case 'extension':
          if (isObject(v) && Array.isArray(v.extension)) {
            for (const e of v.extension) if (isObject(e) && e.url === step.url) next.push({ value: e, type: 'Extension' });
          }
          break;
        case 'resolve':
          if (isObject(v)) {
            const target = resolve(v);
            if (target) next.push({ value: target, type: typeof target.resourceType === 'string' ? target.resourceType : undefined });
          }
          break;
      }
    }
    current = next;
  }
  return current;
}
