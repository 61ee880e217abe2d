// The reference supplier server over real HTTP: searches, reads, error OperationOutcomes, content negotiation,
// auth, CORS, HTTPS/mTLS, and each fault switch at the HTTP level.
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { HttpClient } from '../../src/http/client.js';
import { HttpTransportError } from '../../src/http/errors.js';
import { testPki, type TestPki } from '../../src/sandbox/certs.js';
import type { SandboxFault } from '../../src/sandbox/faults.js';
import { startSandbox, type Sandbox, type SandboxOptions } from '../../src/sandbox/server.js';

type Json = Record<string, any>;

let plain: Sandbox;
const http = new HttpClient({ allowHttp: true, allowWrites: true, retries: 0 });
const extra: Sandbox[] = [];
let pki: TestPki | undefined;

beforeAll(async () => {
  [plain, pki] = await Promise.all([startSandbox(), testPki()]);
});
afterEach(async () => {
  await Promise.all(extra.splice(0).map((s) => s.close()));
});
afterAll(async () => {
  await Promise.all([plain.close(), http.close()]);
});

async function sandbox(opts: SandboxOptions): Promise<Sandbox> {
  const s = await startSandbox(opts);
  extra.push(s);
  return s;
}

async function get(s: Sandbox, path: string, headers?: Record<string, string>) {
  const res = await http.get(`${s.url}/${path}`, { headers });
  return { status: res.status, headers: res.headers, body: res.json() as Json | undefined, text: res.body };
}

const ids = (b: Json | undefined) => ((b?.entry ?? []) as Json[]).map((e) => e.resource.id as string);

