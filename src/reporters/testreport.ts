// `testreport`: a FHIR R4 TestReport (https://hl7.org/fhir/R4/testreport.html) over the checks of a run.
import type { Issue } from '../model/issue.js';
import type { Report } from '../model/report.js';
import type { CheckResult } from '../model/result.js';
import { reportId } from '../report/digest.js';
import { escapeXmlText, stripInvalidXml as fhirString } from './util/escape.js';
import { positionText } from './util/view.js';

type ActionResult = 'pass' | 'skip' | 'fail' | 'warning' | 'error';

/** Where the tool is published; used as the test-engine participant's uri. */
export const TOOL_URI = 'https://www.npmjs.com/package/ukcore-check';

/**
 * TestReport.testScript is 1..1 but our checks are built in, not a TestScript resource: the reference carries an
 * identifier naming the suite and a display, which R4 allows (a Reference needs no `reference`). result maps the
 * verdict (incomplete → pending), score is the percentage of checks that ran (pass/fail/error) and passed.
 * Each check is one `test`: an operation action with the check's result, then one assert action per issue.
 */
export function testreport(report: Report): string {
  const s = report.summary;
  const ran = s.pass + s.fail + s.error;
  const id = reportId(report);
  const target = report.target?.baseUrl ?? report.inputs.map((f) => f.path).join(', ');
  const tr: Record<string, unknown> = {
    resourceType: 'TestReport',
    id,
    text: {
      status: 'generated',
      div:
        `<div xmlns="http://www.w3.org/1999/xhtml"><p>${escapeXmlText(`${report.tool.name} ${report.kind} report ${id}: ${s.verdict.toUpperCase()}`)}</p>` +
        `<p>${escapeXmlText(`${s.pass} pass, ${s.fail} fail, ${s.error} error, ${s.skip} skip, ${s.omit} omit`)}</p></div>`,
    },
    identifier: { system: 'urn:ietf:rfc:3986', value: `urn:ukcore-check:report:${id}` },
    name: fhirString(`${report.tool.name} ${report.kind} ${target}`.trim()),
    status: 'completed',
    testScript: {
      identifier: { system: 'urn:ietf:rfc:3986', value: `urn:ukcore-check:suite:${report.kind}` },
      display: `${report.tool.name} ${report.tool.version} built-in ${report.kind} checks (no TestScript resource)`,
    },
    result: s.verdict === 'incomplete' ? 'pending' : s.verdict,
  };
  if (ran > 0) tr.score = Math.round((s.pass / ran) * 10000) / 100;
  tr.tester = `${report.tool.name} ${report.tool.version}`;
  tr.issued = report.finishedAt;
  const participant = [{ type: 'test-engine', uri: TOOL_URI, display: `${report.tool.name} ${report.tool.version}` }];
  if (report.target) participant.push({ type: 'server', uri: report.target.baseUrl, display: report.target.software ?? report.target.baseUrl });
  tr.participant = participant;
  if (report.results.length > 0) tr.test = report.results.map(test);
  return `${JSON.stringify(tr, null, 2)}\n`;
}

function test(check: CheckResult) {
  const operation: Record<string, string> = { result: operationResult(check) };
  const message = check.message ?? (check.issues.length > 0 ? `${check.issues.length} issue(s)` : undefined);
  if (message) operation.message = fhirString(message);
  return {
    name: fhirString(check.title),
    description: fhirString(`${check.checkId} on ${check.target}${check.optional ? ' (optional)' : ''}`),
    action: [{ operation }, ...check.issues.map((i) => ({ assert: assertFor(i, check) }))],
  };
}

function operationResult(check: CheckResult): ActionResult {
  switch (check.status) {
    case 'pass':
      return check.issues.some((i) => i.severity === 'warning') ? 'warning' : 'pass';
    case 'fail':
      return 'fail';
    case 'error':
      return 'error';
    default:
      return 'skip';
  }
}

function assertFor(issue: Issue, check: CheckResult) {
  const result: ActionResult = issue.severity === 'warning' ? 'warning' : issue.severity === 'information' ? 'pass' : 'fail';
  const pos = positionText(issue, check);
  const where = [issue.location.expression, pos ? `line ${pos}` : ''].filter(Boolean).join(' ');
  return {
    result,
    message: fhirString(issue.message),
    detail: fhirString(`${issue.ruleId}/${issue.messageId}${where ? ` at ${where}` : ''}`),
  };
}
