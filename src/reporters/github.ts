// `github`: GitHub Actions workflow commands (::error file=…,line=…::), within GitHub's per-step limits.
// See https://docs.github.com/actions/reference/workflow-commands-for-github-actions
import type { Severity } from '../model/issue.js';
import type { Report } from '../model/report.js';
import type { ReporterContext } from './types.js';
import { stripInvalidXml } from './util/escape.js';
import { relativePath, sourceFile } from './util/paths.js';
import { issueLine } from './util/view.js';

/** GitHub shows at most 10 annotations of each level per step. */
export const ANNOTATIONS_PER_LEVEL = 10;

type Level = 'error' | 'warning' | 'notice';
const LEVEL: Record<Severity, Level> = { fatal: 'error', error: 'error', warning: 'warning', information: 'notice' };

/** Escaping of a command's message, as @actions/core does: % CR LF (other control characters are dropped). */
export function escapeData(s: string): string {
  return stripInvalidXml(s).replace(/%/g, '%25').replace(/\r/g, '%0D').replace(/\n/g, '%0A');
}

/** Escaping of a command property value: also `:` and `,`, which would end the value. */
export function escapeProperty(s: string): string {
  return escapeData(s).replace(/:/g, '%3A').replace(/,/g, '%2C');
}

/**
 * One annotation per issue (new issues only when the report has a baseline; waived issues never), errors first.
 * Past 10 of a level, one notice says how many more exist; the notices for info issues leave room for those.
 */
export function github(report: Report, ctx: ReporterContext): string {
  const cwd = ctx.cwd ?? process.cwd();
  const byLevel: Record<Level, string[]> = { error: [], warning: [], notice: [] };
  for (const check of report.results) {
    for (const issue of check.issues) {
      if (report.baseline && issue.baseline !== 'new') continue;
      const props: string[] = [];
      const file = report.kind === 'validate' ? sourceFile(issue.location.source) ?? sourceFile(check.target) : undefined;
      if (file) {
        props.push(`file=${escapeProperty(relativePath(file, cwd))}`);
        const line = issueLine(issue, check);
        if (line !== undefined) props.push(`line=${line}`);
        if (line !== undefined && issue.location.column !== undefined && issue.location.line !== undefined) props.push(`col=${issue.location.column}`);
      }
      props.push(`title=${escapeProperty(`${issue.ruleId}/${issue.messageId}`)}`);
      const where = issue.location.expression ? ` (${issue.location.expression})` : '';
      const what = file ? '' : ` [${check.target}]`;
      byLevel[LEVEL[issue.severity]].push(`::${LEVEL[issue.severity]} ${props.join(',')}::${escapeData(`${issue.message}${where}${what}`)}`);
    }
  }
  // Overflow notices are notices too, so they come out of the notice budget.
  const budget = ANNOTATIONS_PER_LEVEL - (['error', 'warning'] as Level[]).filter((l) => byLevel[l].length > ANNOTATIONS_PER_LEVEL).length;
  const limits: Record<Level, number> = {
    error: ANNOTATIONS_PER_LEVEL,
    warning: ANNOTATIONS_PER_LEVEL,
    notice: byLevel.notice.length <= budget ? budget : budget - 1,
  };
  const lines: string[] = [];
  const notices: string[] = [];
  for (const level of ['error', 'warning', 'notice'] as Level[]) {
    const all = byLevel[level];
    lines.push(...all.slice(0, limits[level]));
    if (all.length > limits[level]) {
      const more = `${all.length - limits[level]} more ${level} annotation(s) not shown (GitHub shows ${ANNOTATIONS_PER_LEVEL} per level); see the job summary or the SARIF/HTML report`;
      notices.push(`::notice title=${escapeProperty('ukcore-check')}::${escapeData(more)}`);
    }
  }
  return [...lines, ...notices].map((l) => `${l}\n`).join('');
}
