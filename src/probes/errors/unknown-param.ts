// errors/unknown-param: an unknown search parameter is either rejected (4xx + OperationOutcome, strict handling) or
// ignored with the self link showing it was not used (lenient handling) (https://hl7.org/fhir/R4/search.html#errors).
import { GENERAL_REQUIREMENTS as G } from '../../requirements/general.js';
import type { ProbeBuild } from '../build.js';
import { defineProbe, type Probe, type ProbeContext } from '../define-probe.js';
import { checkErrorOutcome } from '../fhir/response-checks.js';
import { checkSearchsetPage } from '../fhir/search-checks.js';
import { responseRule } from '../rules/response.js';
import { searchRule } from '../rules/search.js';
import type { Json } from '../session.js';

export const UNKNOWN_PARAM = 'ukcore-check-unknown';

export function unknownParamProbe(_build: ProbeBuild): Probe {
  return defineProbe({
    meta: {
      id: 'errors/unknown-param',
      title: 'An unknown search parameter is rejected, or visibly ignored',
      requirementIds: [G.unknownParam.id],
      optional: true,
      after: ['capability/metadata', 'discovery/patient'],
    },
    async run(ctx: ProbeContext) {
      const base = ctx.session.patientQuery ?? 'Patient?_count=1';
      const res = await ctx.get(`${base}&${UNKNOWN_PARAM}=1`);
      if (res.status >= 400 && res.status < 500) {
        checkErrorOutcome(ctx, res);
        ctx.note(`strict handling: HTTP ${res.status}`);
        return;
      }
      if (res.status !== 200) {
        ctx.fail(responseRule.issue({ messageId: 'unexpectedStatus', data: { expected: '200 or 4xx', status: res.status }, location: { source: res.source }, exchangeId: res.exchangeId }));
      }
      const bundle = checkSearchsetPage(ctx, res);
      const self = ((bundle.link as Json[] | undefined) ?? []).find((l) => l.relation === 'self')?.url;
      if (typeof self !== 'string') ctx.skip('lenient handling, but there is no self link to show whether the parameter was used');
      const used = [...new URL(self, ctx.session.base).searchParams.keys()];
      if (used.includes(UNKNOWN_PARAM)) {
        ctx.report(searchRule.issue({ messageId: 'unknownParamApplied', data: { param: UNKNOWN_PARAM }, location: { source: res.source, expression: "Bundle.link.where(relation='self').url" }, exchangeId: res.exchangeId }));
      } else {
        ctx.note('lenient handling: ignored and left out of the self link');
      }
    },
  });
}
