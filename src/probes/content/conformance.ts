// content/conformance/<Type>: every <Type> received during the run is validated (injected validator: UK Core
// profile plus every claimed profile), and must-support coverage per profile is totalled across all of them.
import type { MustSupportCoverage } from '../../model/result.js';
import { GENERAL_REQUIREMENTS as G } from '../../requirements/general.js';
import { requireApplicable } from '../applicability.js';
import { defineProbe, type Probe, type ProbeContext } from '../define-probe.js';
import { ukcoreProfileFor, unversioned } from '../fhir/ukcore-profiles.js';
import type { IndexedType } from '../plan-index.js';
import { contentRule } from '../rules/content.js';

function addCoverage(total: Map<string, { elements: Set<string>; present: Set<string> }>, cov: MustSupportCoverage[]): void {
  for (const c of cov) {
    const entry = total.get(c.profile) ?? { elements: new Set<string>(), present: new Set<string>() };
    c.elements.forEach((e) => entry.elements.add(e));
    c.present.forEach((e) => entry.present.add(e));
    total.set(c.profile, entry);
  }
}

export function conformanceProbe(t: IndexedType): Probe {
  return defineProbe({
    meta: {
      id: `content/conformance/${t.type}`,
      title: `Every ${t.type} received conforms to UK Core and to the profiles it claims`,
      requirementIds: [...t.profileRequirementIds, G.ukcoreConformance.id],
      optional: false,
      after: ['capability/', 'discovery/', 'search/', 'read/', 'errors/'],
    },
    async run(ctx: ProbeContext) {
      requireApplicable(ctx, t);
      const seen = new Set<string>();
      const received = ctx.session.received.filter((r) => {
        if (r.resource.resourceType !== t.type) return false;
        const key = JSON.stringify(r.resource);
        if (seen.has(key)) return false;
        seen.add(key);
        return true;
      });
      if (received.length === 0) ctx.skip(`no ${t.type} was received during the run, so none could be validated`);
      const coverage = new Map<string, { elements: Set<string>; present: Set<string> }>();
      for (const r of received) {
        ctx.cite(r.exchangeId);
        const source = r.expression ? `${r.source}#${r.expression}` : r.source;
        const outcome = await ctx.session.options.validate(r.resource, source);
        for (const issue of outcome.issues) ctx.report({ ...issue, exchangeId: issue.exchangeId ?? r.exchangeId });
        addCoverage(coverage, outcome.mustSupport ?? []);
        const checked = new Set(outcome.profiles.map(unversioned));
        const claimed = ((r.resource.meta as { profile?: unknown } | undefined)?.profile);
        const expected = [ukcoreProfileFor(t.type), ...(Array.isArray(claimed) ? claimed : [])].filter((p): p is string => typeof p === 'string');
        for (const profile of new Set(expected.map(unversioned))) {
          if (!checked.has(profile)) {
            ctx.report(contentRule.issue({ messageId: 'profileNotChecked', data: { resource: `${t.type}/${String(r.resource.id)}`, profile }, location: { source }, exchangeId: r.exchangeId }));
          }
        }
      }
      ctx.setMustSupport([...coverage].map(([profile, c]) => ({ profile, elements: [...c.elements].sort(), present: [...c.present].sort() })));
      ctx.note(`${received.length} ${t.type} validated`);
    },
  });
}
