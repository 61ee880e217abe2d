// search/param/<Type>/<param>: searching by one parameter with values from the server's own data returns a
// searchset of FHIR JSON whose matches all satisfy the criterion and include the known matches
// (https://hl7.org/fhir/R4/search.html). Clinical searches are scoped to the test patient, as the guide's examples are.
import { GENERAL_REQUIREMENTS as G } from '../../requirements/general.js';
import { requireApplicable, requirePatient, requireSamples } from '../applicability.js';
import { defineProbe, type Probe, type ProbeContext } from '../define-probe.js';
import { singleParamQueries } from '../fhir/query-values.js';
import { runPlannedQuery } from '../fhir/search-checks.js';
import { searchParamDef } from '../fhir/search-params.js';
import type { IndexedParam, IndexedType } from '../plan-index.js';
import { searchRule } from '../rules/search.js';

export function searchParamProbe(t: IndexedType, p: IndexedParam): Probe {
  return defineProbe({
    meta: {
      id: `search/param/${t.type}/${p.name}`,
      title: `GET [base]/${t.type}?${p.name}=… returns exactly the matching ${t.type} resources`,
      requirementIds: [...p.requirementIds, G.searchset.id, G.searchMatches.id, G.contentType.id],
      optional: !p.shall,
      after: ['capability/metadata', 'discovery/patient'],
    },
    async run(ctx: ProbeContext) {
      requireApplicable(ctx, t);
      if (!searchParamDef(t.type, p.name)) {
        ctx.report(searchRule.issue({ messageId: 'noDefinition', data: { type: t.type, param: p.name }, location: { source: ctx.session.base }, severity: 'information' }));
        ctx.skip(`no R4 definition of '${p.name}' on ${t.type} is known, so results cannot be verified`);
      }
      const patientId = requirePatient(ctx);
      const maxPages = ctx.session.options.maxPages;
      if (p.name === 'patient' && t.type !== 'Patient') {
        // The search the other checks take their data from: it must work on its own.
        const q = { params: [['patient', patientId]] as [string, string][], mustInclude: [], discriminating: true };
        ctx.setTarget(ctx.session.resolve(`${t.type}?patient=${patientId}`));
        await runPlannedQuery(ctx, t.type, q, maxPages);
        return;
      }
      const samples = await requireSamples(ctx, t.type);
      const queries = singleParamQueries(t.type, p.name, samples.resources, patientId);
      if (queries.length === 0) {
        ctx.report(searchRule.issue({ messageId: 'noValue', data: { type: t.type, param: p.name }, location: { source: ctx.session.resolve(samples.query) }, severity: 'information' }));
        ctx.skip(`no ${t.type} in the server's data has a value for ${p.name}`);
      }
      for (const q of queries) await runPlannedQuery(ctx, t.type, q, maxPages);
      if (samples.resources.length > 1 && !queries.some((q) => q.discriminating)) {
        ctx.report(searchRule.issue({ messageId: 'notDiscriminating', data: { type: t.type, param: p.name }, location: { source: ctx.session.resolve(samples.query) }, severity: 'information' }));
      }
    },
  });
}
