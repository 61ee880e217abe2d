// TLS behaviour against loopback HTTPS servers: chain verification, TLS floor, mutual TLS, and inspection.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { HttpClient } from '../../src/http/client.js';
import { HttpTransportError } from '../../src/http/errors.js';
import { inspectTls } from '../../src/http/tls-inspect.js';
import { selfSignedCertificate, testPki, type KeyPair, type TestPki } from '../../src/sandbox/certs.js';
import { json, loopback, type Loopback } from './loopback.js';

let selfSigned: KeyPair | undefined;
let pki: TestPki | undefined;
const servers: Loopback[] = [];
const clients: HttpClient[] = [];

beforeAll(async () => {
  [selfSigned, pki] = await Promise.all([selfSignedCertificate(), testPki()]);
});
afterAll(async () => {
  await Promise.all([...servers, ...clients].map((s) => s.close()));
});

function c(opts: ConstructorParameters<typeof HttpClient>[0] = {}): HttpClient {
  const client = new HttpClient({ timeoutMs: 3000, ...opts });
  clients.push(client);
  return client;
}

async function https(tls: Parameters<typeof loopback>[1]): Promise<Loopback> {
  const s = await loopback((_req, res) => json(res, 200, { resourceType: 'CapabilityStatement' }), tls);
  servers.push(s);
  return s;
}

async function failure(p: Promise<unknown>): Promise<HttpTransportError> {
  try {
    await p;
  } catch (e) {
    if (e instanceof HttpTransportError) return e;
    throw e;
  }
  throw new Error('expected failure');
}

describe('TLS', () => {
  it('rejects a self-signed certificate without --ca and accepts it with', async (ctx) => {
    if (!selfSigned) return ctx.skip('openssl not available: cannot make a test certificate');
    const s = await https(selfSigned);
    const err = await failure(c().get(`${s.origin}/metadata`));
    expect(err.kind).toBe('tls');
    expect(err.code).toBe('DEPTH_ZERO_SELF_SIGNED_CERT');
    const ok = await c({ tls: { ca: selfSigned.cert } }).get(`${s.origin}/metadata`);
    expect(ok.status).toBe(200);
  });

  it('inspects protocol, chain verdict and certificate dates', async (ctx) => {
    if (!selfSigned) return ctx.skip('openssl not available');
    const s = await https(selfSigned);
    const untrusted = await inspectTls(s.url, { timeoutMs: 3000 });
    expect(untrusted).toMatchObject({ authorized: false, authorizationError: 'DEPTH_ZERO_SELF_SIGNED_CERT' });
    expect(untrusted.protocol).toMatch(/^TLSv1\.[23]$/);
    const trusted = await inspectTls(s.url, { timeoutMs: 3000, tls: { ca: selfSigned.cert } });
    expect(trusted.authorized).toBe(true);
    expect(trusted.certificate?.subject).toContain('CN=localhost');
  });

  it('detects whether a server accepts TLS below 1.2', async (ctx) => {
    if (!selfSigned) return ctx.skip('openssl not available');
    const modern = await https({ ...selfSigned, minVersion: 'TLSv1.2' });
    expect((await inspectTls(modern.url, { timeoutMs: 3000, legacyOnly: true })).error).toBeDefined();
    const legacy = await https({ ...selfSigned, minVersion: 'TLSv1', ciphers: 'DEFAULT:@SECLEVEL=0' });
    const result = await inspectTls(legacy.url, { timeoutMs: 3000, legacyOnly: true });
    if (result.error) return ctx.skip(`this OpenSSL build cannot negotiate TLS 1.0/1.1 at all (${result.error.code})`);
    expect(result.protocol).toMatch(/^TLSv1(\.1)?$/);
    // The client itself never goes below TLS 1.2, so it cannot talk to a TLS-1.1-only server.
    const only11 = await https({ ...selfSigned, minVersion: 'TLSv1', maxVersion: 'TLSv1.1', ciphers: 'DEFAULT:@SECLEVEL=0' });
    expect((await failure(c({ tls: { ca: selfSigned.cert } }).get(only11.url))).kind).toBe('tls');
  });

  it('presents a client certificate for mutual TLS only to the credential origin', async (ctx) => {
    if (!pki) return ctx.skip('openssl not available');
    const s = await https({ ...pki.server, ca: pki.ca.cert, requestCert: true, rejectUnauthorized: true });
    const withCert = c({ tls: { ca: pki.ca.cert, cert: pki.client.cert, key: pki.client.key }, credentialOrigin: s.origin });
    expect((await withCert.get(`${s.origin}/metadata`)).status).toBe(200);
    const anonymous = await failure(withCert.get(`${s.origin}/metadata`, { credentials: false }));
    expect(['tls', 'network']).toContain(anonymous.kind);
    const noCert = await failure(c({ tls: { ca: pki.ca.cert } }).get(`${s.origin}/metadata`));
    expect(['tls', 'network']).toContain(noCert.kind);
  });
});
