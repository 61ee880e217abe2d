// One open XML element while building FHIR JSON: the explicit stack entry that replaces call-stack recursion.

export const FrameKind = {
  /** A resource root or complex element: children become members of `obj`. */
  Complex: 0,
  /** A primitive: the value is already placed; `obj` is its lazily created `_name` companion. */
  Primitive: 1,
  /** A resource container (`contained`, `entry.resource`): `obj` becomes the one resource inside. */
  Container: 2,
  /** The narrative div: descendants are serialized, not built. */
  Xhtml: 3,
  /** An element the schema does not define: kept best-effort for the validator to report. */
  Unknown: 4,
  /** A subtree that is reported and dropped (a second resource in a container). */
  Skip: 5,
} as const;
export type FrameKind = (typeof FrameKind)[keyof typeof FrameKind];

/** Marks the children of unknown elements: the schema is not consulted below them. */
export const UNKNOWN_CONTEXT: unique symbol = Symbol('unknown-context');

export class Frame {
  /** FHIRPath segment; null for a resource inside a container (the container's segment names it). */
  segment: string | null;
  /** Index in the JSON array holding this element, or -1 when it is a single value. */
  index = -1;
  /** Where this element's JSON value sits, so it can be replaced on close (unknown elements, the div). */
  holder: Record<string, unknown> | unknown[] | null = null;
  key: string | number = '';
  /** The object that owns this element's JSON property (for primitives, where `_name` goes). */
  parentObj: Record<string, unknown> | null = null;
  /** Highest `order` among children read so far, and which element had it (element order rule). */
  maxOrder = -1;
  maxOrderName = '';
  /** Repeating primitive properties of `obj` that need null-padding or removal on close. */
  fixups: string[] | null = null;
  /** The `value` attribute: for primitives whether one was written; for unknown elements its text. */
  value: string | undefined = undefined;
  textReported = false;
  /** Containers: whether the one resource has been read. */
  filled = false;

  constructor(
    readonly kind: FrameKind,
    readonly name: string,
    readonly context: unknown,
    public obj: Record<string, unknown> | null,
    readonly pos: number,
    readonly isResource: boolean,
  ) {
    this.segment = name;
  }

  addFixup(name: string): void {
    if (!this.fixups) this.fixups = [name];
    else if (!this.fixups.includes(name)) this.fixups.push(name);
  }
}
