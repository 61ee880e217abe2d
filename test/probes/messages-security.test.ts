// Each probe/security and probe/transport finding the other probe tests only check by status: plain HTTP, a failed or
// legacy TLS handshake, an untrusted certificate, missing CORS, a cancelled run and a write the client refused.
import type { IncomingMessage } from 'node:http';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { HttpClient } from '../../src/http/client.js';
import { defineProbe } from '../../src/probes/define-probe.js';
import { runProbes } from '../../src/probes/runner.js';
import { FhirSession } from '../../src/probes/session.js';
import { selfSignedCertificate, type KeyPair } from '../../src/sandbox/certs.js';
import { startSandbox, type Sandbox, type SandboxOptions } from '../../src/sandbox/server.js';
import { json, loopback, type Loopback } from '../http/loopback.js';
import { fakeValidator } from './fake-validator.js';
import { tamperedSandbox } from './messages-tamper.js';
import { probe, check, ids } from './probe-helpers.js';

const open: { close(): Promise<void> }[] = [];
afterEach(async () => {
  await Promise.all(open.splice(0).map((s) => s.close()));
});

let cert: KeyPair | undefined;
beforeAll(async () => {
  cert = await selfSignedCertificate();
});

async function sandbox(opts: SandboxOptions = {}): Promise<Sandbox> {
  const s = await startSandbox(opts);
  open.push(s);
  return s;
}

async function server(...args: Parameters<typeof loopback>): Promise<Loopback> {
  const s = await loopback(...args);
  open.push(s);
  return s;
}



describe('probe/security', () => {
  it('plainHttp: an http:// base URL fails security/https when plain HTTP was not allowed', async () => {
    const s = await sandbox();
    const report = await probe(s.url, { allowHttp: false });
    expect(check(report, 'security/https').status).toBe('fail');
    expect(ids(report, 'security/https')).toEqual(['probe/security:plainHttp']);
    expect(check(report, 'security/https').issues[0]!.location).toEqual({ source: s.url });
  });

  it('certificateUntrusted: a self-signed certificate without --ca', async (ctx) => {
    if (!cert) return ctx.skip('openssl is not available to make a certificate');
    const s = await sandbox({ https: cert });
    const report = await probe(s.url, { allowHttp: false, only: ['security/certificate'] });
    expect(check(report, 'security/certificate').status).toBe('fail');
    expect(ids(report, 'security/certificate')).toEqual(['probe/security:certificateUntrusted']);
    expect(check(report, 'security/certificate').issues[0]).toMatchObject({
      severity: 'error', code: 'security', data: { code: 'DEPTH_ZERO_SELF_SIGNED_CERT' }, location: { source: s.url },
    });
  });

  it('handshakeFailed: an https:// URL whose port speaks plain HTTP has no TLS handshake at all', async () => {
    const plain = await server((_req, res) => json(res, 200, { resourceType: 'CapabilityStatement' }));
    const base = `https://127.0.0.1:${new URL(plain.origin).port}/fhir`;
    const report = await probe(base, { allowHttp: false, only: ['security/tls-version'] });
    const c = check(report, 'security/tls-version');
    expect(c.status).toBe('fail');
    expect(ids(report, 'security/tls-version')).toEqual(['probe/security:handshakeFailed']);
    expect(c.issues[0]!.location).toEqual({ source: base });
    // The server's own answer (not a refused or unreachable connection, which would be a transport error).
    expect(c.issues[0]!.data?.code).toEqual(expect.any(String));
    expect(['ECONNREFUSED', 'ETIMEDOUT']).not.toContain(c.issues[0]!.data?.code);
  });

  it('legacyTlsAccepted: a server that still negotiates TLS 1.0/1.1', async (ctx) => {
    if (!cert) return ctx.skip('openssl is not available to make a certificate');
    // NOTE: OpenSSL 3 needs security level 0 on both sides for TLS < 1.2; the probe lowers its own for this check.
    const legacy = await server((_req, res) => json(res, 200, {}), { ...cert, minVersion: 'TLSv1', ciphers: 'DEFAULT:@SECLEVEL=0' });
    const base = `${legacy.origin}/fhir`;
    const report = await probe(base, { allowHttp: false, tlsMaterial: { ca: cert.cert }, only: ['security/tls-version'] });
    const c = check(report, 'security/tls-version');
    expect(ids(report, 'security/tls-version')).toEqual(['probe/security:legacyTlsAccepted']);
    expect(c.issues[0]).toMatchObject({ severity: 'error', location: { source: base } });
    expect(c.issues[0]!.data?.protocol).toMatch(/^TLSv1(\.1)?$/);
    expect(c.status).toBe('fail');
  });

  it('passes tls-version on a TLS 1.2+ only server (the control for the two rows above)', async (ctx) => {
    if (!cert) return ctx.skip('openssl is not available to make a certificate');
    const s = await sandbox({ https: cert });
    const report = await probe(s.url, { allowHttp: false, tlsMaterial: { ca: cert.cert }, only: ['security/tls-version'] });
    expect(check(report, 'security/tls-version')).toMatchObject({ status: 'pass', issues: [] });
  });

  it('corsMissing: no Access-Control-Allow-Origin in reply to a request with an Origin header', async () => {
    const s = await tamperedSandbox({ response: (res) => { delete res.headers['access-control-allow-origin']; } });
    open.push(s);
    const report = await probe(s.url, { only: ['capability/metadata', 'security/cors'] });
    const c = check(report, 'security/cors');
    expect(ids(report, 'security/cors')).toEqual(['probe/security:corsMissing']);
    expect(c.issues[0]!.location.source).toBe(`GET ${s.url}/metadata (Origin: https://consumer.ukcore-check.example)`);
    expect(c.issues[0]!.exchangeId).toBeDefined();
    expect(c).toMatchObject({ status: 'fail', optional: true });
  });
});