describe('sandbox server', () => {
  it('serves an instance CapabilityStatement that instantiates both UK Core Access statements', async () => {
    const { status, headers, body } = await get(plain, 'metadata');
    expect(status).toBe(200);
    expect(headers['content-type']).toMatch(/^application\/fhir\+json/);
    expect(body).toMatchObject({ resourceType: 'CapabilityStatement', kind: 'instance', fhirVersion: '4.0.1' });
    expect(body!.instantiates).toHaveLength(2);
    expect(body!.implementation.url).toBe(plain.url);
  });

  it.each<[string, string[]]>([
    ['Patient?identifier=https://fhir.nhs.uk/Id/nhs-number|9990000018', ['ukc-pat-1']],
    ['Patient?identifier=9990000026', ['ukc-pat-2']],
    ['Patient?identifier=|9990000026', []],
    ['Patient?name=ash', ['ukc-pat-1', 'ukc-pat-2']],
    ['Patient?family:exact=ASHBY', ['ukc-pat-2']],
    ['Patient?family:exact=ashby', []],
    ['Patient?given=oliv&gender=female', ['ukc-pat-1']],
    ['Patient?birthdate=ge1990-01-01', ['ukc-pat-3', 'ukc-pat-4']],
    ['Patient?birthdate=ge1970&birthdate=le1980', ['ukc-pat-2']],
    ['Patient?birthdate=1968-03', ['ukc-pat-1']],
    ['Patient?_id=ukc-pat-3', ['ukc-pat-3']],
    ['AllergyIntolerance?patient=ukc-pat-1&clinical-status=active', ['ukc-allergy-1']],
    ['AllergyIntolerance?patient=Patient/ukc-pat-1&date=le2019-12-10', ['ukc-allergy-1', 'ukc-allergy-2']],
    ['MedicationStatement?patient=ukc-pat-1&effective=2021', ['ukc-medstat-1']],
    ['MedicationStatement?patient=ukc-pat-1&effective=2021-03', []],
    ['MedicationStatement?patient=ukc-pat-1&status=active,completed', ['ukc-medstat-1', 'ukc-medstat-2', 'ukc-medstat-3']],
    ['MedicationAdministration?patient=ukc-pat-1&effective-time=ge2024', ['ukc-medadmin-2']],
    ['Immunization?patient=ukc-pat-1&status=not-done', ['ukc-imm-3']],
    ['MedicationRequest?patient=ukc-pat-1&authoredon=lt2020', ['ukc-medreq-3']],
    ['MedicationDispense?patient=ukc-pat-1&whenprepared=2023-06-15', ['ukc-meddisp-1']],
    ['Organization?identifier=https://fhir.nhs.uk/Id/ods-organization-code|Y99901', ['ukc-org-1']],
    ['Patient?gender:missing=true', []],
  ])('GET %s', async (query, expected) => {
    const { status, body } = await get(plain, query);
    expect(status).toBe(200);
    expect(body).toMatchObject({ resourceType: 'Bundle', type: 'searchset', total: expected.length });
    expect(ids(body)).toEqual(expected);
  });

  it('pages with _count and next links, listing the used parameters in the self link', async () => {
    let next: string | undefined = `${plain.url}/AllergyIntolerance?patient=ukc-pat-1&_count=1&ukcore-unknown=x`;
    const seen: string[] = [];
    let first: Json | undefined;
    while (next) {
      const body = (await http.get(next)).json() as Json;
      first ??= body;
      seen.push(...ids(body));
      next = (body.link as Json[]).find((l) => l.relation === 'next')?.url;
    }
    expect(seen).toEqual(['ukc-allergy-1', 'ukc-allergy-2', 'ukc-allergy-3']);
    const self = (first!.link as Json[]).find((l) => l.relation === 'self')!.url as string;
    expect(new URL(self).searchParams.get('patient')).toBe('ukc-pat-1');
    expect(new URL(self).searchParams.has('ukcore-unknown')).toBe(false);
  });

  it.each<[string, Record<string, string> | undefined, number, string]>([
    ['Patient/ukc-nope', undefined, 404, 'not-found'],
    ['Unicorn/1', undefined, 404, 'not-supported'],
    ['Patient?birthdate=not-a-date', undefined, 400, 'invalid'],
    ['Patient?_count=many', undefined, 400, 'invalid'],
    ['Patient?family:sounds-like=ash', undefined, 400, 'not-supported'],
    ['Patient?ukcore-unknown=1', { prefer: 'handling=strict' }, 400, 'not-supported'],
    ['Patient?_format=application/fhir+xml', undefined, 406, 'not-supported'],
    ['metadata', { accept: 'application/fhir+xml' }, 406, 'not-supported'],
  ])('answers GET %s with %s and an OperationOutcome (%s)', async (path, headers, status, code) => {
    const res = await get(plain, path, headers);
    expect(res.status).toBe(status);
    expect(res.body).toMatchObject({ resourceType: 'OperationOutcome', issue: [{ severity: 'error', code }] });
  });

  it('reads with ETag and Last-Modified', async () => {
    const res = await get(plain, 'Patient/ukc-pat-1');
    expect(res.status).toBe(200);
    expect(res.headers.etag).toBe('W/"1"');
    expect(res.headers['last-modified']).toBeDefined();
    expect(res.body!.id).toBe('ukc-pat-1');
  });

  it('refuses writes with 405 and records every request', async () => {
    const res = await http.request(`${plain.url}/Patient`, { method: 'POST', body: '{}', headers: { 'content-type': 'application/fhir+json' } });
    expect(res.status).toBe(405);
    expect(res.headers.allow).toBe('GET, HEAD');
    expect(plain.requests.at(-1)).toMatchObject({ method: 'POST', url: '/fhir/Patient', hasAuthorization: false });
  });

  it('answers CORS preflight and adds CORS headers for an Origin', async () => {
    const pre = await http.request(`${plain.url}/Patient`, { method: 'OPTIONS', headers: { origin: 'https://app.example' } });
    expect(pre.status).toBe(204);
    const res = await get(plain, 'metadata', { origin: 'https://app.example' });
    expect(res.headers['access-control-allow-origin']).toBe('*');
  });

  it('requires a bearer token except for metadata', async () => {
    const s = await sandbox({ bearerToken: 'tok-123' });
    expect((await get(s, 'metadata')).status).toBe(200);
    const denied = await get(s, 'Patient?_id=ukc-pat-1');
    expect(denied.status).toBe(401);
    expect(denied.headers['www-authenticate']).toMatch(/^Bearer/);
    expect((await get(s, 'Patient?_id=ukc-pat-1', { authorization: 'Bearer tok-123' })).status).toBe(200);
    expect(s.requests.map((r) => r.hasAuthorization)).toEqual([false, false, true]);
  });

  const faults: [SandboxFault, (s: Sandbox) => Promise<void>][] = [
    ['wrong-content-type', async (s) => {
      expect((await get(s, 'MedicationRequest?patient=ukc-pat-1')).headers['content-type']).toMatch(/^text\/plain/);
      expect((await get(s, 'MedicationStatement?patient=ukc-pat-1')).headers['content-type']).toMatch(/^application\/fhir\+json/);
    }],
    ['ignores-search-param', async (s) => {
      expect(ids((await get(s, 'MedicationStatement?patient=ukc-pat-1&status=completed')).body)).toHaveLength(3);
      expect(ids((await get(s, 'MedicationRequest?patient=ukc-pat-1&status=completed')).body)).toEqual(['ukc-medreq-1']);
    }],
    ['non-conformant-resource', async (s) => {
      expect((await get(s, 'MedicationRequest/ukc-medreq-1')).body!.intent).toBeUndefined();
    }],
    ['claims-unmet-profile', async (s) => {
      const body = (await get(s, 'AllergyIntolerance/ukc-allergy-1')).body!;
      expect(body.code).toBeUndefined();
      expect(body.meta.profile).toEqual(['https://fhir.hl7.org.uk/StructureDefinition/UKCore-AllergyIntolerance']);
    }],
    ['missing-operation-outcome', async (s) => {
      const res = await get(s, 'Patient/ukc-nope');
      expect([res.status, res.text]).toEqual([404, '']);
    }],
    ['broken-paging', async (s) => {
      const body = (await get(s, 'AllergyIntolerance?patient=ukc-pat-1&_count=1')).body!;
      const next = (body.link as Json[]).find((l) => l.relation === 'next')!.url as string;
      expect(new URL(next).searchParams.get('_offset')).toBe('0');
    }],
    ['slow', async (s) => {
      expect((await get(s, 'MedicationDispense?patient=ukc-pat-1')).status).toBe(200);
    }],
    ['server-error', async (s) => {
      expect((await get(s, 'Immunization?patient=ukc-pat-1')).status).toBe(500);
      expect((await get(s, 'Patient?_id=ukc-pat-1')).status).toBe(200);
    }],
    ['redirect-other-origin', async (s) => {
      const res = await http.get(`${s.url}/Patient/ukc-pat-1`);
      expect(res.redirects).toEqual([{ from: `${s.url}/Patient/ukc-pat-1`, to: `${s.mirror!.url}/Patient/ukc-pat-1`, status: 307, crossOrigin: true }]);
      expect(new URL(s.mirror!.url).origin).not.toBe(s.origin);
      expect(s.mirror!.requests).toHaveLength(1);
    }],
  ];

  it.each(faults)('fault %s', async (fault, check) => {
    const s = await sandbox({ faults: [fault], slowMs: 20 });
    await check(s);
  });

  it('stops listening on close', async () => {
    const s = await startSandbox();
    await s.close();
    const err = await http.get(`${s.url}/metadata`).catch((e: unknown) => e);
    expect((err as HttpTransportError).kind).toBe('refused');
  });
});

