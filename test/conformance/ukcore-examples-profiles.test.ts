// The 215 UK Core examples against their UK Core profiles (UKCore-<Type> and meta.profile), terminology on, offline:
// 0 errors except the pinned, genuinely wrong examples; the not-verified bindings are counted and printed.
import { describe, expect, it } from 'vitest';
import { loadPackages } from '../../src/packages/load-packages.js';
import { hasSharedData, sharedPath, ukcoreIgPath } from '../../src/util/shared-data.js';
import { runValidate } from '../../src/validate/run-validate.js';
import { errorsByFile, expectedErrors, UKCORE_PROFILE_PINS } from '../support/ukcore-pins.js';

describe.skipIf(!hasSharedData())('UK Core examples against UK Core', () => {
  it('validates all 215 examples against their UK Core profiles with 0 errors except the pinned ones', async () => {
    const set = loadPackages([ukcoreIgPath()]);
    expect(set.fatal).toBe(false);
    const { report } = await runValidate({ paths: [sharedPath('ukcore', 'examples')], packageSet: set });
    const profiled = report.results.filter((r) => r.resource?.profiles.some((p) => p.includes('fhir.hl7.org.uk'))).length;
    const actual = errorsByFile(report);
    console.log(`UK Core examples vs UK Core: ${report.inputs.length} files, ${report.summary.resources} resources, ${profiled} checked against a UK Core profile, ${report.inputs.length - Object.keys(actual).length} files with 0 errors, ${report.summary.notVerified} bindings not verified (no terminology server)`);
    expect(profiled).toBeGreaterThan(200);
    expect(actual).toEqual(expectedErrors(UKCORE_PROFILE_PINS));
  }, 180_000);
});
