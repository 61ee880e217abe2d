// Each probe/search finding from one search misbehaviour at a time (a proxy in front of the sandbox rewrites one kind
// of request or response), asserted by ruleId/messageId, data and location. The sandbox itself searches correctly.
import { afterEach, describe, expect, it } from 'vitest';
import { requirementsFromText } from '../../src/requirements/load-requirements.js';
import { EXPECTATION_URL } from '../../src/requirements/from-capability-statement.js';
import { startSandbox, type SandboxOptions } from '../../src/sandbox/server.js';
import { isSearch, tamperedSandbox, type Json, type Tamper, type TamperedResponse, type TamperedServer } from './messages-tamper.js';
import { probe, check, ids } from './probe-helpers.js';

const open: { close(): Promise<void> }[] = [];
afterEach(async () => {
  await Promise.all(open.splice(0).map((s) => s.close()));
});

async function proxy(tamper: Tamper, options?: SandboxOptions): Promise<TamperedServer> {
  const s = await tamperedSandbox(tamper, options);
  open.push(s);
  return s;
}


const SETUP = ['capability/metadata', 'discovery/'];
/** The paging check's pages: AllergyIntolerance?patient=ukc-pat-1&_count=1 (pat-1 has three allergies). */
const isPagingPage = (res: TamperedResponse) => isSearch(res, 'AllergyIntolerance') && res.url.searchParams.get('_count') === '1';
const PAGING_SOURCE = (base: string) => `${base}/AllergyIntolerance?patient=ukc-pat-1&_count=1`;
const nextOf = (bundle: Json) => (bundle.link as Json[]).find((l) => l.relation === 'next');

describe('probe/search: results', () => {
  it('missingMatch: a known match left out of the results', async () => {
    const s = await proxy({
      response: (res) => { if (isSearch(res, 'AllergyIntolerance') && res.url.searchParams.has('clinical-status')) res.body!.entry = []; },
    });
    const id = 'search/param/AllergyIntolerance/clinical-status';
    const report = await probe(s.url, { only: [...SETUP, id] });
    expect(check(report, id).status).toBe('fail');
    expect(ids(report, id)).toEqual(['probe/search:missingMatch']);
    const issue = check(report, id).issues[0]!;
    expect(issue.data).toEqual({ resource: 'AllergyIntolerance/ukc-allergy-1', query: 'patient=ukc-pat-1&clinical-status=active' });
    expect(issue.location).toEqual({ source: `GET ${s.url}/AllergyIntolerance?patient=ukc-pat-1&clinical-status=active` });
    expect(issue.exchangeId).toBeDefined();
  });

  it('wrongEntryType: a match entry of another resource type, at its entry', async () => {
    const id = 'search/param/AllergyIntolerance/patient';
    const s = await proxy({
      response: (res) => {
        if (isSearch(res, 'AllergyIntolerance') && res.url.search === '?patient=ukc-pat-1') {
          (res.body!.entry as Json[]).push({ resource: { resourceType: 'Patient', id: 'ukc-pat-1' }, search: { mode: 'match' } });
        }
      },
    });
    const report = await probe(s.url, { only: [...SETUP, id] });
    expect(ids(report, id)).toEqual(['probe/search:wrongEntryType']);
    expect(check(report, id).issues[0]).toMatchObject({
      data: { expected: 'AllergyIntolerance', found: 'Patient' },
      location: { source: `GET ${s.url}/AllergyIntolerance?patient=ukc-pat-1`, expression: 'Bundle.entry[3].resource' },
    });
  });

  it('notDiscriminating: when every known resource has the searched value, ignoring the parameter would go unseen', async () => {
    // A server whose allergies are all active, and which ignores clinical-status: the check cannot tell.
    const s = await proxy({
      request: (url) => url.searchParams.delete('clinical-status'),
      response: (res) => {
        for (const e of (isSearch(res, 'AllergyIntolerance') ? res.body!.entry : []) as Json[]) {
          e.resource.clinicalStatus = { coding: [{ system: 'http://terminology.hl7.org/CodeSystem/allergyintolerance-clinical', code: 'active' }] };
        }
      },
    });
    const id = 'search/param/AllergyIntolerance/clinical-status';
    const report = await probe(s.url, { only: [...SETUP, id] });
    expect(ids(report, id)).toEqual(['probe/search:notDiscriminating']);
    expect(check(report, id).issues[0]).toMatchObject({
      severity: 'information', data: { type: 'AllergyIntolerance', param: 'clinical-status' },
      location: { source: `${s.url}/AllergyIntolerance?patient=ukc-pat-1` },
    });
    expect(check(report, id).status).toBe('pass');
  });

  it('pagesNotExhausted: known matches still missing when the page limit is reached are not called missing', async () => {
    // One resource per page and one page per query: the date queries that must return two allergies cannot see both.
    const s = await startSandbox({ pageSize: 1 });
    open.push(s);
    const id = 'search/param/AllergyIntolerance/date';
    const report = await probe(s.url, { maxPages: 1, only: [...SETUP, id] });
    const issues = check(report, id).issues;
    expect(issues.length).toBeGreaterThan(0);
    expect(ids(report, id).every((x) => x === 'probe/search:pagesNotExhausted')).toBe(true);
    expect(issues[0]).toMatchObject({ severity: 'information', data: { pages: 1 } });
    expect(issues[0]!.location.source).toMatch(new RegExp(`^GET ${s.url}/AllergyIntolerance\\?patient=ukc-pat-1&date=`));
    expect(check(report, id).status).toBe('pass');
  });

  it('noValue: no known resource has a value for the parameter, so the check is skipped with a reason', async () => {
    const s = await proxy({
      response: (res) => {
        for (const e of (isSearch(res, 'AllergyIntolerance') ? res.body!.entry : []) as Json[]) delete e.resource.lastOccurrence;
      },
    });
    const id = 'search/param/AllergyIntolerance/last-date';
    const report = await probe(s.url, { only: [...SETUP, id] });
    expect(check(report, id).status).toBe('skip');
    expect(ids(report, id)).toEqual(['probe/search:noValue']);
    expect(check(report, id).issues[0]).toMatchObject({
      severity: 'information', data: { type: 'AllergyIntolerance', param: 'last-date' },
      location: { source: `${s.url}/AllergyIntolerance?patient=ukc-pat-1` },
    });
  });

  it('noSystemMatched: identifier=|value must not return a patient whose matching identifier has a system', async () => {
    // The server drops the leading '|' (treats "no system" as "any system").
    const s = await proxy({
      request: (url) => {
        const v = url.searchParams.get('identifier');
        if (v?.startsWith('|')) url.searchParams.set('identifier', v.slice(1));
      },
    });
    const report = await probe(s.url, { only: [...SETUP, 'search/identifier-forms'] });
    expect(ids(report, 'search/identifier-forms')).toEqual(['probe/search:noSystemMatched']);
    const issue = check(report, 'search/identifier-forms').issues[0]!;
    expect(issue.data).toEqual({ resource: 'Patient/ukc-pat-1', value: '9990000018' });
    expect(issue.location).toEqual({ source: `GET ${s.url}/Patient?identifier=%7C9990000018`, expression: 'Bundle.entry[0].resource' });
  });
});

