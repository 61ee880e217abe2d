// Builds the FHIR JSON form (https://hl7.org/fhir/R4/json.html) from saxes element events, on an explicit stack,
// recording positions and the findings only XML can show (order, repeats, attributes, text, namespaces).
import type { SaxesTagNS } from 'saxes';
import type { Issue } from '../../model/issue.js';
import type { Rule } from '../../rules/define-rule.js';
import { type PositionMap, packLineColumn, unpackLineColumn } from '../positions.js';
import { FHIR_NS, XHTML_NS, XMLNS_NS, XSI_NS } from './namespaces.js';
import { primitiveJsonValue } from './primitive-json.js';
import xmlAttribute from './rules/xml-attribute.js';
import xmlElementOrder from './rules/xml-element-order.js';
import xmlNamespace from './rules/xml-namespace.js';
import xmlPrimitiveValue from './rules/xml-primitive-value.js';
import xmlRepeatedElement from './rules/xml-repeated-element.js';
import xmlResourceContainer from './rules/xml-resource-container.js';
import xmlResourceType from './rules/xml-resource-type.js';
import xmlTextContent from './rules/xml-text-content.js';
import { XhtmlWriter } from './xhtml-writer.js';
import { Frame, FrameKind, UNKNOWN_CONTEXT } from './xml-frame.js';
import type { XmlElementInfo, XmlSchema } from './xml-schema.js';

type JsonObject = Record<string, unknown>;

export class FhirJsonBuilder {
  readonly issues: Issue[] = [];
  private readonly stack: Frame[] = [];
  private root: JsonObject | undefined;
  /** Elements open below the top Xhtml/Skip frame; they get no frame of their own. */
  private opaqueDepth = 0;
  private readonly xhtml = new XhtmlWriter();

  constructor(
    private readonly source: string,
    private readonly schema: XmlSchema,
    readonly positions: PositionMap,
  ) {}

  /** The resource read; only valid after the document has been read without a fatal finding. */
  result(): JsonObject {
    if (!this.root) throw new Error('FhirJsonBuilder.result() called before a root element was read');
    return this.root;
  }

  hasRoot(): boolean {
    return this.root !== undefined;
  }

  /** FHIRPath with indices of the innermost open FHIR element, e.g. `Patient.name[0].given[1]`. */
  expression(): string {
    let s = '';
    for (const f of this.stack) {
      if (f.segment === null) continue;
      s += s === '' ? f.segment : '.' + f.segment;
      if (f.index >= 0) s += '[' + f.index + ']';
    }
    return s;
  }

  open(tag: SaxesTagNS, pos: number): void {
    const top = this.stack[this.stack.length - 1];
    if (top === undefined) this.openResource(tag, pos, null);
    else if (top.kind === FrameKind.Xhtml || top.kind === FrameKind.Skip) {
      this.opaqueDepth++;
      if (top.kind === FrameKind.Xhtml) this.xhtml.open(tag);
    } else if (top.kind === FrameKind.Container) this.openContained(top, tag, pos);
    else this.openChild(top, tag, pos);
  }

  close(tag: SaxesTagNS): void {
    const top = this.stack[this.stack.length - 1]!;
    if (this.opaqueDepth > 0) {
      this.opaqueDepth--;
      if (top.kind === FrameKind.Xhtml) this.xhtml.close(tag);
      return;
    }
    this.closeFrame(top);
    this.stack.pop();
  }

  text(t: string): void {
    const top = this.stack[this.stack.length - 1];
    if (top === undefined) return;
    if (top.kind === FrameKind.Xhtml) {
      this.xhtml.text(t);
      return;
    }
    if (top.textReported || top.kind === FrameKind.Skip || top.kind === FrameKind.Unknown || isXmlWhitespace(t)) return;
    top.textReported = true;
    this.report(xmlTextContent, 'textContent', { element: top.name }, top.pos);
  }

  /** A resource: the document root, or the one child of a resource container (which becomes its object). */
  private openResource(tag: SaxesTagNS, pos: number, container: Frame | null): void {
    const name = tag.local;
    let obj: JsonObject;
    if (container) {
      obj = container.obj!;
      container.filled = true;
    } else {
      obj = {};
      this.root = obj;
    }
    obj.resourceType = name;
    this.positions.setStart(obj, pos);
    this.positions.set(obj, 'resourceType', pos);
    const context = this.schema.resource(name);
    const frame = new Frame(FrameKind.Complex, name, context ?? UNKNOWN_CONTEXT, obj, pos, true);
    if (container) frame.segment = null;
    this.stack.push(frame);
    this.checkFhirNamespace(tag, pos);
    if (context === undefined) this.report(xmlResourceType, 'unknownResourceType', { resourceType: name }, pos);
    this.readAttributes(frame, tag);
  }

