// Works out where an extension sits, as StructureDefinition.context needs it: the holding element's literal path from
// its resource (`Patient.telecom.system`), its logical paths in the definitions that define it (`ContactPoint.system`,
// a contentReference target such as `Questionnaire.item`) and its type. https://hl7.org/fhir/R4/defining-extensions.html#context
import type { ElementNode } from '../../structure/element-tree.js';
import { choiceJsonName } from '../../structure/element-tree.js';
import type { Structures } from '../../structure/structures.js';

/** The element an extension sits on. */
export interface ExtensionPlace {
  /** Literal path first, then logical paths, without indices. */
  paths: string[];
  /** FHIR type of the holding element: `Address`, `Patient`, `BackboneElement`, `code`, `Extension`. */
  types: string[];
  /** The holding element's JSON object (a primitive's `_name` object for primitives). */
  holder: unknown;
  /**
   * url of the extension the holder belongs to: the holder itself when it is an Extension, or the Extension whose
   * value[x] holds this extension (an extension on `valueBoolean`), which the HL7 validator also accepts for a context
   * of type `extension`.
   */
  parentExtensionUrl?: string;
}

interface Token {
  name: string;
  ofType?: string;
}

/** `Bundle.entry[0].resource.value.ofType(Quantity)` → tokens, indices dropped. */
function tokens(expression: string): Token[] {
  const out: Token[] = [];
  for (const part of expression.replace(/\[\d+\]/g, '').split('.')) {
    const m = /^ofType\(([^)]*)\)$/.exec(part);
    if (m && out.length) out[out.length - 1]!.ofType = m[1];
    else if (part) out.push({ name: part });
  }
  return out;
}

function contentTarget(node: ElementNode): ElementNode | undefined {
  const ref: unknown = node.def.contentReference;
  if (typeof ref !== 'string') return undefined;
  return node.tree.byId.get(ref.slice(ref.indexOf('#') + 1));
}

/**
 * The place of an extension whose holding element has FHIRPath `holderExpression`, `relative` named steps below a
 * resource of type `resourceType`; `holderParent` is the JSON object holding the holder (for a holder that is an
 * extension's value[x]).
 */
export function placeOf(structures: Structures, resourceType: string, holderExpression: string, relative: number, holder: unknown,
  holderParent?: unknown): ExtensionPlace {
  const steps = relative > 0 ? tokens(holderExpression).slice(-relative) : [];
  const literal = [resourceType, ...steps.map((s) => s.name)].join('.');
  const paths = [literal];
  const types: string[] = [];
  let node = structures.typeTree(resourceType)?.root;
  let type: string | undefined = resourceType;
  // The type of the element holding the holder (the one before the last step).
  let parentType: string | undefined;
  for (const step of steps) {
    if (!node) break;
    parentType = type;
    const set = structures.childrenOf(node, node.parent ? type : undefined);
    const entry = set.byJsonName.get(step.ofType ? choiceJsonName(`${step.name}[x]`, step.ofType) : step.name);
    if (!entry) {
      node = undefined;
      break;
    }
    node = entry.node;
    type = entry.typeCode ?? (node.types.length === 1 ? node.types[0]!.code : undefined);
  }
  if (node && steps.length > 0) {
    if (!paths.includes(node.path)) paths.push(node.path);
    if (node.path.endsWith('[x]')) paths.push(node.path.slice(0, -3));
    const target = contentTarget(node);
    if (target && !paths.includes(target.path)) paths.push(target.path);
  }
  if (type) types.push(type === 'Element' && node?.children.size ? 'BackboneElement' : type);
  const place: ExtensionPlace = { paths, types, holder };
  if (types.includes('Extension') && holder && typeof holder === 'object' && typeof (holder as Record<string, unknown>).url === 'string') {
    place.parentExtensionUrl = (holder as Record<string, unknown>).url as string;
  } else if (node && parentType === 'Extension' && node.name === 'value[x]' && holderParent && typeof holderParent === 'object'
    && typeof (holderParent as Record<string, unknown>).url === 'string') {
    place.parentExtensionUrl = (holderParent as Record<string, unknown>).url as string;
  }
  return place;
}
