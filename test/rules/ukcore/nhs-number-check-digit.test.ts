// ukcore/nhs-number-check-digit: 10 digits and the Modulus 11 check digit (NHS Data Dictionary, NHS NUMBER).
import { describe, expect, it } from 'vitest';
import rule, { checkNhsNumber, NHS_NUMBER_SYSTEM } from '../../../src/rules/ukcore/nhs-number-check-digit.js';

const location = { source: 'patient.json', expression: 'Patient.identifier[0]' };
const run = (value: unknown, system: unknown = NHS_NUMBER_SYSTEM) =>
  checkNhsNumber({ system, value }, location).map((i) => ({ ruleId: i.ruleId, messageId: i.messageId, expression: i.location.expression, severity: i.severity }));

describe(rule.meta.id, () => {
  it.each([
    ['9434765919', 'the Data Dictionary worked example'],
    ['9912003888', 'UK Core example patient'],
    ['9990000018', 'test range'],
    ['4010232137', 'check digit 7'],
  ])('accepts %s (%s)', (value) => {
    expect(run(value)).toEqual([]);
  });

  it.each([
    ['9434765918', 'badCheckDigit'],
    ['9912003890', 'badCheckDigit'], // UKCore-Patient-BabyPatient-Example (see ../shared/README.md)
    ['9990000000', 'badCheckDigit'], // remainder 10: no valid check digit exists
    ['943476591', 'badFormat'],
    ['94347659190', 'badFormat'],
    ['943 476 5919', 'badFormat'],
    ['943-476-5919', 'badFormat'],
    ['943476591X', 'badFormat'],
    ['9876544321', 'badCheckDigit'], // the often-quoted '987 654 4321' shows the layout only; it fails Modulus 11
    ['', 'badFormat'],
  ])('rejects %s (%s)', (value, messageId) => {
    expect(run(value)).toEqual([{ ruleId: 'ukcore/nhs-number-check-digit', messageId, expression: 'Patient.identifier[0].value', severity: 'error' }]);
  });

  it('ignores other identifier systems and missing values', () => {
    expect(run('9434765918', 'https://fhir.nhs.uk/Id/ods-organization-code')).toEqual([]);
    expect(run(undefined)).toEqual([]);
    expect(run(9434765918)).toEqual([]);
  });

  it('says which check digit was expected', () => {
    expect(checkNhsNumber({ system: NHS_NUMBER_SYSTEM, value: '9434765918' }, location)[0]!.data).toEqual({ value: '9434765918', expected: '9' });
  });
});
