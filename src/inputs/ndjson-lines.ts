// Splits an NDJSON byte stream into text lines, in batches of whole lines, the way node:readline splits them.
// https://hl7.org/fhir/R4/nd-json.html — one resource per line; line numbers are file line numbers.
import { createHash } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { createGunzip } from 'node:zlib';

/** Consecutive lines of a file (blank ones included, so numbering stays implicit). */
export interface LineBatch {
  /** 1-based file line number of `lines[0]`. */
  firstLine: number;
  lines: string[];
}

/** LF, CRLF and a lone CR each end a line, as in readline (https://nodejs.org/api/readline.html). */
const LINE_BREAK = /\r\n|\n|\r/;

/** Where the complete lines of `chunk` end: after its last LF, or after a CR that is not its last byte; else -1. */
function lastCut(chunk: Buffer): number {
  const lf = chunk.lastIndexOf(10);
  if (lf !== -1) return lf + 1;
  // A CR at the very end may be the first half of a CRLF split across chunks: wait for the next chunk.
  const cr = chunk.length < 2 ? -1 : chunk.lastIndexOf(13, chunk.length - 2);
  return cr === -1 ? -1 : cr + 1;
}

/**
 * The lines of `bytes`, which end with a line break. Without CRs, lines are cut at LF bytes and decoded one by one:
 * cheaper than decoding the batch and splitting the text, and an ASCII line then stays a one-byte string even when
 * another line of the batch has non-ASCII characters (JSON.parse is faster on those).
 */
function splitLines(bytes: Buffer): string[] {
  if (bytes.indexOf(13) !== -1) {
    const lines = bytes.toString('utf8').split(LINE_BREAK);
    lines.pop(); // the text ends with a line break: the last item is the empty rest
    return lines;
  }
  const lines: string[] = [];
  for (let start = 0, lf = bytes.indexOf(10); lf !== -1; start = lf + 1, lf = bytes.indexOf(10, start)) {
    lines.push(bytes.toString('utf8', start, lf));
  }
  return lines;
}

/**
 * Yields the lines of a byte stream in batches that end at chunk boundaries. Only whole lines are decoded (UTF-8
 * sequences never contain CR or LF bytes, so decoding per batch equals decoding the whole), and a long line is kept
 * as a list of chunks until its end arrives, so memory is bounded by the longest line.
 */
export async function* lineBatches(chunks: AsyncIterable<Buffer>): AsyncGenerator<LineBatch> {
  let pending: Buffer[] = [];
  let next = 1;
  for await (const chunk of chunks) {
    const cut = lastCut(chunk);
    if (cut === -1) {
      pending.push(chunk);
      continue;
    }
    let lines: string[];
    // The line that started in earlier chunks is joined on its own: copying the whole chunk with it would double the
    // bytes copied. With a CR in the chunk (rare), line ends may be CRLF pairs split across chunks: join it all.
    const firstLf = pending.length && chunk.indexOf(13) === -1 ? chunk.indexOf(10) : -1;
    if (firstLf !== -1) {
      lines = splitLines(Buffer.concat([...pending, chunk.subarray(0, firstLf + 1)]));
      for (const line of splitLines(chunk.subarray(firstLf + 1, cut))) lines.push(line);
    } else {
      const head = chunk.subarray(0, cut);
      lines = splitLines(pending.length ? Buffer.concat([...pending, head]) : head);
    }
    pending = cut < chunk.length ? [chunk.subarray(cut)] : [];
    yield { firstLine: next, lines };
    next += lines.length;
  }
  if (pending.length === 0) return;
  const rest = Buffer.concat(pending);
  if (rest.length === 0) return;
  const lines = rest.toString('utf8').split(LINE_BREAK);
  // A final line break ends the last line; it does not start an empty one (readline emits no such line).
  if (lines[lines.length - 1] === '') lines.pop();
  if (lines.length) yield { firstLine: next, lines };
}

/** An NDJSON file (gzipped when it ends in .gz) opened for reading, with its stored size and sha256 taken on the way. */
export interface NdjsonSource {
  batches: AsyncGenerator<LineBatch>;
  /** Bytes and sha256 of the file as stored; complete once `batches` is exhausted. */
  digest(): { bytes: number; sha256: string };
}

/** Opens `file`; rejects when it cannot be opened (missing, unreadable). */
export async function openNdjson(file: string): Promise<NdjsonSource> {
  const hash = createHash('sha256');
  let bytes = 0;
  const raw = createReadStream(file, { highWaterMark: 1 << 20 });
  await new Promise<void>((resolve, reject) => {
    raw.once('open', () => resolve());
    raw.once('error', reject);
  });
  let input: AsyncIterable<Buffer>;
  if (file.toLowerCase().endsWith('.gz')) {
    raw.on('data', (chunk: Buffer | string) => {
      hash.update(chunk);
      bytes += chunk.length;
    });
    input = raw.pipe(createGunzip());
  } else {
    input = (async function* () {
      for await (const chunk of raw as AsyncIterable<Buffer>) {
        hash.update(chunk);
        bytes += chunk.length;
        yield chunk;
      }
    })();
  }
  return { batches: lineBatches(input), digest: () => ({ bytes, sha256: hash.digest('hex') }) };
}
