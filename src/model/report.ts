// The finished run: what was tested, against which packages, with which results. Reporters render this.
import type { Issue } from './issue.js';
import type { CheckResult, Exchange, Requirement, Summary } from './result.js';

export const REPORT_SCHEMA_VERSION = 1;

export interface PackageRef {
  id: string;
  version: string;
  /** sha256 of the package content as loaded (tarball, or a digest over the files of a folder). */
  sha256?: string;
  source?: string;
}

export interface InputFile {
  path: string;
  sha256?: string;
  bytes?: number;
  resources: number;
}

export interface Report {
  schemaVersion: typeof REPORT_SCHEMA_VERSION;
  kind: 'validate' | 'probe';
  tool: { name: string; version: string };
  startedAt: string;
  finishedAt: string;
  /** Command line with secrets removed. */
  command: string[];
  packages: PackageRef[];
  inputs: InputFile[];
  target?: { baseUrl: string; capabilityStatementSha256?: string; software?: string };
  requirements: Requirement[];
  /** How codes were checked; absent when the run checked no terminology (probe runs record their own). */
  terminology?: { mode: 'offline' | 'server' | 'off'; server?: string; requests?: number; cacheHits?: number; failures?: number };
  results: CheckResult[];
  exchanges: Exchange[];
  summary: Summary;
  /** Digest (and optional signature) over the canonical JSON of the report without this block (src/report/). */
  integrity?: ReportIntegrity;
  /** Every waiver that was in force for the run, with whether it applied (src/report/waivers.ts). */
  waivers?: WaiverRecord[];
  /** Issues moved out of `results` by a waiver. */
  waived?: WaivedIssue[];
  /** Comparison with a previous run (src/report/baseline.ts). */
  baseline?: BaselineComparison;
  /** The configuration file the run used (src/config/), and its rule settings with the issues each touched. */
  config?: ReportConfig;
}

export interface ReportConfig {
  /** The configuration file: relative to the working directory when inside it, else absolute. */
  path: string;
  /** Lower-case hex sha256 of the file as read. */
  sha256: string;
  rules?: RuleSettingRecord[];
}

export interface RuleSettingRecord {
  ruleId: string;
  setting: 'off' | 'information' | 'warning' | 'error';
  /** Issues the setting dropped or whose severity it changed. */
  matched: number;
}

export interface ReportIntegrity {
  algorithm: 'sha256';
  /** Lower-case hex sha256 of the canonical JSON of the report without `integrity`. */
  digest: string;
  signature?: {
    alg: 'Ed25519';
    /** Base64 Ed25519 signature over the same canonical JSON bytes the digest covers. */
    value: string;
    /** Base64 DER SubjectPublicKeyInfo of the signing key. */
    publicKey: string;
    /** `sha256:` + hex sha256 of the DER SubjectPublicKeyInfo. */
    keyFingerprint: string;
  };
}

/** One entry of a waiver file (schemas/waiver.schema.json). */
export interface Waiver {
  ruleId: string;
  messageId?: string;
  /** Glob over the check target / issue source (`*` within a path segment, `**` across). */
  target?: string;
  /** FHIRPath location; `*` matches any run of characters. */
  expression?: string;
  reason: string;
  owner: string;
  /** Last day (YYYY-MM-DD, inclusive) the waiver applies. */
  expires: string;
}

export interface WaiverRecord extends Waiver {
  status: 'applied' | 'unused' | 'expired';
  /** Issues the waiver moved to `waived` (0 when expired or unused). */
  matched: number;
}

export interface WaivedIssue {
  checkId: string;
  target: string;
  issue: Issue;
  /** Index into `Report.waivers`. */
  waiver: number;
}

/** An issue of the baseline run that no longer occurs. */
export interface FixedIssue {
  checkId: string;
  target: string;
  ruleId: string;
  messageId: string;
  severity: Issue['severity'];
  message: string;
  expression?: string;
  resourceType?: string;
  resourceId?: string;
}

export interface BaselineComparison {
  /** Digest of the baseline report, when it had one. */
  digest?: string;
  startedAt: string;
  newCount: number;
  unchangedCount: number;
  fixed: FixedIssue[];
}
