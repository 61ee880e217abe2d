// The rule tester's assertion is exact: a case fails when an expected issue is missing (the rule was removed), when an
// unexpected error appears, or when the location, key or severity differs. Warnings count only when a case lists one.
import { describe, expect, it } from 'vitest';
import type { Issue } from '../../src/model/issue.js';
import { assertIssues, type ExpectedIssue } from '../support/rule-tester.js';

const issue = (ruleId: string, messageId: string, expression: string, severity: Issue['severity'], line = 3, key?: string): Issue => ({
  ruleId, messageId, message: 'm', severity, code: 'structure', location: { source: 's', expression, line, column: 5 },
  ...(key ? { constraint: { key, expression: 'x' } } : {}),
});

const UNKNOWN = issue('structure/unknown-element', 'unknownElement', 'Patient.foo', 'error');
const DOM6 = issue('invariant/constraint', 'failed', 'Patient', 'warning', 1, 'dom-6');
const PER1 = issue('invariant/constraint', 'failed', 'Patient.name[0].period', 'error', 9, 'per-1');
const expectUnknown: ExpectedIssue = { ruleId: 'structure/unknown-element', messageId: 'unknownElement', expression: 'Patient.foo', line: 3, column: 5 };

describe('assertIssues', () => {
  it('passes on exactly the expected errors, in any order, ignoring unlisted warnings', () => {
    expect(() => assertIssues([PER1, DOM6, UNKNOWN], [expectUnknown, { ruleId: 'invariant/constraint', messageId: 'failed', key: 'per-1', expression: 'Patient.name[0].period' }])).not.toThrow();
  });

  it.each<[string, Issue[], ExpectedIssue[]]>([
    ['the expected issue is missing (rule removed)', [], [expectUnknown]],
    ['an extra error', [UNKNOWN, PER1], [expectUnknown]],
    ['a different line', [UNKNOWN], [{ ...expectUnknown, line: 4 }]],
    ['a different column', [UNKNOWN], [{ ...expectUnknown, column: 6 }]],
    ['a different expression', [UNKNOWN], [{ ...expectUnknown, expression: 'Patient.name[0].foo' }]],
    ['a different messageId', [UNKNOWN], [{ ...expectUnknown, messageId: 'choiceNeedsType' }]],
    ['a different constraint key', [PER1], [{ ruleId: 'invariant/constraint', messageId: 'failed', key: 'per-2', expression: 'Patient.name[0].period' }]],
    ['a warning expected as an error', [DOM6], [{ ruleId: 'invariant/constraint', messageId: 'failed', expression: 'Patient' }]],
    ['an unlisted warning when the case lists warnings', [DOM6, { ...DOM6, location: { ...DOM6.location, expression: 'Patient.contained[0]' } }],
      [{ ruleId: 'invariant/constraint', messageId: 'failed', expression: 'Patient', severity: 'warning' }]],
    ['the same issue expected twice but reported once', [UNKNOWN], [expectUnknown, expectUnknown]],
  ])('fails when %s', (_what, issues, expected) => {
    expect(() => assertIssues(issues, expected)).toThrow();
  });
});
