// profile/* through the base walk: a value whose base element type names a profile (R4: SimpleQuantity on Range.low,
// Observation.referenceRange.low, Dosage.doseAndRate.dose[x], ...) is checked against it, so a comparator there fails
// sqty-1 and the profile's max = 0 on Quantity.comparator.
// https://hl7.org/fhir/R4/elementdefinition-definitions.html#ElementDefinition.type.profile
import { describe, expect, it } from 'vitest';
import { brokenCase, fixture, ruleTester, validateInput } from '../support/rule-tester.js';

const observation = fixture('observation');
const medicationRequest = fixture('medicationrequest');

/** The two errors a comparator in a SimpleQuantity gives at `at`. */
const comparatorErrors = (at: string) => [
  { ruleId: 'profile/invariant', messageId: 'failed', key: 'sqty-1', expression: at },
  { ruleId: 'profile/cardinality', messageId: 'prohibited', expression: `${at}.comparator` },
];

ruleTester.run('profile/* on type profiles named by the base definitions (SimpleQuantity)', {
  valid: [
    { name: 'reference range without comparators', resource: observation },
    { name: 'a comparator where the type is plain Quantity (valueQuantity)', resource: { ...observation, valueQuantity: { ...observation.valueQuantity, comparator: '<' } } },
    { name: 'dose quantity without comparator', resource: medicationRequest },
  ],
  invalid: [
    brokenCase('comparator in Observation.referenceRange.low', observation, (c) => { c.referenceRange[0].low.comparator = '>'; },
      () => comparatorErrors('Observation.referenceRange[0].low')),
    brokenCase('comparator in a Range value (Range.low)', observation, (c) => {
      delete c.valueQuantity;
      c.valueRange = { low: { value: 1, unit: 'kg', system: 'http://unitsofmeasure.org', code: 'kg', comparator: '<' } };
    }, () => comparatorErrors('Observation.value.ofType(Range).low')),
    brokenCase('comparator in Dosage.doseAndRate.doseQuantity', medicationRequest, (c) => { c.dosageInstruction[0].doseAndRate[0].doseQuantity.comparator = '<='; },
      () => comparatorErrors('MedicationRequest.dosageInstruction[0].doseAndRate[0].dose.ofType(Quantity)')),
  ],
});


describe('type profiles under a claimed profile', () => {
  it('are reported once, not again by the profile walk (vital signs claims inherit SimpleQuantity on referenceRange)', () => {
    const claimed = structuredClone(observation);
    claimed.meta = { profile: ['http://hl7.org/fhir/StructureDefinition/vitalsigns'] };
    claimed.referenceRange[0].low.comparator = '>';
    const sqty = validateInput({ resource: claimed }).filter((i) => i.constraint?.key === 'sqty-1' || i.location.expression?.endsWith('.low.comparator'));
    expect(sqty.map((i) => [i.ruleId, i.messageId, i.location.expression])).toEqual([
      ['profile/invariant', 'failed', 'Observation.referenceRange[0].low'],
      ['profile/cardinality', 'prohibited', 'Observation.referenceRange[0].low.comparator'],
    ]);
  });
});
