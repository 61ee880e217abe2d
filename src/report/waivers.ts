// Waivers: accepted deviations with reason, owner and expiry; matched issues move to `Report.waived`.
import path from 'node:path';
import type { Issue } from '../model/issue.js';
import type { Report, WaivedIssue, Waiver, WaiverRecord } from '../model/report.js';
import type { CheckResult } from '../model/result.js';
import { matchPathGlob, matchTextGlob } from './glob.js';
import { formatSchemaErrors, schemaValidator } from './schemas.js';
import { checkFailed, finalizeReport } from './summarize.js';

export const WAIVER_EXPIRED_RULE_ID = 'report/waiver-expired';
export const WAIVERS_CHECK_ID = 'report/waivers';

export type ParseWaiversResult = { ok: true; waivers: Waiver[] } | { ok: false; errors: string[] };

/** Validates a parsed waiver file against schemas/waiver.schema.json and checks that expiry dates exist. */
export function parseWaivers(json: unknown): ParseWaiversResult {
  const validate = schemaValidator('waiver');
  if (!validate(json)) return { ok: false, errors: formatSchemaErrors(validate.errors) };
  const waivers = (json as { waivers: Waiver[] }).waivers;
  const errors = waivers.flatMap((w, i) => (isCalendarDate(w.expires) ? [] : [`/waivers/${i}/expires: no such date ${w.expires}`]));
  return errors.length > 0 ? { ok: false, errors } : { ok: true, waivers };
}

export interface ApplyWaiversOptions {
  /** Where the waivers came from, used as the target of expiry warnings. */
  source?: string;
  /**
   * Folder the waivers' `target` globs are relative to (a configuration file's folder): checked paths are also
   * matched relative to it, so a waiver keeps matching wherever the run starts.
   */
  baseDir?: string;
}

/**
 * Moves every issue a live waiver matches from its check into `report.waived`, and records every waiver in
 * `report.waivers` (applied / unused / expired). A waiver whose `expires` day is before `today` (YYYY-MM-DD)
 * does not apply and yields a warning issue `report/waiver-expired` on a required `report/waivers` check, so
 * `--fail-on warning` notices it. A failed check whose failing issues were all waived becomes `pass`.
 * The summary and requirement results are recomputed.
 */
export function applyWaivers(report: Report, waivers: Waiver[], today: string, opts: ApplyWaiversOptions = {}): Report {
  const records: WaiverRecord[] = waivers.map((w) => ({ ...w, status: w.expires < today ? 'expired' : 'unused', matched: 0 }));
  const waived: WaivedIssue[] = [...(report.waived ?? [])];
  const offset = report.waivers?.length ?? 0;
  const results: CheckResult[] = report.results.map((check) => {
    const kept: Issue[] = [];
    for (const issue of check.issues) {
      const index = records.findIndex((r) => r.status !== 'expired' && matches(r, check, issue, opts.baseDir));
      if (index < 0) {
        kept.push(issue);
        continue;
      }
      records[index].matched += 1;
      records[index].status = 'applied';
      waived.push({ checkId: check.checkId, target: check.target, issue, waiver: offset + index });
    }
    if (kept.length === check.issues.length) return check;
    const updated = { ...check, issues: kept };
    if (check.status === 'fail' && check.issues.some((i) => i.severity === 'error' || i.severity === 'fatal')) {
      updated.status = checkFailed({ ...updated, status: 'pass' }) ? 'fail' : 'pass';
    }
    return updated;
  });
  const expired = records.filter((r) => r.status === 'expired');
  if (expired.length > 0) results.push(expiryCheck(expired, opts.source ?? 'waivers'));
  return finalizeReport({
    ...report,
    results,
    waivers: [...(report.waivers ?? []), ...records],
    waived,
  });
}

function matches(w: Waiver, check: CheckResult, issue: Issue, baseDir: string | undefined): boolean {
  if (w.ruleId !== issue.ruleId) return false;
  if (w.messageId !== undefined && w.messageId !== issue.messageId) return false;
  if (w.target !== undefined) {
    const subjects = [check.target, issue.location.source];
    if (baseDir !== undefined) subjects.push(relativeTo(baseDir, check.target), relativeTo(baseDir, issue.location.source));
    if (!subjects.some((s) => matchPathGlob(w.target!, s))) return false;
  }
  if (w.expression !== undefined && !matchTextGlob(w.expression, issue.location.expression ?? '')) return false;
  return true;
}

/** A file target relative to `baseDir` (with '/'); URLs and request targets (`GET https://…`) stay as they are. */
function relativeTo(baseDir: string, subject: string): string {
  if (/^[a-z][a-z0-9+.-]*:\/\//i.test(subject) || /^[A-Z]+ /.test(subject)) return subject;
  return path.relative(baseDir, path.resolve(subject)).split(path.sep).join('/');
}

function expiryCheck(expired: WaiverRecord[], source: string): CheckResult {
  return {
    checkId: WAIVERS_CHECK_ID,
    title: 'Waivers are in date',
    target: source,
    status: 'pass',
    optional: false,
    requirementIds: [],
    durationMs: 0,
    issues: expired.map((w) => ({
      ruleId: WAIVER_EXPIRED_RULE_ID,
      messageId: 'expired',
      message: `Waiver for ${w.ruleId}${w.messageId ? `/${w.messageId}` : ''} (owner ${w.owner}) expired on ${w.expires} and no longer applies`,
      data: { ruleId: w.ruleId, owner: w.owner, expires: w.expires },
      severity: 'warning',
      code: 'expired',
      location: { source },
    })),
  };
}

function isCalendarDate(s: string): boolean {
  const d = new Date(`${s}T00:00:00Z`);
  return !Number.isNaN(d.getTime()) && d.toISOString().slice(0, 10) === s;
}
