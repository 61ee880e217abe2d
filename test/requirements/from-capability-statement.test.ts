// Deriving a plan from arbitrary requirements statements: expectations, combinations and input problems.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { planFromCapabilityStatement, planIdFor } from '../../src/requirements/from-capability-statement.js';
import { planRequirements } from '../../src/requirements/plan-requirements.js';

const fixture = JSON.parse(readFileSync(new URL('../../fixtures/requirements/example-lab-provider.json', import.meta.url), 'utf8'));
const EXP = 'http://hl7.org/fhir/StructureDefinition/capabilitystatement-expectation';

describe('planFromCapabilityStatement', () => {
  it('reads resources, interactions, params and combinations generically', () => {
    const { plan, issues } = planFromCapabilityStatement(fixture, { source: 'lab.json' });
    expect(issues).toEqual([]);
    expect(plan!.id).toBe('example-lab-results-provider');
    expect(plan!.formats).toEqual(['json', 'xml']);
    const obs = plan!.resources[0];
    expect(obs.combinations).toEqual([{ required: ['patient', 'code'], optional: ['date'] }]);
    expect(obs.searchParams[0]).toEqual({
      name: 'patient', type: 'reference', definition: 'http://hl7.org/fhir/SearchParameter/clinical-patient',
    });
  });

  it('inherits the resource expectation and treats an unstated resource as MAY', () => {
    const rows = new Map(planRequirements(planFromCapabilityStatement(fixture, { source: 'x' }).plan!).map((r) => [r.id, r.expectation]));
    expect(rows.get('example-lab-results-provider/Observation/read')).toBe('SHALL');
    expect(rows.get('example-lab-results-provider/Observation/search-type/patient')).toBe('SHALL');
    expect(rows.get('example-lab-results-provider/Observation/search-type/code')).toBe('SHOULD');
    expect(rows.get('example-lab-results-provider/Observation/search-type/patient+code')).toBe('SHALL');
    expect(rows.get('example-lab-results-provider/Specimen')).toBe('MAY');
    expect(rows.get('example-lab-results-provider/format/xml')).toBe('SHALL');
  });

  const broken: { name: string; input: unknown; messageId: string; expression?: string }[] = [
    { name: 'not a CapabilityStatement', input: { resourceType: 'Patient' }, messageId: 'notCapabilityStatement' },
    { name: 'not an object', input: 42, messageId: 'notCapabilityStatement' },
    { name: 'instance kind', input: { resourceType: 'CapabilityStatement', kind: 'instance' }, messageId: 'notRequirements', expression: 'CapabilityStatement.kind' },
    { name: 'client rest only', input: { resourceType: 'CapabilityStatement', kind: 'requirements', rest: [{ mode: 'client' }] }, messageId: 'noServerRest', expression: 'CapabilityStatement.rest' },
    {
      name: 'unknown expectation',
      input: { resourceType: 'CapabilityStatement', kind: 'requirements', rest: [{ mode: 'server', resource: [{ type: 'Patient', extension: [{ url: EXP, valueCode: 'MUST' }] }] }] },
      messageId: 'unknownExpectation', expression: 'CapabilityStatement.rest[0].resource[0]',
    },
    {
      name: 'resource without type',
      input: { resourceType: 'CapabilityStatement', kind: 'requirements', rest: [{ mode: 'server', resource: [{}] }] },
      messageId: 'missingType', expression: 'CapabilityStatement.rest[0].resource[0]',
    },
    {
      name: 'combination without required params',
      input: {
        resourceType: 'CapabilityStatement', kind: 'requirements',
        rest: [{ mode: 'client' }, { mode: 'server', resource: [{ type: 'Patient', extension: [{ url: 'http://hl7.org/fhir/StructureDefinition/capabilitystatement-search-parameter-combination', extension: [{ url: 'optional', valueString: 'name' }] }] }] }],
      },
      messageId: 'emptyCombination', expression: 'CapabilityStatement.rest[1].resource[0].extension[0]',
    },
  ];

  it.each(broken)('reports $name', ({ input, messageId, expression }) => {
    const { issues } = planFromCapabilityStatement(input, { source: 'in.json' });
    expect(issues.map((i) => ({ ruleId: i.ruleId, messageId: i.messageId, expression: i.location.expression }))).toEqual([
      { ruleId: 'input/requirements-statement', messageId, expression },
    ]);
  });

  it.each([
    [{ id: 'UKCoreAccessClinicalDataProvider', url: 'https://fhir.hl7.org.uk/uk-core-access/CapabilityStatement/UKCoreAccessClinicalDataProvider' }, 'ukcore-access-cdp'],
    [{ id: 'UKCoreAccessClinicalDataProvider' }, 'uk-core-access-clinical-data-provider'],
    [{ name: 'IPA Server' }, 'ipa-server'],
    [{}, 'requirements'],
  ])('planIdFor(%j) = %s', (cs, id) => {
    expect(planIdFor(cs)).toBe(id);
  });
});
