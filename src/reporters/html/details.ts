// Sections of the HTML report with the findings: per-check details, evidence, waivers, baseline, terminology.
import type { Issue } from '../../model/issue.js';
import type { Report } from '../../model/report.js';
import type { CheckResult, Exchange } from '../../model/result.js';
import { NOT_VERIFIED_MESSAGE_ID, NOT_VERIFIED_RULE_ID } from '../../report/summarize.js';
import { groupChecks, positionText, resourceLabel, sortIssues } from '../util/view.js';
import { badge } from './sections.js';
import { html, type SafeHtml } from './template.js';

/** Bodies longer than this are cut in the HTML (the JSON report keeps what the run recorded). */
export const BODY_DISPLAY_LIMIT = 20_000;

export interface DetailOptions {
  /** Open every expander (for print/PDF, where a closed <details> hides its content). */
  expandAll: boolean;
}

export function resultsByTarget(report: Report, opts: DetailOptions): SafeHtml {
  const groups = [...groupChecks(report.results)];
  return html`<section id="results"><h2>Results per target and check</h2>${groups.map(
    ([group, checks]) => html`<h3>${group}</h3>${checks.map((c) => checkBlock(c, group, opts))}`,
  )}</section>`;
}

function checkBlock(check: CheckResult, group: string, opts: DetailOptions): SafeHtml {
  const sub = check.target !== group ? check.target.slice(group.length) : '';
  const who = [sub, resourceLabel(check)].filter(Boolean).join(' ');
  const counts = check.issues.length > 0 ? ` · ${check.issues.length} issue(s)` : '';
  const head = html`${badge(check.status)} <strong>${check.title}</strong> <span class="mono">${who}</span> <span class="muted">${check.checkId}${check.optional ? ' · optional' : ''}${counts}</span>`;
  const body = checkBody(check);
  if (!body) return html`<div class="check-line">${head}</div>`;
  const open = opts.expandAll || check.status === 'fail' || check.status === 'error';
  return html`<details${open ? html` open` : ''}><summary>${head}</summary>${body}</details>`;
}

function checkBody(check: CheckResult): SafeHtml | undefined {
  const parts: SafeHtml[] = [];
  if (check.message) parts.push(html`<p>${check.message}</p>`);
  if (check.resource && check.resource.profiles.length > 0) {
    parts.push(html`<p class="muted">Checked against: ${check.resource.profiles.map((p, i) => html`${i > 0 ? ', ' : ''}<code>${p}</code>`)}</p>`);
  }
  if (check.issues.length > 0) parts.push(issueTable(check.issues, check));
  if (check.exchangeIds && check.exchangeIds.length > 0) {
    parts.push(html`<p class="muted">Evidence: ${check.exchangeIds.map((x, i) => html`${i > 0 ? ', ' : ''}<a href="#ex-${x}">${x}</a>`)}</p>`);
  }
  if (check.requirementIds.length > 0) {
    parts.push(html`<p class="muted">Requirements: ${check.requirementIds.map((r, i) => html`${i > 0 ? ', ' : ''}<a href="#req-${r}">${r}</a>`)}</p>`);
  }
  return parts.length > 0 ? html`${parts}` : undefined;
}

export function issueTable(issues: Issue[], check?: CheckResult): SafeHtml {
  return html`<table><thead><tr><th>Severity</th><th>Line</th><th>FHIRPath location</th><th>Profile element</th><th>Message</th><th>Rule / message id</th></tr></thead><tbody>${sortIssues(issues, check).map(
    (i) => html`<tr><td class="sev-${i.severity}">${i.severity}${i.baseline === 'new' ? html` <span class="new">new</span>` : ''}</td><td class="num">${positionText(i, check)}</td><td class="loc mono">${i.location.expression ?? ''}</td><td class="loc mono">${i.elementId ?? ''}${i.profile && !check?.resource?.profiles.includes(i.profile) ? html`<div class="muted">${i.profile}</div>` : ''}</td><td>${i.message}${i.constraint ? html`<div class="muted mono">${i.constraint.key}: ${i.constraint.expression}</div>` : ''}</td><td class="mono">${i.ruleId}/${i.messageId}</td></tr>`,
  )}</tbody></table>`;
}

export function evidence(report: Report, opts: DetailOptions): SafeHtml {
  if (report.exchanges.length === 0) return html``;
  return html`<section id="evidence"><h2>Evidence: HTTP exchanges</h2><p class="muted">Credentials were redacted when the exchanges were recorded.</p>${report.exchanges.map((x) => exchangeBlock(x, opts))}</section>`;
}

function exchangeBlock(x: Exchange, opts: DetailOptions): SafeHtml {
  const status = x.error ? `error: ${x.error}` : x.status !== undefined ? String(x.status) : 'no response';
  return html`<details id="ex-${x.id}"${opts.expandAll ? html` open` : ''}><summary><span class="mono">${x.id}</span> <strong>${x.method}</strong> <span class="mono loc">${x.url}</span> → ${status} <span class="muted">(${x.durationMs} ms)</span></summary>
<p class="muted">Sent ${x.startedAt}</p>
${headers('Request headers', x.requestHeaders)}${body('Request body', x.requestBody)}
${x.responseHeaders ? headers('Response headers', x.responseHeaders) : ''}${body('Response body', x.responseBody, x.truncated, x.responseBytes)}</details>`;
}

function headers(title: string, h: Record<string, string>): SafeHtml {
  const names = Object.keys(h);
  if (names.length === 0) return html``;
  return html`<div><strong>${title}</strong><table><tbody>${names.map((n) => html`<tr><th class="mono">${n}</th><td class="mono loc">${h[n]}</td></tr>`)}</tbody></table></div>`;
}

