// Gating: maps a finished report and the CI options to exit code 0 (pass), 1 (fail) or 2 (no verdict).
import { isFailing, type Issue } from '../model/issue.js';
import type { Report } from '../model/report.js';
import type { CheckResult } from '../model/result.js';

export interface GatingOptions {
  /** `error` (default): error and fatal issues gate. `warning`: warnings gate too. */
  failOn?: 'error' | 'warning';
  /** Fail when more than this many warnings are found (in required checks; only new ones with a baseline). */
  maxWarnings?: number;
}

export interface GatingIssue {
  checkId: string;
  target: string;
  issue: Issue;
}

export interface GateResult {
  exitCode: 0 | 1 | 2;
  /** One line per reason the run did not pass (machine-stable wording not guaranteed; for humans). */
  reasons: string[];
  /** The issues that made the run fail, in report order. */
  issues: GatingIssue[];
}

/**
 * The issues that gate: issues of required (non-optional) checks that ran, at or above `failOn`; when the report carries a
 * baseline comparison, only those marked `new`.
 */
export function gatingIssues(report: Report, gating: GatingOptions = {}): GatingIssue[] {
  const withWarnings = gating.failOn === 'warning';
  return collect(report, (issue) => isFailing(issue.severity) || (withWarnings && issue.severity === 'warning'));
}

/**
 * Exit code per the decision rule: 2 when the verdict is incomplete; 1 when gating issues exist, when (without a
 * baseline) a required check failed, or when warnings exceed `maxWarnings`; else 0. With a baseline only new
 * issues gate, so a required check that fails only with already-known issues does not fail the build.
 */
export function gate(report: Report, gating: GatingOptions = {}): GateResult {
  if (report.summary.verdict === 'incomplete') {
    const errored = report.results.filter((c) => !c.optional && c.status === 'error').map((c) => c.checkId);
    return { exitCode: 2, reasons: [`no verdict: required checks did not complete (${[...new Set(errored)].join(', ')})`], issues: [] };
  }
  const reasons: string[] = [];
  const issues = gatingIssues(report, gating);
  if (issues.length > 0) {
    const kind = report.baseline ? 'new ' : '';
    reasons.push(`${issues.length} ${kind}issue(s) at or above ${gating.failOn ?? 'error'}`);
  }
  if (!report.baseline && report.summary.verdict === 'fail' && issues.length === 0) {
    reasons.push('a required check failed');
  }
  if (gating.maxWarnings !== undefined) {
    const warnings = collect(report, (i) => i.severity === 'warning').length;
    if (warnings > gating.maxWarnings) {
      reasons.push(`${warnings} ${report.baseline ? 'new ' : ''}warning(s), more than --max-warnings ${gating.maxWarnings}`);
    }
  }
  return { exitCode: reasons.length > 0 ? 1 : 0, reasons, issues };
}

/** Shorthand for `gate(report, gating).exitCode`. */
export function exitCodeFor(report: Report, gating: GatingOptions = {}): 0 | 1 | 2 {
  return gate(report, gating).exitCode;
}

function collect(report: Report, pick: (issue: Issue) => boolean): GatingIssue[] {
  const out: GatingIssue[] = [];
  for (const check of report.results as CheckResult[]) {
    // Optional checks never gate; skipped or omitted checks did not run, so their issues are context only.
    if (check.optional || check.status === 'skip' || check.status === 'omit') continue;
    for (const issue of check.issues) {
      if (report.baseline && issue.baseline !== 'new') continue;
      if (pick(issue)) out.push({ checkId: check.checkId, target: check.target, issue });
    }
  }
  return out;
}
