// Runs that cannot complete normally end with a clear verdict in bounded time and memory: unreachable host, TLS
// failure, hanging server, endless body, exhausted budget, plain HTTP. Plus HTTPS and credential handling.
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { Report } from '../../src/model/report.js';
import { REDACTED } from '../../src/http/redact.js';
import { ProbeSetupError } from '../../src/probes/probe-server.js';
import { selfSignedCertificate, testPki, type KeyPair, type TestPki } from '../../src/sandbox/certs.js';
import { startSandbox, type Sandbox, type SandboxOptions } from '../../src/sandbox/server.js';
import { closedPort, loopback, type Loopback } from '../http/loopback.js';
import { probe } from './probe-helpers.js';

const open: { close(): Promise<void> }[] = [];
afterEach(async () => {
  await Promise.all(open.splice(0).map((s) => s.close()));
});

let cert: KeyPair | undefined;
let pki: TestPki | undefined;
beforeAll(async () => {
  [cert, pki] = await Promise.all([selfSignedCertificate(), testPki()]);
});
afterAll(() => undefined);

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


const status = (r: Report, id: string) => r.results.find((c) => c.checkId === id)?.status;
const methods = (s: Sandbox) => new Set(s.requests.map((q) => q.method));
const issueIds = (r: Report, id: string) => r.results.find((c) => c.checkId === id)!.issues.map((i) => `${i.ruleId}:${i.messageId}`);

function expectNoStacks(r: Report): void {
  for (const c of r.results) {
    expect(c.message ?? '').not.toMatch(/\n\s+at /);
    for (const i of c.issues) expect(i.message).not.toMatch(/\n\s+at /);
  }
}

describe('runs that cannot complete', () => {
  it('an unreachable host ends with error statuses and an incomplete verdict', { timeout: 30_000 }, async () => {
    const port = await closedPort();
    const report = await probe(`http://127.0.0.1:${port}/fhir`);
    expect(status(report, 'capability/metadata')).toBe('error');
    expect(issueIds(report, 'capability/metadata')).toEqual(['probe/transport:refused']);
    expect(report.summary.verdict).toBe('incomplete');
    expect(report.results.some((c) => c.status === 'pass' && !c.checkId.startsWith('security/'))).toBe(false);
    expectNoStacks(report);
  });

  it('a server that never answers times out', { timeout: 30_000 }, async () => {
    const s = await server(() => undefined);
    const report = await probe(`${s.origin}/fhir`, { timeoutMs: 150 });
    expect(status(report, 'capability/metadata')).toBe('error');
    expect(issueIds(report, 'capability/metadata')).toEqual(['probe/transport:timeout']);
    expect(report.summary.verdict).toBe('incomplete');
  });

  it('a server streaming an endless body is cut off at the size cap', { timeout: 30_000 }, async () => {
    const chunk = Buffer.alloc(64 * 1024, 0x20);
    const s = await server((_req, res) => {
      res.writeHead(200, { 'content-type': 'application/fhir+json' });
      res.on('error', () => undefined);
      const pump = () => {
        while (res.write(chunk)) { /* keep the socket full */ }
        res.once('drain', pump);
      };
      pump();
    });
    const report = await probe(`${s.origin}/fhir`, { maxResponseBytes: 512 * 1024, timeoutMs: 5000 });
    expect(issueIds(report, 'capability/metadata')).toEqual(['probe/transport:tooLarge']);
    expect(report.exchanges.every((e) => (e.responseBytes ?? 0) <= 512 * 1024 + chunk.length)).toBe(true);
    expect(report.summary.verdict).toBe('incomplete');
  });

  it('stops at the request budget with errors, not a hang', async () => {
    const s = await sandbox();
    const report = await probe(s.url, { maxRequests: 5 });
    expect(s.requests.length).toBeLessThanOrEqual(5);
    expect(report.results.some((c) => c.issues.some((i) => i.messageId === 'budget'))).toBe(true);
    expect(report.summary.verdict).toBe('incomplete');
  });

  it('does not talk plain HTTP unless allowed: only security/https runs, and fails', async () => {
    const s = await sandbox();
    const report = await probe(s.url, { allowHttp: false });
    expect(status(report, 'security/https')).toBe('fail');
    expect(report.results.filter((c) => c.checkId !== 'security/https').every((c) => c.status === 'skip')).toBe(true);
    expect(s.requests).toEqual([]);
    expect(report.summary.verdict).toBe('fail');
  });

  it('rejects a bad base URL or unreadable files before sending anything', async () => {
    await expect(probe('not a url')).rejects.toBeInstanceOf(ProbeSetupError);
    await expect(probe('https://127.0.0.1:1/fhir', { ca: '/nonexistent/ca.pem' })).rejects.toBeInstanceOf(ProbeSetupError);
    await expect(probe('https://127.0.0.1:1/fhir', { bearerTokenFile: '/nonexistent/token' })).rejects.toBeInstanceOf(ProbeSetupError);
  });
});

