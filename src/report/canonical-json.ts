// Canonical JSON (RFC 8785 style for our value types): sorted keys, no insignificant whitespace, so digests are stable.

type Json = null | boolean | number | string | Json[] | { [key: string]: Json };

/**
 * Serialises `value` with object keys sorted by UTF-16 code units (as RFC 8785 §3.2.3 does) and no whitespace.
 * `undefined` members are dropped and `undefined` array items become `null`, exactly as a JSON round trip would,
 * so a report digests the same before it is written and after it is read back.
 * Numbers use ECMAScript's shortest form, which is what RFC 8785 §3.2.2.3 specifies.
 */
export function canonicalJson(value: unknown): string {
  return write(value, undefined, '');
}

/** Pretty, stable JSON: sorted keys, `indent` spaces. Used for human-diffable outputs (the json reporter). */
export function stableStringify(value: unknown, indent = 2): string {
  return write(value, ' '.repeat(indent), '');
}

function write(value: unknown, indent: string | undefined, current: string): string {
  if (value === null || value === undefined) return 'null';
  switch (typeof value) {
    case 'boolean':
      return value ? 'true' : 'false';
    case 'number':
      if (!Number.isFinite(value)) throw new TypeError(`canonicalJson: non-finite number ${value}`);
      return JSON.stringify(value);
    case 'string':
      return JSON.stringify(value);
    case 'object':
      break;
    default:
      throw new TypeError(`canonicalJson: unsupported type ${typeof value}`);
  }
  const inner = indent === undefined ? undefined : current + indent;
  const open = (ch: string) => (inner === undefined ? ch : `${ch}\n${inner}`);
  const close = (ch: string) => (inner === undefined ? ch : `\n${current}${ch}`);
  const sep = inner === undefined ? ',' : `,\n${inner}`;
  if (Array.isArray(value)) {
    if (value.length === 0) return '[]';
    return open('[') + value.map((v) => write(v, indent, inner ?? '')).join(sep) + close(']');
  }
  const obj = value as Record<string, unknown>;
  const keys = Object.keys(obj).filter((k) => obj[k] !== undefined).sort(compareCodeUnits);
  if (keys.length === 0) return '{}';
  const colon = inner === undefined ? ':' : ': ';
  return (
    open('{') +
    keys.map((k) => JSON.stringify(k) + colon + write(obj[k], indent, inner ?? '')).join(sep) +
    close('}')
  );
}

function compareCodeUnits(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

export type { Json };
