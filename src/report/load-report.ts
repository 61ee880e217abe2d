// Reads a saved report (JSON, or the copy embedded in an HTML report) and checks it against report.schema.json.
import { readFile } from 'node:fs/promises';
import type { Report } from '../model/report.js';
import { extractEmbeddedReport } from './embedded.js';
import { formatSchemaErrors, schemaValidator } from './schemas.js';

export type LoadReportResult =
  | { ok: true; report: Report; format: 'json' | 'html'; text: string }
  | { ok: false; errors: string[] };

/** Parses report text; `format` is taken from the content (an HTML report starts with `<`). */
export function parseReportText(text: string): LoadReportResult {
  const isHtml = text.trimStart().startsWith('<');
  let value: unknown;
  if (isHtml) {
    value = extractEmbeddedReport(text);
    if (value === undefined) return { ok: false, errors: ['the HTML file has no embedded ukcore-check report'] };
  } else {
    try {
      value = JSON.parse(text) as unknown;
    } catch (err) {
      return { ok: false, errors: [`not JSON: ${(err as Error).message}`] };
    }
  }
  const validate = schemaValidator('report');
  if (!validate(value)) return { ok: false, errors: formatSchemaErrors(validate.errors).slice(0, 20) };
  return { ok: true, report: value as Report, format: isHtml ? 'html' : 'json', text };
}

/** Reads a report file; unreadable files are an error value, not an exception. */
export async function readReportFile(path: string): Promise<LoadReportResult> {
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch (err) {
    return { ok: false, errors: [`cannot read ${path}: ${(err as NodeJS.ErrnoException).code ?? (err as Error).message}`] };
  }
  return parseReportText(text);
}
