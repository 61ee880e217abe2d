// Loads `--requirements <file|canonical>`: a built-in plan by canonical or id, or any requirements statement file.
import { readFile } from 'node:fs/promises';
import type { Issue } from '../model/issue.js';
import { planFromCapabilityStatement } from './from-capability-statement.js';
import { requirementsStatementRule as rule } from './statement-rule.js';
import type { RequirementsPlan } from './types.js';
import { DEFAULT_PLANS } from './ukcore-access.js';

export interface LoadRequirementsResult {
  /** True when at least one plan was read and no error-severity issue was found. */
  ok: boolean;
  plans: RequirementsPlan[];
  issues: Issue[];
}

/** A built-in plan by canonical URL (with or without `|version`) or short id (`ukcore-access-cdp`). */
export function builtInPlan(ref: string): RequirementsPlan | undefined {
  const url = ref.split('|')[0];
  return DEFAULT_PLANS.find((p) => p.url === url || p.id === ref);
}

function statementsIn(json: unknown): unknown[] {
  const value = json as { resourceType?: unknown; entry?: { resource?: unknown }[] } | null;
  if (value && value.resourceType === 'Bundle' && Array.isArray(value.entry)) {
    return value.entry.map((e) => e?.resource).filter((r) => (r as { resourceType?: unknown })?.resourceType === 'CapabilityStatement');
  }
  return [json];
}

/**
 * Loads requirements from a built-in canonical/id or a JSON file holding a CapabilityStatement (or a Bundle of
 * them). Never throws for bad input: problems come back as issues with `ok = false`.
 */
export async function loadRequirements(ref: string): Promise<LoadRequirementsResult> {
  const builtIn = builtInPlan(ref);
  if (builtIn) return { ok: true, plans: [builtIn], issues: [] };
  if (/^https?:\/\//.test(ref)) {
    return { ok: false, plans: [], issues: [rule.issue({ messageId: 'unknownCanonical', data: { url: ref }, location: { source: ref } })] };
  }
  let text: string;
  try {
    text = await readFile(ref, 'utf8');
  } catch (err) {
    const detail = (err as NodeJS.ErrnoException).code ?? String(err);
    return { ok: false, plans: [], issues: [rule.issue({ messageId: 'unreadable', data: { detail }, location: { source: ref } })] };
  }
  return requirementsFromText(text, ref);
}

/** Parses requirement statement JSON text (exported for callers that already hold the text). */
export function requirementsFromText(text: string, source: string): LoadRequirementsResult {
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (err) {
    return { ok: false, plans: [], issues: [rule.issue({ messageId: 'notJson', data: { detail: (err as Error).message }, location: { source } })] };
  }
  const statements = statementsIn(json);
  const plans: RequirementsPlan[] = [];
  const issues: Issue[] = [];
  for (const cs of statements) {
    const result = planFromCapabilityStatement(cs, { source });
    issues.push(...result.issues);
    if (result.plan) plans.push(result.plan);
  }
  if (statements.length === 0) issues.push(rule.issue({ messageId: 'noStatements', location: { source } }));
  const ok = plans.length > 0 && !issues.some((i) => i.severity === 'error' || i.severity === 'fatal');
  return { ok, plans, issues };
}
