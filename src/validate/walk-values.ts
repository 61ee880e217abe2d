// Small helpers the base walk uses on JSON values: occurrence counts, and short flat texts for messages.

/** Items of an element with a value or a companion (JSON nulls line up primitive arrays with their `_name`). */
export function occurrences(v: unknown, c: unknown): number {
  if (Array.isArray(v)) {
    let n = 0;
    for (let i = 0; i < v.length; i++) if (v[i] !== null || (Array.isArray(c) && c[i] != null)) n++;
    return n;
  }
  if (v !== undefined && v !== null) return 1;
  if (Array.isArray(c)) return c.filter((x) => x != null).length;
  return c !== undefined && c !== null ? 1 : 0;
}

export function capitalize(s: string): string {
  return s.charAt(0).toUpperCase() + s.slice(1);
}

export function jsonKind(v: unknown): string {
  if (v === null) return 'null';
  if (Array.isArray(v)) return 'an array';
  return typeof v === 'object' ? 'an object' : `a ${typeof v}`;
}

export function preview(v: unknown): string {
  const s = typeof v === 'string' ? v : JSON.stringify(v);
  // A copy, not a slice: a slice would keep a whole attachment or narrative alive for as long as the report.
  return s.length > 80 ? `${detached(s.slice(0, 77))}...` : s;
}

/** A flat copy of a short string cut from a long one (V8 slices share, and so retain, the original). */
function detached(s: string): string {
  return (` ${s}`).slice(1);
}