describe('sandbox over HTTPS', () => {
  it('makes its own self-signed certificate and returns it as the CA to trust', async (ctx) => {
    if (!pki) return ctx.skip('openssl is not available');
    const s = await sandbox({ https: true });
    expect(s.url).toMatch(/^https:\/\/127\.0\.0\.1:\d+\/fhir$/);
    const client = new HttpClient({ tls: { ca: s.ca } });
    try {
      expect((await client.get(`${s.url}/metadata`)).status).toBe(200);
    } finally {
      await client.close();
    }
  });

  it('requires a client certificate signed by clientCa (mutual TLS)', async (ctx) => {
    if (!pki) return ctx.skip('openssl is not available');
    const s = await sandbox({ https: pki.server, clientCa: pki.ca.cert });
    const withCert = new HttpClient({ tls: { ca: pki.ca.cert, cert: pki.client.cert, key: pki.client.key }, credentialOrigin: s.origin });
    const without = new HttpClient({ tls: { ca: pki.ca.cert } });
    try {
      expect((await withCert.get(`${s.url}/metadata`)).status).toBe(200);
      expect(await without.get(`${s.url}/metadata`).catch((e: unknown) => e)).toBeInstanceOf(HttpTransportError);
    } finally {
      await Promise.all([withCert.close(), without.close()]);
    }
  });
});
