// Runs a search and verifies it: searchset pages, FHIR JSON, every match satisfying every criterion, and the known
// matches returned (https://hl7.org/fhir/R4/http.html#search, https://hl7.org/fhir/R4/search.html).
import type { ProbeContext } from '../define-probe.js';
import { responseRule } from '../rules/response.js';
import { searchRule } from '../rules/search.js';
import { nextLink, type FhirResponse, type Json } from '../session.js';
import { FLOATING_SLACK_MS } from './date-range.js';
import { matchesParam } from './match.js';
import type { PlannedQuery } from './query-values.js';
import { checkContentType, expectResource, expectStatus } from './response-checks.js';
import { searchParamDef } from './search-params.js';

export interface Match {
  resource: Json;
  source: string;
  expression: string;
  exchangeId: string;
}

export interface SearchPages {
  matches: Match[];
  pages: FhirResponse[];
  /** False when next links remained after `maxPages`. */
  complete: boolean;
}

export function queryString(params: [string, string][]): string {
  return params.map(([k, v]) => `${encodeURIComponent(k)}=${encodeURIComponent(v)}`).join('&');
}

/** Checks one page: 200, FHIR JSON, a searchset Bundle; reports outcome entries. Returns the bundle. */
export function checkSearchsetPage(ctx: ProbeContext, res: FhirResponse): Json {
  expectStatus(ctx, res, 200);
  checkContentType(ctx, res);
  const bundle = expectResource(ctx, res, 'Bundle');
  if (bundle.type !== 'searchset') {
    ctx.fail(responseRule.issue({
      messageId: 'notSearchset', data: { type: String(bundle.type ?? '') }, location: { source: res.source, expression: 'Bundle.type' }, exchangeId: res.exchangeId,
    }));
  }
  const links = Array.isArray(bundle.link) ? (bundle.link as Json[]) : [];
  if (!links.some((l) => l.relation === 'self')) {
    ctx.report(responseRule.issue({ messageId: 'missingSelfLink', location: { source: res.source, expression: 'Bundle.link' }, severity: 'warning', exchangeId: res.exchangeId }));
  }
  // UK Core Access exception_handling: Providers MAY put an OperationOutcome in the searchset; consumers must see it.
  ((bundle.entry as Json[] | undefined) ?? []).forEach((e, i) => {
    const r = e?.resource as Json | undefined;
    if (r?.resourceType !== 'OperationOutcome') return;
    const issue = ((r.issue as Json[] | undefined) ?? [])[0];
    ctx.report(responseRule.issue({
      messageId: 'outcomeInSearchset', severity: 'information',
      data: { severity: String(issue?.severity ?? ''), text: String(issue?.diagnostics ?? (issue?.details as Json | undefined)?.text ?? '') },
      location: { source: res.source, expression: `Bundle.entry[${i}].resource` }, exchangeId: res.exchangeId,
    }));
  });
  return bundle;
}

/** GETs a search and follows next links up to `maxPages`, checking each page and collecting the matches. */
export async function collectSearch(ctx: ProbeContext, type: string, path: string, maxPages: number): Promise<SearchPages> {
  const out: SearchPages = { matches: [], pages: [], complete: true };
  let url: string | undefined = path;
  while (url) {
    if (out.pages.length >= maxPages) {
      out.complete = false;
      break;
    }
    const res = await ctx.get(url);
    out.pages.push(res);
    const bundle = checkSearchsetPage(ctx, res);
    ((bundle.entry as Json[] | undefined) ?? []).forEach((e, i) => {
      const r = e?.resource as Json | undefined;
      const mode = (e?.search as Json | undefined)?.mode;
      if (!r || mode === 'include' || mode === 'outcome' || r.resourceType === 'OperationOutcome') return;
      const expression = `Bundle.entry[${i}].resource`;
      if (r.resourceType !== type) {
        ctx.report(searchRule.issue({
          messageId: 'wrongEntryType', data: { expected: type, found: String(r.resourceType) }, location: { source: res.source, expression }, exchangeId: res.exchangeId,
        }));
        return;
      }
      out.matches.push({ resource: r, source: res.source, expression, exchangeId: res.exchangeId });
    });
    url = nextLink(bundle);
  }
  return out;
}

function label(r: Json): string {
  return `${String(r.resourceType)}/${String(r.id)}`;
}

/** Runs a planned query and reports matches that do not satisfy it and known matches that were not returned. */
export async function runPlannedQuery(ctx: ProbeContext, type: string, q: PlannedQuery, maxPages: number): Promise<SearchPages> {
  const path = `${type}?${queryString(q.params)}`;
  const found = await collectSearch(ctx, type, path, maxPages);
  for (const m of found.matches) {
    for (const [key, value] of q.params) {
      const [name, modifier] = key.split(':');
      const def = searchParamDef(type, name);
      if (def && !matchesParam(m.resource, def, value, { modifier, slackMs: FLOATING_SLACK_MS })) {
        ctx.report(searchRule.issue({
          messageId: 'notMatching', data: { resource: label(m.resource), param: key, value },
          location: { source: m.source, expression: m.expression }, exchangeId: m.exchangeId,
        }));
      }
    }
  }
  const ids = new Set(found.matches.map((m) => String(m.resource.id)));
  const missing = q.mustInclude.filter((id) => !ids.has(id));
  if (missing.length > 0 && !found.complete) {
    ctx.report(searchRule.issue({ messageId: 'pagesNotExhausted', data: { pages: found.pages.length }, location: { source: found.pages[0].source }, severity: 'information' }));
  } else {
    for (const id of missing) {
      ctx.report(searchRule.issue({
        messageId: 'missingMatch', data: { resource: `${type}/${id}`, query: queryString(q.params) },
        location: { source: found.pages[0].source }, exchangeId: found.pages[0].exchangeId,
      }));
    }
  }
  return found;
}
