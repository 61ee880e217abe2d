// ukcore/ods-code-format: organisation codes 3–8, site codes 5–9 alphanumerics (NHS Data Dictionary coding frames).
import { describe, expect, it } from 'vitest';
import rule, { checkOdsCode, ODS_ORGANIZATION_SYSTEM, ODS_SITE_SYSTEM } from '../../../src/rules/ukcore/ods-code-format.js';

const location = { source: 'org.json', expression: 'Organization.identifier[0]' };
const run = (system: string, value: unknown) =>
  checkOdsCode({ system, value }, location).map((i) => ({ ruleId: i.ruleId, messageId: i.messageId, expression: i.location.expression, severity: i.severity }));
const finding = (messageId: string, severity = 'error') => [{ ruleId: 'ukcore/ods-code-format', messageId, expression: 'Organization.identifier[0].value', severity }];

describe(rule.meta.id, () => {
  it.each([
    [ODS_ORGANIZATION_SYSTEM, 'RR8'], // NHS Trust (UK Core examples)
    [ODS_ORGANIZATION_SYSTEM, 'X26'],
    [ODS_ORGANIZATION_SYSTEM, 'C4B2A'],
    [ODS_ORGANIZATION_SYSTEM, 'A81001'], // GP practice
    [ODS_ORGANIZATION_SYSTEM, '8HA03'],
    [ODS_ORGANIZATION_SYSTEM, 'EE134290'], // school, C frame: 8 characters
    [ODS_SITE_SYSTEM, 'RR813'],
    [ODS_SITE_SYSTEM, 'GP8D7'],
    [ODS_SITE_SYSTEM, 'RH802'],
    [ODS_SITE_SYSTEM, 'LSP0101'],
  ])('accepts %s %s', (system, value) => {
    expect(run(system, value)).toEqual([]);
  });

  it.each([
    [ODS_ORGANIZATION_SYSTEM, 'R8', 'badOrganizationCode'],
    [ODS_ORGANIZATION_SYSTEM, 'RR8 ', 'badOrganizationCode'],
    [ODS_ORGANIZATION_SYSTEM, 'RR-8', 'badOrganizationCode'],
    [ODS_ORGANIZATION_SYSTEM, 'ABCDEFGHI', 'badOrganizationCode'],
    [ODS_ORGANIZATION_SYSTEM, '', 'badOrganizationCode'],
    [ODS_SITE_SYSTEM, 'RR8', 'badSiteCode'],
    [ODS_SITE_SYSTEM, 'RR81', 'badSiteCode'],
    [ODS_SITE_SYSTEM, 'RR8/13', 'badSiteCode'],
    [ODS_SITE_SYSTEM, 'RR81312345', 'badSiteCode'],
  ])('rejects %s %j', (system, value, messageId) => {
    expect(run(system, value)).toEqual(finding(messageId));
  });

  it('warns about lower-case codes', () => {
    expect(run(ODS_ORGANIZATION_SYSTEM, 'rr8')).toEqual(finding('lowerCase', 'warning'));
    expect(run(ODS_SITE_SYSTEM, 'rr813')).toEqual(finding('lowerCase', 'warning'));
  });

  it('ignores other systems and non-string values', () => {
    expect(run('https://fhir.nhs.uk/Id/nhs-number', 'R')).toEqual([]);
    expect(run(ODS_ORGANIZATION_SYSTEM, 123)).toEqual([]);
  });
});
