// HL7's own snapshot-generation cases (fhir-test-cases r4b/snapshot-generation): pass rate against the expected
// snapshots, or the expected failure. Written for R4B; see src/snapshot/README.md for why each failing case fails.
import { existsSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { Definitions } from '../../src/packages/definitions.js';
import { sharedPath } from '../../src/util/shared-data.js';
import { basePackage } from './fixture-defs.js';
import { readManifest, runCase, type CaseOutcome } from './hl7-cases.js';
import { xmlReader } from './xml-loader.js';

const dir = sharedPath('hl7-snapshot-generation');
const available = existsSync(dir);
const reader = available ? await xmlReader(new Definitions([basePackage()])) : { reason: `${dir} not found` };

/** Pass count reached when this test was written; the test fails if a change loses any. */
const PASSING_AT_LEAST = 85;

describe.skipIf(!available)('HL7 snapshot-generation cases', () => {
  it('passes at least as many cases as before', () => {
    const cases = readManifest(dir);
    const outcomes: CaseOutcome[] = cases.map((c) => runCase(dir, c, basePackage(), reader.read, cases));
    const run = outcomes.filter((o) => o.status !== 'skip');
    const passed = run.filter((o) => o.status === 'pass');
    const json = run.filter((o) => o.format === 'json');
    const lines = outcomes
      .filter((o) => o.status !== 'pass')
      .map((o) => `  ${o.status} ${o.format} ${o.id}: ${o.reason}`);
    console.log(
      `HL7 snapshot cases: ${passed.length}/${run.length} pass (${((100 * passed.length) / Math.max(run.length, 1)).toFixed(1)}%), ` +
        `JSON inputs ${json.filter((o) => o.status === 'pass').length}/${json.length}` +
        (reader.read ? '' : `; XML cases and all expected snapshots skipped: ${reader.reason}`) +
        `; R4B-only base differences are set aside\n${lines.join('\n')}`,
    );
    if (!reader.read) {
      // Every expected snapshot is XML: without the XML reader only failure cases with JSON input can be judged.
      expect(run.every((o) => o.format === 'json')).toBe(true);
      return;
    }
    expect(passed.length).toBeGreaterThanOrEqual(PASSING_AT_LEAST);
  });
});
