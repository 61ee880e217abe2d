// The 215 UK Core examples (FHIR XML) read and validate against base R4 with no errors, except those pinned in
// test/support/ukcore-pins.ts with the reason they are truly invalid.
import { describe, expect, it } from 'vitest';
import { sharedPath, hasSharedData } from '../../src/util/shared-data.js';
import { runValidate } from '../../src/validate/run-validate.js';
import { basePackageSet } from '../support/base-validator.js';
import { errorsByFile, expectedErrors, UKCORE_BASE_PINS } from '../support/ukcore-pins.js';

describe.skipIf(!hasSharedData())('UK Core examples against base R4', () => {
  it('all 215 examples parse and validate with 0 errors except the pinned ones', async () => {
    const { report, usageErrors } = await runValidate({ paths: [sharedPath('ukcore', 'examples')], packageSet: basePackageSet() });
    expect(usageErrors).toEqual([]);
    expect(report.inputs).toHaveLength(215);
    const actual = errorsByFile(report);
    console.log(`UK Core examples vs base R4: ${report.inputs.length} files, ${report.summary.resources} resources, ${report.inputs.length - Object.keys(actual).length} files with 0 errors`);
    expect(actual).toEqual(expectedErrors(UKCORE_BASE_PINS));
  }, 120_000);
});
