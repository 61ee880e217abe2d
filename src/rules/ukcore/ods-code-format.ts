// ukcore/ods-code-format: ODS organisation and site codes have the shapes the NHS Data Dictionary's coding frames allow.
// Organisation codes: NHS Data Dictionary "Organisation Coding Frames" — 1 to 8 character positions, all alphanumeric,
// the shortest frame 3 characters (e.g. NHS Trust 'RR8', GP practice 'A81001', school 'EE134290'):
// https://archive.datadictionary.nhs.uk/DD%20Release%20September%202020/supporting_information/organisation_coding_frames.html
// (the data element ORGANISATION IDENTIFIER is narrower, min an3 max an6, for data-set submissions; ODS itself issues
// longer codes, so up to 8 is accepted to avoid false errors).
// Site codes: "Organisation Site Coding Frames" — an organisation code plus a site suffix, 5 to 9 alphanumerics
// (e.g. 'RH802', 'TAK01', 'LSP0101'):
// https://archive.datadictionary.nhs.uk/DD%20Release%20March%202021/supporting_information/organisation_site_coding_frames.html
import type { Issue, Location } from '../../model/issue.js';
import { defineRule } from '../define-rule.js';

export const ODS_ORGANIZATION_SYSTEM = 'https://fhir.nhs.uk/Id/ods-organization-code';
export const ODS_SITE_SYSTEM = 'https://fhir.nhs.uk/Id/ods-site-code';

const rule = defineRule({
  meta: {
    id: 'ukcore/ods-code-format',
    category: 'ukcore',
    description: 'ODS organisation codes are 3–8 and ODS site codes 5–9 upper-case alphanumeric characters (NHS Data Dictionary coding frames)',
    docsUrl: 'https://archive.datadictionary.nhs.uk/DD%20Release%20September%202020/supporting_information/organisation_coding_frames.html',
    defaultSeverity: 'error',
    code: 'value',
    messages: {
      badOrganizationCode: "ODS organisation code '{{value}}' is not 3 to 8 alphanumeric characters",
      badSiteCode: "ODS site code '{{value}}' is not 5 to 9 alphanumeric characters",
      lowerCase: "ODS code '{{value}}' contains lower-case letters; ODS issues codes in upper case ('{{expected}}') and identifiers match case-sensitively",
    },
  },
});
export default rule;

const FORMATS: Record<string, { re: RegExp; messageId: 'badOrganizationCode' | 'badSiteCode' }> = {
  [ODS_ORGANIZATION_SYSTEM]: { re: /^[A-Za-z0-9]{3,8}$/, messageId: 'badOrganizationCode' },
  [ODS_SITE_SYSTEM]: { re: /^[A-Za-z0-9]{5,9}$/, messageId: 'badSiteCode' },
};

/** Checks an Identifier with an ODS system; `location.expression` is the Identifier's path. */
export function checkOdsCode(identifier: { system?: unknown; value?: unknown }, location: Location): Issue[] {
  const format = typeof identifier.system === 'string' ? FORMATS[identifier.system] : undefined;
  if (!format || typeof identifier.value !== 'string') return [];
  const value = identifier.value;
  const at = { ...location, expression: `${location.expression ?? ''}.value` };
  if (!format.re.test(value)) return [rule.issue({ messageId: format.messageId, data: { value }, location: at })];
  if (value !== value.toUpperCase()) {
    return [rule.issue({ messageId: 'lowerCase', data: { value, expected: value.toUpperCase() }, location: at, severity: 'warning' })];
  }
  return [];
}
