// security/https: the base URL uses HTTPS (https://hl7.org/fhir/R4/security.html#http); plain HTTP fails unless it
// was allowed for a local test, and then the check is skipped as not verified, never passed.
import { GENERAL_REQUIREMENTS as G } from '../../requirements/general.js';
import type { ProbeBuild } from '../build.js';
import { defineProbe, type Probe, type ProbeContext } from '../define-probe.js';
import { securityRule } from '../rules/security.js';

export function httpsProbe(_build: ProbeBuild): Probe {
  return defineProbe({
    meta: { id: 'security/https', title: 'The server is reached over HTTPS', requirementIds: [G.transportSecurity.id], optional: false },
    async run(ctx: ProbeContext) {
      if (new URL(ctx.session.base).protocol === 'https:') return;
      if (ctx.session.options.allowHttp) ctx.skip('not verified: plain HTTP was allowed for a local test');
      ctx.fail(securityRule.issue({ messageId: 'plainHttp', location: { source: ctx.session.base } }));
    },
  });
}
