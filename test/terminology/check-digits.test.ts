// Check-digit algorithms against published worked examples.
import { describe, expect, it } from 'vitest';
import { loincCheckDigit, nhsNumberCheckDigit, verhoeffValid } from '../../src/terminology/check-digits.js';
import { TX_CONCEPTS } from '../support/tx-server.js';

describe('Verhoeff (SNOMED CT)', () => {
  it.each(['22298006', '404684003', '138875005', '900000000000003001', '37436014'])('%s is valid', (id) => expect(verhoeffValid(id)).toBe(true));
  it.each(['22298007', '22298060', '404684004', '138875050'])('%s is invalid', (id) => expect(verhoeffValid(id)).toBe(false));
  it('every concept of the test server is a valid SCTID', () => {
    for (const c of TX_CONCEPTS) expect(verhoeffValid(c.code), c.code).toBe(true);
  });
});

describe('Modulus 11 (NHS Number)', () => {
  it.each([
    ['943476591', 9], // NHS Data Dictionary worked example 943 476 5919
    ['991200388', 8],
    ['999000001', 8],
    ['401023213', 7],
  ])('%s → %s', (first9, check) => expect(nhsNumberCheckDigit(first9)).toBe(check));
  it('remainder giving 10 has no check digit', () => expect(nhsNumberCheckDigit('999000000')).toBeUndefined());
  it('a weighted sum divisible by 11 gives check digit 0', () => {
    expect(nhsNumberCheckDigit('200000001')).toBe(0); // 2*10 + 1*2 = 22
  });
});

describe('Mod 10 (LOINC)', () => {
  it.each([
    ['12345', 5], // LOINC Users' Guide worked example
    ['2160', 0],
    ['8867', 4],
    ['29463', 7],
    ['2345', 7],
  ])('%s → %s', (n, check) => expect(loincCheckDigit(n)).toBe(check));
});
