// The result shape of the primitive-value checks: a stable messageId plus data for structure/primitive-format.
import type { Severity } from '../../model/issue.js';

/** Every messageId `checkPrimitive` can return; each has a template in primitive-format-rule.ts. */
export type PrimitiveMessageId =
  | 'wrongJsonType'
  | 'emptyValue'
  | 'invalidFormat'
  | 'invalidBoolean'
  | 'invalidInteger'
  | 'integerOutOfRange'
  | 'decimalSyntax'
  | 'invalidDate'
  | 'missingTimezone'
  | 'invalidTime'
  | 'unreasonableYear'
  | 'invalidBase64'
  | 'base64Whitespace'
  | 'invalidId'
  | 'invalidOid'
  | 'invalidUuid'
  | 'invalidUri'
  | 'invalidUriScheme'
  | 'canonicalNotAbsolute'
  | 'invalidCode'
  | 'stringTooLong'
  | 'stringWhitespaceOnly'
  | 'controlCharacters';

/** One finding about one primitive value. The walker turns it into an Issue with rule.issue(). */
export interface PrimitiveProblem {
  messageId: PrimitiveMessageId;
  data?: Record<string, string | number>;
  /**
   * Set only when the finding is a SHOULD rather than a SHALL (whitespace-only strings, control characters,
   * whitespace in base64, implausible years, relative canonicals); pass it to rule.issue({ severity }).
   * Absent means the rule's default, error.
   */
  severity?: Severity;
}

export interface CheckPrimitiveOptions {
  /**
   * The value came from FHIR XML: numbers and booleans whose lexical form the XML reader could not
   * convert arrive as strings, and are reported as format problems rather than wrongJsonType.
   */
  fromXml?: boolean;
  /**
   * The source text of a JSON number, when the JSON reader kept it. Lets `1.0` or `1e2` for an integer,
   * and `01`/`+1` forms, be caught; JSON.parse loses them.
   */
  lexical?: string;
}

/** Longest value echoed back in `data.value`; long base64 or narrative strings are cut to this. */
const MAX_ECHO = 100;

/** The value as shown in a message: cut to a readable length. */
export function echo(value: string): string {
  // A copy, not a slice: a slice would keep the whole (possibly huge) value alive for as long as the report.
  return value.length <= MAX_ECHO ? value : `${` ${value.slice(0, MAX_ECHO - 3)}`.slice(1)}...`;
}

export function problem(
  messageId: PrimitiveMessageId,
  data?: Record<string, string | number>,
  severity?: Severity,
): PrimitiveProblem {
  const p: PrimitiveProblem = { messageId };
  if (data) p.data = data;
  if (severity) p.severity = severity;
  return p;
}
