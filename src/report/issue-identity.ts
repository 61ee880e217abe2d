// Identity of an issue across runs (for baselines and SARIF fingerprints): never the message text.
import type { Issue } from '../model/issue.js';
import type { CheckResult } from '../model/result.js';

/**
 * Resource identity: the input (target without its `#entry[n]` fragment) plus `resourceType/id` when the resource
 * has an id, else the full target. With an id, a `Bundle.entry[n].resource` prefix in the expression is replaced
 * by the resource type, so inserting an entry into a bundle does not make every later issue look new.
 */
export function resourceIdentity(check: Pick<CheckResult, 'target' | 'resource'>): string {
  const res = check.resource;
  if (res?.resourceType && res.id) return `${check.target.replace(/#.*$/, '')}|${res.resourceType}/${res.id}`;
  return check.target;
}

export function normalizedExpression(check: Pick<CheckResult, 'resource'>, expression: string | undefined): string {
  if (!expression) return '';
  const res = check.resource;
  if (res?.resourceType && res.id) return expression.replace(/^Bundle\.entry\[\d+\]\.resource/, res.resourceType);
  return expression;
}

/** Stable key: check id, resource identity, rule id, message id, normalised FHIRPath location. */
export function issueKey(check: Pick<CheckResult, 'checkId' | 'target' | 'resource'>, issue: Issue): string {
  return JSON.stringify([
    check.checkId,
    resourceIdentity(check),
    issue.ruleId,
    issue.messageId,
    normalizedExpression(check, issue.location.expression),
  ]);
}
