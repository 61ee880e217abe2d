// errors/unknown-id: a read of an id that does not exist returns 404 Not Found with an OperationOutcome
// (https://hl7.org/fhir/R4/http.html#read; UK Core Access exception_handling).
import { GENERAL_REQUIREMENTS as G } from '../../requirements/general.js';
import type { ProbeBuild } from '../build.js';
import { defineProbe, type Probe, type ProbeContext } from '../define-probe.js';
import { checkErrorOutcome, expectStatus } from '../fhir/response-checks.js';

export const UNKNOWN_ID = 'ukcore-check-no-such-id';

export function unknownIdProbe({ types }: ProbeBuild): Probe {
  return defineProbe({
    meta: {
      id: 'errors/unknown-id',
      title: 'GET [base]/[type]/[unknown id] returns 404 with an OperationOutcome',
      requirementIds: [G.readUnknownId.id, G.errorOutcome.id],
      optional: false,
      after: ['capability/metadata'],
    },
    async run(ctx: ProbeContext) {
      const candidates = ['Patient', ...types.map((t) => t.type)];
      const type = ctx.session.capability ? candidates.find((t) => ctx.session.claimsInteraction(t, 'read')) : 'Patient';
      if (!type) ctx.omit('no resource type claims the read interaction');
      const res = await ctx.get(`${type}/${UNKNOWN_ID}`);
      expectStatus(ctx, res, 404);
      checkErrorOutcome(ctx, res);
    },
  });
}
