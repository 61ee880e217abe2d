// Roll-up of check results into the Summary and requirement results, and the decision rule every report states.
import { isFailing } from '../model/issue.js';
import type { Report } from '../model/report.js';
import type { CheckResult, Requirement, Summary } from '../model/result.js';

/**
 * The decision rule (ISO/IEC 17025:2017 §7.8.6) printed at the top of every human-readable report. It states
 * exactly what `summarize()` computes below; keep the two in step.
 */
export const DECISION_RULE =
  'PASS: every required check passed, was skipped or was omitted. ' +
  'FAIL: at least one required check failed, or carries an error or fatal issue. ' +
  'INCOMPLETE: at least one required check could not be run to the end (status error), so no verdict is given. ' +
  'Checks marked optional (for example SHOULD and MAY requirements) are reported but never change the verdict. ' +
  'Warnings and information do not change the verdict; CI may gate on them with --fail-on warning or --max-warnings. ' +
  'Waived issues are listed with their reason, owner and expiry and do not count. ' +
  'Bindings that could not be checked against a terminology server are counted as not verified, never as passed.';

/** Rule id used by the terminology rules for a binding that could not be checked. */
export const NOT_VERIFIED_RULE_ID = 'terminology/binding-not-verified';
/** Message id any rule may use for "this could not be verified". */
export const NOT_VERIFIED_MESSAGE_ID = 'notVerified';

export interface SummarizeOptions {
  /** Number of resources read; defaults to the number of checks that carry a `resource`. */
  resources?: number;
}

/** True when a check counts as failed for the verdict: status fail, or an error/fatal issue on any status but error. */
export function checkFailed(check: CheckResult): boolean {
  return check.status === 'fail' || (check.status === 'pass' && check.issues.some((i) => isFailing(i.severity)));
}

/**
 * Counts per status and severity, resources, not-verified bindings (issues with ruleId
 * `terminology/binding-not-verified` or messageId `notVerified`), and the verdict per DECISION_RULE.
 */
export function summarize(results: CheckResult[], opts: SummarizeOptions = {}): Summary {
  const s: Summary = {
    pass: 0, fail: 0, skip: 0, omit: 0, error: 0,
    fatalCount: 0, errorCount: 0, warningCount: 0, informationCount: 0,
    resources: opts.resources ?? results.filter((r) => r.resource !== undefined).length,
    notVerified: 0,
    verdict: 'pass',
  };
  let failed = false;
  let incomplete = false;
  for (const check of results) {
    s[check.status] += 1;
    for (const issue of check.issues) {
      s[`${issue.severity}Count`] += 1;
      if (issue.ruleId === NOT_VERIFIED_RULE_ID || issue.messageId === NOT_VERIFIED_MESSAGE_ID) s.notVerified += 1;
    }
    if (check.optional) continue;
    if (check.status === 'error') incomplete = true;
    else if (checkFailed(check)) failed = true;
  }
  s.verdict = incomplete ? 'incomplete' : failed ? 'fail' : 'pass';
  return s;
}

/**
 * Fills `Requirement.result` from the checks that cite it: any failed check → fail; else any error or skip →
 * not-tested (we could not show it holds); else all omitted → not-applicable; else pass. A requirement no check
 * cites keeps a result the producer set (e.g. not-applicable because the server does not claim it), or becomes
 * not-tested.
 */
export function rollUpRequirements(requirements: Requirement[], results: CheckResult[]): Requirement[] {
  return requirements.map((req) => {
    const checks = results.filter((c) => c.requirementIds.includes(req.id));
    let result: Requirement['result'];
    if (checks.length === 0) result = req.result ?? 'not-tested';
    else if (checks.some(checkFailed)) result = 'fail';
    else if (checks.some((c) => c.status === 'error' || c.status === 'skip')) result = 'not-tested';
    else if (checks.every((c) => c.status === 'omit')) result = 'not-applicable';
    else result = 'pass';
    return { ...req, result };
  });
}

/** Recomputes `summary` and requirement results of a report (after waivers or any other change to results). */
export function finalizeReport(report: Report, opts: SummarizeOptions = {}): Report {
  const resources = opts.resources ?? report.summary?.resources;
  return {
    ...report,
    requirements: rollUpRequirements(report.requirements, report.results),
    summary: summarize(report.results, { resources }),
  };
}
