// `junit`: JUnit XML (Ant/Jenkins dialect): one testsuite per file or server, one testcase per check.
import type { Report } from '../model/report.js';
import type { CheckResult } from '../model/result.js';
import { reportId } from '../report/digest.js';
import { escapeXml, escapeXmlText } from './util/escape.js';
import { groupChecks, groupKey, positionText, resourceLabel, sortIssues } from './util/view.js';

/**
 * Mapping (GUIDE §2.4): fail → <failure> listing the issues, error → <error>, skip/omit → <skipped>. Passing
 * checks with issues list them in <system-out>. An optional check that failed is not a JUnit failure (it does
 * not gate, per the decision rule): it passes with "(optional)" in its name and its issues in <system-out>.
 * Test case names are made unique within a suite (GitLab drops duplicates of classname+name). Suite
 * properties carry the tool version, packages, report id and digest.
 */
export function junit(report: Report): string {
  const suiteKey = (c: CheckResult) => (report.kind === 'probe' ? report.target?.baseUrl ?? groupKey(c) : groupKey(c));
  const groups = groupChecks(report.results, suiteKey);
  const totals = { tests: 0, failures: 0, errors: 0, skipped: 0, time: 0 };
  const suites: string[] = [];
  let suiteIndex = 0;
  for (const [name, checks] of groups) {
    const counts = {
      tests: checks.length,
      failures: checks.filter((c) => c.status === 'fail' && !c.optional).length,
      errors: checks.filter((c) => c.status === 'error' && !c.optional).length,
      skipped: checks.filter((c) => c.status === 'skip' || c.status === 'omit').length,
      time: checks.reduce((t, c) => t + c.durationMs, 0) / 1000,
    };
    for (const k of Object.keys(totals) as (keyof typeof totals)[]) totals[k] += counts[k];
    const used = new Set<string>();
    const cases = checks.map((check) => testcase(check, name, uniqueName(caseName(check, name), used)));
    suites.push(
      `  <testsuite name="${escapeXml(name)}" id="${suiteIndex++}" tests="${counts.tests}" failures="${counts.failures}"` +
        ` errors="${counts.errors}" skipped="${counts.skipped}" time="${seconds(counts.time)}"` +
        ` timestamp="${escapeXml(report.startedAt.slice(0, 19))}">\n` +
        properties(report) +
        cases.join('') +
        '  </testsuite>\n',
    );
  }
  return (
    '<?xml version="1.0" encoding="UTF-8"?>\n' +
    `<testsuites name="${escapeXml(`${report.tool.name} ${report.kind}`)}" tests="${totals.tests}" failures="${totals.failures}"` +
    ` errors="${totals.errors}" skipped="${totals.skipped}" time="${seconds(totals.time)}">\n` +
    suites.join('') +
    '</testsuites>\n'
  );
}

function properties(report: Report): string {
  const props: [string, string][] = [
    ['tool', report.tool.name],
    ['tool.version', report.tool.version],
    ['report.id', reportId(report)],
    ['report.kind', report.kind],
    ['verdict', report.summary.verdict],
  ];
  if (report.integrity) props.push(['report.sha256', report.integrity.digest]);
  if (report.target) props.push(['target.baseUrl', report.target.baseUrl]);
  for (const p of report.packages) props.push(['package', `${p.id}#${p.version}${p.sha256 ? ` sha256:${p.sha256}` : ''}`]);
  return (
    '    <properties>\n' +
    props.map(([n, v]) => `      <property name="${escapeXml(n)}" value="${escapeXml(v)}"/>\n`).join('') +
    '    </properties>\n'
  );
}

function caseName(check: CheckResult, suite: string): string {
  const where = check.target === suite ? '' : check.target.startsWith(suite) ? check.target.slice(suite.length) : check.target;
  return [check.checkId, where, resourceLabel(check), check.optional ? '(optional)' : ''].filter(Boolean).join(' ');
}

function uniqueName(name: string, used: Set<string>): string {
  let candidate = name;
  for (let n = 2; used.has(candidate); n++) candidate = `${name} (${n})`;
  used.add(candidate);
  return candidate;
}

function testcase(check: CheckResult, classname: string, name: string): string {
  const head = `    <testcase classname="${escapeXml(classname)}" name="${escapeXml(name)}" time="${seconds(check.durationMs / 1000)}"`;
  const details = sortIssues(check.issues, check)
    .map((i) => {
      const pos = positionText(i, check);
      const where = [pos, i.location.expression].filter(Boolean).join(' ');
      return `${i.severity}: ${i.message} [${i.ruleId}/${i.messageId}]${where ? ` at ${where}` : ''}`;
    })
    .join('\n');
  const message = check.message ?? (check.issues.length > 0 ? summaryLine(check) : check.title);
  const status = check.optional && (check.status === 'fail' || check.status === 'error') ? 'optional' : check.status;
  switch (status) {
    case 'optional':
      return `${head}>\n      <system-out>${escapeXmlText(`optional check ${check.status} (does not gate): ${message}${details ? `\n${details}` : ''}`)}</system-out>\n    </testcase>\n`;
    case 'fail':
      return `${head}>\n      <failure message="${escapeXml(message)}" type="${escapeXml(check.checkId)}">${escapeXmlText(details)}</failure>\n    </testcase>\n`;
    case 'error':
      return `${head}>\n      <error message="${escapeXml(message)}" type="${escapeXml(check.checkId)}">${escapeXmlText(details)}</error>\n    </testcase>\n`;
    case 'skip':
    case 'omit':
      return `${head}>\n      <skipped message="${escapeXml(`${check.status}: ${message}`)}"/>\n    </testcase>\n`;
    default:
      return details
        ? `${head}>\n      <system-out>${escapeXmlText(details)}</system-out>\n    </testcase>\n`
        : `${head}/>\n`;
  }
}

function summaryLine(check: CheckResult): string {
  const n = (sev: string[]) => check.issues.filter((i) => sev.includes(i.severity)).length;
  return `${n(['fatal', 'error'])} error(s), ${n(['warning'])} warning(s)`;
}

function seconds(s: number): string {
  return s.toFixed(3);
}
