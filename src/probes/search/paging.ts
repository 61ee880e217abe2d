// search/paging: with _count=1, every page holds at most one match and following next links returns each known
// match exactly once, then stops (https://hl7.org/fhir/R4/search.html#count, https://hl7.org/fhir/R4/http.html#paging).
import { GENERAL_REQUIREMENTS as G } from '../../requirements/general.js';
import { requirePatient } from '../applicability.js';
import type { ProbeBuild } from '../build.js';
import { defineProbe, type Probe, type ProbeContext } from '../define-probe.js';
import { checkSearchsetPage } from '../fhir/search-checks.js';
import { searchParamDef } from '../fhir/search-params.js';
import { searchRule } from '../rules/search.js';
import { nextLink, SampleUnavailable, type Json } from '../session.js';

export function pagingProbe({ types }: ProbeBuild): Probe {
  return defineProbe({
    meta: {
      id: 'search/paging',
      title: 'Paging with _count and next links returns every match exactly once',
      requirementIds: [G.searchCount.id, G.searchPaging.id],
      optional: false,
      after: ['capability/metadata', 'discovery/patient'],
    },
    async run(ctx: ProbeContext) {
      const patientId = requirePatient(ctx);
      // The first type in plan order with two or more resources for the test patient.
      let chosen: { type: string; ids: string[] } | undefined;
      for (const t of types) {
        if (t.type === 'Patient' || !searchParamDef(t.type, 'patient')) continue;
        if (ctx.session.capability && !ctx.session.claimed(t.type)) continue;
        try {
          const s = await ctx.session.samples(t.type);
          if (s.resources.length >= 2) {
            chosen = { type: t.type, ids: s.resources.map((r) => String(r.id)) };
            break;
          }
        } catch (err) {
          if (!(err instanceof SampleUnavailable)) throw err;
        }
      }
      if (!chosen) {
        ctx.report(searchRule.issue({ messageId: 'notPageable', data: { type: 'clinical' }, location: { source: ctx.session.base }, severity: 'information' }));
        ctx.skip('the test patient has no type with two or more resources, so paging could not be exercised');
      }
      const { type, ids } = chosen;
      const limit = ids.length + 2;
      const seen = new Set<string>();
      let url: string | undefined = `${type}?patient=${encodeURIComponent(patientId)}&_count=1`;
      ctx.setTarget(ctx.session.resolve(url));
      let pages = 0;
      let total: unknown;
      let broken = false;
      while (url && pages < limit && !broken) {
        const res = await ctx.get(url);
        pages++;
        const bundle = checkSearchsetPage(ctx, res);
        if (pages === 1) total = bundle.total;
        const matches = ((bundle.entry as Json[] | undefined) ?? []).filter((e) => {
          const mode = (e?.search as Json | undefined)?.mode;
          return (e?.resource as Json | undefined)?.resourceType === type && mode !== 'include' && mode !== 'outcome';
        });
        if (matches.length > 1) {
          ctx.report(searchRule.issue({ messageId: 'countExceeded', data: { count: 1, found: matches.length }, location: { source: res.source, expression: 'Bundle.entry' }, exchangeId: res.exchangeId }));
        }
        for (const e of matches) {
          const id = String((e.resource as Json).id);
          if (seen.has(id)) {
            ctx.report(searchRule.issue({ messageId: 'pagingDuplicate', data: { resource: `${type}/${id}`, page: pages }, location: { source: res.source }, exchangeId: res.exchangeId }));
            broken = true;
          }
          seen.add(id);
        }
        url = nextLink(bundle);
      }
      if (url && !broken) {
        ctx.report(searchRule.issue({ messageId: 'pagingLoop', data: { pages }, location: { source: ctx.session.resolve(url) } }));
      }
      const missing = ids.filter((id) => !seen.has(id));
      if (missing.length > 0) {
        ctx.report(searchRule.issue({ messageId: 'pagingLost', data: { missing: missing.length, expected: ids.length }, location: { source: ctx.session.resolve(`${type}?patient=${patientId}&_count=1`) } }));
      }
      if (typeof total === 'number' && !broken && total !== seen.size) {
        ctx.report(searchRule.issue({ messageId: 'totalMismatch', data: { total, found: seen.size }, location: { source: ctx.session.resolve(`${type}?patient=${patientId}&_count=1`), expression: 'Bundle.total' } }));
      }
    },
  });
}
