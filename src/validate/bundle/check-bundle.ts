// Bundle checks beyond the bdl-* invariants: fullUrl form and agreement with the entry resource's id, and what a
// searchset's entries must be. https://hl7.org/fhir/R4/bundle.html#bundle-unique and https://hl7.org/fhir/R4/search.html
import type { Issue } from '../../model/issue.js';
import type { ParsedResource } from '../../parse/parsed-resource.js';
import type { Structures } from '../../structure/structures.js';
import { bundleFullUrlRule, searchsetRule } from './bundle-rules.js';

const UUID = /^urn:uuid:[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;
const OID = /^urn:oid:[0-2](\.(0|[1-9][0-9]*))+$/;
const ABSOLUTE = /^[a-zA-Z][a-zA-Z0-9+.-]*:\S+$/;

export function checkBundle(parsed: ParsedResource, structures: Structures): Issue[] {
  const bundle = parsed.value;
  const issues: Issue[] = [];
  if (bundle.type === 'searchset') issues.push(...checkSearchset(parsed, structures));
  if (!Array.isArray(bundle.entry)) return issues;
  (bundle.entry as Array<Record<string, unknown> | null>).forEach((entry, idx) => {
    if (!entry || typeof entry !== 'object') return;
    const fullUrl = entry.fullUrl;
    const res = entry.resource as Record<string, unknown> | undefined;
    const at = (messageId: 'notAbsolute' | 'idMismatch' | 'badUuid' | 'missing', data: Record<string, string>, segs: (string | number)[]) => {
      const lc = parsed.positions.locate(bundle, segs);
      const expression = segs.length === 3 ? `Bundle.entry[${idx}].fullUrl` : `Bundle.entry[${idx}]`;
      issues.push(bundleFullUrlRule.issue({ messageId, data, location: { source: parsed.source, expression, ...(lc ?? {}) } }));
    };
    if (typeof fullUrl !== 'string') {
      // Transactions may carry resources to create without a fullUrl; other types need one for references.
      if (res && bundle.type !== 'transaction' && bundle.type !== 'batch' && bundle.type !== 'transaction-response' && bundle.type !== 'batch-response') {
        issues.push(
          bundleFullUrlRule.issue({
            messageId: 'missing', data: {}, severity: 'warning',
            location: { source: parsed.source, expression: `Bundle.entry[${idx}]`, ...(parsed.positions.locate(bundle, ['entry', idx]) ?? {}) },
          }),
        );
      }
      return;
    }
    const segs = ['entry', idx, 'fullUrl'];
    if (fullUrl.startsWith('urn:uuid:')) {
      if (!UUID.test(fullUrl)) at('badUuid', { fullUrl }, segs);
      return;
    }
    if (fullUrl.startsWith('urn:oid:')) {
      if (!OID.test(fullUrl)) at('notAbsolute', { fullUrl }, segs);
      return;
    }
    if (!ABSOLUTE.test(fullUrl)) {
      at('notAbsolute', { fullUrl }, segs);
      return;
    }
    if (res && typeof res.resourceType === 'string' && typeof res.id === 'string' && /^https?:\/\//.test(fullUrl)) {
      // Only a RESTful URL ([base]/[type]/[id]) says which resource it is; other http(s) URLs cannot disagree with the
      // id, so they are left alone (as the HL7 validator does).
      const expected = `${res.resourceType}/${res.id}`;
      const parts = fullUrl.replace(/\/_history\/[^/]+$/, '').split('/');
      const type = parts[parts.length - 2];
      const restful = parts.length >= 5 && type !== undefined && /^[A-Z][A-Za-z]+$/.test(type) && structures.typeTree(type)?.kind === 'resource';
      if (restful && `${type}/${parts[parts.length - 1]}` !== expected) at('idMismatch', { fullUrl, expected }, segs);
    }
  });
  return issues;
}

function isObject(v: unknown): v is Record<string, unknown> {
  return v !== null && typeof v === 'object' && !Array.isArray(v);
}

/**
 * The resource types a search was for, from the self link: `[base]/Type?...`, `[base]/Type/_search?...` or `_type=A,B`.
 * Undefined when the link does not say (a system-wide search, a compartment, an unparseable url).
 */
function searchedTypes(url: string, structures: Structures): string[] | undefined {
  const isResource = (t: string): boolean => /^[A-Z][A-Za-z]+$/.test(t) && structures.typeTree(t)?.kind === 'resource';
  const q = url.indexOf('?');
  const params = new URLSearchParams(q === -1 ? '' : url.slice(q + 1));
  const typeParam = params.getAll('_type').flatMap((v) => v.split(',')).map((t) => t.trim()).filter(Boolean);
  if (typeParam.length) return typeParam.every(isResource) ? typeParam : undefined;
  const segments = (q === -1 ? url : url.slice(0, q)).split('/').filter(Boolean);
  if (segments[segments.length - 1] === '_search') segments.pop();
  const last = segments[segments.length - 1];
  // `Patient/123/Observation` is a compartment search: the last segment is still the type searched for.
  return last !== undefined && isResource(last) ? [last] : undefined;
}

/**
 * searchset rules: the self link records the search (search.html#conformance: the server SHALL return the parameters it
 * used), every entry says its search.mode, results are resources with ids (Resource.id: only a resource being created
 * has none), `outcome` entries are OperationOutcomes and `match` entries are of the type searched for.
 */
function checkSearchset(parsed: ParsedResource, structures: Structures): Issue[] {
  const bundle = parsed.value;
  const issues: Issue[] = [];
  const loc = (segs: (string | number)[], expression: string) => ({ source: parsed.source, expression, ...(parsed.positions.locate(bundle, segs) ?? {}) });
  const links = Array.isArray(bundle.link) ? (bundle.link as unknown[]).filter(isObject) : [];
  const self = links.find((l) => l.relation === 'self' && typeof l.url === 'string');
  if (!self) issues.push(searchsetRule.issue({ messageId: 'noSelfLink', data: {}, severity: 'warning', location: loc([], 'Bundle') }));
  const types = self ? searchedTypes(String(self.url), structures) : undefined;
  const entries = Array.isArray(bundle.entry) ? (bundle.entry as unknown[]) : [];
  let modeMissing = false;
  entries.forEach((entry, idx) => {
    if (!isObject(entry) || !isObject(entry.resource)) return;
    const res = entry.resource;
    const resourceType = typeof res.resourceType === 'string' ? res.resourceType : undefined;
    if (!resourceType) return;
    const mode = isObject(entry.search) && typeof entry.search.mode === 'string' ? entry.search.mode : undefined;
    if (!mode) modeMissing = true;
    const at = loc(['entry', idx, 'resource'], `Bundle.entry[${idx}].resource`);
    // Without a mode, an OperationOutcome is taken as the search's outcome, anything else as a result.
    const effective = mode ?? (resourceType === 'OperationOutcome' ? 'outcome' : 'match');
    if (effective === 'outcome') {
      if (resourceType !== 'OperationOutcome') issues.push(searchsetRule.issue({ messageId: 'notAnOutcome', data: { resourceType }, location: at }));
      return;
    }
    if (typeof res.id !== 'string' || res.id === '') issues.push(searchsetRule.issue({ messageId: 'resultWithoutId', data: { resourceType }, location: at }));
    if (mode === 'match' && types && !types.includes(resourceType)) {
      issues.push(searchsetRule.issue({ messageId: 'wrongType', data: { resourceType, expected: types.join(', ') }, location: at }));
    }
  });
  if (modeMissing) issues.push(searchsetRule.issue({ messageId: 'noSearchMode', data: {}, severity: 'warning', location: loc([], 'Bundle') }));
  return issues;
}
