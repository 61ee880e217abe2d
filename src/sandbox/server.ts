// The reference supplier server: real HTTP(S) on loopback serving synthetic UK Core data with UK Core Access
// searches, reads and error OperationOutcomes, plus one switch per fault. Read-only: writes get 405.
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { createServer as createHttpsServer } from 'node:https';
import type { AddressInfo } from 'node:net';
import { selfSignedCertificate, type KeyPair } from './certs.js';
import { capabilityStatement } from './capability-statement.js';
import { SANDBOX_RESOURCES, type Resource } from './data/index.js';
import type { SandboxFault } from './faults.js';
import { operationOutcome, searchset } from './responses.js';
import { search } from './search.js';

export interface SandboxOptions {
  /** Port to listen on; 0 (default) picks a free one. */
  port?: number;
  /** Interface to bind; default 127.0.0.1 (loopback only). */
  host?: string;
  faults?: readonly SandboxFault[];
  /** Serve HTTPS: `true` makes a self-signed certificate with openssl; or pass a certificate and key. */
  https?: boolean | KeyPair;
  /** Require client certificates signed by this CA (mutual TLS). Needs `https`. */
  clientCa?: string;
  /** Require `Authorization: Bearer <token>` on everything but /metadata. */
  bearerToken?: string;
  /** Delay used by the `slow` fault. Default 3000 ms. */
  slowMs?: number;
  /** Default page size. Default 50. */
  pageSize?: number;
  /** Path of the FHIR base. Default `/fhir`. */
  basePath?: string;
}

export interface RecordedRequest {
  method: string;
  url: string;
  /** Whether an Authorization header arrived (its value is never kept). */
  hasAuthorization: boolean;
}

export interface Sandbox {
  /** FHIR base URL, e.g. `http://127.0.0.1:41234/fhir`. */
  url: string;
  origin: string;
  /** Every request received, in arrival order. */
  requests: RecordedRequest[];
  faults: readonly SandboxFault[];
  /** PEM certificate to trust (as `ca`) when the sandbox made its own self-signed certificate. */
  ca?: string;
  /** The mirror on another origin that the redirect-other-origin fault sends reads to. */
  mirror?: { url: string; requests: RecordedRequest[] };
  close(): Promise<void>;
}

const FHIR_JSON = 'application/fhir+json; charset=utf-8';
const ACCEPTABLE = new Set(['*/*', 'application/*', 'application/json', 'application/fhir+json', 'json', 'text/json']);

/** Is any of the media types in an Accept header or _format value one we can produce (JSON)? */
function acceptable(value: string | undefined): boolean {
  if (!value) return true;
  return value.split(',').some((part) => ACCEPTABLE.has(part.split(';')[0].trim().toLowerCase()));
}

interface Context {
  base: string;
  types: string[];
  resources: readonly Resource[];
  faults: ReadonlySet<SandboxFault>;
  options: SandboxOptions;
  mirrorBase?: string;
  timers: Set<NodeJS.Timeout>;
}

/** Applies the per-resource faults to the data set once, at start. */
function servedResources(faults: ReadonlySet<SandboxFault>): Resource[] {
  return SANDBOX_RESOURCES.map((r) => {
    if (faults.has('non-conformant-resource') && r.id === 'ukc-medreq-1') {
      const { intent: _intent, ...rest } = r;
      return rest as Resource;
    }
    if (faults.has('claims-unmet-profile') && r.id === 'ukc-allergy-1') {
      const { code: _code, ...rest } = r;
      return rest as Resource;
    }
    return r;
  });
}

