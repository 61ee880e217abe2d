// All 215 UK Core examples validate against their UK Core profile(s) with 0 profile or extension errors, except the ones
// pinned here with the reason they are genuinely wrong. Profiles: meta.profile, else the UK Core profile whose name the
// file name starts with, else UKCore-<resourceType>; Bundle entries against their own UKCore-<resourceType>.
import { readdirSync } from 'node:fs';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { hasSharedData, sharedPath } from '../../src/util/shared-data.js';
import { ProfileHarness, describe as show } from './support/harness.js';
import { ukcoreDefinitions } from './support/defs.js';

const UK = 'https://fhir.hl7.org.uk/StructureDefinition/';

/** Examples that are genuinely wrong, with the issue they must produce. */
const KNOWN_INVALID: Record<string, { ids: string[]; why: string }> = {
  'Extension-UKCore-ConditionEpisode-Example.xml': {
    ids: ['extension/value-type/wrongType'],
    why: 'the extension carries a valueCode beside its valueCodeableConcept; ConditionEpisode allows CodeableConcept only (see shared/README.md)',
  },
  'Extension-UKCore-RecordingSetting-Example.xml': {
    ids: ['extension/unknown/unknownPackageExtension'],
    why: "misspelt extension URL 'Extension-UKCore-RcordingSetting' in UK Core's own namespace",
  },
};

describe.skipIf(!hasSharedData())('UK Core examples against their UK Core profiles', () => {
  let h: ProfileHarness;
  let profileIds: string[];
  beforeAll(() => {
    const defs = ukcoreDefinitions();
    h = new ProfileHarness(defs);
    profileIds = defs.entries('StructureDefinition').filter((e) => e.url?.startsWith(`${UK}UKCore-`)).map((e) => e.url!.slice(UK.length))
      .sort((a, b) => b.length - a.length);
  });

  it('validate with 0 errors except the pinned ones, against every profile chosen', () => {
    const dir = sharedPath('ukcore', 'examples');
    const files = readdirSync(dir).filter((f) => f.endsWith('.xml')).sort();
    expect(files).toHaveLength(215);
    const found: Record<string, string[]> = {};
    const details: string[] = [];
    const checkedAgainst = new Set<string>();
    let resources = 0;
    for (const f of files) {
      const p = h.parseXmlFile(path.join(dir, f));
      const out = h.checkParsed(p, (res, where) => {
        const meta = (res.meta as any)?.profile;
        if (Array.isArray(meta) && meta.length) return meta;
        if (where === 'root') {
          const hit = profileIds.find((id) => path.basename(f, '.xml').startsWith(`${id}-`));
          if (hit && h.defs.resolve(UK + hit)?.type === res.resourceType) return [UK + hit];
        }
        const d = `${UK}UKCore-${String(res.resourceType)}`;
        return h.defs.resolve(d) ? [d] : [];
      });
      resources += out.mustSupport.length;
      for (const m of out.mustSupport) checkedAgainst.add(m.profile.split('|')[0]!);
      const errors = out.all.filter((i) => i.severity === 'error' || i.severity === 'fatal');
      if (errors.length) {
        found[f] = [...new Set(errors.map((i) => `${i.ruleId}/${i.messageId}`))].sort();
        details.push(...errors.map((i) => `${f}: ${show(i)}`));
      }
    }
    console.log(`UK Core examples vs UK Core profiles: ${files.length} files, ${resources} (resource, profile) checks against ${checkedAgainst.size} profiles, `
      + `${files.length - Object.keys(found).length} files with 0 errors`);
    const expected = Object.fromEntries(Object.entries(KNOWN_INVALID).map(([f, v]) => [f, [...v.ids].sort()]));
    expect(found, details.join('\n')).toEqual(expected);
    expect(checkedAgainst.size).toBeGreaterThanOrEqual(40);
  }, 120_000);
});
