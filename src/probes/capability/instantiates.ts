// capability/instantiates: the CapabilityStatement states that the endpoint instantiates each requirements
// statement (UK Core Access clinical_data.html#capabilities: SHOULD).
import { GENERAL_REQUIREMENTS } from '../../requirements/general.js';
import type { ProbeBuild } from '../build.js';
import { requireCapability } from '../applicability.js';
import { defineProbe, type Probe, type ProbeContext } from '../define-probe.js';
import { capabilityRule } from '../rules/capability.js';

export function instantiatesProbe({ plans }: ProbeBuild): Probe {
  return defineProbe({
    meta: {
      id: 'capability/instantiates',
      title: 'CapabilityStatement.instantiates lists the requirement statements',
      requirementIds: [GENERAL_REQUIREMENTS.instantiates.id],
      optional: true,
      after: ['capability/metadata'],
    },
    async run(ctx: ProbeContext) {
      const cs = requireCapability(ctx);
      const listed = new Set((Array.isArray(cs.instantiates) ? cs.instantiates : []).filter((u): u is string => typeof u === 'string').map((u) => u.split('|')[0]));
      for (const plan of plans) {
        if (!listed.has(plan.url)) {
          ctx.report(capabilityRule.issue({ messageId: 'notInstantiated', data: { url: plan.url }, location: { source: `GET ${ctx.session.base}/metadata`, expression: 'CapabilityStatement.instantiates' } }));
        }
      }
    },
  });
}
