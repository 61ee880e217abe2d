// capability/json-format: CapabilityStatement.format lists JSON (https://hl7.org/fhir/R4/capabilitystatement-definitions.html#CapabilityStatement.format).
import { requirementId } from '../../requirements/plan-requirements.js';
import type { ProbeBuild } from '../build.js';
import { requireCapability } from '../applicability.js';
import { defineProbe, type Probe, type ProbeContext } from '../define-probe.js';
import { capabilityRule } from '../rules/capability.js';

const JSON_FORMATS = new Set(['json', 'application/fhir+json', 'application/json']);

export function jsonFormatProbe({ plans }: ProbeBuild): Probe {
  return defineProbe({
    meta: {
      id: 'capability/json-format',
      title: 'CapabilityStatement.format includes JSON',
      requirementIds: plans.filter((p) => p.formats.includes('json')).map((p) => requirementId.format(p.id, 'json')),
      optional: false,
      after: ['capability/metadata'],
    },
    async run(ctx: ProbeContext) {
      const cs = requireCapability(ctx);
      const formats = Array.isArray(cs.format) ? cs.format.filter((f): f is string => typeof f === 'string') : [];
      if (!formats.some((f) => JSON_FORMATS.has(f.split(';')[0].trim()))) {
        ctx.report(capabilityRule.issue({ messageId: 'noJson', data: { formats: formats.join(', ') || 'none' }, location: { source: `GET ${ctx.session.base}/metadata`, expression: 'CapabilityStatement.format' } }));
      }
    },
  });
}
