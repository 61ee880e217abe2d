// `json`: the Report itself with sorted keys and two-space indentation (schemas/report.schema.json).
import type { Report } from '../model/report.js';
import { stableStringify } from '../report/canonical-json.js';

/**
 * Sorted keys make the output stable and diffable, and let `verify` check a JSON report byte for byte.
 * Rule metadata is not included: the Report must stay exactly what the digest covers.
 */
export function renderJson(report: Report): string {
  return `${stableStringify(report, 2)}\n`;
}

export function json(report: Report): string {
  return renderJson(report);
}