function send(ctx: Context, req: IncomingMessage, res: ServerResponse, status: number, body: Resource | undefined,
  headers: Record<string, string> = {}): void {
  const out: Record<string, string> = { ...headers };
  if (req.headers.origin) {
    out['access-control-allow-origin'] = '*';
    out['access-control-expose-headers'] = 'Location, ETag, Content-Location, Last-Modified';
  }
  let text = body ? JSON.stringify(body) : '';
  if (status >= 400 && ctx.faults.has('missing-operation-outcome')) text = '';
  if (text) out['content-type'] ??= FHIR_JSON;
  out['content-length'] = String(Buffer.byteLength(text));
  res.writeHead(status, out);
  res.end(req.method === 'HEAD' ? undefined : text);
}

function fail(ctx: Context, req: IncomingMessage, res: ServerResponse, status: number, code: string, diagnostics: string,
  headers: Record<string, string> = {}): void {
  send(ctx, req, res, status, operationOutcome(code, diagnostics), headers);
}

function handle(ctx: Context, req: IncomingMessage, res: ServerResponse): void {
  const url = new URL(req.url ?? '/', ctx.base);
  const basePath = new URL(ctx.base).pathname;
  if (req.method === 'OPTIONS') {
    res.writeHead(204, {
      'access-control-allow-origin': '*', 'access-control-allow-methods': 'GET, HEAD, OPTIONS',
      'access-control-allow-headers': 'Authorization, Accept, Content-Type, Prefer',
    });
    res.end();
    return;
  }
  if (url.pathname !== basePath && !url.pathname.startsWith(`${basePath}/`)) {
    return fail(ctx, req, res, 404, 'not-found', `No FHIR endpoint at ${url.pathname}; the base is ${basePath}`);
  }
  if (req.method !== 'GET' && req.method !== 'HEAD') {
    return fail(ctx, req, res, 405, 'not-supported', 'This server is read-only: only GET and HEAD are supported', { allow: 'GET, HEAD' });
  }
  const segments = url.pathname.slice(basePath.length).split('/').filter(Boolean).map(decodeURIComponent);
  if (!acceptable(url.searchParams.get('_format') ?? undefined) || !acceptable(req.headers.accept)) {
    return fail(ctx, req, res, 406, 'not-supported', 'Only application/fhir+json is supported');
  }
  if (segments.length === 1 && segments[0] === 'metadata') {
    return send(ctx, req, res, 200, capabilityStatement(ctx.base, ctx.types, { bearer: Boolean(ctx.options.bearerToken) }));
  }
  const token = ctx.options.bearerToken;
  if (token && req.headers.authorization !== `Bearer ${token}`) {
    return fail(ctx, req, res, 401, 'login', 'A valid bearer token is required', { 'www-authenticate': 'Bearer realm="ukcore-check-sandbox"' });
  }
  const [type, id, ...rest] = segments;
  if (!type || !ctx.types.includes(type)) {
    return fail(ctx, req, res, 404, 'not-supported', `Resource type '${type ?? ''}' is not supported`);
  }
  if (ctx.faults.has('server-error') && type === 'Immunization') {
    return fail(ctx, req, res, 500, 'exception', 'Simulated internal server error');
  }
  if (id === undefined) return searchType(ctx, req, res, type, url);
  if (rest.length > 0) return fail(ctx, req, res, 404, 'not-supported', `Unsupported path ${url.pathname}`);
  if (ctx.mirrorBase && type === 'Patient') {
    return send(ctx, req, res, 307, undefined, { location: `${ctx.mirrorBase}/${type}/${encodeURIComponent(id)}${url.search}` });
  }
  const found = ctx.resources.find((r) => r.resourceType === type && r.id === id);
  if (!found) return fail(ctx, req, res, 404, 'not-found', `${type}/${id} is not known`);
  const meta = found.meta as { versionId?: string; lastUpdated?: string } | undefined;
  const headers: Record<string, string> = {};
  if (meta?.versionId) headers.etag = `W/"${meta.versionId}"`;
  if (meta?.lastUpdated) headers['last-modified'] = new Date(meta.lastUpdated).toUTCString();
  send(ctx, req, res, 200, found, headers);
}

