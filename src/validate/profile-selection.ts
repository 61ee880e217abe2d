// Which profiles a resource is checked against: its meta.profile claims, --profile, and the UK Core default.
// https://hl7.org/fhir/R4/resource.html#profiles and https://hl7.org/fhir/R4/validation.html#profiles
import type { Issue } from '../model/issue.js';
import type { Definitions } from '../packages/definitions.js';
import { defineRule } from '../rules/define-rule.js';

export const unknownProfileRule = defineRule({
  meta: {
    id: 'profile/unknown-profile', category: 'profile', defaultSeverity: 'warning', code: 'not-found',
    docsUrl: 'https://hl7.org/fhir/R4/validation.html#profiles',
    description: 'A profile claimed in meta.profile or asked for with --profile is not in any loaded package, so conformance to it is not verified',
    messages: {
      unknownClaimed: "meta.profile claims '{{profile}}', which is not in any loaded package: conformance to it is not verified",
      wrongType: "Profile '{{profile}}' constrains {{profileType}}, not {{resourceType}}",
    },
  },
});

export interface ProfileSelectionOptions {
  /** Profiles from --profile, applied to every resource of the profile's type. */
  requested: string[];
  /** Check each resource against UKCore-<Type> when the loaded packages define one. */
  ukcoreDefault: boolean;
}

export interface SelectedProfile {
  canonical: string;
  why: 'claimed' | 'requested' | 'ukcore-default';
}

/** Builds the UKCore-<Type> lookup once per package set. */
export class ProfileSelector {
  private readonly ukcoreByType = new Map<string, string>();

  constructor(private readonly defs: Definitions, private readonly options: ProfileSelectionOptions) {
    if (options.ukcoreDefault) {
      for (const e of defs.entries('StructureDefinition')) {
        if (e.derivation !== 'constraint' || e.kind !== 'resource' || !e.url || !e.type) continue;
        if (e.url.endsWith(`/UKCore-${e.type}`) && !this.ukcoreByType.has(e.type)) this.ukcoreByType.set(e.type, e.url);
      }
    }
  }

  /** The UK Core profile for a resource type, if the loaded packages have one. */
  ukcoreProfileFor(resourceType: string): string | undefined {
    return this.ukcoreByType.get(resourceType);
  }

  /**
   * Profiles for one resource, de-duplicated (a claimed UK Core profile is checked once). Claims that do not
   * resolve become issues; they are never silently dropped.
   */
  select(resource: Record<string, unknown>, resourceType: string, at: { source: string; expression: string; line?: number; column?: number },
    claimsOnly = false): { profiles: SelectedProfile[]; issues: Issue[] } {
    const profiles: SelectedProfile[] = [];
    const issues: Issue[] = [];
    const seen = new Set<string>();
    const add = (canonical: string, why: SelectedProfile['why']) => {
      const url = canonical.split('|')[0]!;
      if (seen.has(url)) return;
      seen.add(url);
      profiles.push({ canonical, why });
    };
    const meta = resource.meta as { profile?: unknown } | undefined;
    const claimed = Array.isArray(meta?.profile) ? meta!.profile.filter((p): p is string => typeof p === 'string') : [];
    claimed.forEach((p, i) => {
      const sd = this.defs.resolve(p);
      const location = { ...at, expression: `${at.expression}.meta.profile[${i}]` };
      if (!sd || sd.resourceType !== 'StructureDefinition') {
        issues.push(unknownProfileRule.issue({ messageId: 'unknownClaimed', data: { profile: p }, location }));
      } else if (sd.type !== resourceType) {
        issues.push(unknownProfileRule.issue({ messageId: 'wrongType', severity: 'error', data: { profile: p, profileType: String(sd.type), resourceType }, location }));
      } else {
        add(p, 'claimed');
      }
    });
    if (claimsOnly) return { profiles, issues };
    for (const p of this.options.requested) {
      const sd = this.defs.resolve(p);
      if (sd?.type === resourceType) add(p, 'requested');
    }
    const uk = this.ukcoreByType.get(resourceType);
    if (uk) add(uk, 'ukcore-default');
    return { profiles, issues };
  }
}
