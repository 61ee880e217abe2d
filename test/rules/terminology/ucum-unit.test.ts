// terminology/ucum-unit: Quantity.code is a UCUM expression when Quantity.system is UCUM.
import { describe, expect, it } from 'vitest';
import rule, { checkUcumUnit } from '../../../src/rules/terminology/ucum-unit.js';

const UCUM = 'http://unitsofmeasure.org';
const location = { source: 'obs.json', expression: 'Observation.valueQuantity' };
const run = (code: unknown, system = UCUM) =>
  checkUcumUnit({ system, code }, location).map((i) => ({ ruleId: i.ruleId, messageId: i.messageId, expression: i.location.expression }));

describe(rule.meta.id, () => {
  it.each(['mm[Hg]', 'kg', 'kg/m2', '/min', '{beats}/min', 'Cel', '%', '1', '10*3/uL', 'mmol/L', 'g/dL', "[in_i]"])('accepts %s', (code) => {
    expect(run(code)).toEqual([]);
  });

  it.each(['mmHg', 'kilogram', 'beats/min', 'degC', 'KG', 'km/h ', ''])('rejects %j', (code) => {
    expect(run(code)).toEqual([{ ruleId: 'terminology/ucum-unit', messageId: 'badUnit', expression: 'Observation.valueQuantity.code' }]);
  });

  it('ignores non-UCUM systems and missing codes', () => {
    expect(run('mmHg', 'http://snomed.info/sct')).toEqual([]);
    expect(run(undefined)).toEqual([]);
  });
});