describe('HTTPS', () => {
  it('passes the transport checks with the CA given', async (ctx) => {
    if (!cert) return ctx.skip('openssl is not available to make a certificate');
    const s = await sandbox({ https: cert });
    const report = await probe(s.url, { allowHttp: false, tlsMaterial: { ca: cert.cert } });
    expect(report.results.filter((c) => c.status === 'fail' || c.status === 'error')).toEqual([]);
    for (const id of ['security/https', 'security/tls-version', 'security/certificate']) expect(status(report, id)).toBe('pass');
    expect(report.summary.verdict).toBe('pass');
  });

  it('reports an untrusted certificate as a failure and stops the data checks with a clear error', async (ctx) => {
    if (!cert) return ctx.skip('openssl is not available to make a certificate');
    const s = await sandbox({ https: cert });
    const report = await probe(s.url, { allowHttp: false });
    expect(status(report, 'security/certificate')).toBe('fail');
    expect(report.results.find((c) => c.checkId === 'security/certificate')!.issues[0].data).toEqual({ code: 'DEPTH_ZERO_SELF_SIGNED_CERT' });
    expect(status(report, 'security/tls-version')).toBe('pass');
    expect(status(report, 'capability/metadata')).toBe('error');
    expect(issueIds(report, 'capability/metadata')).toEqual(['probe/transport:tls']);
    expect(report.summary.verdict).toBe('incomplete');
    expect(s.requests).toEqual([]);
    expectNoStacks(report);
  });
});

describe('credentials', () => {
  const TOKEN = 'sandbox-bearer-token-0042';

  it('sends the bearer token, redacts it everywhere, and sees unauthenticated requests refused', async () => {
    const s = await sandbox({ bearerToken: TOKEN });
    const report = await probe(s.url, { bearerToken: TOKEN });
    expect(report.results.filter((c) => c.status === 'fail' || c.status === 'error')).toEqual([]);
    expect(status(report, 'security/unauthenticated')).toBe('pass');
    expect(JSON.stringify(report)).not.toContain(TOKEN);
    expect(report.exchanges.filter((e) => e.requestHeaders.authorization === REDACTED).length).toBeGreaterThan(10);
    expect(s.requests.some((q) => !q.hasAuthorization && q.url.includes('Patient?'))).toBe(true);
  });

  it('fails security/unauthenticated when the server serves data without credentials', async () => {
    const s = await sandbox();
    const report = await probe(s.url, { bearerToken: TOKEN });
    expect(status(report, 'security/unauthenticated')).toBe('fail');
    expect(issueIds(report, 'security/unauthenticated')).toEqual(['probe/security:unauthenticatedAccepted']);
  });

  it('never forwards credentials to the other origin of a redirect', async () => {
    const s = await sandbox({ bearerToken: TOKEN, faults: ['redirect-other-origin'] });
    const report = await probe(s.url, { bearerToken: TOKEN, headers: { 'x-api-key': 'api-key-123456', 'x-correlation-id': 'c-1' } });
    expect(s.mirror!.requests.length).toBeGreaterThan(0);
    expect(s.mirror!.requests.every((q) => !q.hasAuthorization)).toBe(true);
    expect(status(report, 'security/redirects')).toBe('fail');
    expect(issueIds(report, 'security/redirects')).toContain('probe/security:crossOriginRedirect');
    const toMirror = report.exchanges.filter((e) => e.url.startsWith(s.mirror!.url));
    expect(toMirror.length).toBeGreaterThan(0);
    for (const e of toMirror) {
      expect(e.requestHeaders.authorization).toBeUndefined();
      expect(e.requestHeaders['x-api-key']).toBeUndefined();
      expect(e.requestHeaders['x-correlation-id']).toBe('c-1');
    }
    expect(JSON.stringify(report)).not.toContain('api-key-123456');
  });

  it('gets a token with OAuth2 client credentials through the recorded client, and redacts it', async () => {
    const tokenServer = await server((req, res, body) => {
      const ok = req.url === '/token' && new URLSearchParams(body).get('grant_type') === 'client_credentials'
        && req.headers.authorization === `Basic ${Buffer.from('probe-client:client-secret-77').toString('base64')}`;
      res.writeHead(ok ? 200 : 401, { 'content-type': 'application/json' });
      res.end(JSON.stringify(ok ? { access_token: TOKEN, token_type: 'Bearer', expires_in: 300 } : { error: 'invalid_client' }));
    });
    const s = await sandbox({ bearerToken: TOKEN });
    const report = await probe(s.url, { oauth: { tokenUrl: `${tokenServer.origin}/token`, clientId: 'probe-client', clientSecret: 'client-secret-77' } });
    expect(report.results.filter((c) => c.status === 'fail' || c.status === 'error')).toEqual([]);
    expect(status(report, 'security/unauthenticated')).toBe('pass');
    expect(tokenServer.requests).toHaveLength(1);
    expect(report.exchanges.filter((e) => e.method === 'POST').map((e) => e.url)).toEqual([`${tokenServer.origin}/token`]);
    const text = JSON.stringify(report);
    expect(text).not.toContain(TOKEN);
    expect(text).not.toContain('client-secret-77');
    expect(methods(s)).toEqual(new Set(['GET']));
  });

  it('uses --cert/--key/--ca files for mutual TLS; without the certificate the server refuses', async (ctx) => {
    if (!pki) return ctx.skip('openssl is not available to make certificates');
    const dir = mkdtempSync(path.join(tmpdir(), 'ukc-mtls-'));
    const file = (name: string, text: string) => {
      writeFileSync(path.join(dir, name), text);
      return path.join(dir, name);
    };
    const files = { cert: file('client.pem', pki.client.cert), key: file('client.key', pki.client.key), ca: file('ca.pem', pki.ca.cert) };
    const s = await sandbox({ https: pki.server, clientCa: pki.ca.cert });
    const report = await probe(s.url, { allowHttp: false, ...files });
    expect(report.results.filter((c) => c.status === 'fail' || c.status === 'error')).toEqual([]);
    expect(status(report, 'security/unauthenticated')).toBe('pass');
    expect(report.results.find((c) => c.checkId === 'security/unauthenticated')!.message).toMatch(/TLS handshake/);
    expect(report.summary.verdict).toBe('pass');
  });
});
