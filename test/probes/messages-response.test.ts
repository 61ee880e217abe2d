// Each probe/response, probe/capability and probe/content finding the sandbox faults do not produce, from one server
// misbehaviour at a time (a proxy in front of the sandbox), asserted by ruleId/messageId, severity and location.
import { afterEach, describe, expect, it } from 'vitest';
import { DEFAULT_PLANS } from '../../src/requirements/ukcore-access.js';
import { startSandbox } from '../../src/sandbox/server.js';
import { fakeValidator } from './fake-validator.js';
import { isSearch, tamperedSandbox, type Json, type Tamper, type TamperedServer } from './messages-tamper.js';
import { probe, check, ids } from './probe-helpers.js';

const open: { close(): Promise<void> }[] = [];
afterEach(async () => {
  await Promise.all(open.splice(0).map((s) => s.close()));
});

async function proxy(tamper: Tamper): Promise<TamperedServer> {
  const s = await tamperedSandbox(tamper);
  open.push(s);
  return s;
}


const ALLERGY_SEARCH = 'search/param/AllergyIntolerance/patient';
const isPatientAllergies = (res: Parameters<NonNullable<Tamper['response']>>[0]) =>
  isSearch(res, 'AllergyIntolerance') && res.url.searchParams.get('patient') === 'ukc-pat-1' && res.url.searchParams.size === 1;

describe('probe/response', () => {
  it('genericJsonType: application/json instead of application/fhir+json is a warning, and the check passes', async () => {
    const s = await proxy({
      response: (res) => {
        if (res.url.pathname.endsWith('/metadata')) res.headers['content-type'] = 'application/json; charset=utf-8';
      },
    });
    const report = await probe(s.url, { only: ['capability/metadata'] });
    expect(ids(report, 'capability/metadata')).toEqual(['probe/response:genericJsonType']);
    const issue = check(report, 'capability/metadata').issues[0]!;
    expect(issue).toMatchObject({ severity: 'warning', data: { contentType: 'application/json' }, location: { source: `GET ${s.url}/metadata` } });
    expect(issue.exchangeId).toBeDefined();
    expect(check(report, 'capability/metadata').status).toBe('pass');
  });

  it('wrongResourceType: metadata that answers with another resource fails at resourceType', async () => {
    const s = await proxy({
      response: (res) => {
        if (res.url.pathname.endsWith('/metadata')) res.body = { resourceType: 'OperationOutcome', issue: [{ severity: 'information', code: 'informational' }] };
      },
    });
    const report = await probe(s.url, { only: ['capability/metadata'] });
    expect(check(report, 'capability/metadata').status).toBe('fail');
    expect(ids(report, 'capability/metadata')).toEqual(['probe/response:wrongResourceType']);
    expect(check(report, 'capability/metadata').issues[0]).toMatchObject({
      data: { expected: 'CapabilityStatement', found: 'OperationOutcome' }, location: { source: `GET ${s.url}/metadata`, expression: 'resourceType' },
    });
  });

  it('notSearchset: a search answered with a Bundle of another type fails at Bundle.type', async () => {
    const s = await proxy({ response: (res) => { if (isPatientAllergies(res)) res.body!.type = 'collection'; } });
    const report = await probe(s.url, { only: ['capability/metadata', 'discovery/', ALLERGY_SEARCH] });
    expect(check(report, ALLERGY_SEARCH).status).toBe('fail');
    expect(ids(report, ALLERGY_SEARCH)).toEqual(['probe/response:notSearchset']);
    expect(check(report, ALLERGY_SEARCH).issues[0]).toMatchObject({
      data: { type: 'collection' }, location: { source: `GET ${s.url}/AllergyIntolerance?patient=ukc-pat-1`, expression: 'Bundle.type' },
    });
  });

  it('missingSelfLink: a searchset without a self link is a warning at Bundle.link', async () => {
    const s = await proxy({
      response: (res) => {
        if (isPatientAllergies(res)) res.body!.link = (res.body!.link as Json[]).filter((l) => l.relation !== 'self');
      },
    });
    const report = await probe(s.url, { only: ['capability/metadata', 'discovery/', ALLERGY_SEARCH] });
    expect(ids(report, ALLERGY_SEARCH)).toEqual(['probe/response:missingSelfLink']);
    expect(check(report, ALLERGY_SEARCH).issues[0]).toMatchObject({
      severity: 'warning', location: { source: `GET ${s.url}/AllergyIntolerance?patient=ukc-pat-1`, expression: 'Bundle.link' },
    });
    expect(check(report, ALLERGY_SEARCH).status).toBe('pass');
  });

  it('outcomeInSearchset: an OperationOutcome entry in a searchset is shown, as information, where it is', async () => {
    const s = await proxy({
      response: (res) => {
        if (!isPatientAllergies(res)) return;
        (res.body!.entry as Json[]).push({
          resource: { resourceType: 'OperationOutcome', issue: [{ severity: 'warning', code: 'incomplete', diagnostics: 'Results from one site only' }] },
          search: { mode: 'outcome' },
        });
      },
    });
    const report = await probe(s.url, { only: ['capability/metadata', 'discovery/', ALLERGY_SEARCH] });
    expect(ids(report, ALLERGY_SEARCH)).toEqual(['probe/response:outcomeInSearchset']);
    expect(check(report, ALLERGY_SEARCH).issues[0]).toMatchObject({
      severity: 'information', data: { severity: 'warning', text: 'Results from one site only' },
      location: { expression: 'Bundle.entry[3].resource' },
    });
    expect(check(report, ALLERGY_SEARCH).status).toBe('pass');
  });

  it('wrongId: a read that returns another id than the one asked for', async () => {
    const s = await proxy({
      response: (res) => {
        if (res.url.pathname.endsWith('/AllergyIntolerance/ukc-allergy-1')) res.body!.id = 'ukc-allergy-9';
      },
    });
    const report = await probe(s.url, { only: ['capability/metadata', 'discovery/', 'read/by-id/AllergyIntolerance'] });
    expect(check(report, 'read/by-id/AllergyIntolerance').status).toBe('fail');
    expect(ids(report, 'read/by-id/AllergyIntolerance')).toEqual(['probe/response:wrongId']);
    expect(check(report, 'read/by-id/AllergyIntolerance').issues[0]).toMatchObject({
      data: { expected: 'ukc-allergy-1', found: 'ukc-allergy-9' },
      location: { source: `GET ${s.url}/AllergyIntolerance/ukc-allergy-1`, expression: 'AllergyIntolerance.id' },
    });
  });
});

