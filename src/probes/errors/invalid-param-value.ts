// errors/invalid-param-value: a malformed date value is rejected (4xx + OperationOutcome) or reported in an
// OperationOutcome entry, never silently ignored (https://hl7.org/fhir/R4/search.html#errors; UK Core Access
// exception_handling: outcomes in the searchset).
import { GENERAL_REQUIREMENTS as G } from '../../requirements/general.js';
import type { ProbeBuild } from '../build.js';
import { defineProbe, type Probe, type ProbeContext } from '../define-probe.js';
import { checkErrorOutcome } from '../fhir/response-checks.js';
import { checkSearchsetPage, queryString } from '../fhir/search-checks.js';
import { searchParamDef } from '../fhir/search-params.js';
import { responseRule } from '../rules/response.js';
import { searchRule } from '../rules/search.js';
import type { Json } from '../session.js';

export const INVALID_DATE = 'not-a-date';

export function invalidParamValueProbe({ types }: ProbeBuild): Probe {
  return defineProbe({
    meta: {
      id: 'errors/invalid-param-value',
      title: 'A search with an invalid date value is rejected with an OperationOutcome',
      requirementIds: [G.invalidParamValue.id, G.errorOutcome.id],
      optional: true,
      after: ['capability/metadata', 'discovery/patient'],
    },
    async run(ctx: ProbeContext) {
      // The first date parameter of a type the server claims (Patient birthdate, else a clinical date, scoped to the patient).
      const claimed = types.filter((t) => !ctx.session.capability || ctx.session.claimed(t.type));
      const pick = claimed.flatMap((t) => t.params.map((p) => ({ type: t.type, name: p.name })))
        .find((x) => searchParamDef(x.type, x.name)?.type === 'date');
      if (!pick) ctx.skip('no date search parameter in the requirements');
      const params: [string, string][] = [];
      const patientId = ctx.session.patientId;
      if (pick.type !== 'Patient' && searchParamDef(pick.type, 'patient')) {
        if (!patientId) ctx.skip('no patient was discovered: pass --patient-id or --nhs-number');
        params.push(['patient', patientId]);
      }
      params.push([pick.name, INVALID_DATE]);
      const res = await ctx.get(`${pick.type}?${queryString(params)}`);
      if (res.status >= 400 && res.status < 500) {
        checkErrorOutcome(ctx, res);
        return;
      }
      if (res.status !== 200) {
        ctx.fail(responseRule.issue({ messageId: 'unexpectedStatus', data: { expected: '4xx', status: res.status }, location: { source: res.source }, exchangeId: res.exchangeId }));
      }
      const bundle = checkSearchsetPage(ctx, res);
      const outcome = ((bundle.entry as Json[] | undefined) ?? []).some((e) => (e?.resource as Json | undefined)?.resourceType === 'OperationOutcome');
      if (outcome) ctx.note('accepted with an OperationOutcome in the searchset');
      else ctx.report(searchRule.issue({ messageId: 'invalidValueIgnored', data: { param: pick.name }, location: { source: res.source }, exchangeId: res.exchangeId }));
    },
  });
}
