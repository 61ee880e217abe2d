// Summary roll-up, verdict per the decision rule, requirement results.
import { describe, expect, it } from 'vitest';
import type { Issue } from '../../src/model/issue.js';
import type { CheckResult, Status } from '../../src/model/result.js';
import { finalizeReport, rollUpRequirements, summarize } from '../../src/report/summarize.js';
import { FIXTURES, loadFixture } from '../reporters/helpers/fixtures.js';

function issue(severity: Issue['severity'], ruleId = 'structure/cardinality', messageId = 'tooFew'): Issue {
  return { ruleId, messageId, message: 'm', severity, code: 'required', location: { source: 'a.json', expression: 'Patient' } };
}
function check(status: Status, issues: Issue[] = [], optional = false, requirementIds: string[] = []): CheckResult {
  return { checkId: 'validate/resource', title: 't', target: 'a.json', status, optional, requirementIds, issues, durationMs: 1 };
}

describe('summarize', () => {
  it.each(FIXTURES)('agrees with the stored summary of fixture %s', (name) => {
    const report = loadFixture(name);
    expect(summarize(report.results, { resources: report.summary.resources })).toEqual(report.summary);
  });

  it.each<[string, CheckResult[], 'pass' | 'fail' | 'incomplete']>([
    ['no checks', [], 'pass'],
    ['all pass', [check('pass'), check('pass', [issue('warning')])], 'pass'],
    ['skip and omit do not fail', [check('skip'), check('omit'), check('pass')], 'pass'],
    ['required fail', [check('pass'), check('fail', [issue('error')])], 'fail'],
    ['required pass carrying an error issue counts as failed', [check('pass', [issue('error')])], 'fail'],
    ['optional fail never gates', [check('fail', [issue('error')], true)], 'pass'],
    ['optional error never gates', [check('error', [], true)], 'pass'],
    ['required error → incomplete', [check('error')], 'incomplete'],
    ['incomplete wins over fail', [check('fail', [issue('fatal')]), check('error')], 'incomplete'],
  ])('%s', (_name, results, verdict) => {
    expect(summarize(results).verdict).toBe(verdict);
  });

  it('counts statuses, severities, resources and not-verified bindings', () => {
    const withResource = { ...check('pass', [issue('information', 'terminology/binding-not-verified', 'x')]), resource: { profiles: [] } };
    const s = summarize([
      withResource,
      check('fail', [issue('fatal'), issue('error'), issue('warning'), issue('information', 'terminology/other', 'notVerified')]),
      check('skip'),
    ]);
    expect(s).toMatchObject({
      pass: 1, fail: 1, skip: 1, omit: 0, error: 0,
      fatalCount: 1, errorCount: 1, warningCount: 1, informationCount: 2,
      resources: 1, notVerified: 2, verdict: 'fail',
    });
  });
});

describe('rollUpRequirements', () => {
  const req = (id: string, result?: 'not-applicable') => ({ id, text: id, expectation: 'SHALL' as const, ...(result ? { result } : {}) });
  it.each<[string, CheckResult[], string]>([
    ['no check cites it', [], 'not-tested'],
    ['a cited check passes', [check('pass', [], false, ['R'])], 'pass'],
    ['any failure fails it', [check('pass', [], false, ['R']), check('fail', [], false, ['R'])], 'fail'],
    ['an error makes it not tested', [check('pass', [], false, ['R']), check('error', [], false, ['R'])], 'not-tested'],
    ['a skip makes it not tested', [check('skip', [], false, ['R'])], 'not-tested'],
    ['all omitted → not applicable', [check('omit', [], false, ['R'])], 'not-applicable'],
    ['pass plus omit → pass', [check('pass', [], false, ['R']), check('omit', [], false, ['R'])], 'pass'],
  ])('%s', (_n, results, expected) => {
    expect(rollUpRequirements([req('R')], results)[0].result).toBe(expected);
  });

  it('keeps a result the producer set when no check cites the requirement', () => {
    expect(rollUpRequirements([req('R', 'not-applicable')], [])[0].result).toBe('not-applicable');
  });

  it('finalizeReport reproduces the probe fixture requirement results', () => {
    const report = loadFixture('probe-run');
    const stripped = { ...report, requirements: report.requirements.map(({ result: _r, ...rest }) => rest) };
    expect(finalizeReport(stripped).requirements).toEqual(report.requirements);
    expect(finalizeReport(stripped).summary).toEqual(report.summary);
  });
});
