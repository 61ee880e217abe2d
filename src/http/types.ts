// Options and shapes of the recording HTTP client used by the server probes.
import type { AuthProvider } from './auth.js';

export interface TlsMaterial {
  /** PEM client certificate for mutual TLS. */
  cert?: string | Buffer;
  /** PEM private key for the client certificate. */
  key?: string | Buffer;
  /** PEM CA bundle that signs the server certificate (a private CA or a self-signed test server). */
  ca?: string | Buffer;
}

export interface HttpClientOptions {
  /** Origin that may receive credentials (Authorization, secret headers, client certificate); usually the base URL's. */
  credentialOrigin?: string;
  /** Send plain-HTTP requests (local tests only). Default false: http:// URLs are refused. */
  allowHttp?: boolean;
  /** Allow methods other than GET/HEAD. Default false. */
  allowWrites?: boolean;
  /** Budget of HTTP attempts (retries and redirect hops count). Default 1000. */
  maxRequests?: number;
  /** Requests in flight at once. Default 4. */
  concurrency?: number;
  /** Deadline for one attempt, headers and body together. Default 30 000 ms. */
  timeoutMs?: number;
  /** Largest response body read; a bigger (or endless) body ends the request. Default 20 MiB. */
  maxResponseBytes?: number;
  /** Bytes of each body kept as evidence in the recorded exchange. Default 16 KiB. */
  excerptBytes?: number;
  /** Redirect hops followed per request. Default 5. */
  maxRedirects?: number;
  /** Retries after 429/503. Default 2. */
  retries?: number;
  /** Longest wait honoured for Retry-After; a longer one is not retried. Default 10 000 ms. */
  maxRetryDelayMs?: number;
  /** First backoff delay when Retry-After is absent (doubles each retry). Default 500 ms. */
  retryBaseDelayMs?: number;
  tls?: TlsMaterial;
  /** Extra request headers (`-H`). Headers named like credentials go only to the credential origin. */
  headers?: Record<string, string>;
  auth?: AuthProvider;
  /** Further secret values to redact from evidence. */
  secrets?: string[];
  /** Cancels everything in flight. */
  signal?: AbortSignal;
  userAgent?: string;
}

export interface RequestOptions {
  method?: string;
  headers?: Record<string, string>;
  body?: string;
  /** Attach configured credentials when the URL is on the credential origin. Default true. */
  credentials?: boolean;
  signal?: AbortSignal;
}

export interface RedirectHop {
  from: string;
  to: string;
  status: number;
  /** True when the hop leaves the origin of the original request (credentials were withheld from then on). */
  crossOrigin: boolean;
}

export interface HttpResponse {
  /** Final URL after redirects. */
  url: string;
  status: number;
  /** Lower-cased response header names. */
  headers: Record<string, string>;
  /** The body as text (complete: bodies over the size cap end in a `too-large` error instead). */
  body: string;
  bytes: number;
  /** Exchange id of the final attempt. */
  exchangeId: string;
  /** Every exchange this request produced: retries, redirect hops, final. */
  exchangeIds: string[];
  redirects: RedirectHop[];
  /** Parsed JSON body, or undefined when the body is not JSON. */
  json(): unknown;
}
