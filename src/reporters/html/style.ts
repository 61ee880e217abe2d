// Inline CSS for the HTML report: screen and A4 print, with the report id in a running header on every page.

/**
 * `@page` margin boxes (CSS Paged Media; Chromium ≥ 131) put the report id and page numbers on every printed page.
 * `reportId` is `UKC-` + hex digits, so it is safe inside a CSS string.
 */
export function reportCss(reportId: string, verdict: string): string {
  const id = reportId.replace(/[^A-Z0-9-]/gi, '');
  const v = verdict.replace(/[^A-Z]/gi, '').toUpperCase();
  return `
@page { size: A4; margin: 18mm 13mm 18mm 13mm;
  @top-left { content: "ukcore-check conformance report"; font: 8pt system-ui, sans-serif; color: #57606a; }
  @top-right { content: "Report ${id} \\2014  ${v}"; font: 8pt system-ui, sans-serif; color: #57606a; }
  @bottom-left { content: "Report ${id}"; font: 8pt system-ui, sans-serif; color: #57606a; }
  @bottom-right { content: "Page " counter(page) " of " counter(pages); font: 8pt system-ui, sans-serif; color: #57606a; } }
:root { --pass: #1a7f37; --fail: #cf222e; --error: #9a6700; --skip: #8c959f; --omit: #d0d7de; --ink: #1f2328; --muted: #57606a; --line: #d0d7de; }
* { box-sizing: border-box; }
html { -webkit-print-color-adjust: exact; print-color-adjust: exact; }
body { font: 14px/1.45 system-ui, -apple-system, "Segoe UI", Roboto, Arial, sans-serif; color: var(--ink); margin: 0 auto; max-width: 1100px; padding: 24px; }
h1 { font-size: 24px; margin: 0 0 4px; }
h2 { font-size: 18px; margin: 28px 0 8px; padding-bottom: 4px; border-bottom: 2px solid var(--line); break-after: avoid; }
h3 { font-size: 15px; margin: 18px 0 6px; break-after: avoid; word-break: break-all; }
.muted, .meta { color: var(--muted); }
.masthead { display: flex; justify-content: space-between; align-items: baseline; gap: 16px; flex-wrap: wrap; }
.verdict { border-radius: 8px; padding: 14px 18px; margin: 16px 0; color: #fff; break-inside: avoid; }
.verdict strong { font-size: 28px; letter-spacing: .04em; margin-right: 12px; }
.verdict-pass { background: var(--pass); } .verdict-fail { background: var(--fail); } .verdict-incomplete { background: var(--error); }
.rule { border-left: 4px solid var(--muted); background: #f6f8fa; padding: 8px 12px; margin: 8px 0 16px; break-inside: avoid; }
table { border-collapse: collapse; width: 100%; margin: 6px 0 12px; font-size: 12.5px; }
th, td { border: 1px solid var(--line); padding: 4px 6px; text-align: left; vertical-align: top; }
th { background: #f6f8fa; }
tr { break-inside: avoid; }
td.num, th.num { text-align: right; font-variant-numeric: tabular-nums; }
code, pre, .mono { font-family: ui-monospace, SFMono-Regular, Menlo, Consolas, monospace; font-size: 12px; }
td code, .loc { word-break: break-all; }
td.nowrap, td.nowrap code { white-space: nowrap; word-break: normal; }
pre { white-space: pre-wrap; word-break: break-all; background: #f6f8fa; border: 1px solid var(--line); padding: 8px; margin: 4px 0; }
dl.fields { display: grid; grid-template-columns: max-content 1fr; gap: 2px 16px; margin: 0; }
dl.fields dt { font-weight: 600; } dl.fields dd { margin: 0; word-break: break-word; }
.badge { display: inline-block; min-width: 4.2em; text-align: center; border-radius: 10px; padding: 0 8px; font-size: 12px; font-weight: 600; color: #fff; }
.b-pass { background: var(--pass); } .b-fail { background: var(--fail); } .b-error { background: var(--error); }
.b-skip { background: var(--skip); } .b-omit, .b-not-applicable { background: var(--omit); color: var(--ink); } .b-not-tested { background: var(--skip); }
.sev-fatal, .sev-error { color: var(--fail); font-weight: 600; } .sev-warning { color: var(--error); font-weight: 600; } .sev-information { color: var(--muted); }
.new { color: #8250df; font-weight: 600; }
details { border: 1px solid var(--line); border-radius: 6px; margin: 6px 0; padding: 0 10px; }
details > summary { cursor: pointer; padding: 6px 0; }
details[open] > summary { border-bottom: 1px solid var(--line); margin-bottom: 6px; }
.check-line { padding: 4px 10px; border: 1px solid var(--line); border-radius: 6px; margin: 6px 0; }
.charts { display: grid; grid-template-columns: repeat(auto-fit, minmax(420px, 1fr)); gap: 12px 24px; }
figure { margin: 0; break-inside: avoid; } figcaption { font-weight: 600; margin-bottom: 4px; }
svg text { font: 11px system-ui, sans-serif; fill: var(--ink); }
.end { margin-top: 32px; padding-top: 8px; border-top: 2px solid var(--ink); text-align: center; font-weight: 600; }
@media print {
  body { padding: 0; max-width: none; font-size: 10.5pt; }
  .charts { grid-template-columns: 1fr 1fr; }
  details { border: none; padding: 0; }
  details > summary { list-style: none; }
  a { color: inherit; text-decoration: none; }
}
`;
}
