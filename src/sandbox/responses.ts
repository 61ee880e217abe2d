// Response bodies the sandbox builds: OperationOutcomes (https://hl7.org/fhir/R4/operationoutcome.html) and
// searchset Bundles with self/next links (https://hl7.org/fhir/R4/http.html#paging).
import type { Resource } from './data/index.js';

export function operationOutcome(code: string, diagnostics: string, severity: 'error' | 'fatal' | 'warning' = 'error'): Resource {
  return {
    resourceType: 'OperationOutcome', id: 'sandbox-outcome',
    text: { status: 'generated', div: `<div xmlns="http://www.w3.org/1999/xhtml"><p>${diagnostics.replace(/[<&>]/g, '')}</p></div>` },
    issue: [{ severity, code, diagnostics }],
  };
}

export interface SearchsetPage {
  base: string;
  type: string;
  /** Parameters the search actually used, as sent (they make up the self link). */
  used: [string, string][];
  matches: Resource[];
  count: number;
  offset: number;
  /** Offset written into the next link (the broken-paging fault restarts it). */
  nextOffset: number;
}

function query(params: [string, string][]): string {
  return params.map(([k, v]) => `${encodeURIComponent(k)}=${encodeURIComponent(v)}`).join('&');
}

export function searchset(p: SearchsetPage): Resource {
  const page = p.matches.slice(p.offset, p.offset + p.count);
  const link = (offset: number) => `${p.base}/${p.type}?${query([...p.used, ['_count', String(p.count)], ['_offset', String(offset)]])}`;
  const links = [{ relation: 'self', url: link(p.offset) }];
  if (p.offset + p.count < p.matches.length) links.push({ relation: 'next', url: link(p.nextOffset) });
  return {
    resourceType: 'Bundle',
    id: `search-${p.type}-${p.offset}`,
    meta: { lastUpdated: '2025-01-15T09:00:00+00:00' },
    type: 'searchset',
    total: p.matches.length,
    link: links,
    entry: page.map((r) => ({ fullUrl: `${p.base}/${r.resourceType}/${r.id}`, resource: r, search: { mode: 'match' } })),
  };
}
