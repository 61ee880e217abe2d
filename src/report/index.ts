// Public entry of report integrity, verification, gating, baselines, waivers and the summary roll-up.
export { canonicalJson, stableStringify } from './canonical-json.js';
export { reportDigest, reportId, signedBytes, withDigest } from './digest.js';
export { signReport, fingerprint, type SignResult } from './sign.js';
export { verifyReport, type VerifyOptions, type VerifyResult } from './verify.js';
export { verifyReportFile, type VerifyFileResult } from './verify-file.js';
export { embedReport, extractEmbeddedReport, EMBEDDED_REPORT_ID } from './embedded.js';
export { parseReportText, readReportFile, type LoadReportResult } from './load-report.js';
export {
  checkFailed, DECISION_RULE, finalizeReport, NOT_VERIFIED_MESSAGE_ID, NOT_VERIFIED_RULE_ID, rollUpRequirements, summarize,
  type SummarizeOptions,
} from './summarize.js';
export { exitCodeFor, gate, gatingIssues, type GateResult, type GatingIssue, type GatingOptions } from './gating.js';
export { applyBaseline } from './baseline.js';
export { issueKey, resourceIdentity } from './issue-identity.js';
export { applyWaivers, parseWaivers, WAIVER_EXPIRED_RULE_ID, WAIVERS_CHECK_ID, type ParseWaiversResult } from './waivers.js';
export { normalizeVolatile, VOLATILE_FIELDS } from './volatile.js';
export { schemaPath, schemaValidator } from './schemas.js';
