// Waivers: schema-checked file, matching by rule/message/target glob/expression, expiry, and the effect on status.
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import type { Waiver } from '../../src/model/report.js';
import { exitCodeFor } from '../../src/report/gating.js';
import { matchPathGlob, matchTextGlob } from '../../src/report/glob.js';
import { applyWaivers, parseWaivers, WAIVER_EXPIRED_RULE_ID, WAIVERS_CHECK_ID } from '../../src/report/waivers.js';
import { loadFixture } from '../reporters/helpers/fixtures.js';

const base = { reason: 'Known legacy data; fix planned in release 4', owner: 'integration-team', expires: '2025-12-31' };
const TODAY = '2025-06-01';

describe('parseWaivers', () => {
  it('accepts a complete file', () => {
    const r = parseWaivers({ waivers: [{ ruleId: 'ukcore/nhs-number-check-digit', target: 'examples/**', ...base }] });
    expect(r.ok).toBe(true);
  });

  it.each([
    ['missing reason', { ruleId: 'a/b', owner: 'x', expires: '2025-01-01' }, '/waivers/0'],
    ['missing owner', { ruleId: 'a/b', reason: 'because', expires: '2025-01-01' }, '/waivers/0'],
    ['missing expiry', { ruleId: 'a/b', reason: 'because', owner: 'x' }, '/waivers/0'],
    ['blank reason', { ruleId: 'a/b', reason: '   ', owner: 'x', expires: '2025-01-01' }, '/waivers/0/reason'],
    ['bad date format', { ruleId: 'a/b', reason: 'because', owner: 'x', expires: '01/02/2025' }, '/waivers/0/expires'],
    ['impossible date', { ruleId: 'a/b', reason: 'because', owner: 'x', expires: '2025-02-30' }, '/waivers/0/expires'],
    ['unknown key', { ruleId: 'a/b', reason: 'because', owner: 'x', expires: '2025-01-01', path: 'x' }, '/waivers/0'],
  ])('rejects %s', (_n, entry, pointer) => {
    const r = parseWaivers({ waivers: [entry] });
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.errors.some((e) => e.startsWith(pointer))).toBe(true);
  });

  it('rejects a file that is not an object with waivers', () => {
    expect(parseWaivers([]).ok).toBe(false);
  });
});

describe('globs', () => {
  it.each([
    ['examples/**', 'examples/a/b.json', true],
    ['examples/*.json', 'examples/a/b.json', false],
    ['**/patient-*.json', 'examples/patient-bad.json', true],
    ['**/patient-*.json', 'patient-bad.json', true],
    ['examples/bundle.json#entry[?]', 'examples/bundle.json#entry[1]', true],
    ['a.json', 'a.json', true],
    ['a.json', 'b/a.json', false],
  ])('path %s ~ %s → %s', (glob, subject, expected) => {
    expect(matchPathGlob(glob, subject)).toBe(expected);
  });

  it.each([
    ['Patient.identifier[*].value', 'Patient.identifier[0].value', true],
    ['Patient.identifier[0].value', 'Patient.identifier[1].value', false],
    ['*.coding[0].code', 'Patient.communication[0].language.coding[0].code', true],
  ])('expression %s ~ %s → %s', (glob, subject, expected) => {
    expect(matchTextGlob(glob, subject)).toBe(expected);
  });
});

