// capability/ukcore-profiles: each required type the server claims declares a UK Core profile (profile or
// supportedProfile), and the profile the requirements name for it.
import { GENERAL_REQUIREMENTS } from '../../requirements/general.js';
import type { ProbeBuild } from '../build.js';
import { requireCapability } from '../applicability.js';
import { defineProbe, type Probe, type ProbeContext } from '../define-probe.js';
import { isUkcoreProfile, unversioned } from '../fhir/ukcore-profiles.js';
import { capabilityRule } from '../rules/capability.js';

export function ukcoreProfilesProbe({ types }: ProbeBuild): Probe {
  return defineProbe({
    meta: {
      id: 'capability/ukcore-profiles',
      title: 'CapabilityStatement declares UK Core profiles for the required resource types',
      requirementIds: [GENERAL_REQUIREMENTS.capabilityProfiles.id],
      optional: true,
      after: ['capability/metadata'],
    },
    async run(ctx: ProbeContext) {
      requireCapability(ctx);
      const source = `GET ${ctx.session.base}/metadata`;
      for (const t of types) {
        const entry = ctx.session.claimed(t.type);
        if (!entry) continue;
        const declared = [entry.profile, ...(Array.isArray(entry.supportedProfile) ? entry.supportedProfile : [])]
          .filter((p): p is string => typeof p === 'string').map(unversioned);
        const expression = `CapabilityStatement.rest.where(mode='server').resource.where(type='${t.type}')`;
        if (!declared.some((p) => isUkcoreProfile(p) || t.profiles.includes(p))) {
          ctx.report(capabilityRule.issue({ messageId: 'noUkcoreProfile', data: { type: t.type }, location: { source, expression } }));
        }
        for (const p of t.profiles) {
          if (!declared.includes(unversioned(p))) {
            ctx.report(capabilityRule.issue({ messageId: 'planProfileNotDeclared', data: { type: t.type, profile: p }, location: { source, expression }, severity: 'warning' }));
          }
        }
      }
    },
  });
}
