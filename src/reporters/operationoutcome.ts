// `operationoutcome`: FHIR-native results, one OperationOutcome per check in a Bundle of type collection.
// See https://hl7.org/fhir/R4/operationoutcome.html and https://hl7.org/fhir/R4/bundle.html
import type { Issue, IssueType, Severity } from '../model/issue.js';
import type { Report } from '../model/report.js';
import type { CheckResult } from '../model/result.js';
import { reportId } from '../report/digest.js';
import { escapeXmlText, stripInvalidXml as fhirString } from './util/escape.js';

/** Extensions the HL7 validator uses for positions in the source file (valueInteger, 1-based). */
export const EXT_ISSUE_LINE = 'http://hl7.org/fhir/StructureDefinition/operationoutcome-issue-line';
export const EXT_ISSUE_COL = 'http://hl7.org/fhir/StructureDefinition/operationoutcome-issue-col';
/** R4 core extension (valueString) naming the rule that raised the issue. */
export const EXT_ISSUE_SOURCE = 'http://hl7.org/fhir/StructureDefinition/operationoutcome-issue-source';

interface OOIssue {
  extension?: { url: string; valueInteger?: number; valueString?: string }[];
  severity: Severity;
  code: IssueType;
  details?: { text: string };
  diagnostics?: string;
  location?: string[];
  expression?: string[];
}

/**
 * Always a Bundle (type collection), even for one target, so consumers handle one shape. Each entry is the
 * OperationOutcome of one check (`id` = check-<n> in report order); R4 has no element for "what was checked", so
 * the narrative names the check and its target. A check without issues gets one status issue ("All OK" for a
 * pass). Control characters FHIR strings forbid (https://hl7.org/fhir/R4/datatypes.html#string) are removed. Waived issues are left out (the other formats list them with their waivers). Keys are written in
 * construction order (resourceType first), which is fixed, so the output is stable.
 */
export function operationoutcome(report: Report): string {
  const bundle = {
    resourceType: 'Bundle',
    id: reportId(report),
    type: 'collection',
    timestamp: report.finishedAt,
    entry: report.results.map((check, i) => ({ resource: outcome(check, i) })),
  };
  return `${JSON.stringify(bundle, null, 2)}\n`;
}

function outcome(check: CheckResult, index: number) {
  const issues: OOIssue[] = check.issues.map((issue) => toOOIssue(issue));
  if (issues.length === 0) issues.push(statusIssue(check));
  return {
    resourceType: 'OperationOutcome',
    id: `check-${index + 1}`,
    // The checked target, so each outcome says what it is about (R4 OperationOutcome has no element for it).
    text: {
      status: 'generated',
      div: `<div xmlns="http://www.w3.org/1999/xhtml"><p>${escapeXmlText(`${check.checkId} on ${check.target}: ${check.status}`)}</p></div>`,
    },
    issue: issues,
  };
}

function toOOIssue(issue: Issue): OOIssue {
  const ext: NonNullable<OOIssue['extension']> = [];
  if (issue.location.line !== undefined) ext.push({ url: EXT_ISSUE_LINE, valueInteger: issue.location.line });
  if (issue.location.column !== undefined) ext.push({ url: EXT_ISSUE_COL, valueInteger: issue.location.column });
  ext.push({ url: EXT_ISSUE_SOURCE, valueString: `ukcore-check:${issue.ruleId}` });
  const out: OOIssue = {
    extension: ext,
    severity: issue.severity,
    code: issue.code,
    details: { text: fhirString(issue.message) },
    diagnostics: fhirString(`${issue.ruleId}/${issue.messageId}${issue.elementId ? ` element=${issue.elementId}` : ''}${issue.profile ? ` profile=${issue.profile}` : ''}`),
  };
  if (issue.location.expression) out.expression = [fhirString(issue.location.expression)];
  return out;
}

/** A check without issues still needs one issue (OperationOutcome.issue is 1..*), as the HL7 validator does. */
function statusIssue(check: CheckResult): OOIssue {
  const text = fhirString(check.message ?? `${check.title}: ${check.status}`);
  switch (check.status) {
    case 'pass':
      return { severity: 'information', code: 'informational', details: { text: 'All OK' }, diagnostics: check.checkId };
    case 'fail':
      return { severity: 'error', code: 'processing', details: { text }, diagnostics: check.checkId };
    case 'error':
      return { severity: 'error', code: 'exception', details: { text }, diagnostics: check.checkId };
    default:
      return { severity: 'information', code: 'not-supported', details: { text: `${check.status}: ${text}` }, diagnostics: check.checkId };
  }
}
