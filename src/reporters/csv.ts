// `csv`: a requirements-traceability sheet (one row per requirement) or, for validate runs, one row per check.
import type { Report } from '../model/report.js';
import type { CheckResult } from '../model/result.js';
import { csvField } from './util/escape.js';

export const REQUIREMENT_COLUMNS = ['id', 'text', 'expectation', 'result', 'evidence', 'source'] as const;
export const CHECK_COLUMNS = ['target', 'resourceType', 'id', 'profiles', 'check', 'status', 'errors', 'warnings', 'information', 'issues'] as const;

/**
 * RFC 4180: CRLF record ends, fields quoted when they hold a quote, comma or line break; formula-like cells are
 * neutralised (see csvField). A report with requirements (probe runs, or a validate run against a requirement
 * set) gives one row per requirement, with the checks and HTTP exchanges that evidence it; otherwise one row per
 * check.
 */
export function csv(report: Report): string {
  const rows: string[][] =
    report.requirements.length > 0
      ? [
          [...REQUIREMENT_COLUMNS],
          ...report.requirements.map((r) => [
            r.id,
            r.text,
            r.expectation,
            r.result ?? 'not-tested',
            evidence(report.results.filter((c) => c.requirementIds.includes(r.id))),
            r.source ?? '',
          ]),
        ]
      : [[...CHECK_COLUMNS], ...report.results.map(checkRow)];
  return rows.map((r) => r.map(csvField).join(',')).join('\r\n') + '\r\n';
}

function evidence(checks: CheckResult[]): string {
  return checks
    .map((c) => {
      const ex = c.exchangeIds && c.exchangeIds.length > 0 ? ` exchanges ${c.exchangeIds.join(' ')}` : '';
      const issues = c.issues.length > 0 ? ` issues ${[...new Set(c.issues.map((i) => `${i.ruleId}/${i.messageId}`))].join(' ')}` : '';
      return `${c.checkId} on ${c.target}: ${c.status}${ex}${issues}`;
    })
    .join('; ');
}

function checkRow(c: CheckResult): string[] {
  const n = (sev: string[]) => String(c.issues.filter((i) => sev.includes(i.severity)).length);
  return [
    c.target,
    c.resource?.resourceType ?? '',
    c.resource?.id ?? '',
    (c.resource?.profiles ?? []).join(' '),
    c.checkId,
    c.status,
    n(['fatal', 'error']),
    n(['warning']),
    n(['information']),
    c.issues.map((i) => `${i.severity} ${i.ruleId}/${i.messageId}${i.location.expression ? ` at ${i.location.expression}` : ''}`).join('; '),
  ];
}
