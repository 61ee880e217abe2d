// read/by-id/<Type>: GET [base]/<Type>/<id> of a known resource returns it (https://hl7.org/fhir/R4/http.html#read),
// for types whose read interaction the server claims (UK Core Access itself requires only search).
import { GENERAL_REQUIREMENTS as G } from '../../requirements/general.js';
import { requireApplicable, requireSamples } from '../applicability.js';
import { defineProbe, type Probe, type ProbeContext } from '../define-probe.js';
import { checkContentType, expectResource, expectStatus } from '../fhir/response-checks.js';
import type { IndexedType } from '../plan-index.js';
import { responseRule } from '../rules/response.js';

export function readByIdProbe(t: IndexedType): Probe {
  const read = t.interactions.get('read');
  return defineProbe({
    meta: {
      id: `read/by-id/${t.type}`,
      title: `GET [base]/${t.type}/[id] returns the ${t.type}`,
      requirementIds: [G.read.id, ...(read?.requirementIds ?? [])],
      optional: false,
      after: ['capability/metadata', 'discovery/patient'],
    },
    async run(ctx: ProbeContext) {
      requireApplicable(ctx, t);
      if (ctx.session.capability && !ctx.session.claimsInteraction(t.type, 'read')) {
        ctx.omit(`the server does not claim read for ${t.type}`);
      }
      const samples = await requireSamples(ctx, t.type);
      const id = String(samples.resources[0].id);
      const res = await ctx.get(`${t.type}/${encodeURIComponent(id)}`);
      ctx.setTarget(ctx.session.resolve(`${t.type}/${id}`));
      expectStatus(ctx, res, 200);
      checkContentType(ctx, res);
      const resource = expectResource(ctx, res, t.type);
      if (resource.id !== id) {
        ctx.report(responseRule.issue({ messageId: 'wrongId', data: { expected: id, found: String(resource.id ?? '') }, location: { source: res.source, expression: `${t.type}.id` }, exchangeId: res.exchangeId }));
      }
    },
  });
}