function body(title: string, text: string | undefined, truncated?: boolean, bytes?: number): SafeHtml {
  if (text === undefined || text === '') return html``;
  const cut = text.length > BODY_DISPLAY_LIMIT;
  const note = [
    truncated ? `truncated when recorded${bytes !== undefined ? ` (${bytes} bytes in full)` : ''}` : '',
    cut ? `${text.length - BODY_DISPLAY_LIMIT} more characters in the JSON report` : '',
  ].filter(Boolean).join('; ');
  return html`<div><strong>${title}</strong>${note ? html` <span class="muted">(${note})</span>` : ''}<pre>${cut ? text.slice(0, BODY_DISPLAY_LIMIT) : text}</pre></div>`;
}

export function waivers(report: Report): SafeHtml {
  const list = report.waivers ?? [];
  if (list.length === 0) return html`<section id="waivers"><h2>Waivers</h2><p>No waivers were in force: every issue found is reported.</p></section>`;
  return html`<section id="waivers"><h2>Waivers</h2>
<table><thead><tr><th>Rule</th><th>Message</th><th>Target</th><th>Location</th><th>Reason</th><th>Owner</th><th>Expires</th><th>Status</th><th class="num">Issues waived</th></tr></thead><tbody>${list.map(
    (w) => html`<tr><td class="mono">${w.ruleId}</td><td class="mono">${w.messageId ?? 'any'}</td><td class="mono loc">${w.target ?? 'any'}</td><td class="mono loc">${w.expression ?? 'any'}</td><td>${w.reason}</td><td>${w.owner}</td><td>${w.expires}</td><td>${w.status}</td><td class="num">${w.matched}</td></tr>`,
  )}</tbody></table>
${report.waived && report.waived.length > 0 ? html`<h3>Waived issues</h3><table><thead><tr><th>Target</th><th>Location</th><th>Severity</th><th>Message</th><th>Rule / message id</th><th>Waiver reason</th></tr></thead><tbody>${report.waived.map(
    (w) => html`<tr><td class="mono loc">${w.target}</td><td class="mono loc">${w.issue.location.expression ?? ''}</td><td class="sev-${w.issue.severity}">${w.issue.severity}</td><td>${w.issue.message}</td><td class="mono">${w.issue.ruleId}/${w.issue.messageId}</td><td>${list[w.waiver]?.reason ?? ''}</td></tr>`,
  )}</tbody></table>` : ''}</section>`;
}

/** The configuration file's rule settings: what the buyer must know was changed from the tool's own severities. */
export function ruleSettings(report: Report): SafeHtml {
  const c = report.config;
  if (!c) return html``;
  const rules = c.rules ?? [];
  return html`<section id="configuration"><h2>Configuration</h2>
<p>Configuration file <span class="mono">${c.path}</span> (SHA-256 <span class="mono">${c.sha256}</span>).${rules.length ? '' : ' It changes no rule severities.'}</p>
${rules.length ? html`<table><thead><tr><th>Rule</th><th>Setting</th><th class="num">Issues changed</th></tr></thead><tbody>${rules.map(
    (r) => html`<tr><td class="mono">${r.ruleId}</td><td>${r.setting === 'off' ? 'off (issues dropped)' : `severity ${r.setting}`}</td><td class="num">${r.matched}</td></tr>`,
  )}</tbody></table>` : ''}</section>`;
}

export function baseline(report: Report): SafeHtml {
  const b = report.baseline;
  if (!b) return html``;
  return html`<section id="baseline"><h2>Compared with the baseline</h2>
<p>Baseline run started ${b.startedAt}${b.digest ? html` (SHA-256 <span class="mono">${b.digest}</span>)` : ''}: <strong>${b.newCount} new</strong>, ${b.unchangedCount} unchanged, ${b.fixed.length} fixed. Issues are matched by rule id, message id, resource and FHIRPath location, not by message text.</p>
${b.fixed.length > 0 ? html`<table><thead><tr><th>Fixed since the baseline</th><th>Target</th><th>Location</th><th>Rule / message id</th></tr></thead><tbody>${b.fixed.map(
    (f) => html`<tr><td>${f.message}</td><td class="mono loc">${f.target}${f.resourceType && f.resourceId ? html` (${f.resourceType}/${f.resourceId})` : ''}</td><td class="mono loc">${f.expression ?? ''}</td><td class="mono">${f.ruleId}/${f.messageId}</td></tr>`,
  )}</tbody></table>` : ''}</section>`;
}

export function notVerified(report: Report): SafeHtml {
  const items: { check: CheckResult; issue: Issue }[] = [];
  for (const check of report.results) {
    for (const issue of check.issues) {
      if (issue.ruleId === NOT_VERIFIED_RULE_ID || issue.messageId === NOT_VERIFIED_MESSAGE_ID) items.push({ check, issue });
    }
  }
  return html`<section id="not-verified"><h2>Not verified</h2>
<p><strong>${report.summary.notVerified}</strong> terminology binding(s) or other checks could not be verified (for example because no terminology server was available). They are reported as not verified, never as passed.</p>
${items.length > 0 ? html`<details${items.length <= 20 ? html` open` : ''}><summary>Where (${items.length})</summary><table><thead><tr><th>Target</th><th>FHIRPath location</th><th>Message</th></tr></thead><tbody>${items.map(
    ({ check, issue }) => html`<tr><td class="mono loc">${check.target}</td><td class="mono loc">${issue.location.expression ?? ''}</td><td>${issue.message}</td></tr>`,
  )}</tbody></table></details>` : ''}</section>`;
}
