// `verify <file>`: digest, signature, and that the file is exactly what ukcore-check renders from that content.
import { readFile } from 'node:fs/promises';
import { renderHtml } from '../reporters/html/html.js';
import { renderJson } from '../reporters/json.js';
import { parseReportText } from './load-report.js';
import { verifyReport, type VerifyOptions, type VerifyResult } from './verify.js';

export interface VerifyFileResult extends VerifyResult {
  format?: 'json' | 'html';
}

/**
 * Verifies a JSON report or an HTML report (through its embedded JSON). Besides digest and signature, the file
 * must be byte-for-byte the rendering of the verified content: otherwise an edit to whitespace in the JSON, or to
 * the visible text of the HTML while the embedded JSON is left alone, would go unnoticed.
 */
export async function verifyReportFile(path: string, opts: VerifyOptions = {}): Promise<VerifyFileResult> {
  let bytes: Buffer;
  try {
    bytes = await readFile(path);
  } catch (err) {
    return fail(`cannot read ${path}: ${(err as NodeJS.ErrnoException).code ?? (err as Error).message}`);
  }
  if (bytes.subarray(0, 5).toString('latin1') === '%PDF-') {
    return fail('a PDF cannot be verified directly: verify the JSON or HTML report with the same report id');
  }
  const loaded = parseReportText(bytes.toString('utf8'));
  if (!loaded.ok) return fail(...loaded.errors.map((e) => `not a valid report: ${e}`));
  const result: VerifyFileResult = { ...verifyReport(loaded.report, opts), format: loaded.format };
  const expected = loaded.format === 'html' ? renderHtml(loaded.report) : renderJson(loaded.report);
  if (!Buffer.from(expected, 'utf8').equals(bytes)) {
    result.reasons.push(
      loaded.format === 'html'
        ? `the HTML differs from the document rendered from its embedded data (edited, or made by a version other than ${loaded.report.tool.name} ${loaded.report.tool.version})`
        : 'the file differs byte-for-byte from the canonical rendering of its content (edited or re-formatted)',
    );
    result.ok = false;
  }
  return result;
}

function fail(...reasons: string[]): VerifyFileResult {
  return { ok: false, reasons, notes: [], signed: false };
}
