// The terminology seam: one question (is this code valid, and in this value set?) with a three-valued answer.
// Modelled on ValueSet/$validate-code (https://hl7.org/fhir/R4/valueset-operation-validate-code.html).

/** Why a code was judged invalid, or why it could not be judged. */
export type CodeCheckReason =
  /** The code does not exist in a complete code system. */
  | 'unknown-code'
  /** The code exists (or its system cannot say) but is not a member of the value set. */
  | 'not-in-valueset'
  /** A terminology server said it does not know the code system. */
  | 'unknown-system'
  /** The code system is not available locally and no terminology server is configured. */
  | 'no-server'
  /** The terminology server failed (timeouts, 5xx, 429 after retries, malformed answers, authentication). */
  | 'server-error'
  /** The display does not match any display or designation of the code (reported alongside a valid outcome). */
  | 'display-mismatch'
  /** The local code system is a fragment/example/not-present and the code is not in the part we have. */
  | 'incomplete-code-system'
  /** The value set (or one it imports) is not loaded. */
  | 'unknown-valueset'
  /** A specific version was asked for and only another version is loaded. */
  | 'unknown-version'
  /** A compose filter we cannot evaluate locally (unknown property, unsupported operator, bad regex). */
  | 'unsupported-filter'
  /** The value set imports itself, directly or indirectly. */
  | 'recursive-valueset'
  /** The expansion would exceed the configured size cap. */
  | 'too-costly';

export type CodeCheckOutcome = 'valid' | 'invalid' | 'not-verified';

/** One $validate-code question. `system` is absent for `code`/`string`/`uri` values (inferred from the value set). */
export interface ValidateCodeRequest {
  system?: string;
  version?: string;
  code: string;
  display?: string;
  /** Canonical of the value set, optionally `url|version`. Without it only the code system is checked. */
  valueSet?: string;
}

export interface CodeCheck {
  outcome: CodeCheckOutcome;
  /** Why the outcome is `invalid` or `not-verified`. */
  reason?: CodeCheckReason;
  /** Human-readable detail (never asserted on by tests). */
  message?: string;
  /** The code system's preferred display for the code, when known. */
  display?: string;
  /** True when a display was supplied and matches no known display or designation. */
  displayMismatch?: boolean;
  /** The code's status when its code system marks it inactive, retired or deprecated. */
  inactive?: 'inactive' | 'retired' | 'deprecated';
  /** The system the code was found in (useful when inferred for `code` values). */
  system?: string;
  /** The value set that was checked (canonical). */
  valueSet?: string;
  /** Base URL of the terminology server that answered, when one did. */
  server?: string;
}

/** Anything that answers $validate-code questions: local packages, a remote server, or both layered. */
export interface TerminologyService {
  validateCode(request: ValidateCodeRequest): Promise<CodeCheck>;
}

/** Resolves a canonical (`url` or `url|version`) to a loaded conformance resource; `Definitions` satisfies it. */
export interface CanonicalResolver {
  resolve(canonical: string): Record<string, any> | undefined;
}

/** Short English text for each reason, used in messages. */
export const REASON_TEXT: Record<CodeCheckReason, string> = {
  'unknown-code': 'the code is not defined in its code system',
  'not-in-valueset': 'the code is not in the value set',
  'unknown-system': 'the terminology server does not know the code system',
  'no-server': 'no terminology server is configured and the code system is not available locally',
  'server-error': 'the terminology server did not answer usefully',
  'display-mismatch': 'the display does not match the code',
  'incomplete-code-system': 'the local code system is incomplete (fragment, example or not-present content)',
  'unknown-valueset': 'the value set is not loaded',
  'unknown-version': 'the requested version of the code system or value set is not loaded',
  'unsupported-filter': 'the value set uses a filter that cannot be evaluated locally',
  'recursive-valueset': 'the value set imports itself',
  'too-costly': 'the expansion is larger than the configured limit',
};
