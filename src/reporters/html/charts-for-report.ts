// The charts of the HTML report: checks by status, requirements by level, resource types, must-support coverage.
import type { Report } from '../../model/report.js';
import type { Requirement } from '../../model/result.js';
import { checkFailed } from '../../report/summarize.js';
import { STATUS_ORDER } from '../util/view.js';
import { stackedBars, type BarRow, type Segment } from './charts.js';
import { COLOUR } from './colours.js';
import { html, type SafeHtml } from './template.js';

const REQ_RESULTS: NonNullable<Requirement['result']>[] = ['pass', 'fail', 'not-tested', 'not-applicable'];
const LEVELS: Requirement['expectation'][] = ['SHALL', 'SHOULD', 'MAY', 'SHOULD-NOT'];

export function reportCharts(report: Report): SafeHtml {
  const statusLegend: Segment[] = STATUS_ORDER.map((st) => ({ key: st, value: 0, colour: COLOUR[st] }));
  const charts: SafeHtml[] = [
    stackedBars(
      'Checks by status',
      [{ label: 'All checks', segments: STATUS_ORDER.map((st) => ({ key: st, value: report.summary[st], colour: COLOUR[st] })) }],
      statusLegend,
    ),
  ];
  if (report.requirements.length > 0) {
    const rows: BarRow[] = LEVELS.filter((l) => report.requirements.some((r) => r.expectation === l)).map((level) => {
      const reqs = report.requirements.filter((r) => r.expectation === level);
      return {
        label: `${level} (${reqs.length})`,
        segments: REQ_RESULTS.map((res) => ({ key: res, value: reqs.filter((r) => (r.result ?? 'not-tested') === res).length, colour: COLOUR[res] })),
      };
    });
    charts.push(stackedBars('Requirements by level and result', rows, REQ_RESULTS.map((k) => ({ key: k, value: 0, colour: COLOUR[k] }))));
  }
  const types = new Map<string, { pass: number; fail: number; other: number }>();
  for (const c of report.results) {
    const t = c.resource?.resourceType;
    if (!t) continue;
    const e = types.get(t) ?? { pass: 0, fail: 0, other: 0 };
    if (checkFailed(c)) e.fail += 1;
    else if (c.status === 'pass') e.pass += 1;
    else e.other += 1;
    types.set(t, e);
  }
  if (types.size > 0) {
    const rows = [...types.entries()]
      .sort((a, b) => a[0].localeCompare(b[0]))
      .map(([t, e]) => ({
        label: t,
        segments: [
          { key: 'pass', value: e.pass, colour: COLOUR.pass },
          { key: 'fail', value: e.fail, colour: COLOUR.fail },
          { key: 'other', value: e.other, colour: COLOUR.skip },
        ],
      }));
    charts.push(stackedBars('Resources by type and result', rows, [
      { key: 'pass', value: 0, colour: COLOUR.pass }, { key: 'fail', value: 0, colour: COLOUR.fail }, { key: 'other', value: 0, colour: COLOUR.skip },
    ]));
  }
  const coverage = mustSupportCoverage(report);
  if (coverage.length > 0) {
    charts.push(stackedBars(
      'Must-support elements present (any instance)',
      coverage.map((c) => ({
        label: c.profile.replace(/^.*\//, ''),
        segments: [
          { key: 'present', value: c.present, colour: COLOUR.present },
          { key: 'absent', value: c.elements - c.present, colour: COLOUR.absent },
        ],
        note: `${c.present}/${c.elements} (${Math.round((100 * c.present) / Math.max(1, c.elements))}%)`,
      })),
      [{ key: 'present', value: 0, colour: COLOUR.present }, { key: 'absent', value: 0, colour: COLOUR.absent }],
      true,
    ));
  }
  return html`<div class="charts">${charts}</div>`;
}

export interface CoverageRow {
  profile: string;
  elements: number;
  present: number;
}

/** Per profile: must-support elements, and how many appear in at least one checked instance. */
export function mustSupportCoverage(report: Report): CoverageRow[] {
  const byProfile = new Map<string, { elements: Set<string>; present: Set<string> }>();
  for (const c of report.results) {
    for (const m of c.mustSupport ?? []) {
      const e = byProfile.get(m.profile) ?? { elements: new Set<string>(), present: new Set<string>() };
      m.elements.forEach((x) => e.elements.add(x));
      m.present.forEach((x) => e.present.add(x));
      byProfile.set(m.profile, e);
    }
  }
  return [...byProfile.entries()]
    .sort((a, b) => a[0].localeCompare(b[0]))
    .map(([profile, e]) => ({ profile, elements: e.elements.size, present: [...e.present].filter((x) => e.elements.has(x)).length }));
}