  private openContained(container: Frame, tag: SaxesTagNS, pos: number): void {
    if (!container.filled) {
      this.openResource(tag, pos, container);
      return;
    }
    this.report(xmlResourceContainer, 'multipleResources', { element: container.name }, pos);
    const skip = new Frame(FrameKind.Skip, tag.local, UNKNOWN_CONTEXT, null, pos, false);
    skip.segment = null;
    this.stack.push(skip);
  }

  private openChild(parent: Frame, tag: SaxesTagNS, pos: number): void {
    const name = tag.local;
    const info = parent.context === UNKNOWN_CONTEXT ? undefined : this.schema.child(parent.context, name);
    if (info === undefined) {
      this.openUnknown(parent, tag, pos);
      return;
    }
    const parentObj = this.objectOf(parent);
    const many = info.max === 'many';
    let frame: Frame;
    let repeated: boolean;
    if (info.kind === 'primitive') {
      frame = new Frame(FrameKind.Primitive, name, info.context, null, pos, false);
      repeated = this.placePrimitive(frame, parent, parentObj, info, tag);
    } else {
      let value: unknown;
      if (info.kind === 'xhtml') {
        frame = new Frame(FrameKind.Xhtml, name, info.context, null, pos, false);
        value = ''; // replaced by the serialized div on close
      } else {
        const kind = info.kind === 'resource' ? FrameKind.Container : FrameKind.Complex;
        frame = new Frame(kind, name, info.context, {}, pos, false);
        value = frame.obj;
      }
      repeated = this.place(frame, parent, parentObj, value, many, false);
    }
    this.stack.push(frame);

    if (info.kind === 'xhtml') {
      if (tag.uri !== XHTML_NS) this.report(xmlNamespace, 'xhtmlNamespace', { namespace: tag.uri || '(none)' }, pos);
      this.xhtml.start(tag);
    } else {
      this.checkFhirNamespace(tag, pos);
    }
    if (info.order < parent.maxOrder) {
      this.report(xmlElementOrder, 'outOfOrder', { element: name, after: parent.maxOrderName }, pos);
    } else {
      parent.maxOrder = info.order;
      parent.maxOrderName = name;
    }
    if (repeated) this.report(xmlRepeatedElement, 'repeated', { element: name }, pos);
    if (mustBeAttribute(parent, name)) this.report(xmlAttribute, 'elementShouldBeAttribute', { element: name }, pos);
    if (info.kind !== 'xhtml') this.readAttributes(frame, tag);
  }

  /** Places the value attribute (if any) as the JSON primitive; id/extensions go to `_name` later. */
  private placePrimitive(frame: Frame, parent: Frame, parentObj: JsonObject, info: XmlElementInfo, tag: SaxesTagNS): boolean {
    const lexical = tag.attributes['value']?.value;
    frame.value = lexical;
    frame.parentObj = parentObj;
    const json = lexical === undefined ? undefined : primitiveJsonValue(lexical, info.jsonType);
    const repeated = this.place(frame, parent, parentObj, json, info.max === 'many', true);
    // A null placeholder keeps the value array aligned with `_name`; dropped on close if every item is null.
    if (json === undefined && frame.index >= 0) parent.addFixup(frame.name);
    return repeated;
  }

  /**
   * Unknown element: kept so the validator can report it with a location. Its JSON is its `value` string when
   * it has nothing else, otherwise an object of its attributes and children; an array if it repeats.
   */
  private openUnknown(parent: Frame, tag: SaxesTagNS, pos: number): void {
    const obj: JsonObject = {};
    const frame = new Frame(FrameKind.Unknown, tag.local, UNKNOWN_CONTEXT, obj, pos, false);
    this.place(frame, parent, this.objectOf(parent), obj, false, false);
    this.stack.push(frame);
    // Below an unknown element nothing is FHIR any more; one finding for the unknown element is enough.
    if (parent.kind !== FrameKind.Unknown) this.checkFhirNamespace(tag, pos);
    const attrs = tag.attributes;
    for (const qname in attrs) {
      const a = attrs[qname]!;
      if (a.uri === XMLNS_NS) continue;
      if (qname === 'value') frame.value = a.value;
      setProp(obj, qname, a.value);
      this.positions.set(obj, qname, pos);
    }
  }

