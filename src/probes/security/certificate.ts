// security/certificate: the server's certificate chain verifies against the trust store (plus --ca), for the host
// name used (https://hl7.org/fhir/R4/security.html).
import { GENERAL_REQUIREMENTS as G } from '../../requirements/general.js';
import { inspectTls } from '../../http/tls-inspect.js';
import type { ProbeBuild } from '../build.js';
import { defineProbe, type Probe, type ProbeContext } from '../define-probe.js';
import { securityRule } from '../rules/security.js';
import { throwIfUnreachable } from './tls-version.js';

export function certificateProbe(_build: ProbeBuild): Probe {
  return defineProbe({
    meta: { id: 'security/certificate', title: 'The certificate chain is valid and trusted', requirementIds: [G.transportSecurity.id], optional: false },
    async run(ctx: ProbeContext) {
      const { base, options } = ctx.session;
      if (new URL(base).protocol !== 'https:') ctx.skip('not applicable: the base URL is plain HTTP');
      const result = await inspectTls(base, { tls: options.tls, timeoutMs: options.timeoutMs });
      if (result.error) {
        throwIfUnreachable(base, result.error);
        ctx.skip(`no TLS session to inspect (${result.error.code}); see security/tls-version`);
      }
      if (!result.authorized) {
        ctx.fail(securityRule.issue({ messageId: 'certificateUntrusted', data: { code: result.authorizationError ?? 'unknown' }, location: { source: base } }));
      }
      if (result.certificate) ctx.note(`${result.certificate.subject}, valid until ${result.certificate.validTo}`);
    },
  });
}
