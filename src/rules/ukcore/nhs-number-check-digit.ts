// ukcore/nhs-number-check-digit: an NHS Number is 10 digits whose last digit is the Modulus 11 check digit.
// NHS Data Dictionary, NHS NUMBER: https://www.datadictionary.nhs.uk/attributes/nhs_number.html
import type { Issue, Location } from '../../model/issue.js';
import { nhsNumberCheckDigit } from '../../terminology/check-digits.js';
import { defineRule } from '../define-rule.js';

export const NHS_NUMBER_SYSTEM = 'https://fhir.nhs.uk/Id/nhs-number';

const rule = defineRule({
  meta: {
    id: 'ukcore/nhs-number-check-digit',
    category: 'ukcore',
    description: 'An NHS Number (system https://fhir.nhs.uk/Id/nhs-number) is 10 digits with a valid Modulus 11 check digit',
    docsUrl: 'https://www.datadictionary.nhs.uk/attributes/nhs_number.html',
    defaultSeverity: 'error',
    code: 'value',
    messages: {
      badFormat: "NHS Number '{{value}}' is not 10 digits (no spaces or separators)",
      badCheckDigit: "NHS Number '{{value}}' fails the Modulus 11 check: the check digit should be {{expected}}",
    },
  },
});
export default rule;

/** Checks an Identifier; `location.expression` is the Identifier's path. */
export function checkNhsNumber(identifier: { system?: unknown; value?: unknown }, location: Location): Issue[] {
  if (identifier.system !== NHS_NUMBER_SYSTEM || typeof identifier.value !== 'string') return [];
  const value = identifier.value;
  const at = { ...location, expression: `${location.expression ?? ''}.value` };
  if (!/^\d{10}$/.test(value)) return [rule.issue({ messageId: 'badFormat', data: { value }, location: at })];
  const expected = nhsNumberCheckDigit(value.slice(0, 9));
  if (expected === Number(value[9])) return [];
  // A remainder giving check digit 10 means no NHS Number can start with these nine digits.
  return [rule.issue({ messageId: 'badCheckDigit', data: { value, expected: expected === undefined ? 'none (remainder 10)' : String(expected) }, location: at })];
}
