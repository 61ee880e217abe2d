// The sandbox's own instance CapabilityStatement (https://hl7.org/fhir/R4/capabilitystatement.html): what it
// serves, the UK Core profiles, its search parameters, and that it instantiates both UK Core Access statements.
import { SEARCH_PARAMS } from '../probes/fhir/search-params.js';
import { ukcoreProfileFor } from '../probes/fhir/ukcore-profiles.js';
import { UKCORE_ACCESS_CDP, UKCORE_ACCESS_PIP } from '../requirements/ukcore-access.js';
import type { Resource } from './data/index.js';

export const SANDBOX_VERSION = '0.1.0';

export function capabilityStatement(base: string, types: readonly string[], opts: { bearer: boolean }): Resource {
  const security: Record<string, unknown> = {
    cors: true,
    description: opts.bearer ? 'Bearer token required for every request except the capabilities interaction'
      : 'Open sandbox serving synthetic data only',
  };
  if (opts.bearer) {
    security.service = [{ coding: [{ system: 'http://terminology.hl7.org/CodeSystem/restful-security-service', code: 'OAuth' }] }];
  }
  return {
    resourceType: 'CapabilityStatement',
    id: 'ukcore-check-sandbox',
    text: { status: 'generated', div: '<div xmlns="http://www.w3.org/1999/xhtml"><p>ukcore-check sandbox: a reference UK Core Access server with synthetic data</p></div>' },
    url: `${base}/metadata`,
    name: 'UKCoreCheckSandbox',
    title: 'ukcore-check sandbox',
    status: 'active',
    date: '2025-01-15',
    publisher: 'ukcore-check',
    description: 'Reference UK Core Access Clinical Data and Patient Index Provider serving synthetic data (999-range NHS Numbers).',
    kind: 'instance',
    instantiates: [UKCORE_ACCESS_CDP.url, UKCORE_ACCESS_PIP.url],
    software: { name: 'ukcore-check sandbox', version: SANDBOX_VERSION },
    implementation: { description: 'ukcore-check sandbox', url: base },
    fhirVersion: '4.0.1',
    format: ['application/fhir+json'],
    rest: [{
      mode: 'server',
      security,
      resource: types.map((type) => {
        const profile = ukcoreProfileFor(type);
        const supportedProfile = type === 'Patient' && profile ? [profile, UKCORE_ACCESS_PIP.resources[0].profile!] : profile ? [profile] : [];
        const entry: Record<string, unknown> = { type };
        if (profile) entry.profile = profile;
        if (supportedProfile.length > 0) entry.supportedProfile = supportedProfile;
        entry.interaction = [{ code: 'read' }, { code: 'search-type' }];
        entry.searchParam = [
          { name: '_id', type: 'token' },
          ...Object.entries(SEARCH_PARAMS[type] ?? {}).map(([name, def]) => ({ name, type: def.type })),
        ];
        return entry;
      }),
    }],
  };
}
