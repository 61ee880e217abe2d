// terminology/loinc-code: format and Mod 10 check digit (LOINC Users' Guide).
import { describe, expect, it } from 'vitest';
import rule, { checkLoincCode, LOINC_SYSTEM } from '../../../src/rules/terminology/loinc-code.js';

const location = { source: 'obs.json', expression: 'Observation.code.coding[1]' };
const run = (code: unknown, system = LOINC_SYSTEM) =>
  checkLoincCode({ system, code }, location).map((i) => ({ ruleId: i.ruleId, messageId: i.messageId, expression: i.location.expression }));

describe(rule.meta.id, () => {
  it.each(['2160-0', '8867-4', '29463-7', '2345-7', '85354-9', '12345-5', '11491-6', 'LA6576-8', 'LP7839-6', 'LL360-9', 'LG41762-2'])('accepts %s', (code) => {
    expect(run(code)).toEqual([]);
  });

  it.each([
    ['2160-1', 'badCheckDigit'],
    ['8867-3', 'badCheckDigit'],
    ['8687-4', 'badCheckDigit'], // transposition
    ['8867', 'badFormat'],
    ['8867-44', 'badFormat'],
    ['88674', 'badFormat'],
    ['ABC-1', 'badFormat'],
    [' 8867-4', 'badFormat'],
  ])('rejects %s', (code, messageId) => {
    expect(run(code)).toEqual([{ ruleId: 'terminology/loinc-code', messageId, expression: 'Observation.code.coding[1].code' }]);
  });

  it('ignores other systems', () => {
    expect(run('2160-1', 'http://snomed.info/sct')).toEqual([]);
  });
});
