// The one diagnostic shape of the tool: every finding is an Issue value, never a log line or an exception.

/** OperationOutcome.issue.severity (https://hl7.org/fhir/R4/valueset-issue-severity.html). */
export type Severity = 'fatal' | 'error' | 'warning' | 'information';

/** OperationOutcome.issue.code (https://hl7.org/fhir/R4/valueset-issue-type.html). */
export type IssueType =
  | 'invalid' | 'structure' | 'required' | 'value' | 'invariant'
  | 'security' | 'login' | 'unknown' | 'expired' | 'forbidden' | 'suppressed'
  | 'processing' | 'not-supported' | 'duplicate' | 'multiple-matches' | 'not-found' | 'deleted'
  | 'too-long' | 'code-invalid' | 'extension' | 'too-costly' | 'business-rule' | 'conflict'
  | 'transient' | 'lock-error' | 'no-store' | 'exception' | 'timeout' | 'incomplete' | 'throttled'
  | 'informational';

/** Where an issue is: the input (file, bundle entry, HTTP exchange) and the place inside it. */
export interface Location {
  /** File path, `file.ndjson:12`, or `GET https://srv/Patient/1`. */
  source: string;
  /** FHIRPath with indices, e.g. `Bundle.entry[2].resource.identifier[0].system`. */
  expression?: string;
  /** 1-based line and column in the source file, when the input is a file. */
  line?: number;
  column?: number;
}

export interface Issue {
  /** Stable rule id, e.g. `structure/cardinality`, `ukcore/nhs-number-check-digit`. */
  ruleId: string;
  /** Stable message id within the rule, e.g. `tooMany`. */
  messageId: string;
  /** Rendered English text. Tests must not assert on it. */
  message: string;
  data?: Record<string, string | number>;
  severity: Severity;
  code: IssueType;
  location: Location;
  /** Canonical (url|version) of the profile being checked, when the issue comes from a profile. */
  profile?: string;
  /** ElementDefinition.id, e.g. `Patient.identifier:nhsNumber.system`. */
  elementId?: string;
  /** For invariant failures. */
  constraint?: { key: string; expression: string; human?: string };
  /** Supporting detail, e.g. why each slice did not match. */
  related?: Issue[];
  /** Evidence link for probe issues. */
  exchangeId?: string;
  /** Set by `applyBaseline` (src/report/baseline.ts): whether the issue was already in the baseline run. */
  baseline?: 'new' | 'unchanged';
  /** The rule's own severity, when a `rules` setting of the configuration file changed it (src/report/rule-settings.ts). */
  originalSeverity?: Severity;
}

export const SEVERITY_RANK: Record<Severity, number> = { fatal: 3, error: 2, warning: 1, information: 0 };

/** True for the severities that make a resource or check fail. */
export function isFailing(severity: Severity): boolean {
  return severity === 'fatal' || severity === 'error';
}
