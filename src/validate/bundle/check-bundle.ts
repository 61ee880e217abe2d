// Bundle checks beyond the bdl-* invariants: fullUrl form and agreement with the entry resource's id.
// https://hl7.org/fhir/R4/bundle.html#bundle-unique
import type { Issue } from '../../model/issue.js';
import type { ParsedResource } from '../../parse/parsed-resource.js';
import type { Structures } from '../../structure/structures.js';
import { bundleFullUrlRule } from './bundle-rules.js';

const UUID = /^urn:uuid:[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;
const OID = /^urn:oid:[0-2](\.(0|[1-9][0-9]*))+$/;
const ABSOLUTE = /^[a-zA-Z][a-zA-Z0-9+.-]*:\S+$/;

export function checkBundle(parsed: ParsedResource, _structures: Structures): Issue[] {
  const bundle = parsed.value;
  const issues: Issue[] = [];
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
      const expected = `${res.resourceType}/${res.id}`;
      const withoutHistory = fullUrl.replace(/\/_history\/[^/]+$/, '');
      if (!withoutHistory.endsWith(`/${expected}`)) at('idMismatch', { fullUrl, expected }, segs);
    }
  });
  return issues;
}