function searchType(ctx: Context, req: IncomingMessage, res: ServerResponse, type: string, url: URL): void {
  const strict = /handling\s*=\s*strict/i.test(String(req.headers.prefer ?? ''));
  const ignored = ctx.faults.has('ignores-search-param') && type === 'MedicationStatement' ? new Set(['status']) : undefined;
  const result = search({ type, params: [...url.searchParams.entries()], resources: ctx.resources, strict, ignored, pageSize: ctx.options.pageSize });
  if (!result.ok) return fail(ctx, req, res, 400, result.code, result.diagnostics);
  const nextOffset = ctx.faults.has('broken-paging') ? 0 : result.offset + result.count;
  const bundle = searchset({ base: ctx.base, type, used: result.used, matches: result.matches, count: result.count, offset: result.offset, nextOffset });
  const headers: Record<string, string> = ctx.faults.has('wrong-content-type') && type === 'MedicationRequest'
    ? { 'content-type': 'text/plain; charset=utf-8' } : {};
  send(ctx, req, res, 200, bundle, headers);
}

/** Starts the sandbox. Resolves once it is listening; `close()` stops it (and its mirror). */
export async function startSandbox(options: SandboxOptions = {}): Promise<Sandbox> {
  const faults = new Set(options.faults ?? []);
  const host = options.host ?? '127.0.0.1';
  let keyPair: KeyPair | undefined;
  if (options.https === true) {
    keyPair = await selfSignedCertificate();
    if (!keyPair) throw new Error('openssl is not available to make a certificate: pass https: { cert, key } instead');
  } else if (options.https) keyPair = options.https;

  let mirror: Sandbox | undefined;
  if (faults.has('redirect-other-origin')) {
    // Same certificate, so a client that trusts the sandbox also trusts its mirror.
    mirror = await startSandbox({ ...options, https: keyPair ?? false, port: 0, faults: [] });
  }
  const requests: RecordedRequest[] = [];
  const ctx: Context = {
    base: '', types: [...new Set(SANDBOX_RESOURCES.map((r) => r.resourceType))], resources: servedResources(faults),
    faults, options, mirrorBase: mirror?.url, timers: new Set(),
  };
  const listener = (req: IncomingMessage, res: ServerResponse) => {
    requests.push({ method: req.method ?? '', url: req.url ?? '', hasAuthorization: req.headers.authorization !== undefined });
    req.resume();
    const go = () => {
      try {
        handle(ctx, req, res);
      } catch (err) {
        fail(ctx, req, res, 500, 'exception', `Sandbox error: ${(err as Error).message}`);
      }
    };
    const path = new URL(req.url ?? '/', 'http://x').pathname;
    if (faults.has('slow') && /\/MedicationDispense(\/|$)/.test(path)) {
      const timer = setTimeout(() => {
        ctx.timers.delete(timer);
        go();
      }, options.slowMs ?? 3000);
      ctx.timers.add(timer);
      res.on('close', () => {
        clearTimeout(timer);
        ctx.timers.delete(timer);
      });
    } else go();
  };
  const server: Server = keyPair
    ? createHttpsServer({ ...keyPair, minVersion: 'TLSv1.2', ...(options.clientCa ? { ca: options.clientCa, requestCert: true, rejectUnauthorized: true } : {}) }, listener)
    : createServer(listener);
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, host, () => resolve());
  });
  const { port } = server.address() as AddressInfo;
  const origin = `${keyPair ? 'https' : 'http'}://${host.includes(':') ? `[${host}]` : host}:${port}`;
  ctx.base = `${origin}${options.basePath ?? '/fhir'}`;
  return {
    url: ctx.base, origin, requests, faults: [...faults],
    ca: options.https === true ? keyPair?.cert : undefined,
    mirror: mirror ? { url: mirror.url, requests: mirror.requests } : undefined,
    async close() {
      for (const t of ctx.timers) clearTimeout(t);
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
      await mirror?.close();
    },
  };
}
