// Any requirements statement drives the probe: a fixture plan for directory resources against the sandbox.
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Report } from '../../src/model/report.js';
import { probeServer } from '../../src/probes/probe-server.js';
import { loadRequirements } from '../../src/requirements/load-requirements.js';
import { startSandbox, type Sandbox } from '../../src/sandbox/server.js';
import { fakeValidator } from './fake-validator.js';

let sandbox: Sandbox;
let report: Report;

beforeAll(async () => {
  sandbox = await startSandbox();
  const loaded = await loadRequirements(fileURLToPath(new URL('../../fixtures/requirements/sandbox-directory.json', import.meta.url)));
  expect(loaded.ok).toBe(true);
  report = await probeServer({ baseUrl: sandbox.url, validate: fakeValidator().validate, allowHttp: true, plans: loaded.plans });
});
afterAll(() => sandbox.close());

const result = (id: string) => report.results.find((c) => c.checkId === id);

describe('probe with a custom requirements statement', () => {
  it('builds its checks from the statement', () => {
    const ids = report.results.map((c) => c.checkId);
    expect(ids).toEqual(expect.arrayContaining([
      'capability/claims/Organization', 'search/param/Organization/identifier', 'search/param/Organization/name',
      'search/combination/Practitioner/family+given', 'read/by-id/Organization', 'content/conformance/Practitioner',
    ]));
    expect(ids.some((id) => id.startsWith('search/param/Patient/'))).toBe(false);
  });

  it('passes what the sandbox supports, with values from its own data', () => {
    for (const id of ['search/param/Organization/identifier', 'search/param/Organization/name', 'search/param/Practitioner/family',
      'search/combination/Practitioner/family+given', 'read/by-id/Organization', 'capability/claims/Organization']) {
      expect(result(id)?.status, id).toBe('pass');
    }
    expect(report.exchanges.some((e) => decodeURIComponent(e.url).includes('Organization?identifier=https://fhir.nhs.uk/Id/ods-organization-code|Y99901'))).toBe(true);
  });

  it('omits what a SHOULD type the server does not claim, and links the rows', () => {
    expect(result('capability/claims/Device')?.status).toBe('fail');
    expect(result('capability/claims/Device')?.optional).toBe(true);
    expect(result('search/param/Device/patient')?.status).toBe('omit');
    const rows = new Map(report.requirements.map((r) => [r.id, r.result]));
    expect(rows.get('example-directory-provider/Organization/search-type/identifier')).toBe('pass');
    expect(rows.get('example-directory-provider/Organization/read')).toBe('pass');
    expect(rows.get('example-directory-provider/Device/search-type/patient')).toBe('not-applicable');
    expect(rows.get('example-directory-provider/Device')).toBe('fail');
    expect(report.summary.verdict).toBe('pass');
  });
});
