// Remembers the outcome of a local binding check per (element, binding, code): the same codes recur across
// resources (statuses, intents, genders), and local terminology answers never change within a run.
import type { Issue } from '../model/issue.js';

/** Issues with their location relative to the checked element, ready to be re-anchored. */
interface Template {
  issues: Array<{ issue: Issue; suffix: string }>;
}

const MAX_ENTRIES = 50_000;

export class BindingMemo {
  private readonly entries = new Map<string, Template>();

  /**
   * Returns the issues for `value` at `expression`: from the memo, or computed by `check` and remembered. `key` must
   * identify everything besides the value and location that the check depends on (element, binding, options).
   */
  issues(key: string, value: unknown, expression: string, source: string, check: () => Issue[], valueKey?: string): Issue[] {
    // Plain codes are their own key; a Coding or CodeableConcept needs `valueKey` (codedValueKey), else it is checked.
    const v = typeof value === 'string' ? value : valueKey;
    if (v === undefined) return check();
    const full = `${key}\u0000${typeof value === 'string' ? 's' : 'o'}${v}`;
    const hit = this.entries.get(full);
    if (hit) return hit.issues.length === 0 ? [] : hit.issues.map((t) => anchor(t.issue, t.suffix, expression, source));
    const issues = check();
    const reusable = issues.every((i) => i.location.expression?.startsWith(expression));
    if (reusable) {
      if (this.entries.size >= MAX_ENTRIES) this.entries.clear();
      // Templates are copies: the issues handed out are later given line/column and may be annotated by reporters.
      this.entries.set(full, { issues: issues.map((issue) => ({ issue: { ...issue, location: { ...issue.location } }, suffix: issue.location.expression!.slice(expression.length) })) });
    }
    return issues;
  }
}

function anchor(template: Issue, suffix: string, expression: string, source: string): Issue {
  return { ...template, location: { source, expression: expression + suffix } };
}
