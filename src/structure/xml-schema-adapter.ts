// Implements the XML reader's XmlSchema over the StructureDefinitions, so XML maps to FHIR JSON exactly.
import type { XmlElementInfo, XmlSchema } from '../parse/xml/xml-schema.js';
import { isPrimitiveType, type ElementNode } from './element-tree.js';
import type { Structures } from './structures.js';

interface Ctx {
  node: ElementNode;
  typeCode: string | undefined;
  isResource: boolean;
}

const NUMERIC = new Set(['integer', 'decimal', 'positiveInt', 'unsignedInt']);

export class StructureXmlSchema implements XmlSchema {
  private readonly resourceTypes: Set<string>;

  constructor(private readonly structures: Structures) {
    this.resourceTypes = structures.defs.resourceTypeNames();
  }

  resource(resourceType: string): unknown {
    if (!this.resourceTypes.has(resourceType)) return undefined;
    const tree = this.structures.typeTree(resourceType);
    return tree ? ({ node: tree.root, typeCode: resourceType, isResource: true } satisfies Ctx) : undefined;
  }

  child(context: unknown, name: string): XmlElementInfo | undefined {
    const ctx = context as Ctx;
    const children = this.structures.childrenOf(ctx.node, ctx.isResource ? undefined : ctx.typeCode);
    const entry = children.byJsonName.get(name);
    if (!entry) return undefined;
    const code = entry.typeCode;
    const baseMax = entry.node.def.base?.max ?? entry.node.def.max;
    let kind: XmlElementInfo['kind'] = 'complex';
    if (code === 'xhtml') kind = 'xhtml';
    else if (code && isPrimitiveType(code)) kind = 'primitive';
    else if (code === 'Resource' || (code && this.resourceTypes.has(code) && entry.node.children.size === 0)) kind = 'resource';
    const info: XmlElementInfo = {
      name,
      max: baseMax === '1' || baseMax === 1 || baseMax === '0' ? 'one' : 'many',
      kind,
      order: entry.node.order,
      context: { node: entry.node, typeCode: code, isResource: false } satisfies Ctx,
    };
    if (kind === 'primitive') info.jsonType = code === 'boolean' ? 'boolean' : code === 'decimal' ? 'number' : NUMERIC.has(code!) ? 'integer' : 'string';
    return info;
  }
}
