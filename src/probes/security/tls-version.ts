// security/tls-version: the server negotiates TLS 1.2 or later and refuses TLS 1.0/1.1
// (https://hl7.org/fhir/R4/security.html; NHS guidance sets TLS 1.2 as the floor).
import { GENERAL_REQUIREMENTS as G } from '../../requirements/general.js';
import { HttpTransportError } from '../../http/errors.js';
import { inspectTls } from '../../http/tls-inspect.js';
import type { ProbeBuild } from '../build.js';
import { defineProbe, type Probe, type ProbeContext } from '../define-probe.js';
import { securityRule } from '../rules/security.js';

/** Connection-level failures are transport errors (no verdict); anything else is the server's TLS answer. */
export function throwIfUnreachable(base: string, error: { code: string; message: string }): void {
  if (error.code === 'ECONNREFUSED') throw new HttpTransportError('refused', `connection refused by ${new URL(base).host}`, base, undefined, error.code);
  if (error.code === 'ETIMEDOUT') throw new HttpTransportError('timeout', error.message, base, undefined, error.code);
  if (['ENOTFOUND', 'EAI_AGAIN', 'EHOSTUNREACH', 'ENETUNREACH'].includes(error.code)) {
    throw new HttpTransportError('unreachable', `cannot reach ${new URL(base).host} (${error.code})`, base, undefined, error.code);
  }
}

export function tlsVersionProbe(_build: ProbeBuild): Probe {
  return defineProbe({
    meta: { id: 'security/tls-version', title: 'TLS 1.2 or later is negotiated and older versions are refused', requirementIds: [G.transportSecurity.id], optional: false },
    async run(ctx: ProbeContext) {
      const { base, options } = ctx.session;
      if (new URL(base).protocol !== 'https:') ctx.skip('not applicable: the base URL is plain HTTP');
      const modern = await inspectTls(base, { tls: options.tls, timeoutMs: options.timeoutMs });
      if (modern.error) {
        throwIfUnreachable(base, modern.error);
        ctx.fail(securityRule.issue({ messageId: 'handshakeFailed', data: { code: modern.error.code, detail: modern.error.message }, location: { source: base } }));
      }
      const legacy = await inspectTls(base, { tls: options.tls, timeoutMs: options.timeoutMs, legacyOnly: true });
      if (!legacy.error && legacy.protocol) {
        ctx.report(securityRule.issue({ messageId: 'legacyTlsAccepted', data: { protocol: legacy.protocol }, location: { source: base } }));
      }
      ctx.note(`negotiated ${modern.protocol ?? '?'} (${modern.cipher ?? '?'})`);
    },
  });
}
