// The UCUM `canonical` filter: all-distance-units holds every length unit (and nothing else), decided offline.
import { describe, expect, it } from 'vitest';
import { Definitions } from '../../src/packages/definitions.js';
import { loadBasePackage } from '../../src/packages/base-package.js';
import { LocalTerminology } from '../../src/terminology/index.js';

const UCUM = 'http://unitsofmeasure.org';
const tx = new LocalTerminology(new Definitions([loadBasePackage()]));
const inSet = (code: string, valueSet: string) => tx.validateCodeSync({ system: UCUM, code, valueSet }).outcome;

describe('UCUM canonical filter', () => {
  it.each([
    ['cm', 'valid'], ['m', 'valid'], ['[in_i]', 'valid'], ['mm', 'valid'],
    ['kg', 'invalid'], ['mm[Hg]', 'invalid'], ['s', 'invalid'], ['not a unit', 'invalid'],
  ])('all-distance-units: %s is %s', (code, outcome) => {
    expect(inSet(code, 'http://hl7.org/fhir/ValueSet/all-distance-units')).toBe(outcome);
  });

  it('all-time-units takes time units only', () => {
    expect(inSet('min', 'http://hl7.org/fhir/ValueSet/all-time-units')).toBe('valid');
    expect(inSet('cm', 'http://hl7.org/fhir/ValueSet/all-time-units')).toBe('invalid');
  });
});
