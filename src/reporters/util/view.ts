// Small views over a Report shared by several reporters: grouping, labels, counts, the command line.
import type { Issue } from '../../model/issue.js';
import type { Report } from '../../model/report.js';
import type { CheckResult, Status } from '../../model/result.js';
import { sourceFile } from './paths.js';

export const STATUS_ORDER: Status[] = ['pass', 'fail', 'error', 'skip', 'omit'];

/** Group key for a check: its file (bundle entries and NDJSON lines join their file), else the target itself. */
export function groupKey(check: CheckResult): string {
  return sourceFile(check.target) ?? check.target;
}

/** Checks grouped by `groupKey`, groups in order of first appearance. */
export function groupChecks(results: CheckResult[], key: (c: CheckResult) => string = groupKey): Map<string, CheckResult[]> {
  const groups = new Map<string, CheckResult[]>();
  for (const check of results) {
    const k = key(check);
    const list = groups.get(k);
    if (list) list.push(check);
    else groups.set(k, [check]);
  }
  return groups;
}

/** Line of an issue: its own, else an NDJSON `file:line` source, else the resource's start line. */
export function issueLine(issue: Issue, check?: CheckResult): number | undefined {
  if (issue.location.line !== undefined) return issue.location.line;
  const m = /\.ndjson:(\d+)$/i.exec(issue.location.source);
  if (m) return Number(m[1]);
  return check?.resource?.line;
}

/** `line:col`, `line`, or '' when the issue has no position. */
export function positionText(issue: Issue, check?: CheckResult): string {
  const line = issueLine(issue, check);
  if (line === undefined) return '';
  return issue.location.column !== undefined && issue.location.line !== undefined ? `${line}:${issue.location.column}` : `${line}`;
}

/** `Patient/123`, `Patient`, or '' for checks without a resource. */
export function resourceLabel(check: CheckResult): string {
  const r = check.resource;
  if (!r?.resourceType) return '';
  return r.id ? `${r.resourceType}/${r.id}` : r.resourceType;
}

/** The command line as one string, arguments quoted where a shell would need it. */
export function commandLine(report: Report): string {
  return report.command.map((a) => (/^[\w@%+=:,./#-]+$/.test(a) ? a : `'${a.replace(/'/g, `'\\''`)}'`)).join(' ');
}

export function verdictLabel(report: Report): string {
  return report.summary.verdict.toUpperCase();
}

export function plural(n: number, word: string): string {
  return `${n} ${word}${n === 1 ? '' : 's'}`;
}

/** Issue counts as `2 errors, 1 warning` (fatal folded into errors, like ESLint). */
export function problemCounts(report: Report): string {
  const s = report.summary;
  return `${plural(s.fatalCount + s.errorCount, 'error')}, ${plural(s.warningCount, 'warning')}, ${s.informationCount} information`;
}

/** `12 pass, 3 fail, ...` over all five statuses. */
export function statusCounts(report: Report): string {
  return STATUS_ORDER.map((st) => `${report.summary[st]} ${st}`).join(', ');
}

/** The one-line verification command printed in human-readable reports. */
export function verifyCommand(file = '<report.html|report.json>'): string {
  return `ukcore-check verify ${file}`;
}

/** Issues sorted for display: by line, then column, then severity rank (worst first). */
export function sortIssues(issues: Issue[], check?: CheckResult): Issue[] {
  const rank = { fatal: 0, error: 1, warning: 2, information: 3 } as const;
  return [...issues].sort(
    (a, b) =>
      (issueLine(a, check) ?? 0) - (issueLine(b, check) ?? 0) ||
      (a.location.column ?? 0) - (b.location.column ?? 0) ||
      rank[a.severity] - rank[b.severity],
  );
}
