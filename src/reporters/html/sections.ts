// Sections of the HTML report that describe the run: identification, what was tested, standards, requirements.
import type { Report } from '../../model/report.js';
import type { Requirement } from '../../model/result.js';
import { reportId } from '../../report/digest.js';
import { commandLine, STATUS_ORDER } from '../util/view.js';
import { mustSupportCoverage } from './charts-for-report.js';
import { html, type SafeHtml } from './template.js';

const RESULT_LABEL: Record<NonNullable<Requirement['result']>, string> = {
  pass: 'pass', fail: 'fail', 'not-tested': 'not tested', 'not-applicable': 'not applicable',
};
const LEVEL_ORDER: Requirement['expectation'][] = ['SHALL', 'SHOULD', 'MAY', 'SHOULD-NOT'];

export function badge(status: string, label = status): SafeHtml {
  return html`<span class="badge b-${status}">${label}</span>`;
}

export function identification(report: Report): SafeHtml {
  const ms = Date.parse(report.finishedAt) - Date.parse(report.startedAt);
  const duration = Number.isFinite(ms) ? `${(ms / 1000).toFixed(1)} s` : 'unknown';
  return html`<section id="identification"><h2>Report identification</h2><dl class="fields">
<dt>Report id</dt><dd class="mono">${reportId(report)}</dd>
<dt>Kind of run</dt><dd>${report.kind === 'probe' ? 'Live server probe' : 'File validation'}</dd>
<dt>Tool</dt><dd>${report.tool.name} ${report.tool.version}</dd>
<dt>Report format</dt><dd>schemaVersion ${report.schemaVersion}</dd>
<dt>Started (UTC)</dt><dd>${report.startedAt}</dd>
<dt>Finished (UTC)</dt><dd>${report.finishedAt}</dd>
<dt>Run time</dt><dd>${duration}</dd>
<dt>Command line</dt><dd><code>${commandLine(report)}</code> <span class="muted">(secrets removed)</span></dd>
</dl><p class="muted">The results relate only to the items tested, at the time and with the configuration stated in this report.</p></section>`;
}

export function whatWasTested(report: Report): SafeHtml {
  const target = report.target
    ? html`<dl class="fields"><dt>Endpoint</dt><dd class="mono">${report.target.baseUrl}</dd>
${report.target.software ? html`<dt>Software</dt><dd>${report.target.software}</dd>` : ''}
<dt>CapabilityStatement SHA-256</dt><dd class="mono">${report.target.capabilityStatementSha256 ?? 'not recorded'}</dd></dl>`
    : '';
  const files = report.inputs.length > 0
    ? html`<table><thead><tr><th>File</th><th class="num">Resources</th><th class="num">Bytes</th><th>SHA-256</th></tr></thead><tbody>${report.inputs.map(
        (f) => html`<tr><td><code>${f.path}</code></td><td class="num">${f.resources}</td><td class="num">${f.bytes ?? ''}</td><td class="mono">${f.sha256 ?? 'not recorded'}</td></tr>`,
      )}</tbody></table>`
    : '';
  return html`<section id="tested"><h2>What was tested</h2>${target}${files}${!target && !files ? html`<p>No inputs were recorded.</p>` : ''}</section>`;
}

export function standards(report: Report): SafeHtml {
  const sets = new Map<string, Record<string, number>>();
  for (const r of report.requirements) {
    const key = r.source ?? 'requirements without a stated source';
    const counts = sets.get(key) ?? {};
    counts[r.expectation] = (counts[r.expectation] ?? 0) + 1;
    sets.set(key, counts);
  }
  return html`<section id="standards"><h2>Standards tested against</h2>
<table><thead><tr><th>Package</th><th>Version</th><th>SHA-256</th><th>Source</th></tr></thead><tbody>${report.packages.map(
    (p) => html`<tr><td class="nowrap"><code>${p.id}</code></td><td>${p.version}</td><td class="mono">${p.sha256 ?? 'not recorded'}</td><td>${p.source ?? ''}</td></tr>`,
  )}</tbody></table>
${sets.size > 0 ? html`<h3>Requirement sets</h3><table><thead><tr><th>Source</th><th>Requirements</th></tr></thead><tbody>${[...sets.entries()].map(
    ([src, counts]) => html`<tr><td class="loc">${src}</td><td>${LEVEL_ORDER.filter((l) => counts[l]).map((l) => `${counts[l]} ${l}`).join(', ')}</td></tr>`,
  )}</tbody></table>` : ''}</section>`;
}

