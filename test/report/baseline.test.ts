// Baseline: issues matched by rule, message, resource identity and location; new ones gate, fixed ones listed.
import { describe, expect, it } from 'vitest';
import type { Report } from '../../src/model/report.js';
import { applyBaseline } from '../../src/report/baseline.js';
import { gate } from '../../src/report/gating.js';
import { finalizeReport } from '../../src/report/summarize.js';
import { applyWaivers } from '../../src/report/waivers.js';
import { loadFixture } from '../reporters/helpers/fixtures.js';

function newIssues(r: Report): string[] {
  return r.results.flatMap((c) => c.issues.filter((i) => i.baseline === 'new').map((i) => `${c.target} ${i.ruleId}/${i.messageId} ${i.location.expression ?? ''}`));
}

describe('applyBaseline', () => {
  it('a run compared with itself has no new and no fixed issues, and passes the gate', () => {
    const r = applyBaseline(loadFixture('validate-run'), loadFixture('validate-run'));
    expect(r.baseline).toMatchObject({ newCount: 0, unchangedCount: 11, fixed: [] });
    expect(r.results.every((c) => c.issues.every((i) => i.baseline === 'unchanged'))).toBe(true);
    expect(gate(r).exitCode).toBe(0);
  });

  it('one new defect: exactly that defect is new and it alone fails the gate', () => {
    const current = loadFixture('validate-run');
    const bundleEntry = current.results.find((c) => c.target.endsWith('#entry[0]'))!;
    bundleEntry.issues.push({
      ruleId: 'structure/cardinality', messageId: 'tooFew', message: 'Encounter.class: minimum required = 1',
      severity: 'error', code: 'required', location: { source: bundleEntry.target, expression: 'Bundle.entry[0].resource.class', line: 8, column: 7 },
    });
    bundleEntry.status = 'fail';
    const r = applyBaseline(finalizeReport(current), loadFixture('validate-run'));
    expect(newIssues(r)).toEqual(['examples/bundle-encounters.json#entry[0] structure/cardinality/tooFew Bundle.entry[0].resource.class']);
    const g = gate(r);
    expect(g.exitCode).toBe(1);
    expect(g.issues.map((i) => i.issue.location.expression)).toEqual(['Bundle.entry[0].resource.class']);
  });

  it('matches without message text, line numbers or bundle position (resource with an id)', () => {
    const baseline = loadFixture('validate-run');
    const current = loadFixture('validate-run');
    for (const c of current.results) {
      for (const i of c.issues) {
        i.message = `reworded: ${i.message}`;
        if (i.location.line) i.location.line += 3;
      }
    }
    // enc-2 moves from entry[1] to entry[4]; its id keeps its identity.
    const enc2 = current.results.find((c) => c.resource?.id === 'enc-2')!;
    enc2.target = 'examples/bundle-encounters.json#entry[4]';
    enc2.issues[0].location.expression = 'Bundle.entry[4].resource.status';
    const r = applyBaseline(current, baseline);
    expect(r.baseline?.newCount).toBe(0);
    expect(r.baseline?.fixed).toEqual([]);
  });

  it('a different location or message id is a new issue; the old one is fixed', () => {
    const baseline = loadFixture('validate-run');
    const current = loadFixture('validate-run');
    const bad = current.results.find((c) => c.resource?.id === 'bad-1')!;
    bad.issues[0].location.expression = 'Patient.identifier[1].value';
    bad.issues[1].messageId = 'tooMany';
    const r = applyBaseline(current, baseline);
    expect(r.baseline?.newCount).toBe(2);
    expect(r.baseline?.fixed.map((f) => `${f.ruleId}/${f.messageId} ${f.expression}`)).toEqual([
      'ukcore/nhs-number-check-digit/badCheckDigit Patient.identifier[0].value',
      'structure/cardinality/tooFew Patient',
    ]);
    expect(r.baseline?.fixed[0]).toMatchObject({ resourceType: 'Patient', resourceId: 'bad-1', target: 'examples/patient-bad.json' });
  });

  it('an issue waived in this run is neither new nor fixed', () => {
    const waived = applyWaivers(loadFixture('validate-run'), [
      { ruleId: 'ukcore/nhs-number-check-digit', reason: 'accepted', owner: 'team', expires: '2099-01-01' },
    ], '2025-01-01');
    const r = applyBaseline(waived, loadFixture('validate-run'));
    expect(r.baseline).toMatchObject({ newCount: 0, fixed: [] });
  });

  it('counts duplicates as a multiset', () => {
    const baseline = loadFixture('validate-clean');
    const current = loadFixture('validate-clean');
    const dup = { ruleId: 'r/x', messageId: 'm', message: 'x', severity: 'error' as const, code: 'value' as const, location: { source: 'a', expression: 'Patient.x' } };
    baseline.results[0].issues = [dup, dup];
    current.results[0].issues = [dup, dup, dup];
    const r = applyBaseline(current, baseline);
    expect(r.baseline).toMatchObject({ newCount: 1, unchangedCount: 2 });
  });

  it('records the baseline digest when it has one', () => {
    const b = loadFixture('validate-clean');
    b.integrity = { algorithm: 'sha256', digest: 'f'.repeat(64) };
    expect(applyBaseline(loadFixture('validate-clean'), b).baseline?.digest).toBe('f'.repeat(64));
  });
});
