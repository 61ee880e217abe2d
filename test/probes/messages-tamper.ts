// Test helper: a loopback proxy in front of the sandbox that rewrites chosen requests and responses, to produce one
// server misbehaviour at a time (a lost self link, a wrong Bundle.type, a skipped page) with the sandbox's real data.
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { startSandbox, type Sandbox, type SandboxOptions } from '../../src/sandbox/server.js';

export type Json = Record<string, any>;

/** A response on its way back to the client; the hook edits it in place. */
export interface TamperedResponse {
  /** The request URL as the client sent it (on the proxy's origin). */
  url: URL;
  status: number;
  headers: Record<string, string>;
  /** The parsed JSON body, with sandbox URLs already rewritten to the proxy's origin. */
  body?: Json;
}

export interface Tamper {
  /** Changes the URL forwarded to the sandbox (in place); the client never sees it. */
  request?(url: URL): void;
  /** Changes the response before it is sent to the client. */
  response?(res: TamperedResponse): void;
}

export interface TamperedServer {
  /** FHIR base URL of the proxy. */
  url: string;
  sandbox: Sandbox;
  close(): Promise<void>;
}

const FORWARDED = ['accept', 'origin', 'prefer', 'authorization'];
const DROPPED = new Set(['content-length', 'transfer-encoding', 'connection', 'keep-alive', 'date']);

/** Starts a sandbox and a proxy in front of it that applies `tamper`. */
export async function tamperedSandbox(tamper: Tamper, options: SandboxOptions = {}): Promise<TamperedServer> {
  const sandbox = await startSandbox(options);
  let origin = '';
  const handle = async (req: IncomingMessage, res: ServerResponse) => {
    const clientUrl = new URL(req.url ?? '/', origin);
    const target = new URL(clientUrl.pathname + clientUrl.search, sandbox.origin);
    tamper.request?.(target);
    const headers: Record<string, string> = {};
    for (const name of FORWARDED) if (typeof req.headers[name] === 'string') headers[name] = req.headers[name];
    const upstream = await fetch(target, { method: req.method, headers, redirect: 'manual' });
    const text = (await upstream.text()).split(sandbox.origin).join(origin);
    const out: TamperedResponse = { url: clientUrl, status: upstream.status, headers: {} };
    upstream.headers.forEach((value, name) => {
      if (!DROPPED.has(name)) out.headers[name] = value.split(sandbox.origin).join(origin);
    });
    try {
      out.body = text ? JSON.parse(text) : undefined;
    } catch {
      out.body = undefined;
    }
    tamper.response?.(out);
    const body = out.body === undefined ? text : JSON.stringify(out.body);
    res.writeHead(out.status, { ...out.headers, 'content-length': String(Buffer.byteLength(body)) });
    res.end(body);
  };
  const server = createServer((req, res) => {
    req.resume();
    handle(req, res).catch((err: Error) => {
      res.writeHead(502, { 'content-type': 'text/plain' });
      res.end(`proxy error: ${err.message}`);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return {
    url: `${origin}/fhir`,
    sandbox,
    async close() {
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
      await sandbox.close();
    },
  };
}

/** Is this a searchset page for `type` (the proxy's view of the client URL)? */
export function isSearch(res: TamperedResponse, type: string): boolean {
  return res.url.pathname.endsWith(`/fhir/${type}`) && res.body?.resourceType === 'Bundle';
}