describe('applyWaivers', () => {
  it('moves matched issues to waived, records the waiver, recomputes status and verdict', () => {
    const waivers: Waiver[] = [
      { ruleId: 'ukcore/nhs-number-check-digit', ...base },
      { ruleId: 'structure/cardinality', messageId: 'tooFew', target: '**/patient-bad.json', ...base },
      { ruleId: 'invariant/constraint', expression: 'Patient.contact[*]', ...base },
      { ruleId: 'structure/code-value', ...base },
      { ruleId: 'parse/json-syntax', target: 'examples/*.ndjson:*', ...base },
      { ruleId: 'profile/never-matches', ...base },
    ];
    const r = applyWaivers(loadFixture('validate-run'), waivers, TODAY, { source: 'waivers.json' });
    expect(r.waived?.map((w) => `${w.issue.ruleId}/${w.issue.messageId}`)).toEqual([
      'ukcore/nhs-number-check-digit/badCheckDigit',
      'structure/cardinality/tooFew',
      'invariant/constraint/failed',
      'structure/code-value/invalidCode',
      'parse/json-syntax/unexpectedToken',
    ]);
    expect(r.waivers?.map((w) => `${w.status}:${w.matched}`)).toEqual(['applied:1', 'applied:1', 'applied:1', 'applied:1', 'applied:1', 'unused:0']);
    expect(r.results.find((c) => c.resource?.id === 'bad-1')?.status).toBe('pass');
    expect(r.summary.verdict).toBe('pass');
    expect(r.summary.errorCount + r.summary.fatalCount).toBe(0);
    expect(exitCodeFor(r)).toBe(0);
  });

  it('waiver fields narrow the match: wrong message id, target or expression leave the issue', () => {
    const r = applyWaivers(loadFixture('validate-run'), [
      { ruleId: 'structure/cardinality', messageId: 'tooMany', ...base },
      { ruleId: 'ukcore/nhs-number-check-digit', target: 'other/**', ...base },
      { ruleId: 'invariant/constraint', expression: 'Patient.name', ...base },
    ], TODAY);
    expect(r.waived).toEqual([]);
    expect(r.summary.verdict).toBe('fail');
  });

  it('an expired waiver stops applying and raises a warning that --fail-on warning catches', () => {
    const r = applyWaivers(loadFixture('validate-run'), [{ ruleId: 'ukcore/nhs-number-check-digit', ...base, expires: '2025-05-31' }], TODAY, { source: 'waivers.json' });
    expect(r.waived).toEqual([]);
    expect(r.waivers?.[0]).toMatchObject({ status: 'expired', matched: 0 });
    const expiry = r.results.find((c) => c.checkId === WAIVERS_CHECK_ID)!;
    expect(expiry).toMatchObject({ optional: false, status: 'pass', target: 'waivers.json' });
    expect(expiry.issues.map((i) => `${i.ruleId}/${i.severity}`)).toEqual([`${WAIVER_EXPIRED_RULE_ID}/warning`]);
    expect(exitCodeFor(applyWaivers(loadFixture('validate-clean'), [{ ruleId: 'a/b', ...base, expires: '2025-05-31' }], TODAY), { failOn: 'warning' })).toBe(1);
  });

  it('a waiver expiring today still applies', () => {
    const r = applyWaivers(loadFixture('validate-run'), [{ ruleId: 'ukcore/nhs-number-check-digit', ...base, expires: TODAY }], TODAY);
    expect(r.waived).toHaveLength(1);
  });

  it('does not change the input report', () => {
    const input = loadFixture('validate-run');
    const before = JSON.stringify(input);
    applyWaivers(input, [{ ruleId: 'ukcore/nhs-number-check-digit', ...base }], TODAY);
    expect(JSON.stringify(input)).toBe(before);
  });
});

describe('waiver targets relative to a folder (configuration files)', () => {
  it('match checked paths taken relative to baseDir, and still the paths as given', () => {
    const report = loadFixture('validate-run');
    const first = report.results.find((c) => c.issues.some((i) => i.severity === 'error'))!;
    const issue = first.issues.find((i) => i.severity === 'error')!;
    const base = { ruleId: issue.ruleId, reason: 'agreed with the trust', owner: 'team', expires: '2099-01-01' };
    // A configuration file one folder above the working directory names the file relative to its own folder.
    const configDir = path.dirname(process.cwd());
    const fromConfig = path.relative(configDir, path.resolve(first.target)).split(path.sep).join('/');
    expect(fromConfig).not.toBe(first.target);
    expect(applyWaivers(report, [{ ...base, target: fromConfig }], TODAY, { baseDir: configDir }).waivers![0]!.matched).toBeGreaterThan(0);
    expect(applyWaivers(loadFixture('validate-run'), [{ ...base, target: fromConfig }], TODAY).waivers![0]!.matched).toBe(0);
    expect(applyWaivers(loadFixture('validate-run'), [{ ...base, target: first.target }], TODAY, { baseDir: configDir }).waivers![0]!.matched).toBeGreaterThan(0);
  });
});