  /**
   * Puts `value` under `name` in `parentObj` and records where `child` sits. `many` elements always go in an
   * array. A non-repeating element seen again is turned into an array holding every occurrence (so nothing is
   * lost and the validator's cardinality check also sees the count); returns true in that case.
   */
  private place(child: Frame, parent: Frame, parentObj: JsonObject, value: unknown, many: boolean, primitive: boolean): boolean {
    const name = child.name;
    if (!many) {
      const present = Object.hasOwn(parentObj, name) || (primitive && Object.hasOwn(parentObj, '_' + name));
      if (!present) {
        if (value !== undefined) {
          setProp(parentObj, name, value);
          this.positions.set(parentObj, name, child.pos);
        }
        child.holder = parentObj;
        child.key = name;
        return false;
      }
      if (!Array.isArray(parentObj[name])) this.toArray(parent, parentObj, name, primitive);
    }
    let list = Object.hasOwn(parentObj, name) ? (parentObj[name] as unknown[]) : undefined;
    if (list === undefined) {
      list = [];
      setProp(parentObj, name, list);
      this.positions.set(parentObj, name, child.pos);
    }
    const index = list.length;
    list.push(value === undefined ? null : value);
    this.positions.set(list, index, child.pos);
    child.holder = list;
    child.key = index;
    child.index = index;
    return !many;
  }

  /** Rewrites a single value (and its `_name` companion) as the first item of an array. */
  private toArray(parent: Frame, parentObj: JsonObject, name: string, primitive: boolean): void {
    const companionKey = '_' + name;
    const hasValue = Object.hasOwn(parentObj, name);
    const at = this.positions.locate(parentObj, [hasValue ? name : companionKey]);
    const pos = at ? packLineColumn(at.line, at.column) : 0;
    const list = [hasValue ? parentObj[name] : null];
    setProp(parentObj, name, list);
    this.positions.set(parentObj, name, pos);
    this.positions.set(list, 0, pos);
    if (primitive) {
      if (Object.hasOwn(parentObj, companionKey)) {
        const companions = [parentObj[companionKey]];
        setProp(parentObj, companionKey, companions);
        this.positions.set(companions, 0, pos);
      }
      parent.addFixup(name);
    }
  }

  private closeFrame(f: Frame): void {
    switch (f.kind) {
      case FrameKind.Complex:
        if (f.fixups) runFixups(f.obj!, f.fixups);
        break;
      case FrameKind.Primitive:
        this.closePrimitive(f);
        break;
      case FrameKind.Container:
        if (!f.filled) this.report(xmlResourceContainer, 'emptyContainer', { element: f.name }, f.pos);
        break;
      case FrameKind.Xhtml:
        setAt(f.holder!, f.key, this.xhtml.finish());
        break;
      case FrameKind.Unknown:
        if (f.value !== undefined && onlyKey(f.obj!, 'value')) setAt(f.holder!, f.key, f.value);
        break;
    }
  }

  /** Attaches the `_name` companion (id, extensions) aligned with the value array (https://hl7.org/fhir/R4/json.html#primitive). */
  private closePrimitive(f: Frame): void {
    const companion = f.obj;
    if (companion === null) {
      if (f.value === undefined) this.report(xmlPrimitiveValue, 'missingValue', { element: f.name }, f.pos);
      return;
    }
    if (f.fixups) runFixups(companion, f.fixups);
    const parentObj = f.parentObj!;
    const key = '_' + f.name;
    if (f.index < 0) {
      setProp(parentObj, key, companion);
      this.positions.set(parentObj, key, f.pos);
      return;
    }
    let list = Object.hasOwn(parentObj, key) ? (parentObj[key] as unknown[]) : undefined;
    if (list === undefined) {
      list = [];
      setProp(parentObj, key, list);
      this.positions.set(parentObj, key, f.pos);
    }
    while (list.length < f.index) list.push(null);
    list[f.index] = companion;
    this.positions.set(list, f.index, f.pos);
    this.stack[this.stack.length - 2]!.addFixup(f.name);
  }

  /** The object children of `frame` go into (a primitive's companion is created on first need). */
  private objectOf(frame: Frame): JsonObject {
    return (frame.obj ??= {});
  }

