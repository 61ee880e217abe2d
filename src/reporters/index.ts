// Public entry of the reporters: the registry, the reporter contract, format specs and writing outputs.
export {
  defaultExtension, isReporterName, REPORTER_NAMES, reporterInfo, reporters, type ReporterInfo, type ReporterName,
} from './registry.js';
export type { Reporter, ReporterContext, ReporterOutput, ReporterUnavailable } from './types.js';
export { isUnavailable } from './types.js';
export { parseFormatSpec, type FormatSpec } from './format-spec.js';
export { renderFormat, writeReports, type WriteOutcome } from './write.js';
export { githubStepSummary, writeGithubStepSummary } from './github-summary.js';
export { renderHtml } from './html/html.js';
export { renderJson } from './json.js';
