// The reporter contract: a pure function from a finished Report to the bytes of one output format.
import type { Report } from '../model/report.js';
import type { RuleMeta } from '../rules/define-rule.js';

export interface ReporterContext {
  /** Colour escape codes (stylish only). */
  color: boolean;
  /** Rule metadata by rule id, when known (SARIF rule descriptions and help links). */
  rules?: Record<string, RuleMeta>;
  /** Directory file locations are made relative to (SARIF, GitHub annotations); defaults to process.cwd(). */
  cwd?: string;
  /** Chromium executable for the pdf reporter; defaults to $UKCORE_CHECK_CHROMIUM or /usr/bin/chromium. */
  chromiumPath?: string;
}

/** Returned instead of output when a format cannot be produced on this machine (e.g. no Chromium for PDF). */
export interface ReporterUnavailable {
  unavailable: true;
  /** One line for the user, with the fix. */
  message: string;
}

export type ReporterOutput = string | Buffer | ReporterUnavailable;

export type Reporter = (report: Report, ctx: ReporterContext) => ReporterOutput | Promise<ReporterOutput>;

export function isUnavailable(out: ReporterOutput): out is ReporterUnavailable {
  return typeof out === 'object' && !Buffer.isBuffer(out) && out.unavailable === true;
}