describe('probe/capability', () => {
  it('notInstantiated: one finding per requirements statement the CapabilityStatement does not instantiate', async () => {
    const s = await proxy({ response: (res) => { if (res.url.pathname.endsWith('/metadata')) delete res.body!.instantiates; } });
    const report = await probe(s.url, { only: ['capability/metadata', 'capability/instantiates'] });
    const c = check(report, 'capability/instantiates');
    expect(ids(report, 'capability/instantiates')).toEqual(DEFAULT_PLANS.map(() => 'probe/capability:notInstantiated'));
    expect(c.issues.map((i) => i.data?.url)).toEqual(DEFAULT_PLANS.map((p) => p.url));
    expect(c.issues[0]!.location).toEqual({ source: `GET ${s.url}/metadata`, expression: 'CapabilityStatement.instantiates' });
    expect(c).toMatchObject({ status: 'fail', optional: true });
  });

  it('passes instantiates when the sandbox lists the statements (the control for the row above)', async () => {
    const s = await proxy({});
    const report = await probe(s.url, { only: ['capability/metadata', 'capability/instantiates'] });
    expect(check(report, 'capability/instantiates')).toMatchObject({ status: 'pass', issues: [] });
  });
});

describe('probe/content', () => {
  it('profileNotChecked: a validator that does not report the UK Core profile as checked leaves it not verified', async () => {
    const s = await startSandbox();
    open.push(s);
    const report = await probe(s.url, {
      validate: fakeValidator({ reportProfiles: false }).validate, patientId: 'ukc-pat-2',
      only: ['capability/metadata', 'discovery/', 'content/conformance/Patient'],
    });
    const c = check(report, 'content/conformance/Patient');
    expect(ids(report, 'content/conformance/Patient')).toEqual(['probe/content:profileNotChecked']);
    expect(c.issues[0]).toMatchObject({
      severity: 'warning',
      data: { resource: 'Patient/ukc-pat-2', profile: 'https://fhir.hl7.org.uk/StructureDefinition/UKCore-Patient' },
      location: { source: `GET ${s.url}/Patient?_id=ukc-pat-2#Bundle.entry[0].resource` },
    });
  });

  it('reports nothing when the validator reports the profiles it checked (the control)', async () => {
    const s = await startSandbox();
    open.push(s);
    const report = await probe(s.url, { only: ['capability/metadata', 'discovery/', 'content/conformance/Patient'] });
    expect(check(report, 'content/conformance/Patient')).toMatchObject({ status: 'pass', issues: [] });
  });
});
