// security/cors: a request carrying an Origin header gets Access-Control-Allow-Origin back, so browser-based
// Consumers can call the server (UK Core Access safety_and_security: SHOULD add CORS headers).
import { GENERAL_REQUIREMENTS as G } from '../../requirements/general.js';
import type { ProbeBuild } from '../build.js';
import { defineProbe, type Probe, type ProbeContext } from '../define-probe.js';
import { securityRule } from '../rules/security.js';

export const CORS_ORIGIN = 'https://consumer.ukcore-check.example';

export function corsProbe(_build: ProbeBuild): Probe {
  return defineProbe({
    meta: {
      id: 'security/cors',
      title: 'CORS headers are returned to a browser origin',
      requirementIds: [G.cors.id],
      optional: true,
      after: ['capability/metadata'],
    },
    async run(ctx: ProbeContext) {
      const res = await ctx.get('metadata', { headers: { origin: CORS_ORIGIN } });
      if (!res.headers['access-control-allow-origin']) {
        ctx.report(securityRule.issue({ messageId: 'corsMissing', location: { source: `${res.source} (Origin: ${CORS_ORIGIN})` }, exchangeId: res.exchangeId }));
      }
    },
  });
}
