// Reads one input file into parsed resources: JSON and XML whole, NDJSON streamed line by line.
import { createHash } from 'node:crypto';
import { readFileSync, statSync } from 'node:fs';
import type { Issue } from '../model/issue.js';
import type { ParsedResource } from '../parse/parsed-resource.js';
import { inputRule } from '../parse/parse-rules.js';
import { readJson } from '../parse/json.js';
import { readFhirXml } from '../parse/xml/index.js';
import type { XmlSchema } from '../parse/xml/xml-schema.js';
import type { InputFile } from './discover.js';
import { openNdjson, type LineBatch, type NdjsonSource } from './ndjson-lines.js';

/** Single JSON/XML documents above this size are refused (NDJSON is streamed and has no limit). */
export const MAX_DOCUMENT_BYTES = 256 * 1024 * 1024;

export interface ReadUnit {
  /** Check target: the file, or `file.ndjson:12` for an NDJSON line. */
  target: string;
  parsed?: ParsedResource;
  /** Issues when the unit could not be parsed into a resource. */
  issues: Issue[];
}

export interface FileSummary {
  path: string;
  sha256: string;
  bytes: number;
  resources: number;
}

const utf8 = new TextDecoder('utf-8', { fatal: true });

function fileIssue(source: string, messageId: Parameters<typeof inputRule.issue>[0]['messageId'], data: Record<string, string | number> = {}): Issue {
  return inputRule.issue({ messageId, data, location: { source } });
}

/**
 * Yields the resources of one input. Never throws for bad content: unreadable or malformed input becomes a
 * unit with fatal issues, so the other inputs are still checked.
 */
export async function* readInput(file: InputFile, xmlSchema: XmlSchema, summary: FileSummary): AsyncGenerator<ReadUnit> {
  const source = file.path;
  if (file.kind === 'ndjson') {
    yield* readNdjson(file.path, summary);
    return;
  }
  let bytes: Buffer;
  try {
    const size = statSync(source).size;
    if (size > MAX_DOCUMENT_BYTES) {
      summary.bytes = size;
      yield { target: source, issues: [fileIssue(source, 'tooLarge', { size, max: MAX_DOCUMENT_BYTES })] };
      return;
    }
    bytes = readFileSync(source);
  } catch (e) {
    yield { target: source, issues: [fileIssue(source, 'readError', { reason: (e as Error).message })] };
    return;
  }
  summary.bytes = bytes.length;
  summary.sha256 = createHash('sha256').update(bytes).digest('hex');
  const unit = parseDocument(bytes, source, file.kind, xmlSchema);
  if (unit.parsed) summary.resources = 1;
  yield unit;
}

/** Parses a whole JSON or XML document held in memory. */
export function parseDocument(bytes: Buffer, source: string, kind: InputFile['kind'], xmlSchema: XmlSchema): ReadUnit {
  if (bytes.length === 0) return { target: source, issues: [fileIssue(source, 'empty')] };
  if (bytes.indexOf(0) !== -1) return { target: source, issues: [fileIssue(source, 'binary')] };
  let text: string;
  try {
    text = utf8.decode(bytes);
  } catch {
    return { target: source, issues: [fileIssue(source, 'badEncoding')] };
  }
  const first = /\S/.exec(text);
  if (!first) return { target: source, issues: [fileIssue(source, 'empty')] };
  const c = first[0];
  const syntax = c === '<' ? 'xml' : c === '{' || c === '[' ? 'json' : kind === 'xml' ? 'xml' : kind === 'json' ? 'json' : undefined;
  if (syntax === 'xml') {
    const out = readFhirXml(text, source, xmlSchema);
    const parsed = out.resources[0];
    return parsed ? { target: source, parsed: { ...parsed, issues: [...out.issues, ...parsed.issues] }, issues: [] } : { target: source, issues: out.issues };
  }
  if (syntax === 'json') return jsonUnit(text, source, source, 1);
  return { target: source, issues: [fileIssue(source, 'unknownFormat', { start: JSON.stringify(text.slice(first.index, first.index + 10)) })] };
}

function jsonUnit(text: string, source: string, target: string, firstLine: number): ReadUnit {
  const r = readJson(text, source, firstLine);
  if (!r.ok) return { target, issues: r.issues };
  if (r.value === null || typeof r.value !== 'object' || Array.isArray(r.value)) {
    const found = r.value === null ? 'null' : Array.isArray(r.value) ? 'an array' : `a ${typeof r.value}`;
    return { target, issues: [...r.issues, inputRule.issue({ messageId: 'notAnObject', data: { found }, location: { source, line: firstLine, column: 1 } })] };
  }
  return {
    target,
    parsed: { value: r.value as Record<string, unknown>, positions: r.positions, source, format: 'json', issues: r.issues },
    issues: [],
  };
}

/** NDJSON (https://hl7.org/fhir/R4/nd-json.html): one resource per line, streamed so memory stays flat. */
async function* readNdjson(file: string, summary: FileSummary): AsyncGenerator<ReadUnit> {
  let count = 0;
  for await (const piece of ndjsonPieces(file, summary)) {
    if (!('lines' in piece)) {
      yield piece;
      continue;
    }
    for (let k = 0; k < piece.lines.length; k++) {
      const unit = ndjsonLineUnit(file, piece.lines[k]!, piece.firstLine + k);
      if (!unit) continue;
      if (unit.parsed) count++;
      yield unit;
    }
  }
  summary.resources = count;
}

/**
 * An NDJSON file as batches of lines, plus units for problems with the file itself (cannot be opened or read,
 * empty). Sets `bytes` and `sha256` of the summary when done; the caller counts the resources. The parallel runner
 * sends the batches to workers, which make units of them with ndjsonLineUnit.
 */
export async function* ndjsonPieces(file: string, summary: FileSummary): AsyncGenerator<LineBatch | ReadUnit> {
  let source: NdjsonSource;
  try {
    source = await openNdjson(file);
  } catch (e) {
    yield { target: file, issues: [fileIssue(file, 'readError', { reason: (e as Error).message })] };
    return;
  }
  let lines = 0;
  let failed = false;
  try {
    for await (const batch of source.batches) {
      lines += batch.lines.length;
      yield batch;
    }
  } catch (e) {
    failed = true;
    yield { target: file, issues: [fileIssue(file, 'readError', { reason: (e as Error).message })] };
  }
  // A stream that failed before its first line (e.g. not gzip data) is unreadable, not also empty.
  if (lines === 0 && !failed) yield { target: file, issues: [fileIssue(file, 'empty')] };
  const { bytes, sha256 } = source.digest();
  summary.bytes = bytes;
  summary.sha256 = sha256;
}

/** One NDJSON line as a unit (undefined for a blank line, which is skipped). Also used by the parallel workers. */
export function ndjsonLineUnit(file: string, line: string, lineNo: number): ReadUnit | undefined {
  if (line.trim() === '') return undefined;
  const target = `${file}:${lineNo}`;
  if (line.includes('\u0000')) {
    return { target, issues: [inputRule.issue({ messageId: 'binary', location: { source: file, line: lineNo, column: 1 } })] };
  }
  return jsonUnit(line, file, target, lineNo);
}
