// terminology/loinc-code: a LOINC code is digits, a hyphen and a Mod 10 check digit; Part/Answer/Group/List
// identifiers (LP, LA, LG, LL prefixes) are checked for format only.
// LOINC Users' Guide, "Calculating Mod 10 Check Digits": https://loinc.org/kb/users-guide/calculating-mod-10-check-digits/
import type { Issue, Location } from '../../model/issue.js';
import { loincCheckDigit } from '../../terminology/check-digits.js';
import { defineRule } from '../define-rule.js';

export const LOINC_SYSTEM = 'http://loinc.org';

const rule = defineRule({
  meta: {
    id: 'terminology/loinc-code',
    category: 'terminology',
    description: 'LOINC codes (system http://loinc.org) have the form nnnnn-n with a valid Mod 10 check digit',
    docsUrl: 'https://loinc.org/kb/users-guide/calculating-mod-10-check-digits/',
    defaultSeverity: 'error',
    code: 'code-invalid',
    messages: {
      badFormat: "'{{code}}' is not a LOINC code (expected digits, '-', check digit, e.g. 8867-4; or an LA/LP/LG/LL identifier)",
      badCheckDigit: "LOINC code '{{code}}' fails the Mod 10 check: the check digit should be {{expected}}",
    },
  },
});
export default rule;

/**
 * Codes LOINC publishes with check digits that fail its own algorithm (a documented known issue, all deprecated);
 * they are real codes, so they are not flagged.
 */
const KNOWN_BAD_CHECK_DIGITS = new Set([
  '11491-6', '11501-6', '5895-7', '5896-5', '5897-3', '5928-1', '6028-3', '6415-5', '6580-7', '6645-7', '6646-5',
  '6647-3', '6648-1', '6649-9',
]);

/** Checks a Coding with system http://loinc.org; `location.expression` is the Coding's path. */
export function checkLoincCode(coding: { system?: unknown; code?: unknown }, location: Location): Issue[] {
  if (coding.system !== LOINC_SYSTEM || typeof coding.code !== 'string') return [];
  const code = coding.code;
  const at = { ...location, expression: `${location.expression ?? ''}.code` };
  const m = /^(\d{1,7})-(\d)$/.exec(code);
  if (!m) {
    // NOTE: LP/LA identifiers use a variant algorithm over letters (LOINC Users' Guide); only their format is checked.
    if (/^L[APGL]\d{1,8}-\d$/.test(code)) return [];
    return [rule.issue({ messageId: 'badFormat', data: { code }, location: at })];
  }
  const expected = loincCheckDigit(m[1]!);
  if (expected === Number(m[2]) || KNOWN_BAD_CHECK_DIGITS.has(code)) return [];
  return [rule.issue({ messageId: 'badCheckDigit', data: { code, expected }, location: at })];
}
