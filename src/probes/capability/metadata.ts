// capability/metadata: GET [base]/metadata returns a valid R4 instance CapabilityStatement
// (https://hl7.org/fhir/R4/http.html#capabilities), validated with the injected validator.
import { createHash } from 'node:crypto';
import { requirementId } from '../../requirements/plan-requirements.js';
import type { ProbeBuild } from '../build.js';
import { defineProbe, type Probe, type ProbeContext } from '../define-probe.js';
import { checkContentType, expectResource, expectStatus } from '../fhir/response-checks.js';
import { capabilityRule } from '../rules/capability.js';

export function metadataProbe({ plans }: ProbeBuild): Probe {
  return defineProbe({
    meta: {
      id: 'capability/metadata',
      title: 'GET [base]/metadata returns a valid R4 instance CapabilityStatement',
      requirementIds: plans.map((p) => requirementId.capabilities(p.id)),
      optional: false,
    },
    async run(ctx: ProbeContext) {
      const res = await ctx.get('metadata');
      expectStatus(ctx, res, 200);
      checkContentType(ctx, res);
      const cs = expectResource(ctx, res, 'CapabilityStatement');
      ctx.session.capability = cs;
      ctx.session.capabilitySha256 = createHash('sha256').update(res.body).digest('hex');
      if (cs.kind !== 'instance') {
        ctx.report(capabilityRule.issue({ messageId: 'notInstance', data: { kind: String(cs.kind ?? '') }, location: { source: res.source, expression: 'CapabilityStatement.kind' }, exchangeId: res.exchangeId }));
      }
      const outcome = await ctx.session.options.validate(cs, res.source);
      for (const issue of outcome.issues) ctx.report({ ...issue, exchangeId: issue.exchangeId ?? res.exchangeId });
    },
  });
}
