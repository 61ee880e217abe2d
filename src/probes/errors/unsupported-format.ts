// errors/unsupported-format: asking for a format the server cannot produce with _format is refused with 406 (or 415);
// an unsupported Accept header may be refused or answered in the default format (RFC 9110 §12.5.1)
// (https://hl7.org/fhir/R4/http.html#mime-type).
import { GENERAL_REQUIREMENTS as G } from '../../requirements/general.js';
import type { ProbeBuild } from '../build.js';
import { defineProbe, type Probe, type ProbeContext } from '../define-probe.js';
import { expectStatus } from '../fhir/response-checks.js';
import { responseRule } from '../rules/response.js';

export const UNSUPPORTED_FORMAT = 'application/x-ukcore-check-unsupported';

export function unsupportedFormatProbe(_build: ProbeBuild): Probe {
  return defineProbe({
    meta: {
      id: 'errors/unsupported-format',
      title: 'An unsupported _format or Accept is refused with 406/415',
      requirementIds: [G.unsupportedFormat.id],
      optional: true,
      after: ['capability/metadata', 'discovery/patient'],
    },
    async run(ctx: ProbeContext) {
      const path = ctx.session.patientQuery ?? 'metadata';
      const sep = path.includes('?') ? '&' : '?';
      const viaHeader = await ctx.get(path, { headers: { accept: UNSUPPORTED_FORMAT } });
      if (viaHeader.status !== 406 && viaHeader.status !== 415) {
        ctx.report(responseRule.issue({ messageId: 'unexpectedStatus', data: { expected: '406 or 415', status: viaHeader.status }, location: { source: `${viaHeader.source} (Accept: ${UNSUPPORTED_FORMAT})` }, severity: 'warning', exchangeId: viaHeader.exchangeId }));
      }
      const viaParam = await ctx.get(`${path}${sep}_format=${encodeURIComponent(UNSUPPORTED_FORMAT)}`);
      expectStatus(ctx, viaParam, 406, 415);
    },
  });
}
