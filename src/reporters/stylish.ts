// `stylish`: ESLint-like console output grouped by target, with a summary line and the verdict.
import { Chalk } from 'chalk';
import type { Report } from '../model/report.js';
import type { ReporterContext } from './types.js';
import { groupChecks, plural, positionText, resourceLabel, sortIssues, statusCounts } from './util/view.js';

const SEVERITY_WORD = { fatal: 'fatal', error: 'error', warning: 'warning', information: 'info' } as const;

export function stylish(report: Report, ctx: ReporterContext): string {
  const c = new Chalk({ level: ctx.color ? 1 : 0 });
  const sev = {
    fatal: c.red.bold, error: c.red, warning: c.yellow, information: c.blue,
  } as const;
  const out: string[] = [];
  for (const [group, checks] of groupChecks(report.results)) {
    const rows: string[][] = [];
    for (const check of checks) {
      const where = check.target !== group ? check.target.slice(group.length) : '';
      const who = [where, resourceLabel(check)].filter(Boolean).join(' ');
      for (const issue of sortIssues(check.issues, check)) {
        const mark = issue.baseline === 'new' ? c.magenta(' (new)') : '';
        const loc = issue.location.expression ? c.dim(` ${oneLine(issue.location.expression)}`) : '';
        rows.push([
          positionText(issue, check),
          sev[issue.severity](SEVERITY_WORD[issue.severity]),
          `${oneLine(issue.message)}${loc}${who ? c.dim(` [${oneLine(who)}]`) : ''}${mark}`,
          c.dim(`${issue.ruleId}/${issue.messageId}`),
        ]);
      }
      if ((check.status === 'fail' || check.status === 'error') && check.issues.length === 0) {
        rows.push(['', c.red(check.status), oneLine(check.message ?? check.title), c.dim(check.checkId)]);
      }
    }
    if (rows.length === 0) continue;
    out.push(c.underline(oneLine(group)));
    const w0 = Math.max(...rows.map((r) => r[0].length));
    const w1 = Math.max(...rows.map((r) => visibleLength(r[1])));
    for (const r of rows) {
      out.push(`  ${r[0].padEnd(w0)}  ${r[1]}${' '.repeat(w1 - visibleLength(r[1]))}  ${r[2]}  ${r[3]}`);
    }
    out.push('');
  }
  const s = report.summary;
  const problems = s.fatalCount + s.errorCount + s.warningCount;
  const icon = s.verdict === 'pass' ? c.green('✔') : s.verdict === 'fail' ? c.red('✖') : c.yellow('!');
  out.push(
    `${icon} ${plural(problems, 'problem')} (${plural(s.fatalCount + s.errorCount, 'error')}, ${plural(s.warningCount, 'warning')})` +
      ` · checks: ${statusCounts(report)}`,
  );
  const extra: string[] = [];
  if (s.notVerified > 0) extra.push(`${s.notVerified} binding(s) not verified`);
  if (report.waived && report.waived.length > 0) extra.push(`${report.waived.length} issue(s) waived`);
  const changed = (report.config?.rules ?? []).reduce((n, r) => n + r.matched, 0);
  if (changed > 0) extra.push(`${changed} issue(s) changed by the rule settings of ${report.config!.path}`);
  if (report.baseline) extra.push(`baseline: ${report.baseline.newCount} new, ${report.baseline.fixed.length} fixed`);
  if (extra.length > 0) out.push(`  ${extra.join(' · ')}`);
  const verdictColour = s.verdict === 'pass' ? c.green.bold : s.verdict === 'fail' ? c.red.bold : c.yellow.bold;
  out.push(`Verdict: ${verdictColour(s.verdict.toUpperCase())}`);
  return `${out.join('\n')}\n`;
}

/** One line, with control characters (including ESC from hostile input) made visible instead of interpreted. */
function oneLine(s: string): string {
  return s.replace(/\s*[\r\n]+\s*/g, ' ').replace(/[\u0000-\u001f\u007f-\u009f]/g, '\uFFFD');
}

function visibleLength(s: string): number {
  return s.replace(/\u001b\[[0-9;]*m/g, '').length;
}
