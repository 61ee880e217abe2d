// search/combination/<Type>/<a>+<b>: a search-parameter combination the requirements name
// (capabilitystatement-search-parameter-combination) works with values taken from one known resource.
import { GENERAL_REQUIREMENTS as G } from '../../requirements/general.js';
import { requireApplicable, requirePatient, requireSamples } from '../applicability.js';
import { defineProbe, type Probe, type ProbeContext } from '../define-probe.js';
import { combinationQuery } from '../fhir/query-values.js';
import { runPlannedQuery } from '../fhir/search-checks.js';
import { searchParamDef } from '../fhir/search-params.js';
import type { IndexedCombination, IndexedType } from '../plan-index.js';

export function searchCombinationProbe(t: IndexedType, c: IndexedCombination): Probe {
  const key = c.params.join('+');
  return defineProbe({
    meta: {
      id: `search/combination/${t.type}/${key}`,
      title: `GET [base]/${t.type}?${c.params.map((n) => `${n}=…`).join('&')} returns exactly the matching resources`,
      requirementIds: [...c.requirementIds, G.searchset.id, G.searchMatches.id, G.contentType.id],
      optional: !c.shall,
      after: ['capability/metadata', 'discovery/patient'],
    },
    async run(ctx: ProbeContext) {
      requireApplicable(ctx, t);
      const unknown = c.params.filter((n) => !searchParamDef(t.type, n));
      if (unknown.length > 0) ctx.skip(`no R4 definition of ${unknown.join(', ')} on ${t.type} is known, so results cannot be verified`);
      const patientId = requirePatient(ctx);
      const samples = await requireSamples(ctx, t.type);
      const q = combinationQuery(t.type, c.params, samples.resources, patientId);
      if (!q) ctx.skip(`no known ${t.type} has values for all of ${key}`);
      await runPlannedQuery(ctx, t.type, q, ctx.session.options.maxPages);
    },
  });
}