  /**
   * FHIR attributes (https://hl7.org/fhir/R4/xml.html): `value` on primitives, `id` on elements (not resources,
   * not resource containers), `url` on extensions; namespace declarations are always fine; `xsi:schemaLocation`
   * is a warning. Everything else, including `xml:space` and `xml:lang`, is an error: FHIR defines no meaning for them.
   */
  private readAttributes(frame: Frame, tag: SaxesTagNS): void {
    const attrs = tag.attributes;
    const element = frame.kind === FrameKind.Complex || frame.kind === FrameKind.Primitive;
    for (const qname in attrs) {
      const a = attrs[qname]!;
      if (a.uri === XMLNS_NS) continue;
      if (a.prefix === '') {
        if (qname === 'value') {
          if (frame.kind === FrameKind.Primitive) {
            if (a.value === '') this.report(xmlPrimitiveValue, 'emptyValue', { element: frame.name }, frame.pos);
            continue;
          }
          if (element && !frame.isResource) {
            this.report(xmlAttribute, 'valueOnComplex', { element: frame.name }, frame.pos);
            continue;
          }
        } else if (qname === 'id' && element && !frame.isResource) {
          const target = this.objectOf(frame);
          setProp(target, 'id', a.value);
          this.positions.set(target, 'id', frame.pos);
          continue;
        } else if (qname === 'url' && frame.kind === FrameKind.Complex && isExtensionName(frame.name) && !frame.isResource) {
          frame.obj!.url = a.value;
          this.positions.set(frame.obj!, 'url', frame.pos);
          continue;
        }
      } else if (a.uri === XSI_NS && a.local === 'schemaLocation') {
        this.report(xmlAttribute, 'schemaLocation', { element: frame.name }, frame.pos, 'warning');
        continue;
      }
      this.report(xmlAttribute, 'unexpectedAttribute', { attribute: qname, element: frame.name }, frame.pos);
    }
  }

  private checkFhirNamespace(tag: SaxesTagNS, pos: number): void {
    if (tag.uri !== FHIR_NS) this.report(xmlNamespace, 'fhirNamespace', { element: tag.local, namespace: tag.uri || '(none)' }, pos);
  }

  private report<M extends string>(
    rule: Rule<M>, messageId: M, data: Record<string, string>, pos: number, severity?: Issue['severity'],
  ): void {
    const at = unpackLineColumn(pos);
    const location = { source: this.source, expression: this.expression(), line: at.line, column: at.column };
    this.issues.push(rule.issue(severity ? { messageId, data, location, severity } : { messageId, data, location }));
  }
}

function isExtensionName(name: string): boolean {
  return name === 'extension' || name === 'modifierExtension';
}

/** Properties the XML format writes as attributes, reported when written as child elements instead. */
function mustBeAttribute(parent: Frame, name: string): boolean {
  if (parent.kind === FrameKind.Primitive) return name === 'value' || name === 'id';
  if (parent.kind !== FrameKind.Complex || parent.isResource) return false;
  return name === 'id' || (name === 'url' && isExtensionName(parent.name));
}

/** Pads `_name` arrays to the value array's length and drops value arrays that hold only nulls. */
function runFixups(obj: JsonObject, names: readonly string[]): void {
  for (const name of names) {
    const values = Object.hasOwn(obj, name) ? obj[name] : undefined;
    if (!Array.isArray(values)) continue;
    const companions = Object.hasOwn(obj, '_' + name) ? obj['_' + name] : undefined;
    if (Array.isArray(companions)) while (companions.length < values.length) companions.push(null);
    let allNull = true;
    for (const v of values) {
      if (v !== null) {
        allNull = false;
        break;
      }
    }
    if (allNull) delete obj[name];
  }
}

/** Own-property write that also works for the name `__proto__` (element names come from untrusted input). */
function setProp(obj: JsonObject, key: string, value: unknown): void {
  if (key === '__proto__') Object.defineProperty(obj, key, { value, writable: true, enumerable: true, configurable: true });
  else obj[key] = value;
}

function setAt(holder: JsonObject | unknown[], key: string | number, value: unknown): void {
  if (Array.isArray(holder)) holder[key as number] = value;
  else setProp(holder, key as string, value);
}

function onlyKey(obj: JsonObject, key: string): boolean {
  for (const k in obj) if (k !== key) return false;
  return true;
}

function isXmlWhitespace(t: string): boolean {
  for (let i = 0; i < t.length; i++) {
    const c = t.charCodeAt(i);
    if (c !== 32 && c !== 10 && c !== 9 && c !== 13) return false;
  }
  return true;
}
