// ukcore/dmd-system-uri: dm+d is https://dmd.nhs.uk exactly.
import { describe, expect, it } from 'vitest';
import rule, { checkDmdSystemUri } from '../../../src/rules/ukcore/dmd-system-uri.js';

const location = { source: 'med.json', expression: 'Medication.code.coding[0]' };
const run = (system: unknown) =>
  checkDmdSystemUri({ system }, location).map((i) => ({ ruleId: i.ruleId, messageId: i.messageId, expression: i.location.expression, severity: i.severity, expected: i.data?.expected }));

describe(rule.meta.id, () => {
  it.each(['https://dmd.nhs.uk', 'http://snomed.info/sct', undefined])('accepts %s', (system) => {
    expect(run(system)).toEqual([]);
  });

  it.each([
    ['https://dmd.nhs.uk/', 'trailingSlash'], // seen in UKCore-Medication-Sn-Amoxicillin-Example
    ['http://dmd.nhs.uk', 'wrongScheme'],
    ['http://dmd.nhs.uk/', 'wrongScheme'],
  ])('warns about %s with the fix', (system, messageId) => {
    expect(run(system)).toEqual([{ ruleId: 'ukcore/dmd-system-uri', messageId, expression: 'Medication.code.coding[0].system', severity: 'warning', expected: 'https://dmd.nhs.uk' }]);
  });
});
