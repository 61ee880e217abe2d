// Removes repeated findings: a snapshot may already carry a type profile's constraints (the generator merges them into
// the element's children) that validating against the type profile finds again. One issue per rule, message,
// location and constraint is kept, preferring the one that names the profile being checked.
import type { Issue } from '../model/issue.js';

export function dedupe(issues: Issue[], preferProfile: string): Issue[] {
  const byKey = new Map<string, number>();
  const out: Issue[] = [];
  for (const i of issues) {
    const key = `${i.ruleId}\u0000${i.messageId}\u0000${i.location.expression ?? ''}\u0000${i.constraint?.key ?? ''}`;
    const at = byKey.get(key);
    if (at === undefined) {
      byKey.set(key, out.length);
      out.push(i);
    } else if (out[at]!.profile !== preferProfile && i.profile === preferProfile) {
      out[at] = i;
    }
  }
  return out;
}
