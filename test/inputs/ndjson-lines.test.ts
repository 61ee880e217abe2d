// lineBatches against node:readline: the same lines, in order, with file line numbers, however the bytes are chunked
// (CRLF split across chunks, lone CRs, long lines over many chunks, multi-byte UTF-8 split across chunks).
import { Readable } from 'node:stream';
import { createInterface } from 'node:readline';
import { describe, expect, it } from 'vitest';
import { lineBatches } from '../../src/inputs/ndjson-lines.js';

async function viaReadline(bytes: Buffer, chunk: number): Promise<string[]> {
  const out: string[] = [];
  const rl = createInterface({ input: Readable.from(chunks(bytes, chunk)), crlfDelay: Infinity });
  for await (const line of rl) out.push(line);
  return out;
}

async function viaBatches(bytes: Buffer, chunk: number): Promise<string[]> {
  const out: string[] = [];
  for await (const b of lineBatches(Readable.from(chunks(bytes, chunk)))) {
    expect(b.firstLine).toBe(out.length + 1);
    out.push(...b.lines);
  }
  return out;
}

function* chunks(bytes: Buffer, size: number): Generator<Buffer> {
  for (let i = 0; i < bytes.length; i += size) yield bytes.subarray(i, i + size);
}

const CASES: Array<[string, string]> = [
  ['LF', 'a\nbb\n\nccc\n'],
  ['no final break', 'a\nbb'],
  ['CRLF', 'a\r\nbb\r\n\r\nccc\r\n'],
  ['lone CRs', 'a\rbb\r\rccc'],
  ['mixed', 'a\r\n\rb\n\r\nc\r'],
  ['CR at the end', 'abc\r'],
  ['two CRs at the end', 'abc\r\r'],
  ['only breaks', '\n\n\r\n\r'],
  ['empty', ''],
  ['one break', '\n'],
  ['UTF-8', '{"a":"é"}\n{"b":"日本語"}\r\n{"c":"😀"}\n'],
  ['long line', `${'x'.repeat(5000)}\n${'y'.repeat(3000)}\r\n${'z'.repeat(70)}`],
  ['invalid UTF-8', '\u00ff'],
  ['LF only, UTF-8 and long lines', `{"a":"é"}\n${'x'.repeat(300)}日本\n\n{"c":"😀"}\n${'y'.repeat(90)}\n`],
];

describe('lineBatches', () => {
  it.each(CASES)('%s: same lines as readline for every chunk size', async (_name, text) => {
    const bytes = _name === 'invalid UTF-8' ? Buffer.from([0x61, 0xc3, 0x0a, 0xe6, 0x97, 0x0d, 0x62, 0xff, 0x0a]) : Buffer.from(text);
    for (const size of [1, 2, 3, 5, 7, 64, 1 << 16]) {
      expect([size, await viaBatches(bytes, size)]).toEqual([size, await viaReadline(bytes, size)]);
    }
  });
});