describe('probe/search: paging', () => {
  it('countExceeded: more matches on a page than _count allows', async () => {
    const s = await proxy({ request: (url) => { if (url.searchParams.get('_count') === '1') url.searchParams.delete('_count'); } });
    const report = await probe(s.url, { only: [...SETUP, 'search/paging'] });
    expect(ids(report, 'search/paging')).toEqual(['probe/search:countExceeded']);
    expect(check(report, 'search/paging').issues[0]).toMatchObject({
      data: { count: 1, found: 3 }, location: { source: `GET ${PAGING_SOURCE(s.url)}`, expression: 'Bundle.entry' },
    });
  });

  it('pagingLost: a next link that skips a match', async () => {
    const s = await proxy({
      response: (res) => {
        if (!isPagingPage(res)) return;
        delete res.body!.total; // so that only the lost match is reported
        const next = nextOf(res.body!);
        if (next) next.url = String(next.url).replace('_offset=1', '_offset=2');
      },
    });
    const report = await probe(s.url, { only: [...SETUP, 'search/paging'] });
    expect(ids(report, 'search/paging')).toEqual(['probe/search:pagingLost']);
    expect(check(report, 'search/paging').issues[0]).toMatchObject({ data: { missing: 1, expected: 3 }, location: { source: PAGING_SOURCE(s.url) } });
  });

  it('pagingLoop: next links that never end', async () => {
    const s = await proxy({
      response: (res) => {
        if (!isPagingPage(res) || nextOf(res.body!)) return;
        const offset = Number(res.url.searchParams.get('_offset') ?? 0);
        const url = new URL(res.url);
        url.searchParams.set('_offset', String(offset + 1));
        (res.body!.link as Json[]).push({ relation: 'next', url: url.toString() });
      },
    });
    const report = await probe(s.url, { only: [...SETUP, 'search/paging'] });
    expect(ids(report, 'search/paging')).toEqual(['probe/search:pagingLoop']);
    // Three known matches: the check follows at most 3 + 2 pages.
    const issue = check(report, 'search/paging').issues[0]!;
    expect(issue.data).toEqual({ pages: 5 });
    expect(issue.location.source).toMatch(new RegExp(`^${s.url}/AllergyIntolerance\\?.*_offset=5`));
  });

  it('totalMismatch: Bundle.total disagrees with the matches found across the pages', async () => {
    const s = await proxy({ response: (res) => { if (isPagingPage(res)) res.body!.total = 7; } });
    const report = await probe(s.url, { only: [...SETUP, 'search/paging'] });
    expect(ids(report, 'search/paging')).toEqual(['probe/search:totalMismatch']);
    expect(check(report, 'search/paging').issues[0]).toMatchObject({
      data: { total: 7, found: 3 }, location: { source: PAGING_SOURCE(s.url), expression: 'Bundle.total' },
    });
  });
});

