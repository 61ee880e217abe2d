// Capability checks against hand-made CapabilityStatements, and how the test patient is found.
import { afterEach, describe, expect, it } from 'vitest';
import type { Report } from '../../src/model/report.js';
import { startSandbox, type Sandbox } from '../../src/sandbox/server.js';
import { json, loopback } from '../http/loopback.js';
import { probe } from './probe-helpers.js';

const open: { close(): Promise<void> }[] = [];
afterEach(async () => {
  await Promise.all(open.splice(0).map((s) => s.close()));
});


const check = (r: Report, id: string) => r.results.find((c) => c.checkId === id)!;
const issueIds = (r: Report, id: string) => check(r, id).issues.map((i) => `${i.ruleId}:${i.messageId}`);

describe('capability checks', () => {
  it('reports what a poor CapabilityStatement lacks, with the validator\'s findings', async () => {
    const s = await loopback((req, res) => {
      if (req.url === '/fhir/metadata') {
        return json(res, 200, {
          resourceType: 'CapabilityStatement', kind: 'capability', fhirVersion: '3.0.2', format: ['xml'],
          rest: [{ mode: 'server', resource: [{ type: 'Patient', interaction: [{ code: 'read' }], searchParam: [{ name: '_id', type: 'token' }] }] }],
        });
      }
      json(res, 404, { resourceType: 'OperationOutcome', issue: [{ severity: 'error', code: 'not-found' }] });
    });
    open.push(s);
    const report = await probe(`${s.origin}/fhir`, { only: ['capability/'] });
    expect(issueIds(report, 'capability/metadata')).toEqual(['probe/capability:notInstance', 'structure/cardinality:tooFew']);
    expect(check(report, 'capability/metadata').issues[1].location).toEqual({ source: `GET ${s.origin}/fhir/metadata`, expression: 'CapabilityStatement.status' });
    expect(issueIds(report, 'capability/fhir-version')).toEqual(['probe/capability:fhirVersion']);
    expect(issueIds(report, 'capability/json-format')).toEqual(['probe/capability:noJson']);
    // Plan order: the CDP rows, then the PIP rows; _id is claimed, so it is not listed.
    expect(check(report, 'capability/claims/Patient').issues.map((i) => [i.messageId, i.severity, i.data?.param ?? i.data?.interaction])).toEqual([
      ['interactionNotClaimed', 'error', 'search-type'], ['searchParamNotClaimed', 'error', 'identifier'],
      ['interactionNotClaimed', 'error', 'search-type'], ['searchParamNotClaimed', 'warning', 'birthdate'],
      ['searchParamNotClaimed', 'warning', 'family'], ['searchParamNotClaimed', 'error', 'gender'],
      ['searchParamNotClaimed', 'warning', 'given'], ['searchParamNotClaimed', 'error', 'identifier'],
      ['searchParamNotClaimed', 'error', 'name'],
    ]);
    expect(check(report, 'capability/claims/AllergyIntolerance')).toMatchObject({ status: 'fail', optional: true });
    expect(issueIds(report, 'capability/claims/AllergyIntolerance')).toEqual(['probe/capability:resourceNotClaimed']);
    expect(issueIds(report, 'capability/ukcore-profiles')).toEqual(['probe/capability:noUkcoreProfile', 'probe/capability:planProfileNotDeclared', 'probe/capability:planProfileNotDeclared']);
    expect(issueIds(report, 'capability/instantiates')).toHaveLength(2);
    expect(report.summary.verdict).toBe('fail');
  });

  it('fails metadata that is not FHIR JSON', async () => {
    const s = await loopback((_req, res) => {
      res.writeHead(200, { 'content-type': 'text/html' });
      res.end('<html>maintenance</html>');
    });
    open.push(s);
    const report = await probe(`${s.origin}/fhir`, { only: ['capability/metadata', 'capability/fhir-version'] });
    expect(issueIds(report, 'capability/metadata')).toEqual(['probe/response:wrongContentType', 'probe/response:notJson']);
    expect(check(report, 'capability/fhir-version').status).toBe('skip');
  });
});

describe('discovery of the test patient', () => {
  async function sandbox(): Promise<Sandbox> {
    const s = await startSandbox();
    open.push(s);
    return s;
  }

  it.each([
    [{ patientId: 'ukc-pat-2' }, 'ukc-pat-2'],
    [{ nhsNumber: '9990000034' }, 'ukc-pat-3'],
    [{}, 'ukc-pat-1'],
  ])('finds the patient from %j', async (opts, id) => {
    const s = await sandbox();
    const report = await probe(s.url, { ...opts, only: ['discovery/', 'search/param/AllergyIntolerance/patient'] });
    expect(check(report, 'discovery/patient')).toMatchObject({ status: 'pass', target: `${s.url}/Patient/${id}` });
    expect(check(report, 'search/param/AllergyIntolerance/patient').target).toBe(`${s.url}/AllergyIntolerance?patient=${id}`);
  });

  it('skips the behaviour checks, with a reason, when the patient cannot be found', async () => {
    const s = await sandbox();
    const report = await probe(s.url, { patientId: 'no-such-patient' });
    expect(check(report, 'discovery/patient').status).toBe('skip');
    expect(issueIds(report, 'discovery/patient')).toEqual(['probe/discovery:patientNotFound']);
    expect(check(report, 'search/param/Patient/identifier')).toMatchObject({ status: 'skip', message: expect.stringContaining('--patient-id') });
    expect(report.requirements.find((r) => r.id === 'ukcore-access-cdp/Patient/search-type/identifier')!.result).toBe('not-tested');
  });

  it('skips paging, with a reason, when the patient has too little data', async () => {
    const s = await sandbox();
    const report = await probe(s.url, { patientId: 'ukc-pat-4', only: ['discovery/', 'search/paging'] });
    expect(check(report, 'search/paging').status).toBe('skip');
    expect(issueIds(report, 'search/paging')).toEqual(['probe/search:notPageable']);
  });
});
