// Per-rule settings from the configuration file (ESLint style): a new severity for a rule's issues, or "off" to drop
// them. Every setting is recorded in the report with how many issues it touched, and a changed issue keeps its
// original severity, so a reader of a contract report can see exactly what the configuration changed.
import { isFailing, type Issue, type Severity } from '../model/issue.js';
import type { Report, RuleSettingRecord } from '../model/report.js';
import type { CheckResult } from '../model/result.js';
import { finalizeReport } from './summarize.js';

export type RuleSettingValue = 'off' | Exclude<Severity, 'fatal'>;

/**
 * Applies `rules` (ruleId → setting) to every check's issues and records them in `report.config.rules`. Fatal issues
 * (input that could not be read or parsed) are never changed. Check statuses, requirements and the summary are
 * recomputed: a check fails when an issue is raised to error, and a failed check passes once none of its issues is an
 * error any more (as for waivers); a failed check that had no error issues to begin with stays failed.
 */
export function applyRuleSettings(report: Report, rules: Record<string, RuleSettingValue>, source: { path: string; sha256: string }): Report {
  const records: RuleSettingRecord[] = Object.entries(rules).map(([ruleId, setting]) => ({ ruleId, setting, matched: 0 }));
  const byRule = new Map(records.map((r) => [r.ruleId, r]));
  const results: CheckResult[] = report.results.map((check) => {
    let changed = false;
    const kept: Issue[] = [];
    for (const issue of check.issues) {
      const record = byRule.get(issue.ruleId);
      if (!record || issue.severity === 'fatal') {
        kept.push(issue);
        continue;
      }
      if (record.setting === 'off') {
        record.matched += 1;
        changed = true;
        continue;
      }
      if (record.setting === issue.severity) {
        kept.push(issue);
        continue;
      }
      record.matched += 1;
      changed = true;
      kept.push({ ...issue, severity: record.setting, originalSeverity: issue.originalSeverity ?? issue.severity });
    }
    if (!changed) return check;
    const hadFailing = check.issues.some((i) => isFailing(i.severity));
    const hasFailing = kept.some((i) => isFailing(i.severity));
    let status = check.status;
    if (status === 'fail' && hadFailing && !hasFailing) status = 'pass';
    else if (status === 'pass' && hasFailing) status = 'fail';
    return { ...check, issues: kept, status };
  });
  return finalizeReport({ ...report, results, config: { ...(report.config ?? { path: source.path, sha256: source.sha256 }), rules: records } });
}