describe('probe/search: error handling', () => {
  it('unknownParamApplied: the self link lists the unknown parameter as if it had been used', async () => {
    const s = await proxy({
      response: (res) => {
        if (!res.url.searchParams.has('ukcore-check-unknown') || res.body?.resourceType !== 'Bundle') return;
        const self = (res.body.link as Json[]).find((l) => l.relation === 'self')!;
        self.url = `${String(self.url)}&ukcore-check-unknown=1`;
      },
    });
    const report = await probe(s.url, { only: [...SETUP, 'errors/unknown-param'] });
    expect(ids(report, 'errors/unknown-param')).toEqual(['probe/search:unknownParamApplied']);
    expect(check(report, 'errors/unknown-param').issues[0]).toMatchObject({
      data: { param: 'ukcore-check-unknown' },
      location: { source: `GET ${s.url}/Patient?_id=ukc-pat-1&ukcore-check-unknown=1`, expression: "Bundle.link.where(relation='self').url" },
    });
  });

  it('invalidValueIgnored: an invalid date accepted with neither an error nor an OperationOutcome', async () => {
    const s = await proxy({ request: (url) => { if (url.searchParams.get('birthdate') === 'not-a-date') url.searchParams.delete('birthdate'); } });
    const report = await probe(s.url, { only: [...SETUP, 'errors/invalid-param-value'] });
    expect(ids(report, 'errors/invalid-param-value')).toEqual(['probe/search:invalidValueIgnored']);
    expect(check(report, 'errors/invalid-param-value').issues[0]).toMatchObject({
      data: { param: 'birthdate' }, location: { source: `GET ${s.url}/Patient?birthdate=not-a-date` },
    });
    expect(check(report, 'errors/invalid-param-value')).toMatchObject({ status: 'fail', optional: true });
  });
});

describe('probe/search: requirements the probe cannot verify', () => {
  it('noDefinition: a required search parameter with no R4 definition is skipped and said so', async () => {
    // A requirements statement naming a custom parameter (as national profiles define) besides a standard one.
    const statement = {
      resourceType: 'CapabilityStatement', url: 'https://example.org/fhir/CapabilityStatement/custom-param', name: 'CustomParam',
      status: 'draft', date: '2025-01-01', kind: 'requirements', fhirVersion: '4.0.1', format: ['json'],
      rest: [{
        mode: 'server',
        resource: [{
          type: 'Patient', extension: [{ url: EXPECTATION_URL, valueCode: 'SHALL' }],
          interaction: [{ code: 'search-type', extension: [{ url: EXPECTATION_URL, valueCode: 'SHALL' }] }],
          searchParam: [
            { name: 'gender', type: 'token', extension: [{ url: EXPECTATION_URL, valueCode: 'SHALL' }] },
            { name: 'gp-practice', type: 'token', extension: [{ url: EXPECTATION_URL, valueCode: 'SHALL' }] },
          ],
        }],
      }],
    };
    const loaded = requirementsFromText(JSON.stringify(statement), 'custom-param.json');
    expect(loaded.ok).toBe(true);
    const s = await startSandbox();
    open.push(s);
    const report = await probe(s.url, { plans: loaded.plans, only: [...SETUP, 'search/param/'] });
    expect(check(report, 'search/param/Patient/gp-practice').status).toBe('skip');
    expect(ids(report, 'search/param/Patient/gp-practice')).toEqual(['probe/search:noDefinition']);
    expect(check(report, 'search/param/Patient/gp-practice').issues[0]).toMatchObject({
      severity: 'information', data: { type: 'Patient', param: 'gp-practice' }, location: { source: s.url },
    });
    expect(check(report, 'search/param/Patient/gender')).toMatchObject({ status: 'pass', issues: [] });
  });
});
