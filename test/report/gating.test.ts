// Exit codes from the decision rule and the CI options (--fail-on, --max-warnings, baseline).
import { describe, expect, it } from 'vitest';
import type { Issue } from '../../src/model/issue.js';
import type { Report } from '../../src/model/report.js';
import type { CheckResult, Status } from '../../src/model/result.js';
import { exitCodeFor, gate, gatingIssues, type GatingOptions } from '../../src/report/gating.js';
import { finalizeReport } from '../../src/report/summarize.js';
import { loadFixture } from '../reporters/helpers/fixtures.js';

function issue(severity: Issue['severity'], baseline?: 'new' | 'unchanged'): Issue {
  return { ruleId: 'r/x', messageId: 'm', message: 'm', severity, code: 'value', location: { source: 'a.json' }, ...(baseline ? { baseline } : {}) };
}
function check(status: Status, issues: Issue[], optional = false): CheckResult {
  return { checkId: 'validate/resource', title: 't', target: 'a.json', status, optional, requirementIds: [], issues, durationMs: 0 };
}
function report(results: CheckResult[], withBaseline = false): Report {
  const base = loadFixture('validate-clean');
  const r = finalizeReport({ ...base, results });
  return withBaseline ? { ...r, baseline: { startedAt: base.startedAt, newCount: 0, unchangedCount: 0, fixed: [] } } : r;
}

describe('exitCodeFor', () => {
  it.each<[string, CheckResult[], GatingOptions, number, boolean?]>([
    ['clean', [check('pass', [])], {}, 0],
    ['warnings only, default gating', [check('pass', [issue('warning')])], {}, 0],
    ['warnings with --fail-on warning', [check('pass', [issue('warning')])], { failOn: 'warning' }, 1],
    ['warnings under --max-warnings', [check('pass', [issue('warning'), issue('warning')])], { maxWarnings: 2 }, 0],
    ['warnings over --max-warnings', [check('pass', [issue('warning'), issue('warning')])], { maxWarnings: 1 }, 1],
    ['--max-warnings 0 with one warning', [check('pass', [issue('warning')])], { maxWarnings: 0 }, 1],
    ['warnings in optional checks do not count', [check('fail', [issue('warning')], true)], { maxWarnings: 0 }, 0],
    ['required error issue', [check('fail', [issue('error')])], {}, 1],
    ['required fail without issues', [check('fail', [])], {}, 1],
    ['optional fail', [check('fail', [issue('error')], true)], {}, 0],
    ['error issue in a skipped check does not gate', [check('skip', [issue('error')])], {}, 0],
    ['required error status → no verdict', [check('error', [])], {}, 2],
    ['no verdict beats failures', [check('error', []), check('fail', [issue('fatal')])], { failOn: 'warning' }, 2],
    ['baseline: only unchanged errors', [check('fail', [issue('error', 'unchanged')])], {}, 0, true],
    ['baseline: one new error', [check('fail', [issue('error', 'unchanged'), issue('error', 'new')])], {}, 1, true],
    ['baseline: new warning with --fail-on warning', [check('pass', [issue('warning', 'new')])], { failOn: 'warning' }, 1, true],
    ['baseline: old warnings do not count for --max-warnings', [check('pass', [issue('warning', 'unchanged')])], { maxWarnings: 0 }, 0, true],
  ])('%s → %i', (_name, results, gating, code, withBaseline) => {
    expect(exitCodeFor(report(results, withBaseline), gating)).toBe(code);
  });

  it('fixtures: validate run fails (1), probe run has no verdict (2), clean run passes (0)', () => {
    expect(exitCodeFor(loadFixture('validate-run'))).toBe(1);
    expect(exitCodeFor(loadFixture('probe-run'))).toBe(2);
    expect(exitCodeFor(loadFixture('validate-clean'))).toBe(0);
  });

  it('lists the gating issues and reasons', () => {
    const r = loadFixture('validate-run');
    const g = gate(r);
    expect(g.exitCode).toBe(1);
    expect(g.issues.map((i) => `${i.issue.ruleId}/${i.issue.messageId}`)).toEqual([
      'ukcore/nhs-number-check-digit/badCheckDigit',
      'structure/cardinality/tooFew',
      'invariant/constraint/failed',
      'structure/code-value/invalidCode',
      'parse/json-syntax/unexpectedToken',
    ]);
    expect(g.reasons).toHaveLength(1);
    expect(gatingIssues(r, { failOn: 'warning' })).toHaveLength(8);
  });
});
