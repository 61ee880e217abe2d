// The machine-readable copy of a report inside its HTML rendering, so `verify` can check an HTML file too.
import type { Report } from '../model/report.js';
import { canonicalJson } from './canonical-json.js';

export const EMBEDDED_REPORT_ID = 'ukcore-check-report';

/**
 * `<script type="application/json">` block holding the canonical JSON. `<`, `>`, `&` and U+2028/2029 are written
 * as \u escapes so no content can close the script element; JSON.parse restores the same values.
 */
export function embedReport(report: Report): string {
  const json = canonicalJson(report).replace(/[<>&\u2028\u2029]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`);
  return `<script type="application/json" id="${EMBEDDED_REPORT_ID}">${json}</script>`;
}

/** The parsed embedded report, or undefined when the HTML has no (readable) block. */
export function extractEmbeddedReport(html: string): unknown {
  const open = `<script type="application/json" id="${EMBEDDED_REPORT_ID}">`;
  const start = html.indexOf(open);
  if (start < 0) return undefined;
  const end = html.indexOf('</script>', start + open.length);
  if (end < 0) return undefined;
  try {
    return JSON.parse(html.slice(start + open.length, end)) as unknown;
  } catch {
    return undefined;
  }
}
