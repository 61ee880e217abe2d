// Test helper: the fixed sample reports in fixtures/reports/, loaded as Report values.
import { createPrivateKey } from 'node:crypto';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import type { Report } from '../../../src/model/report.js';
import { applyBaseline } from '../../../src/report/baseline.js';
import { signReport } from '../../../src/report/sign.js';
import { applyWaivers } from '../../../src/report/waivers.js';
import { projectRoot } from '../../../src/util/shared-data.js';

export const FIXTURES = ['validate-run', 'probe-run', 'validate-clean'] as const;
export type FixtureName = (typeof FIXTURES)[number];

/** The working directory reporters resolve file paths against, fixed so outputs do not depend on the machine. */
export const CWD = '/repo';

export function fixturePath(name: string): string {
  return path.join(projectRoot, 'fixtures', 'reports', name);
}

/** A fresh deep copy of a fixture report each call (tests may change it). */
export function loadFixture(name: FixtureName): Report {
  return JSON.parse(readFileSync(fixturePath(`${name}.json`), 'utf8')) as Report;
}

/**
 * A fixed Ed25519 test key built from a constant seed (Ed25519 signatures are deterministic, so snapshots of
 * signed reports are stable). For tests only; never use it to sign a real report.
 */
export function testSigningKeyPem(): string {
  const seed = Buffer.alloc(32, 7);
  const der = Buffer.concat([Buffer.from('302e020100300506032b657004220420', 'hex'), seed]);
  return createPrivateKey({ key: der, format: 'der', type: 'pkcs8' }).export({ type: 'pkcs8', format: 'pem' }).toString();
}

/** validate-run with waivers (one applied, one expired), a baseline with one fixed issue, signed with the test key. */
export function gatedFixture(): Report {
  const baseline = loadFixture('validate-run');
  baseline.results[3].issues.push({
    ruleId: 'profile/must-support', messageId: 'missing', message: 'Must-support element Encounter.class is absent',
    severity: 'warning', code: 'required', location: { source: 'examples/bundle-encounters.json', expression: 'Bundle.entry[0].resource', line: 6, column: 5 },
  });
  const current = loadFixture('validate-run');
  current.results[2].issues.push({
    ruleId: 'ukcore/ods-code-format', messageId: 'badFormat', message: 'ODS code "X|Y" is not 1-9 letters and digits',
    severity: 'error', code: 'value', location: { source: 'examples/patient-bad.json', expression: 'Patient.managingOrganization.identifier.value', line: 31, column: 16 },
  });
  const waived = applyWaivers(current, [
    { ruleId: 'ukcore/nhs-number-check-digit', target: 'examples/patient-bad.json', reason: 'Synthetic record kept to test error handling | see ticket 12', owner: 'Integration team', expires: '2099-12-31' },
    { ruleId: 'structure/code-value', reason: 'Supplier fix promised', owner: 'Supplier X', expires: '2025-01-01' },
  ], '2025-01-15', { source: 'waivers.json' });
  const signed = signReport(applyBaseline(waived, baseline), testSigningKeyPem());
  if (!signed.ok) throw new Error(signed.error);
  return signed.report;
}
