// Meta-test over the probe registry: unique ids, files named after ids, purpose comments, known requirement ids,
// and the claimed-vs-required matrix the claims checks are built on.
import { existsSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { claimMatrix } from '../../src/probes/claim-matrix.js';
import { indexPlans } from '../../src/probes/plan-index.js';
import { buildProbes } from '../../src/probes/registry.js';
import { generalRequirements } from '../../src/requirements/general.js';
import { requirementsFromText } from '../../src/requirements/load-requirements.js';
import { planRequirements } from '../../src/requirements/plan-requirements.js';
import { DEFAULT_PLANS, UKCORE_ACCESS_CDP } from '../../src/requirements/ukcore-access.js';

const probesDir = fileURLToPath(new URL('../../src/probes/', import.meta.url));
const fixture = requirementsFromText(readFileSync(new URL('../../fixtures/requirements/example-lab-provider.json', import.meta.url), 'utf8'), 'lab').plans;

describe.each([['default plans', DEFAULT_PLANS], ['fixture plan', fixture]])('registry for %s', (_name, plans) => {
  const probes = buildProbes(plans);

  it('has unique ids', () => {
    const ids = probes.map((p) => p.meta.id);
    expect(new Set(ids).size).toBe(ids.length);
  });

  it('defines each probe in a file named after its id, with a purpose comment naming the check', () => {
    for (const p of probes) {
      const [category, name] = p.meta.id.split('/');
      const file = path.join(probesDir, category, `${name}.ts`);
      expect(existsSync(file), `${p.meta.id} → ${file}`).toBe(true);
      const first = readFileSync(file, 'utf8').split('\n')[0];
      expect(first.startsWith(`// ${category}/${name}`), file).toBe(true);
    }
  });

  it('cites only requirements that exist', () => {
    const known = new Set([...plans.flatMap(planRequirements), ...generalRequirements()].map((r) => r.id));
    for (const p of probes) for (const id of p.meta.requirementIds) expect(known.has(id), `${p.meta.id} cites ${id}`).toBe(true);
  });

  it('verifies every SHALL row of the plans with a non-optional check, except formats other than JSON', () => {
    const cited = new Set(probes.filter((p) => !p.meta.optional).flatMap((p) => p.meta.requirementIds));
    const shall = plans.flatMap(planRequirements).filter((r) => r.expectation === 'SHALL').map((r) => r.id);
    const untested = plans.flatMap((p) => p.formats.filter((f) => f !== 'json').map((f) => `${p.id}/format/${f}`));
    expect(shall.filter((id) => !cited.has(id))).toEqual(untested);
  });
});

describe('indexPlans', () => {
  it('merges Patient across the CDP and PIP plans', () => {
    const patient = indexPlans(DEFAULT_PLANS).find((t) => t.type === 'Patient')!;
    const identifier = patient.params.find((p) => p.name === 'identifier')!;
    expect(identifier.requirementIds).toEqual(expect.arrayContaining([
      'ukcore-access-cdp/Patient/search-type/identifier', 'ukcore-access-pip/Patient/search-type/identifier',
      'ukcore-access-cdp/Patient/search-type', 'ukcore-access-pip/Patient',
    ]));
    expect(identifier.shall).toBe(true);
    expect(patient.params.find((p) => p.name === 'family')!.shall).toBe(false);
    expect(patient.profiles).toHaveLength(2);
  });
});

describe('claimMatrix', () => {
  it('marks each requirement row claimed or not', () => {
    const cs = { rest: [{ mode: 'server', resource: [{ type: 'Patient', interaction: [{ code: 'search-type' }], searchParam: [{ name: 'identifier' }] }] }] };
    const rows = claimMatrix([UKCORE_ACCESS_CDP], cs);
    const byId = new Map(rows.map((r) => [r.requirementId, r.claimed]));
    expect(byId.get('ukcore-access-cdp/Patient')).toBe(true);
    expect(byId.get('ukcore-access-cdp/Patient/search-type/identifier')).toBe(true);
    expect(byId.get('ukcore-access-cdp/Patient/search-type/_id')).toBe(false);
    expect(byId.get('ukcore-access-cdp/AllergyIntolerance')).toBe(false);
    expect(byId.get('ukcore-access-cdp/AllergyIntolerance/search-type/patient+clinical-status')).toBe(false);
    expect(rows).toHaveLength(planRequirements(UKCORE_ACCESS_CDP).length - 4); // less capabilities, fhir-version, format/json, Patient/profile
  });
});
