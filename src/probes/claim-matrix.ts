// The claimed-vs-required matrix: each requirement row of the plans against the server's CapabilityStatement.
import type { Expectation } from '../model/result.js';
import { itemExpectation, requirementId, resourceExpectation } from '../requirements/plan-requirements.js';
import type { RequirementsPlan } from '../requirements/types.js';
import type { Json } from './fhir/element-values.js';

export interface ClaimRow {
  requirementId: string;
  plan: string;
  type: string;
  kind: 'resource' | 'interaction' | 'search-param' | 'combination';
  /** Interaction code, parameter name, or `a+b` for a combination. */
  name: string;
  expectation: Expectation;
  /** Whether the CapabilityStatement claims it (a combination counts as claimed when all its parameters are). */
  claimed: boolean;
}

function serverResources(cs: Json | undefined): Json[] {
  const rest = Array.isArray(cs?.rest) ? (cs!.rest as Json[]) : [];
  const server = rest.find((r) => r.mode === 'server');
  return Array.isArray(server?.resource) ? (server!.resource as Json[]) : [];
}

function names(list: unknown, key: string): Set<string> {
  return new Set((Array.isArray(list) ? (list as Json[]) : []).map((x) => x[key]).filter((x): x is string => typeof x === 'string'));
}

/** One row per resource, interaction, search parameter and combination the plans state. */
export function claimMatrix(plans: readonly RequirementsPlan[], cs: Json | undefined): ClaimRow[] {
  const claimed = new Map(serverResources(cs).map((r) => [r.type as string, r]));
  const rows: ClaimRow[] = [];
  for (const plan of plans) {
    for (const res of plan.resources) {
      const entry = claimed.get(res.type);
      const interactions = names(entry?.interaction, 'code');
      const params = names(entry?.searchParam, 'name');
      const base = { plan: plan.id, type: res.type };
      rows.push({ ...base, requirementId: requirementId.resource(plan.id, res.type), kind: 'resource', name: res.type, expectation: resourceExpectation(res), claimed: entry !== undefined });
      for (const it of res.interactions) {
        rows.push({ ...base, requirementId: requirementId.interaction(plan.id, res.type, it.code), kind: 'interaction', name: it.code, expectation: itemExpectation(res, it), claimed: interactions.has(it.code) });
      }
      for (const sp of res.searchParams) {
        rows.push({ ...base, requirementId: requirementId.searchParam(plan.id, res.type, sp.name), kind: 'search-param', name: sp.name, expectation: itemExpectation(res, sp), claimed: params.has(sp.name) });
      }
      for (const c of res.combinations) {
        rows.push({ ...base, requirementId: requirementId.combination(plan.id, res.type, c.required), kind: 'combination', name: c.required.join('+'), expectation: itemExpectation(res, c), claimed: c.required.every((n) => params.has(n)) });
      }
    }
  }
  return rows;
}
