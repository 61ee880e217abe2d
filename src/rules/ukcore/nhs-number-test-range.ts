// ukcore/nhs-number-test-range: NHS Numbers 999 000 0000 to 999 999 9999 are the range used for test data and never
// issued to patients. The number is defined by the NHS Data Dictionary (https://www.datadictionary.nhs.uk/attributes/nhs_number.html);
// NOTE: the test range is the convention published with NHS number ranges (https://en.wikipedia.org/wiki/NHS_number),
// not a Data Dictionary rule, so this is information only.
import type { Issue, Location } from '../../model/issue.js';
import { defineRule } from '../define-rule.js';
import { NHS_NUMBER_SYSTEM } from './nhs-number-check-digit.js';

const rule = defineRule({
  meta: {
    id: 'ukcore/nhs-number-test-range',
    category: 'ukcore',
    description: 'An NHS Number in the test range 999 000 0000 – 999 999 9999 identifies test data, not a real patient',
    docsUrl: 'https://www.datadictionary.nhs.uk/attributes/nhs_number.html',
    defaultSeverity: 'information',
    code: 'informational',
    messages: {
      testRange: "NHS Number '{{value}}' is in the test range 999 000 0000 – 999 999 9999 (test data, not a real patient)",
    },
  },
});
export default rule;

export function checkNhsNumberTestRange(identifier: { system?: unknown; value?: unknown }, location: Location): Issue[] {
  if (identifier.system !== NHS_NUMBER_SYSTEM || typeof identifier.value !== 'string') return [];
  if (!/^999\d{7}$/.test(identifier.value)) return [];
  return [rule.issue({ messageId: 'testRange', data: { value: identifier.value }, location: { ...location, expression: `${location.expression ?? ''}.value` } })];
}
