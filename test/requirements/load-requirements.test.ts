// The --requirements loader: built-in canonicals and ids, files, Bundles, and input problems as issues.
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { loadRequirements, requirementsFromText } from '../../src/requirements/load-requirements.js';

const fixture = fileURLToPath(new URL('../../fixtures/requirements/example-lab-provider.json', import.meta.url));

describe('loadRequirements', () => {
  it.each([
    ['https://fhir.hl7.org.uk/uk-core-access/CapabilityStatement/UKCoreAccessClinicalDataProvider', 'ukcore-access-cdp'],
    ['https://fhir.hl7.org.uk/uk-core-access/CapabilityStatement/UKCoreAccessPatientIndexProvider|0.1.0', 'ukcore-access-pip'],
    ['ukcore-access-cdp', 'ukcore-access-cdp'],
  ])('resolves the built-in %s', async (ref, id) => {
    const result = await loadRequirements(ref);
    expect(result.ok).toBe(true);
    expect(result.plans.map((p) => p.id)).toEqual([id]);
  });

  it('reads a statement file', async () => {
    const result = await loadRequirements(fixture);
    expect(result.ok).toBe(true);
    expect(result.plans[0].resources.map((r) => r.type)).toEqual(['Observation', 'Specimen']);
  });

  it.each([
    ['https://example.org/unknown', 'unknownCanonical'],
    ['/nonexistent/requirements.json', 'unreadable'],
  ])('reports %s as %s', async (ref, messageId) => {
    const result = await loadRequirements(ref);
    expect(result.ok).toBe(false);
    expect(result.issues.map((i) => i.messageId)).toEqual([messageId]);
  });

  it('reads every requirements statement in a Bundle', () => {
    const cs = (id: string) => ({ resourceType: 'CapabilityStatement', id, kind: 'requirements', rest: [{ mode: 'server' }] });
    const bundle = { resourceType: 'Bundle', type: 'collection', entry: [{ resource: cs('A') }, { resource: { resourceType: 'Patient' } }, { resource: cs('B') }] };
    const result = requirementsFromText(JSON.stringify(bundle), 'b.json');
    expect(result.plans.map((p) => p.id)).toEqual(['a', 'b']);
  });

  it.each([
    ['{not json', 'notJson'],
    [JSON.stringify({ resourceType: 'Bundle', type: 'collection', entry: [] }), 'noStatements'],
    [JSON.stringify({ resourceType: 'CapabilityStatement', kind: 'instance' }), 'notRequirements'],
  ])('rejects %s', (text, messageId) => {
    const result = requirementsFromText(text, 'x.json');
    expect(result.ok).toBe(false);
    expect(result.issues.map((i) => i.messageId)).toEqual([messageId]);
  });
});
