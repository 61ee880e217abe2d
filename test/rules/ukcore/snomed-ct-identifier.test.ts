// ukcore/snomed-ct-identifier: SCTID length, leading zero, partition identifier and Verhoeff check digit.
import { describe, expect, it } from 'vitest';
import rule, { checkSnomedIdentifier, SNOMED_SYSTEM } from '../../../src/rules/ukcore/snomed-ct-identifier.js';
import { verhoeffValid } from '../../../src/terminology/check-digits.js';

const location = { source: 'obs.json', expression: 'Observation.code.coding[0]' };
const run = (code: unknown, system: string = SNOMED_SYSTEM) =>
  checkSnomedIdentifier({ system, code }, location).map((i) => ({ ruleId: i.ruleId, messageId: i.messageId, expression: i.location.expression, severity: i.severity }));
const finding = (messageId: string, severity = 'error') => ({ ruleId: 'ukcore/snomed-ct-identifier', messageId, expression: 'Observation.code.coding[0].code', severity });

/** Appends the Verhoeff check digit, so partition/length cases fail only for the reason under test. */
function withCheckDigit(stem: string): string {
  for (let d = 0; d <= 9; d++) if (verhoeffValid(stem + d)) return stem + d;
  throw new Error('unreachable');
}

describe(rule.meta.id, () => {
  it.each([
    ['22298006', 'Myocardial infarction'],
    ['404684003', 'Clinical finding'],
    ['138875005', 'SNOMED CT Concept'],
    ['900000000000003001', '18 digits, Fully specified name'],
    ['999000011000000103', 'UK edition module (long format, partition 10)'],
    ['39720311000001101', 'dm+d style long-format concept id'],
  ])('accepts %s (%s)', (code) => {
    expect(run(code)).toEqual([]);
  });

  it.each([
    ['22298007', ['badCheckDigit']],
    ['22298060', ['badPartition', 'badCheckDigit']], // last two digits transposed
    ['37436014', ['notAConcept']], // a description id (partition 01)
    [withCheckDigit('10000002'), ['notAConcept']], // relationship partition 02
    [withCheckDigit('1234509'), ['badPartition']], // partition 09 does not exist
    [withCheckDigit('1234510'), ['badPartition']], // long format needs a 7-digit namespace (11+ digits)
    ['37436015', ['notAConcept', 'badCheckDigit']],
    ['12345', ['badLength']],
    ['1234567890123456789', ['badLength']],
    ['0123456', ['leadingZero']],
    ['XE0Uc', ['badFormat']], // a Read code under the SNOMED CT system
    ['22298006.0', ['badFormat']],
    ['', ['badFormat']],
  ])('rejects %s', (code, messageIds) => {
    expect(run(code)).toEqual(messageIds.map((m) => finding(m)));
  });

  it.each(['22298006 |Myocardial infarction|', '71388002:405813007=15497006', '<< 404684003'])('skips the expression %j with information', (code) => {
    expect(run(code)).toEqual([finding('expressionNotChecked', 'information')]);
  });

  it('applies to dm+d codes, including the trailing-slash system', () => {
    expect(run('22298007', 'https://dmd.nhs.uk')).toEqual([finding('badCheckDigit')]);
    expect(run('22298007', 'https://dmd.nhs.uk/')).toEqual([finding('badCheckDigit')]);
    expect(run('39720311000001101', 'https://dmd.nhs.uk')).toEqual([]);
  });

  it('ignores other systems and missing codes', () => {
    expect(run('22298007', 'http://loinc.org')).toEqual([]);
    expect(run(undefined)).toEqual([]);
  });
});
