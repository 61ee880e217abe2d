// Reporter registry: format name → reporter function, plus each format's file extension and whether it is binary.
import { csv } from './csv.js';
import { github } from './github.js';
import { htmlReporter } from './html/html.js';
import { json } from './json.js';
import { junit } from './junit.js';
import { markdown } from './markdown.js';
import { operationoutcome } from './operationoutcome.js';
import { pdf } from './pdf.js';
import { sarif } from './sarif.js';
import { stylish } from './stylish.js';
import { testreport } from './testreport.js';
import type { Reporter } from './types.js';

/** `reporters[name](report, ctx)`; the output is a string, a Buffer (pdf), or an `unavailable` value. */
export const reporters = {
  stylish,
  json,
  html: htmlReporter,
  pdf,
  junit,
  sarif,
  github,
  markdown,
  csv,
  testreport,
  operationoutcome,
} satisfies Record<string, Reporter>;

export type ReporterName = keyof typeof reporters;

export interface ReporterInfo {
  defaultExtension: string;
  /** Binary output is never written to stdout. */
  binary: boolean;
  description: string;
}

export const reporterInfo: Record<ReporterName, ReporterInfo> = {
  stylish: { defaultExtension: 'txt', binary: false, description: 'console output grouped by file (ESLint style)' },
  json: { defaultExtension: 'json', binary: false, description: 'the report itself (schemas/report.schema.json); re-render it with `report`' },
  html: { defaultExtension: 'html', binary: false, description: 'self-contained, printable conformance report' },
  pdf: { defaultExtension: 'pdf', binary: true, description: 'the HTML report as A4 PDF (needs Chromium)' },
  junit: { defaultExtension: 'xml', binary: false, description: 'JUnit XML for CI test views' },
  sarif: { defaultExtension: 'sarif', binary: false, description: 'SARIF 2.1.0 for code scanning (file validation)' },
  github: { defaultExtension: 'txt', binary: false, description: 'GitHub Actions annotations (stdout)' },
  markdown: { defaultExtension: 'md', binary: false, description: 'Markdown summary and tables' },
  csv: { defaultExtension: 'csv', binary: false, description: 'one row per requirement (or per check)' },
  testreport: { defaultExtension: 'json', binary: false, description: 'FHIR R4 TestReport' },
  operationoutcome: { defaultExtension: 'json', binary: false, description: 'FHIR Bundle of OperationOutcomes, one per check' },
};

export const REPORTER_NAMES = Object.keys(reporters) as ReporterName[];

export function isReporterName(name: string): name is ReporterName {
  return Object.prototype.hasOwnProperty.call(reporters, name);
}

/** File extension (without dot) for a format, e.g. `sarif` → `sarif`, `junit` → `xml`. */
export function defaultExtension(name: ReporterName): string {
  return reporterInfo[name].defaultExtension;
}