describe('probe/transport', () => {
  it('aborted: cancelling the run while a request is in flight ends that check with an error, not a hang', { timeout: 30_000 }, async () => {
    const controller = new AbortController();
    const arrived: IncomingMessage[] = [];
    // The server never answers; the run is cancelled once the first request has arrived.
    const s = await server((req) => {
      arrived.push(req);
      controller.abort();
    });
    const report = await probe(`${s.origin}/fhir`, { signal: controller.signal, timeoutMs: 10_000, only: ['capability/metadata'] });
    expect(arrived).toHaveLength(1);
    const c = check(report, 'capability/metadata');
    expect(c.status).toBe('error');
    expect(ids(report, 'capability/metadata')).toEqual(['probe/transport:aborted']);
    expect(c.issues[0]!.location).toEqual({ source: `GET ${s.origin}/fhir/metadata` });
    expect(c.issues[0]!.exchangeId).toBeDefined();
  });

  it('writeBlocked: a custom check that sends a write without declaring it is stopped by the client', async () => {
    const s = await server((_req, res) => json(res, 201, { resourceType: 'Patient', id: 'created' }));
    const http = new HttpClient({ allowHttp: true });
    open.push(http);
    const session = new FhirSession(http, `${s.origin}/fhir`, {
      hasCredentials: false, timeoutMs: 1000, allowHttp: true, validate: fakeValidator().validate, maxPages: 5,
    }, new AbortController().signal);
    // No `mutates: true`, so the runner does not skip it; the client still refuses the POST.
    const writer = defineProbe({
      meta: { id: 'custom/create', title: 'creates a patient', requirementIds: [], optional: false },
      async run(ctx) {
        await ctx.session.http.request(`${s.origin}/fhir/Patient`, { method: 'POST', body: '{"resourceType":"Patient"}' });
      },
    });
    const [result] = await runProbes([writer], session, { concurrency: 1, probeTimeoutMs: 5000, defaultTarget: session.base, allowWrites: false });
    expect(result!.status).toBe('error');
    expect(result!.issues.map((i) => `${i.ruleId}:${i.messageId}`)).toEqual(['probe/transport:writeBlocked']);
    // NOTE: the runner labels every transport failure `GET <url>` (HttpTransportError carries no method), so only the URL is asserted.
    expect(result!.issues[0]!.location.source).toContain(`${s.origin}/fhir/Patient`);
    expect(s.requests).toEqual([]);
  });
});
