// The 215 UK Core examples (FHIR XML) read and validate against base R4 with no errors, except those pinned
// here with the reason they are truly invalid.
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { sharedPath, hasSharedData } from '../../src/util/shared-data.js';
import { runValidate } from '../../src/validate/run-validate.js';
import { basePackageSet } from '../support/base-validator.js';

const KNOWN_INVALID: Record<string, { ids: string[]; why: string }> = {
  'Extension-UKCore-ConditionEpisode-Example.xml': { ids: ['structure/cardinality/tooMany'], why: 'two value[x] in one extension (see shared/README.md)' },
  'Extension-UKCore-CodingSCT-IllicitDrugs-Example.xml': { ids: ['structure/xml-element-order/outOfOrder'], why: '<text> after <status>: XML element order is fixed by the definition' },
  'UKCore-Observation-Lab-Albumin-Example.xml': { ids: ['structure/xml-element-order/outOfOrder'], why: '<text> before <meta>' },
  'UKCore-Questionnaire-EOLPlan-Example.xml': { ids: ['structure/xml-element-order/outOfOrder'], why: 'item <extension> after <linkId>' },
  'UKCore-Bundle-NEWS2Observations-Example.xml': { ids: ['bundle/full-url/notAbsolute'], why: "fullUrl 'Observation/…' is relative; Bundle.entry.fullUrl is an absolute URL" },
  'UKCore-MedicationDispense-Amoxicillin-Example.xml': { ids: ['reference/resolution/invalidFormat'], why: 'reference is a bare id, not Type/id' },
  'UKCore-MedicationDispense-CiprofloxacinIV-Example.xml': { ids: ['reference/resolution/invalidFormat'], why: 'reference is a bare id, not Type/id' },
  'UKCore-MedicationDispense-CiprofloxacinOral-Example.xml': { ids: ['reference/resolution/invalidFormat'], why: 'reference is a bare id, not Type/id' },
  'UKCore-Patient-BabyPatient-Example.xml': { ids: ['ukcore/nhs-number-check-digit/badCheckDigit'], why: 'NHS Number 9912003890 fails the Modulus 11 check (valid per UK Core, see shared/README.md)' },
  'UKCore-Provenance-RARecordConsent-Example.xml': { ids: ['reference/resolution/invalidFormat'], why: "reference 'Organization/https://…' is not Type/id" },
};

describe.skipIf(!hasSharedData())('UK Core examples against base R4', () => {
  it('all 215 examples parse and validate with 0 errors except the pinned ones', async () => {
    const { report, usageErrors } = await runValidate({ paths: [sharedPath('ukcore', 'examples')], packageSet: basePackageSet() });
    expect(usageErrors).toEqual([]);
    expect(report.inputs).toHaveLength(215);
    const found = new Map<string, Set<string>>();
    for (const r of report.results) {
      for (const i of r.issues) {
        if (i.severity === 'fatal') throw new Error(`${r.target}: fatal ${i.ruleId} ${i.message}`);
        if (i.severity !== 'error') continue;
        const file = path.basename(r.target.split('#')[0]!);
        if (!found.has(file)) found.set(file, new Set());
        found.get(file)!.add(`${i.ruleId}/${i.messageId}`);
      }
    }
    console.log(`UK Core examples vs base R4: ${report.inputs.length} files, ${report.summary.resources} resources, ${report.inputs.length - found.size} files with 0 errors`);
    const actual = Object.fromEntries([...found].map(([f, s]) => [f, [...s].sort()]));
    const expected = Object.fromEntries(Object.entries(KNOWN_INVALID).map(([f, v]) => [f, [...v.ids].sort()]));
    expect(actual).toEqual(expected);
  }, 120_000);
});
