// The recording HTTP client against real loopback servers: statuses, safety limits, retries, redirects, redaction.
import { afterEach, describe, expect, it } from 'vitest';
import { bearerAuth } from '../../src/http/auth.js';
import { HttpClient } from '../../src/http/client.js';
import { HttpTransportError } from '../../src/http/errors.js';
import { REDACTED } from '../../src/http/redact.js';
import type { HttpClientOptions } from '../../src/http/types.js';
import { closedPort, json, loopback, type Loopback } from './loopback.js';

const open: { close(): Promise<void> }[] = [];
afterEach(async () => {
  await Promise.all(open.splice(0).map((s) => s.close()));
});

async function server(...args: Parameters<typeof loopback>): Promise<Loopback> {
  const s = await loopback(...args);
  open.push(s);
  return s;
}

function client(options: HttpClientOptions = {}): HttpClient {
  const c = new HttpClient({ allowHttp: true, ...options });
  open.push(c);
  return c;
}

async function transportError(p: Promise<unknown>): Promise<HttpTransportError> {
  try {
    await p;
  } catch (err) {
    if (err instanceof HttpTransportError) return err;
    throw err;
  }
  throw new Error('expected a transport error');
}

describe('HttpClient', () => {
  it('resolves 4xx and 5xx responses instead of throwing, and records them', async () => {
    const s = await server((req, res) => json(res, req.url === '/missing' ? 404 : 500, { resourceType: 'OperationOutcome' }));
    const c = client();
    const r404 = await c.get(`${s.origin}/missing`);
    const r500 = await c.get(`${s.origin}/boom`);
    expect([r404.status, r500.status]).toEqual([404, 500]);
    expect((r404.json() as { resourceType: string }).resourceType).toBe('OperationOutcome');
    expect(c.exchanges.map((e) => [e.method, e.status])).toEqual([['GET', 404], ['GET', 500]]);
    expect(c.exchanges[0].requestHeaders.accept).toBe('application/fhir+json');
  });

  it('redacts Authorization, cookies and access_token in recorded exchanges but sends them', async () => {
    const s = await server((_req, res) => json(res, 200, { resourceType: 'Bundle', note: 'top-secret-token-value' }, { 'set-cookie': 'session=abc' }));
    const c = client({ credentialOrigin: s.origin, auth: bearerAuth('top-secret-token-value'), headers: { 'x-api-key': 'k-123456' } });
    await c.get(`${s.origin}/Patient?access_token=zzz`);
    expect(s.requests[0].headers.authorization).toBe('Bearer top-secret-token-value');
    expect(s.requests[0].headers['x-api-key']).toBe('k-123456');
    const ex = c.exchanges[0];
    expect(ex.requestHeaders.authorization).toBe(REDACTED);
    expect(ex.requestHeaders['x-api-key']).toBe(REDACTED);
    expect(ex.responseHeaders!['set-cookie']).toBe(REDACTED);
    expect(ex.url).not.toContain('zzz');
    expect(JSON.stringify(c.exchanges)).not.toContain('top-secret-token-value');
  });

  it('refuses writes unless allowed, and plain HTTP unless allowed', async () => {
    const s = await server((_req, res) => json(res, 201, {}));
    expect((await transportError(client().request(s.url, { method: 'POST', body: '{}' }))).kind).toBe('write-blocked');
    expect((await transportError(new HttpClient().get(s.url))).kind).toBe('insecure');
    expect(s.requests).toEqual([]);
    const writes = client({ allowWrites: true });
    expect((await writes.request(s.url, { method: 'POST', body: '{}' })).status).toBe(201);
    expect(s.requests.map((r) => r.method)).toEqual(['POST']);
  });

  it('stops at the request budget', async () => {
    const s = await server((_req, res) => json(res, 200, {}));
    const c = client({ maxRequests: 2 });
    await c.get(s.url);
    await c.get(s.url);
    expect((await transportError(c.get(s.url))).kind).toBe('budget');
    expect(s.requests).toHaveLength(2);
  });

  it('keeps at most `concurrency` requests in flight', async () => {
    let inFlight = 0;
    let peak = 0;
    const s = await server((_req, res) => {
      inFlight++;
      peak = Math.max(peak, inFlight);
      setTimeout(() => {
        inFlight--;
        json(res, 200, {});
      }, 20);
    });
    const c = client({ concurrency: 2 });
    await Promise.all(Array.from({ length: 8 }, (_, i) => c.get(`${s.origin}/${i}`)));
    expect(peak).toBeLessThanOrEqual(2);
    expect(s.requests).toHaveLength(8);
  });

  it('retries 429/503 honouring Retry-After, and does not retry when the advised wait exceeds the cap', async () => {
    let calls = 0;
    const s = await server((req, res) => {
      calls++;
      if (req.url === '/busy' && calls === 1) return json(res, 503, {}, { 'retry-after': '0' });
      if (req.url === '/later') return json(res, 429, {}, { 'retry-after': '3600' });
      json(res, 200, {});
    });
    const c = client({ retryBaseDelayMs: 1 });
    const ok = await c.get(`${s.origin}/busy`);
    expect(ok.status).toBe(200);
    expect(ok.exchangeIds).toHaveLength(2);
    const later = await c.get(`${s.origin}/later`);
    expect(later.status).toBe(429);
    expect(later.exchangeIds).toHaveLength(1);
  });

  it('gives up after the retry limit', async () => {
    const s = await server((_req, res) => json(res, 503, {}));
    const c = client({ retries: 2, retryBaseDelayMs: 1 });
    const r = await c.get(s.url);
    expect(r.status).toBe(503);
    expect(s.requests).toHaveLength(3);
  });

  it('follows same-origin redirects with credentials and strips them on a cross-origin hop', async () => {
    const other = await server((_req, res) => json(res, 200, { resourceType: 'Patient' }));
    const s = await server((req, res) => {
      if (req.url === '/a') return res.writeHead(302, { location: '/b' }).end();
      if (req.url === '/b') return res.writeHead(307, { location: `${other.origin}/c` }).end();
      json(res, 200, {});
    });
    const c = client({ credentialOrigin: s.origin, auth: bearerAuth('secret-bearer-1'), headers: { 'x-api-key': 'key-999', 'x-request-id': 'r1' } });
    const r = await c.get(`${s.origin}/a`);
    expect(r.status).toBe(200);
    expect(r.url).toBe(`${other.origin}/c`);
    expect(r.redirects.map((h) => [h.status, h.crossOrigin])).toEqual([[302, false], [307, true]]);
    expect(s.requests.map((q) => q.headers.authorization)).toEqual(['Bearer secret-bearer-1', 'Bearer secret-bearer-1']);
    expect(other.requests[0].headers.authorization).toBeUndefined();
    expect(other.requests[0].headers['x-api-key']).toBeUndefined();
    expect(other.requests[0].headers['x-request-id']).toBe('r1');
  });

  it('ends redirect loops after 5 hops', async () => {
    const s = await server((_req, res) => res.writeHead(302, { location: '/again' }).end());
    const err = await transportError(client().get(s.url));
    expect(err.kind).toBe('redirect');
    expect(s.requests).toHaveLength(6);
  });

  it('reports a closed port as refused', async () => {
    const port = await closedPort();
    const c = client();
    const err = await transportError(c.get(`http://127.0.0.1:${port}/metadata`));
    expect(err.kind).toBe('refused');
    expect(c.exchanges[0].error).toBeDefined();
  });

  it('times out a server that never answers', { timeout: 10_000 }, async () => {
    const s = await server(() => undefined);
    const err = await transportError(client({ timeoutMs: 150 }).get(s.url));
    expect(err.kind).toBe('timeout');
  });

  it('ends an endless fast body at the size cap', { timeout: 10_000 }, async () => {
    const chunk = Buffer.alloc(64 * 1024, 0x20);
    const s = await server((_req, res) => {
      res.writeHead(200, { 'content-type': 'application/fhir+json' });
      const pump = () => {
        while (res.write(chunk)) { /* fill the socket buffer */ }
        res.once('drain', pump);
      };
      res.on('error', () => undefined);
      pump();
    });
    const c = client({ maxResponseBytes: 1024 * 1024, timeoutMs: 5000 });
    const err = await transportError(c.get(s.url));
    expect(err.kind).toBe('too-large');
    expect(c.exchanges[0].responseBytes).toBeLessThanOrEqual(1024 * 1024 + chunk.length);
  });

  it('ends an endless slow-drip body at the deadline', { timeout: 10_000 }, async () => {
    const s = await server((_req, res) => {
      res.writeHead(200, { 'content-type': 'application/fhir+json' });
      const timer = setInterval(() => res.write(' '), 10);
      res.on('close', () => clearInterval(timer));
    });
    const err = await transportError(client({ timeoutMs: 200 }).get(s.url));
    expect(err.kind).toBe('timeout');
  });

  it('keeps a capped excerpt of large bodies as evidence', async () => {
    const big = JSON.stringify({ resourceType: 'Bundle', pad: 'x'.repeat(5000) });
    const s = await server((_req, res) => json(res, 200, JSON.parse(big)));
    const c = client({ excerptBytes: 100 });
    const r = await c.get(s.url);
    expect(r.body).toBe(big);
    expect(c.exchanges[0].responseBody).toHaveLength(100);
    expect(c.exchanges[0].truncated).toBe(true);
  });
});
