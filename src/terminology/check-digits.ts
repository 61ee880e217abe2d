// Check-digit algorithms for identifiers that can be judged offline: Verhoeff (SNOMED CT), Modulus 11 (NHS Number),
// Mod 10 (LOINC). Inputs are strings of ASCII digits; callers check the format first.

// Verhoeff's dihedral group D5 tables, as given in the SNOMED CT Release File Specification section 6.4
// (https://confluence.ihtsdotools.org/display/DOCRELFMT/6.4+Check-digit).
const D5 = [
  [0, 1, 2, 3, 4, 5, 6, 7, 8, 9],
  [1, 2, 3, 4, 0, 6, 7, 8, 9, 5],
  [2, 3, 4, 0, 1, 7, 8, 9, 5, 6],
  [3, 4, 0, 1, 2, 8, 9, 5, 6, 7],
  [4, 0, 1, 2, 3, 9, 5, 6, 7, 8],
  [5, 9, 8, 7, 6, 0, 4, 3, 2, 1],
  [6, 5, 9, 8, 7, 1, 0, 4, 3, 2],
  [7, 6, 5, 9, 8, 2, 1, 0, 4, 3],
  [8, 7, 6, 5, 9, 3, 2, 1, 0, 4],
  [9, 8, 7, 6, 5, 4, 3, 2, 1, 0],
];
const PERM: number[][] = [[0, 1, 2, 3, 4, 5, 6, 7, 8, 9], [1, 5, 7, 6, 2, 8, 3, 0, 9, 4]];
for (let i = 2; i < 8; i++) PERM.push(PERM[1]!.map((_, j) => PERM[i - 1]![PERM[1]![j]!]!));

/** True when the whole digit string (check digit last) passes the Verhoeff check. */
export function verhoeffValid(digits: string): boolean {
  let c = 0;
  for (let i = 0; i < digits.length; i++) {
    const d = digits.charCodeAt(digits.length - 1 - i) - 48;
    c = D5[c]![PERM[i % 8]![d]!]!;
  }
  return c === 0;
}

/**
 * NHS Number Modulus 11 check digit for the first nine digits (weights 10..2); undefined when the remainder makes
 * the check digit 10, which means the number is invalid. NHS Data Dictionary, NHS NUMBER:
 * https://www.datadictionary.nhs.uk/attributes/nhs_number.html
 */
export function nhsNumberCheckDigit(first9: string): number | undefined {
  let sum = 0;
  for (let i = 0; i < 9; i++) sum += (first9.charCodeAt(i) - 48) * (10 - i);
  const check = 11 - (sum % 11);
  if (check === 11) return 0;
  return check === 10 ? undefined : check;
}

/** LOINC Mod 10 check digit of the numeric part (https://loinc.org/kb/users-guide/calculating-mod-10-check-digits/). */
export function loincCheckDigit(number: string): number {
  let sum = 0;
  for (let pos = 1; pos <= number.length; pos++) {
    const d = number.charCodeAt(number.length - pos) - 48;
    // Odd positions from the right are doubled and their digits summed; even positions are added as they are.
    sum += pos % 2 === 1 ? Math.floor((2 * d) / 10) + ((2 * d) % 10) : d;
  }
  return (10 - (sum % 10)) % 10;
}