export function summaryTable(report: Report): SafeHtml {
  const s = report.summary;
  return html`<table><thead><tr>${STATUS_ORDER.map((st) => html`<th class="num">${st}</th>`)}<th class="num">errors</th><th class="num">warnings</th><th class="num">information</th><th class="num">resources</th><th class="num">bindings not verified</th><th class="num">waived</th></tr></thead>
<tbody><tr>${STATUS_ORDER.map((st) => html`<td class="num">${s[st]}</td>`)}<td class="num">${s.fatalCount + s.errorCount}</td><td class="num">${s.warningCount}</td><td class="num">${s.informationCount}</td><td class="num">${s.resources}</td><td class="num">${s.notVerified}</td><td class="num">${report.waived?.length ?? 0}</td></tr></tbody></table>`;
}

export function requirementsMatrix(report: Report): SafeHtml {
  if (report.requirements.length === 0) {
    return html`<section id="requirements"><h2>Requirements</h2><p>This run was not tied to a requirement set; see the results per resource below.</p></section>`;
  }
  const levels = LEVEL_ORDER.filter((l) => report.requirements.some((r) => r.expectation === l));
  const results = Object.keys(RESULT_LABEL) as NonNullable<Requirement['result']>[];
  const count = (l: string, res: string) => report.requirements.filter((r) => r.expectation === l && (r.result ?? 'not-tested') === res).length;
  const sorted = [...report.requirements].sort((a, b) => LEVEL_ORDER.indexOf(a.expectation) - LEVEL_ORDER.indexOf(b.expectation));
  return html`<section id="requirements"><h2>Requirements matrix</h2>
<table><thead><tr><th>Level</th>${results.map((r) => html`<th class="num">${RESULT_LABEL[r]}</th>`)}</tr></thead><tbody>${levels.map(
    (l) => html`<tr><th>${l}</th>${results.map((r) => html`<td class="num">${count(l, r)}</td>`)}</tr>`,
  )}</tbody></table>
<table><thead><tr><th>ID</th><th>Level</th><th>Requirement</th><th>Result</th><th>Checks (evidence)</th></tr></thead><tbody>${sorted.map((r) => {
    const checks = report.results.filter((c) => c.requirementIds.includes(r.id));
    const res = r.result ?? 'not-tested';
    return html`<tr id="req-${r.id}"><td class="mono">${r.source && isHttpUrl(r.source) ? html`<a href="${r.source}">${r.id}</a>` : r.id}</td><td>${r.expectation}</td><td>${r.text}</td><td>${badge(res, RESULT_LABEL[res])}</td><td>${checks.map(
      (c) => html`<div>${badge(c.status)} <span class="mono">${c.checkId}</span>${c.exchangeIds?.length ? html` <span class="muted">(${c.exchangeIds.map((x, i) => html`${i > 0 ? ', ' : ''}<a href="#ex-${x}">${x}</a>`)})</span>` : ''}</div>`,
    )}</td></tr>`;
  })}</tbody></table></section>`;
}

export function mustSupportTable(report: Report): SafeHtml {
  const rows = mustSupportCoverage(report);
  if (rows.length === 0) return html``;
  return html`<h3>Must-support coverage</h3><table><thead><tr><th>Profile</th><th class="num">Must-support elements</th><th class="num">Present in at least one instance</th></tr></thead><tbody>${rows.map(
    (r) => html`<tr><td class="loc">${r.profile}</td><td class="num">${r.elements}</td><td class="num">${r.present} (${Math.round((100 * r.present) / Math.max(1, r.elements))}%)</td></tr>`,
  )}</tbody></table>`;
}

/** Only http(s) sources become links; anything else (javascript:, data:) stays plain text. */
export function isHttpUrl(url: string): boolean {
  return /^https?:\/\//i.test(url);
}
