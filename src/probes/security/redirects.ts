// security/redirects: no request of the run was redirected to another origin. The client never forwards credentials
// across origins, but a server that sends clients elsewhere is flagged (https://hl7.org/fhir/R4/security.html).
import { GENERAL_REQUIREMENTS as G } from '../../requirements/general.js';
import type { ProbeBuild } from '../build.js';
import { defineProbe, type Probe, type ProbeContext } from '../define-probe.js';
import { securityRule } from '../rules/security.js';

export function redirectsProbe(_build: ProbeBuild): Probe {
  return defineProbe({
    meta: {
      id: 'security/redirects',
      title: 'No request is redirected to another origin',
      requirementIds: [G.sameOriginRedirects.id],
      optional: false,
      after: ['*'],
    },
    async run(ctx: ProbeContext) {
      const seen = new Set<string>();
      for (const { hop, exchangeId } of ctx.session.redirects) {
        if (!hop.crossOrigin || seen.has(`${hop.from} ${hop.to}`)) continue;
        seen.add(`${hop.from} ${hop.to}`);
        ctx.cite(exchangeId);
        ctx.report(securityRule.issue({ messageId: 'crossOriginRedirect', data: { from: hop.from, to: hop.to }, location: { source: `GET ${hop.from}` }, exchangeId }));
      }
      ctx.note(`${ctx.session.redirects.length} redirect(s) seen`);
    },
  });
}
