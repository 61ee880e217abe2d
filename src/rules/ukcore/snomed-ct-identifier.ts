// ukcore/snomed-ct-identifier: a SNOMED CT (or dm+d) Coding.code is a concept SCTID — 6 to 18 digits, no leading
// zero, a concept partition identifier and a valid Verhoeff check digit. SNOMED CT Release File Specification:
// 6.2 SCTID Representation https://confluence.ihtsdotools.org/display/DOCRELFMT/6.2+SCTID+Representation
// 6.3 SCTID Constraints     https://confluence.ihtsdotools.org/display/DOCRELFMT/6.3+SCTID+Constraints
// 6.4 Check-digit           https://confluence.ihtsdotools.org/display/DOCRELFMT/6.4+Check-digit
// dm+d identifiers (VTM, VMP, AMP, ...) are SNOMED CT concept identifiers of the UK extension, so the same rules apply.
import type { Issue, Location } from '../../model/issue.js';
import { verhoeffValid } from '../../terminology/check-digits.js';
import { defineRule } from '../define-rule.js';
import { DMD_SYSTEM, DMD_SYSTEM_VARIANTS } from './dmd-system-uri.js';

export const SNOMED_SYSTEM = 'http://snomed.info/sct';

const rule = defineRule({
  meta: {
    id: 'ukcore/snomed-ct-identifier',
    category: 'ukcore',
    description: 'SNOMED CT and dm+d codes are concept identifiers: 6–18 digits, no leading zero, partition 00 or 10, valid Verhoeff check digit',
    docsUrl: 'https://confluence.ihtsdotools.org/display/DOCRELFMT/6.3+SCTID+Constraints',
    defaultSeverity: 'error',
    code: 'code-invalid',
    messages: {
      badFormat: "'{{code}}' is not a SNOMED CT identifier (digits only) in {{system}}",
      badLength: "SNOMED CT identifier '{{code}}' has {{length}} digits; SCTIDs have 6 to 18",
      leadingZero: "SNOMED CT identifier '{{code}}' starts with 0",
      notAConcept: "SNOMED CT identifier '{{code}}' has partition {{partition}} ({{kind}}); a Coding.code must be a concept identifier (partition 00 or 10)",
      badPartition: "SNOMED CT identifier '{{code}}' has partition identifier {{partition}}, which is not a valid concept partition",
      badCheckDigit: "SNOMED CT identifier '{{code}}' fails the Verhoeff check digit",
      expressionNotChecked: "'{{code}}' looks like a SNOMED CT post-coordinated expression; its identifiers are not checked",
    },
  },
});
export default rule;

/** Partition identifiers (2nd and 3rd digits from the right) that are not concepts: short (0x) and long (1x) format. */
const NON_CONCEPT: Record<string, string> = {
  '01': 'description', '02': 'relationship', '03': 'subset (RF1)', '04': 'cross-map set (RF1)', '05': 'cross-map target (RF1)',
  '11': 'description', '12': 'relationship', '13': 'subset (RF1)', '14': 'cross-map set (RF1)', '15': 'cross-map target (RF1)',
};

export function isSnomedLikeSystem(system: unknown): boolean {
  return system === SNOMED_SYSTEM || system === DMD_SYSTEM || DMD_SYSTEM_VARIANTS.has(system as string);
}

/** Checks a Coding whose system is SNOMED CT or dm+d; `location.expression` is the Coding's path. */
export function checkSnomedIdentifier(coding: { system?: unknown; code?: unknown }, location: Location): Issue[] {
  if (!isSnomedLikeSystem(coding.system) || typeof coding.code !== 'string') return [];
  const code = coding.code;
  const system = String(coding.system);
  const at = { ...location, expression: `${location.expression ?? ''}.code` };
  const report = (messageId: Parameters<typeof rule.issue>[0]['messageId'], extra: Record<string, string | number> = {}, severity?: 'information'): Issue =>
    rule.issue({ messageId, data: { code, system, ...extra }, location: at, ...(severity ? { severity, code: 'informational' as const } : {}) });

  if (!/^\d+$/.test(code)) {
    // Post-coordinated expressions (SNOMED CT Compositional Grammar) hold SCTIDs plus syntax; they are not judged here.
    if (/\d{6,18}/.test(code) && /[:=+|{}(),<>^\s]/.test(code)) return [report('expressionNotChecked', {}, 'information')];
    return [report('badFormat')];
  }
  if (code.length < 6 || code.length > 18) return [report('badLength', { length: code.length })];
  if (code.startsWith('0')) return [report('leadingZero')];
  const issues: Issue[] = [];
  const partition = code.slice(-3, -1);
  if (NON_CONCEPT[partition]) issues.push(report('notAConcept', { partition, kind: NON_CONCEPT[partition] }));
  // Long-format (extension) identifiers carry a 7-digit namespace, so are at least 11 digits long.
  else if (partition !== '00' && partition !== '10') issues.push(report('badPartition', { partition }));
  else if (partition === '10' && code.length < 11) issues.push(report('badPartition', { partition }));
  if (!verhoeffValid(code)) issues.push(report('badCheckDigit'));
  return issues;
}
