// `html`: one self-contained, printable conformance report (inline CSS, no requests, no script needed).
import type { Report } from '../../model/report.js';
import { reportId } from '../../report/digest.js';
import { embedReport } from '../../report/embedded.js';
import { DECISION_RULE } from '../../report/summarize.js';
import { statusCounts, verifyCommand } from '../util/view.js';
import { reportCharts } from './charts-for-report.js';
import { baseline, evidence, notVerified, resultsByTarget, ruleSettings, waivers } from './details.js';
import { identification, mustSupportTable, requirementsMatrix, standards, summaryTable, whatWasTested } from './sections.js';
import { reportCss } from './style.js';
import { html, raw, type SafeHtml } from './template.js';

/**
 * The page forbids every fetch with a Content-Security-Policy (`default-src 'none'`, inline styles and data:
 * images only), so nothing in it, including content copied from a tested server, can make a request.
 */
export const REPORT_CSP = "default-src 'none'; style-src 'unsafe-inline'; img-src data:";

export interface HtmlOptions {
  /** Open every <details> (used for PDF, where closed expanders would hide evidence). */
  expandAll?: boolean;
}

/**
 * Deterministic: the same report always gives the same bytes (no clock, no environment), which is what lets
 * `verify` re-render an HTML report from its embedded JSON and compare.
 */
export function renderHtml(report: Report, opts: HtmlOptions = {}): string {
  const id = reportId(report);
  const s = report.summary;
  const detailOpts = { expandAll: opts.expandAll ?? false };
  const page = html`<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="${REPORT_CSP}">
<meta name="referrer" content="no-referrer">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="generator" content="${report.tool.name} ${report.tool.version}">
<title>Conformance report ${id}: ${s.verdict.toUpperCase()}</title>
<style>${raw(reportCss(id, s.verdict))}</style>
</head>
<body>
<header class="masthead"><div><h1>FHIR conformance report</h1><div class="meta">${report.kind === 'probe' ? report.target?.baseUrl ?? '' : `${report.inputs.length} file(s), ${s.resources} resource(s)`}</div></div><div class="meta mono">Report ${id}</div></header>
<section class="verdict verdict-${s.verdict}"><strong>${s.verdict.toUpperCase()}</strong>${verdictLine(report)}</section>
<div class="rule"><strong>Decision rule.</strong> ${DECISION_RULE}</div>
${identification(report)}
${whatWasTested(report)}
${standards(report)}
<section id="summary"><h2>Summary</h2>${summaryTable(report)}${reportCharts(report)}${mustSupportTable(report)}</section>
${requirementsMatrix(report)}
${resultsByTarget(report, detailOpts)}
${evidence(report, detailOpts)}
${ruleSettings(report)}${waivers(report)}
${baseline(report)}
${notVerified(report)}
${integrity(report)}
<footer class="end">End of report ${id}</footer>
${raw(embedReport(report))}
</body>
</html>
`;
  return page.value;
}

export function htmlReporter(report: Report): string {
  return renderHtml(report);
}

function verdictLine(report: Report): SafeHtml {
  const s = report.summary;
  return html`<span>${statusCounts(report)} · ${s.fatalCount + s.errorCount} error(s), ${s.warningCount} warning(s)${s.notVerified > 0 ? ` · ${s.notVerified} not verified` : ''}${report.waived?.length ? ` · ${report.waived.length} waived` : ''}</span>`;
}

function integrity(report: Report): SafeHtml {
  const i = report.integrity;
  return html`<section id="integrity"><h2>Integrity and verification</h2><dl class="fields">
<dt>Report id</dt><dd class="mono">${reportId(report)}</dd>
<dt>SHA-256 (canonical JSON)</dt><dd class="mono">${i?.digest ?? 'no digest was recorded'}</dd>
<dt>Signature</dt><dd>${i?.signature ? html`Ed25519, key <span class="mono">${i.signature.keyFingerprint}</span>` : 'not signed'}</dd>
<dt>Verify with</dt><dd><code>${verifyCommand('this-file.html')}</code>${i?.signature ? html` <span class="muted">(add <code>--key issuer-public-key.pem</code> to check who signed it)</span>` : ''}</dd>
</dl><p class="muted">This file embeds the machine-readable report it was rendered from; <code>verify</code> checks the digest and signature of that data and that this document is exactly its rendering, so any edit is detected.</p></section>`;
}
