// Source positions for parsed FHIR content: maps each object member / array item to where it was written.

/** A JSON-path-like address into the parsed value: property names and array indices. */
export type PathSegment = string | number;

export interface LineColumn {
  line: number;
  column: number;
}

/**
 * Positions are recorded per container (object or array) so they survive any consumer that walks the plain
 * JSON value. JSON parsers record byte offsets and resolve them lazily through a line table; XML parsers
 * record line/column pairs directly. Either way `encode`/`decode` hide the representation.
 */
export class PositionMap {
  private readonly members = new WeakMap<object, Map<string, number> | number[]>();
  private readonly starts = new WeakMap<object, number>();

  constructor(protected readonly decode: (pos: number) => LineColumn) {}

  /** Records where property `key` of `obj` (or item `key` of an array) starts. */
  set(container: object, key: PathSegment, pos: number): void {
    if (Array.isArray(container)) {
      let list = this.members.get(container) as number[] | undefined;
      if (!list) this.members.set(container, (list = []));
      list[key as number] = pos;
    } else {
      let map = this.members.get(container) as Map<string, number> | undefined;
      if (!map) this.members.set(container, (map = new Map()));
      map.set(String(key), pos);
    }
  }

  /** Records where a container itself starts (its `{`, `[` or element tag). */
  setStart(container: object, pos: number): void {
    this.starts.set(container, pos);
  }

  /**
   * The text a number at `root` + `path` was written as, for inputs where the parsed number may not say it: JSON text
   * with a fraction or exponent somewhere (`2.0` and `2e0` parse to 2). Undefined elsewhere (no such text, or nothing
   * to tell), so callers only look when it can matter.
   */
  numberText(_root: unknown, _path: readonly PathSegment[]): string | undefined {
    return undefined;
  }

  /** Position of `root` followed by `path`, or of the deepest ancestor that has one. */
  locate(root: unknown, path: readonly PathSegment[]): LineColumn | undefined {
    let best: number | undefined = root !== null && typeof root === 'object' ? this.starts.get(root) : undefined;
    let current: unknown = root;
    for (const seg of path) {
      if (current === null || typeof current !== 'object') break;
      const recorded = this.members.get(current);
      let pos: number | undefined;
      if (Array.isArray(recorded)) pos = recorded[seg as number];
      else if (recorded) pos = recorded.get(String(seg));
      if (pos !== undefined) best = pos;
      current = (current as Record<string, unknown>)[seg as string];
    }
    return best === undefined ? undefined : this.decode(best);
  }
}

/** Builds a decoder from byte offsets to 1-based line/column for a text. */
export function offsetDecoder(text: string, firstLine = 1): (offset: number) => LineColumn {
  let lineStarts: number[] | undefined;
  return (offset: number) => {
    if (!lineStarts) {
      lineStarts = [0];
      for (let i = text.indexOf('\n'); i !== -1; i = text.indexOf('\n', i + 1)) lineStarts.push(i + 1);
    }
    let lo = 0;
    let hi = lineStarts.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (lineStarts[mid]! <= offset) lo = mid;
      else hi = mid - 1;
    }
    return { line: lo + firstLine, column: offset - lineStarts[lo]! + 1 };
  };
}

const COLUMN_BITS = 2 ** 24;

/** Packs a line/column pair into one number (XML parsers report both directly). */
export function packLineColumn(line: number, column: number): number {
  return line * COLUMN_BITS + Math.min(column, COLUMN_BITS - 1);
}

export function unpackLineColumn(pos: number): LineColumn {
  return { line: Math.floor(pos / COLUMN_BITS), column: pos % COLUMN_BITS };
}
