// Exact issue assertions for profile tests: ruleId, messageId, elementId and FHIRPath location, never message text.
import { expect } from 'vitest';
import type { Issue, Severity } from '../../../src/model/issue.js';

export interface Expected {
  ruleId: string;
  messageId: string;
  /** ElementDefinition.id the issue points at (undefined: the issue names none). */
  elementId: string | undefined;
  expression: string;
  /** Default error. Listing a warning or information makes the comparison include that severity. */
  severity?: Severity;
  /** Canonical (without version) of the profile the issue names, compared when given. */
  profile?: string;
}

const RANK: Record<Severity, number> = { fatal: 3, error: 2, warning: 1, information: 0 };

function key(ruleId: string, messageId: string, elementId: string | undefined, expression: string | undefined, severity: Severity, profile?: string): string {
  return JSON.stringify({ ruleId, messageId, elementId: elementId ?? null, expression: expression ?? null, severity, ...(profile !== undefined ? { profile } : {}) });
}

/** The issues at or above the lowest expected severity (errors at least) are exactly `expected`, in any order. */
export function expectIssues(issues: Issue[], expected: Expected[]): void {
  const floor = Math.min(RANK.error, ...expected.map((e) => RANK[e.severity ?? 'error']));
  const actual = issues.filter((i) => RANK[i.severity] >= floor).map((i) => {
    const like = expected.find((e) => e.ruleId === i.ruleId && e.messageId === i.messageId && e.expression === i.location.expression);
    const profile = like?.profile !== undefined ? (i.profile ?? '').split('|')[0] : undefined;
    return key(i.ruleId, i.messageId, i.elementId, i.location.expression, i.severity, profile);
  });
  const want = expected.map((e) => key(e.ruleId, e.messageId, e.elementId, e.expression, e.severity ?? 'error', e.profile));
  expect(actual.sort()).toEqual(want.sort());
}
