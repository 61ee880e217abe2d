// ukcore/nhs-number-test-range: 999 000 0000 – 999 999 9999 is information only.
import { describe, expect, it } from 'vitest';
import { NHS_NUMBER_SYSTEM } from '../../../src/rules/ukcore/nhs-number-check-digit.js';
import rule, { checkNhsNumberTestRange } from '../../../src/rules/ukcore/nhs-number-test-range.js';

const location = { source: 'patient.json', expression: 'Patient.identifier[1]' };
const run = (value: string, system = NHS_NUMBER_SYSTEM) =>
  checkNhsNumberTestRange({ system, value }, location).map((i) => ({ ruleId: i.ruleId, messageId: i.messageId, expression: i.location.expression, severity: i.severity }));

describe(rule.meta.id, () => {
  it.each(['9990000018', '9990000000', '9999999999'])('flags %s as test data', (value) => {
    expect(run(value)).toEqual([{ ruleId: 'ukcore/nhs-number-test-range', messageId: 'testRange', expression: 'Patient.identifier[1].value', severity: 'information' }]);
  });

  it.each(['9434765919', '9989999999', '999000001', '99900000181'])('does not flag %s', (value) => {
    expect(run(value)).toEqual([]);
  });

  it('ignores other systems', () => {
    expect(run('9990000018', 'https://example.org/mrn')).toEqual([]);
  });
});
