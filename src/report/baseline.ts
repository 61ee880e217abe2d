// Baseline comparison: marks each issue new or unchanged against a previous run and lists the fixed ones.
import type { BaselineComparison, FixedIssue, Report } from '../model/report.js';
import { issueKey } from './issue-identity.js';

/**
 * Matches issues by `issueKey` (rule id, message id, resource identity, location; not message text) as a
 * multiset: if the baseline had an issue twice and the run has it three times, one is new. Issues this run
 * waived still count as present (a waived issue is not "fixed"); issues the baseline had waived are not in its
 * results, so if their waiver has since expired they show up as new. Apply waivers first, then the baseline.
 */
export function applyBaseline(report: Report, baseline: Report): Report {
  const remaining = new Map<string, FixedIssue[]>();
  for (const check of baseline.results) {
    for (const issue of check.issues) {
      const key = issueKey(check, issue);
      const fixed: FixedIssue = {
        checkId: check.checkId,
        target: check.target,
        ruleId: issue.ruleId,
        messageId: issue.messageId,
        severity: issue.severity,
        message: issue.message,
      };
      if (issue.location.expression) fixed.expression = issue.location.expression;
      if (check.resource?.resourceType) fixed.resourceType = check.resource.resourceType;
      if (check.resource?.id) fixed.resourceId = check.resource.id;
      const list = remaining.get(key);
      if (list) list.push(fixed);
      else remaining.set(key, [fixed]);
    }
  }
  for (const w of report.waived ?? []) {
    const check = report.results.find((c) => c.checkId === w.checkId && c.target === w.target) ?? w;
    remaining.get(issueKey(check, w.issue))?.shift();
  }
  let newCount = 0;
  let unchangedCount = 0;
  const results = report.results.map((check) => ({
    ...check,
    issues: check.issues.map((issue) => {
      const list = remaining.get(issueKey(check, issue));
      if (list && list.length > 0) {
        list.shift();
        unchangedCount += 1;
        return { ...issue, baseline: 'unchanged' as const };
      }
      newCount += 1;
      return { ...issue, baseline: 'new' as const };
    }),
  }));
  const comparison: BaselineComparison = {
    startedAt: baseline.startedAt,
    newCount,
    unchangedCount,
    fixed: [...remaining.values()].flat(),
  };
  if (baseline.integrity?.digest) comparison.digest = baseline.integrity.digest;
  return { ...report, results, baseline: comparison };
}
