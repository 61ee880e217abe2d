// capability/claims/<Type>: the CapabilityStatement claims the type and the interactions and search parameters the
// requirements ask for (the claimed-vs-required matrix for one type). Gaps in SHALL rows are errors, else warnings.
import type { Issue } from '../../model/issue.js';
import { requireCapability } from '../applicability.js';
import { defineProbe, type Probe, type ProbeContext } from '../define-probe.js';
import { claimMatrix } from '../claim-matrix.js';
import type { IndexedType } from '../plan-index.js';
import { capabilityRule } from '../rules/capability.js';

export function claimsProbe(t: IndexedType): Probe {
  return defineProbe({
    meta: {
      id: `capability/claims/${t.type}`,
      title: `CapabilityStatement claims ${t.type} with the required interactions and search parameters`,
      requirementIds: [...t.requirementIds],
      optional: !t.shall,
      after: ['capability/metadata'],
    },
    async run(ctx: ProbeContext) {
      const cs = requireCapability(ctx);
      const rows = claimMatrix(t.plans.map((p) => p.plan), cs).filter((r) => r.type === t.type && !r.claimed);
      const source = `GET ${ctx.session.base}/metadata`;
      const expression = `CapabilityStatement.rest.where(mode='server').resource.where(type='${t.type}')`;
      const typeMissing = rows.some((r) => r.kind === 'resource');
      for (const r of rows) {
        const data = { type: t.type, expectation: r.expectation, plan: r.plan };
        let issue: Issue | undefined;
        if (r.kind === 'resource') {
          issue = capabilityRule.issue({ messageId: 'resourceNotClaimed', data, location: { source, expression: "CapabilityStatement.rest.where(mode='server').resource" } });
        } else if (typeMissing || r.kind === 'combination') {
          continue; // a missing type is one finding, not one per parameter; combinations cannot be claimed in R4 core
        } else if (r.kind === 'interaction') {
          issue = capabilityRule.issue({ messageId: 'interactionNotClaimed', data: { ...data, interaction: r.name }, location: { source, expression: `${expression}.interaction` }, severity: r.expectation === 'SHALL' ? 'error' : 'warning' });
        } else {
          issue = capabilityRule.issue({ messageId: 'searchParamNotClaimed', data: { ...data, param: r.name }, location: { source, expression: `${expression}.searchParam` }, severity: r.expectation === 'SHALL' ? 'error' : 'warning' });
        }
        ctx.report(issue);
      }
    },
  });
}
