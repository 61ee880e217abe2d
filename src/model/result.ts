// Results model shared by `validate` and `probe`: checks with statuses, issues and evidence, rolled up into a summary.
import type { Issue } from './issue.js';

/** Inferno's statuses (https://inferno-framework.github.io/docs/writing-tests/#test-results). */
export type Status = 'pass' | 'fail' | 'skip' | 'omit' | 'error';

/** Requirement conformance levels from the capabilitystatement-expectation extension. */
export type Expectation = 'SHALL' | 'SHOULD' | 'MAY' | 'SHOULD-NOT';

export interface MustSupportCoverage {
  /** Canonical of the profile. */
  profile: string;
  /** ElementDefinition ids flagged mustSupport in the profile. */
  elements: string[];
  /** The subset of `elements` present in the instance(s). */
  present: string[];
}

export interface CheckResult {
  /** Stable check id: `validate/resource` for file validation, a probe id for server checks. */
  checkId: string;
  title: string;
  /** What was checked: `path/to/file.json`, `bundle.json#entry[3]`, or a URL. */
  target: string;
  status: Status;
  /** Optional checks never fail the run. */
  optional: boolean;
  requirementIds: string[];
  issues: Issue[];
  durationMs: number;
  /** For resource checks: what the resource was and the profiles it was checked against. */
  resource?: { resourceType?: string; id?: string; profiles: string[]; line?: number };
  mustSupport?: MustSupportCoverage[];
  exchangeIds?: string[];
  /** Free text for skip/omit/error. */
  message?: string;
}

export interface Requirement {
  id: string;
  text: string;
  expectation: Expectation;
  source?: string;
  /** Filled by the roll-up: pass/fail/not-tested/not-applicable. */
  result?: 'pass' | 'fail' | 'not-tested' | 'not-applicable';
}

/** One recorded HTTP exchange (evidence). Credentials are redacted before they are stored. */
export interface Exchange {
  id: string;
  method: string;
  url: string;
  requestHeaders: Record<string, string>;
  requestBody?: string;
  status?: number;
  responseHeaders?: Record<string, string>;
  responseBody?: string;
  responseBytes?: number;
  truncated?: boolean;
  startedAt: string;
  durationMs: number;
  error?: string;
}

export interface Summary {
  pass: number;
  fail: number;
  skip: number;
  omit: number;
  error: number;
  fatalCount: number;
  errorCount: number;
  warningCount: number;
  informationCount: number;
  resources: number;
  /** Bindings reported as not verified (no terminology server, server down, ...). */
  notVerified: number;
  verdict: 'pass' | 'fail' | 'incomplete';
}
