// capability/fhir-version: the server implements FHIR R4 (fhirVersion 4.0.x), as the requirement statements state.
import { requirementId } from '../../requirements/plan-requirements.js';
import type { ProbeBuild } from '../build.js';
import { requireCapability } from '../applicability.js';
import { defineProbe, type Probe, type ProbeContext } from '../define-probe.js';
import { capabilityRule } from '../rules/capability.js';

export function fhirVersionProbe({ plans }: ProbeBuild): Probe {
  return defineProbe({
    meta: {
      id: 'capability/fhir-version',
      title: 'CapabilityStatement.fhirVersion is 4.0.x (R4)',
      requirementIds: plans.filter((p) => p.fhirVersion).map((p) => requirementId.fhirVersion(p.id)),
      optional: false,
      after: ['capability/metadata'],
    },
    async run(ctx: ProbeContext) {
      const cs = requireCapability(ctx);
      const version = typeof cs.fhirVersion === 'string' ? cs.fhirVersion : '';
      if (!/^4\.0\.\d+$/.test(version)) {
        ctx.report(capabilityRule.issue({ messageId: 'fhirVersion', data: { version }, location: { source: `GET ${ctx.session.base}/metadata`, expression: 'CapabilityStatement.fhirVersion' } }));
      }
    },
  });
}
