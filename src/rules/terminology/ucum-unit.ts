// terminology/ucum-unit: a Quantity whose system is UCUM must carry a valid UCUM expression in `code`.
// See https://hl7.org/fhir/R4/datatypes.html#Quantity and https://ucum.org/ucum (checked with @lhncbc/ucum-lhc).
import type { Issue, Location } from '../../model/issue.js';
import { checkUcumCode, UCUM_SYSTEM } from '../../terminology/ucum.js';
import { defineRule } from '../define-rule.js';

const rule = defineRule({
  meta: {
    id: 'terminology/ucum-unit',
    category: 'terminology',
    description: 'Quantity.code is a valid UCUM expression when Quantity.system is http://unitsofmeasure.org',
    docsUrl: 'https://hl7.org/fhir/R4/datatypes.html#Quantity',
    defaultSeverity: 'error',
    code: 'code-invalid',
    messages: {
      badUnit: "'{{code}}' is not a valid UCUM unit: {{detail}}",
    },
  },
});
export default rule;

/** Checks a Quantity (or Age, Count, Distance, Duration, SimpleQuantity); `location.expression` is its path. */
export function checkUcumUnit(quantity: { system?: unknown; code?: unknown }, location: Location): Issue[] {
  if (quantity.system !== UCUM_SYSTEM || typeof quantity.code !== 'string') return [];
  const r = checkUcumCode(quantity.code);
  if (r.valid) return [];
  return [rule.issue({ messageId: 'badUnit', data: { code: quantity.code, detail: r.message ?? 'not a UCUM expression' }, location: { ...location, expression: `${location.expression ?? ''}.code` } })];
}
