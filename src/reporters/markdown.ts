// `markdown`: the report as GitHub-flavoured Markdown: decision rule, summary, what was tested, tables.
import type { Report } from '../model/report.js';
import { reportId } from '../report/digest.js';
import { DECISION_RULE } from '../report/summarize.js';
import { escapeHtml, markdownCell as cell } from './util/escape.js';
import { commandLine, groupChecks, positionText, resourceLabel, sortIssues, STATUS_ORDER, verifyCommand } from './util/view.js';

export interface MarkdownOptions {
  /** Stop listing issues after this many rows (the GitHub job summary must stay under 1 MiB). */
  maxIssueRows?: number;
  /** Heading level of the title (1 for a document, 2 inside a job summary). */
  titleLevel?: 1 | 2;
}

const RESULT_MARK: Record<string, string> = {
  pass: '✅ pass', fail: '❌ fail', 'not-tested': '⚪ not tested', 'not-applicable': '➖ not applicable',
};

export function renderMarkdown(report: Report, opts: MarkdownOptions = {}): string {
  const h = '#'.repeat(opts.titleLevel ?? 1);
  const s = report.summary;
  const id = reportId(report);
  const out: string[] = [];
  out.push(`${h} ${cell(report.tool.name)} conformance report: ${s.verdict.toUpperCase()}`, '');
  out.push(
    `**Report** ${id} · **Tool** ${cell(`${report.tool.name} ${report.tool.version}`)} · **Run** ${report.kind} · ` +
      `**Started** ${cell(report.startedAt)} · **Finished** ${cell(report.finishedAt)}`,
    '',
  );
  out.push(`> **Decision rule.** ${escapeHtml(DECISION_RULE)}`, '');
  out.push(`${h}# Result`, '');
  out.push(`| Verdict | ${STATUS_ORDER.join(' | ')} | errors | warnings | information | not-verified bindings | resources |`);
  out.push(`|---|${STATUS_ORDER.map(() => '---:').join('|')}|---:|---:|---:|---:|---:|`);
  out.push(
    `| **${s.verdict.toUpperCase()}** | ${STATUS_ORDER.map((st) => s[st]).join(' | ')} | ${s.fatalCount + s.errorCount} | ` +
      `${s.warningCount} | ${s.informationCount} | ${s.notVerified} | ${s.resources} |`,
    '',
  );
  out.push(`${h}# What was tested`, '');
  if (report.target) {
    out.push(`- Endpoint: ${cell(report.target.baseUrl)}${report.target.software ? ` (${cell(report.target.software)})` : ''}`);
    out.push(`- CapabilityStatement SHA-256: ${cell(report.target.capabilityStatementSha256 ?? 'not recorded')}`);
    out.push('');
  }
  if (report.inputs.length > 0) {
    out.push('| File | Resources | Bytes | SHA-256 |', '|---|---:|---:|---|');
    for (const f of report.inputs) out.push(`| ${cell(f.path)} | ${f.resources} | ${f.bytes ?? ''} | ${cell(f.sha256 ?? 'not recorded')} |`);
    out.push('');
  }
  out.push(`${h}# Standards tested against`, '');
  out.push('| Package | Version | SHA-256 | Source |', '|---|---|---|---|');
  for (const p of report.packages) out.push(`| ${cell(p.id)} | ${cell(p.version)} | ${cell(p.sha256 ?? 'not recorded')} | ${cell(p.source ?? '')} |`);
  out.push('');
  if (report.requirements.length > 0) {
    out.push(`${h}# Requirements`, '', '| ID | Level | Requirement | Result | Checks |', '|---|---|---|---|---|');
    for (const r of report.requirements) {
      const checks = report.results.filter((c) => c.requirementIds.includes(r.id)).map((c) => `${c.checkId}: ${c.status}`);
      out.push(`| ${cell(r.id)} | ${r.expectation} | ${cell(r.text)} | ${RESULT_MARK[r.result ?? 'not-tested']} | ${cell(checks.join(', '))} |`);
    }
    out.push('');
  }
  out.push(`${h}# Issues`, '');
  let rows = 0;
  let hidden = 0;
  for (const [group, checks] of groupChecks(report.results)) {
    const lines: string[] = [];
    for (const check of checks) {
      for (const i of sortIssues(check.issues, check)) {
        if (opts.maxIssueRows !== undefined && rows >= opts.maxIssueRows) {
          hidden += 1;
          continue;
        }
        rows += 1;
        const where = [check.target === group ? '' : check.target.slice(group.length), resourceLabel(check)].filter(Boolean).join(' ');
        lines.push(
          `| ${positionText(i, check)} | ${i.severity}${i.baseline === 'new' ? ' (new)' : ''} | ${cell(where)} | ${cell(i.location.expression ?? '')} | ` +
            `${cell(i.message)} | ${cell(`${i.ruleId}/${i.messageId}`)} |`,
        );
      }
      if ((check.status === 'fail' || check.status === 'error') && check.issues.length === 0) {
        lines.push(`|  | ${check.status} | ${cell(check.title)} |  | ${cell(check.message ?? '')} | ${cell(check.checkId)} |`);
      }
    }
    if (lines.length === 0) continue;
    out.push(`**${cell(group)}**`, '', '| Line | Severity | Resource | Location | Message | Rule |', '|---|---|---|---|---|---|', ...lines, '');
  }
  if (rows === 0 && hidden === 0) out.push('No issues.', '');
  if (hidden > 0) out.push(`_${hidden} more issue(s) not listed here; see the full report._`, '');
  if (report.config) {
    const c = report.config;
    out.push(`${h}# Configuration`, '', `Configuration file \`${cell(c.path)}\` (sha256 ${cell(c.sha256)}).`, '');
    if (c.rules && c.rules.length > 0) {
      out.push('| Rule | Setting | Issues changed |', '|---|---|---:|');
      for (const r of c.rules) out.push(`| ${cell(r.ruleId)} | ${r.setting === 'off' ? 'off (issues dropped)' : `severity ${r.setting}`} | ${r.matched} |`);
      out.push('');
    }
  }
  if (report.waivers && report.waivers.length > 0) {
    out.push(`${h}# Waivers`, '', '| Rule | Message | Target | Location | Reason | Owner | Expires | Status | Waived issues |', '|---|---|---|---|---|---|---|---|---:|');
    for (const w of report.waivers) {
      out.push(
        `| ${cell(w.ruleId)} | ${cell(w.messageId ?? 'any')} | ${cell(w.target ?? 'any')} | ${cell(w.expression ?? 'any')} | ${cell(w.reason)} | ` +
          `${cell(w.owner)} | ${cell(w.expires)} | ${w.status} | ${w.matched} |`,
      );
    }
    out.push('');
  }
  if (report.baseline) {
    const b = report.baseline;
    out.push(`${h}# Baseline`, '', `Compared with the run started ${cell(b.startedAt)}${b.digest ? ` (sha256 ${cell(b.digest)})` : ''}: ` +
      `${b.newCount} new, ${b.unchangedCount} unchanged, ${b.fixed.length} fixed.`, '');
    if (b.fixed.length > 0) {
      out.push('| Fixed | Target | Location | Rule |', '|---|---|---|---|');
      for (const f of b.fixed) out.push(`| ${cell(f.message)} | ${cell(f.target)} | ${cell(f.expression ?? '')} | ${cell(`${f.ruleId}/${f.messageId}`)} |`);
      out.push('');
    }
  }
  out.push(`${h}# Integrity`, '');
  if (report.integrity) {
    out.push(`- SHA-256 of the canonical report: \`${report.integrity.digest}\``);
    out.push(report.integrity.signature ? `- Signed (Ed25519) by key \`${report.integrity.signature.keyFingerprint}\`` : '- Not signed');
  } else {
    out.push('This report carries no digest.');
  }
  out.push(`- Verify: <code>${escapeHtml(verifyCommand())}</code>`, `- Command: <code>${escapeHtml(commandLine(report))}</code>`, '');
  out.push(`_End of report ${id}._`, '');
  return out.join('\n');
}

export function markdown(report: Report): string {
  return renderMarkdown(report);
}
