// checkBase64's regular-expression fast path against the character scan it shortcuts (the R4 rules as first
// written, kept here as the reference): the same verdict for every short string over a small alphabet and for
// random long ones. https://hl7.org/fhir/R4/datatypes.html#base64Binary
import { describe, expect, it } from 'vitest';
import { checkBase64 } from '../../src/validate/primitives/strings.js';

/** The reference scan: 'valid', 'whitespace' (valid, with whitespace between groups) or 'invalid'. */
function scan(value: string): string {
  let count = 0;
  let padding = 0;
  let ws = false;
  for (let i = 0; i < value.length; i++) {
    const c = value.charCodeAt(i);
    if (c === 32 || (c >= 9 && c <= 13)) {
      if (count % 4 !== 0) return 'invalid';
      ws = true;
    } else if (c === 61) {
      if (++padding > 2) return 'invalid';
      count++;
    } else if (/[A-Za-z0-9+/]/.test(value[i]!) && padding === 0) {
      count++;
    } else {
      return 'invalid';
    }
  }
  if (count === 0 || count % 4 !== 0) return 'invalid';
  return ws ? 'whitespace' : 'valid';
}

function verdict(value: string): string {
  const p = checkBase64(value);
  return !p ? 'valid' : p.messageId === 'base64Whitespace' ? 'whitespace' : p.messageId === 'invalidBase64' ? 'invalid' : p.messageId;
}

function* strings(alphabet: string, maxLength: number, prefix = ''): Generator<string> {
  yield prefix;
  if (prefix.length === maxLength) return;
  for (const c of alphabet) yield* strings(alphabet, maxLength, prefix + c);
}

describe('checkBase64 fast path', () => {
  it('agrees with the scan on every string of up to 8 characters over A, /, =, space, newline and !', () => {
    let n = 0;
    for (const s of strings('A/= \n!', 8)) {
      if (s === '') continue;
      if (verdict(s) !== scan(s)) expect([s, verdict(s)]).toEqual([s, scan(s)]);
      n++;
    }
    expect(n).toBeGreaterThan(1_000_000);
  });

  it('agrees with the scan on random long values (line-wrapped, padded, damaged)', () => {
    let seed = 42;
    const rand = (k: number) => ((seed = (seed * 1103515245 + 12345) % 2 ** 31) % k);
    const alphabet = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/';
    const seen = new Set<string>();
    for (let t = 0; t < 3000; t++) {
      const groups = 1 + rand(60);
      let s = '';
      for (let g = 0; g < groups; g++) {
        for (let k = 0; k < 4; k++) s += alphabet[rand(64)];
        if (rand(10) === 0) s += [' ', '\n', '\r\n', '\t'][rand(4)];
      }
      if (rand(3) === 0) s = s.slice(0, -1) + '=';
      if (rand(4) === 0) s = s.slice(0, -2) + '==';
      if (rand(5) === 0) {
        const at = rand(s.length);
        s = s.slice(0, at) + [' ', '=', '!', 'é', '\u000b'][rand(5)] + s.slice(at + 1);
      }
      seen.add(scan(s));
      expect([s, verdict(s)]).toEqual([s, scan(s)]);
    }
    expect([...seen].sort()).toEqual(['invalid', 'valid', 'whitespace']);
  });
});
