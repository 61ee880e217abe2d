// security/unauthenticated: with credentials configured, the same data request sent without them is refused with
// 401/403 (or at the TLS handshake when mutual TLS is the credential). UK Core Access safety_and_security: the
// identity of the Consumer SHOULD be known; the capabilities interaction MAY stay open, so it is not used here.
import { GENERAL_REQUIREMENTS as G } from '../../requirements/general.js';
import { HttpTransportError } from '../../http/errors.js';
import type { ProbeBuild } from '../build.js';
import { defineProbe, type Probe, type ProbeContext } from '../define-probe.js';
import { securityRule } from '../rules/security.js';

export function unauthenticatedProbe(_build: ProbeBuild): Probe {
  return defineProbe({
    meta: {
      id: 'security/unauthenticated',
      title: 'A data request without credentials is refused (401/403)',
      requirementIds: [G.consumerIdentity.id],
      optional: false,
      after: ['discovery/patient'],
    },
    async run(ctx: ProbeContext) {
      const { options } = ctx.session;
      if (!options.hasCredentials) ctx.omit('no credentials are configured, so there is nothing to withhold');
      const path = ctx.session.patientQuery ?? 'Patient?_count=1';
      try {
        const res = await ctx.get(path, { credentials: false });
        if (res.status === 401 || res.status === 403) return;
        ctx.fail(securityRule.issue({ messageId: 'unauthenticatedAccepted', data: { status: res.status }, location: { source: res.source }, exchangeId: res.exchangeId }));
      } catch (err) {
        // Mutual TLS: refusing the handshake without a client certificate is a refusal.
        if (err instanceof HttpTransportError && (err.kind === 'tls' || err.kind === 'network') && options.tls?.cert) {
          ctx.note(`refused at the TLS handshake (${err.code ?? err.kind})`);
          return;
        }
        throw err;
      }
    },
  });
}
