// The terminology server's HTTP layer: bounded concurrency, per-request timeout, retries with exponential backoff on
// 429/5xx/network errors honouring Retry-After (https://www.rfc-editor.org/rfc/rfc9110#field.retry-after), and one
// token refresh on 401. Never throws: every failure comes back as an outcome.
import { createRequire } from 'node:module';
import type { Dispatcher } from 'undici';
import { Limiter } from './limiter.js';
import { TokenError, type TokenProvider } from './oauth.js';

export interface TxHttpOptions {
  timeoutMs: number;
  maxAttempts: number;
  backoffMs: number;
  maxBackoffMs: number;
  concurrency: number;
  tokens?: TokenProvider;
  dispatcher?: Dispatcher;
  /** Checked before every attempt: a reason to stop (e.g. the server is marked unavailable) or undefined. */
  stopReason?: () => string | undefined;
}

export type HttpOutcome =
  | { kind: 'ok'; status: number; body: unknown }
  /** 4xx other than 401-after-refresh/429: the server understood and declined; `body` is its JSON if any. */
  | { kind: 'client-error'; status: number; body: unknown }
  /** Retries exhausted, timeouts, malformed bodies, authentication failures. */
  | { kind: 'failed'; error: string };

const FHIR_JSON = 'application/fhir+json';

let undiciModule: typeof import('undici') | undefined;
/** undici, loaded on first use: only runs with a terminology server need it, and it is slow to load. */
export function undici(): typeof import('undici') {
  return (undiciModule ??= createRequire(import.meta.url)('undici') as typeof import('undici'));
}

export class TxHttp {
  private readonly limiter: Limiter;
  private readonly dispatcher?: Dispatcher;
  /** HTTP requests sent to the terminology server (token requests not included). */
  requests = 0;

  constructor(private readonly options: TxHttpOptions) {
    this.limiter = new Limiter(options.concurrency);
    this.dispatcher = options.dispatcher ?? proxyFromEnv();
  }

  /** POSTs a FHIR JSON body and returns the parsed answer. */
  async postFhir(url: string, body: unknown): Promise<HttpOutcome> {
    const payload = JSON.stringify(body);
    let refreshed = false;
    let lastError = 'no attempt made';
    for (let attempt = 1; attempt <= this.options.maxAttempts; attempt++) {
      const headers: Record<string, string> = { accept: FHIR_JSON, 'content-type': FHIR_JSON, 'user-agent': 'ukcore-check' };
      let status = 0;
      let text = '';
      let retryAfter: string | undefined;
      let failure: unknown;
      await this.limiter.acquire();
      const stop = this.options.stopReason?.();
      if (stop !== undefined) {
        this.limiter.release();
        return { kind: 'failed', error: stop };
      }
      try {
        if (this.options.tokens) headers.authorization = `Bearer ${await this.options.tokens.get()}`;
        this.requests++;
        const res = await undici().request(url, {
          method: 'POST',
          headers,
          body: payload,
          signal: AbortSignal.timeout(this.options.timeoutMs),
          ...(this.dispatcher ? { dispatcher: this.dispatcher } : {}),
        });
        status = res.statusCode;
        const ra = res.headers['retry-after'];
        retryAfter = Array.isArray(ra) ? ra[0] : ra;
        text = await res.body.text();
      } catch (e) {
        failure = e;
      } finally {
        this.limiter.release();
      }
      if (failure !== undefined) {
        if (failure instanceof TokenError && failure.permanent) return { kind: 'failed', error: failure.message };
        lastError = describeError(failure, this.options.timeoutMs);
        await this.pause(attempt, undefined);
        continue;
      }

      if (status === 401 && this.options.tokens && !refreshed) {
        // One refresh per request: the token may have expired or been revoked since it was cached.
        refreshed = true;
        this.options.tokens.invalidate();
        attempt--;
        continue;
      }
      if (status === 429 || status >= 500) {
        lastError = `HTTP ${status}${status === 429 ? ' (rate limited)' : ''}`;
        await this.pause(attempt, retryAfter);
        continue;
      }
      if (status === 401 || status === 403) return { kind: 'failed', error: `HTTP ${status}: the terminology server refused the credentials` };
      const parsed = parseJson(text);
      if (status >= 200 && status < 300) {
        if (parsed === undefined) return { kind: 'failed', error: `HTTP ${status} with a body that is not JSON` };
        return { kind: 'ok', status, body: parsed };
      }
      return { kind: 'client-error', status, body: parsed };
    }
    return { kind: 'failed', error: `${lastError} after ${this.options.maxAttempts} attempt(s)` };
  }

  /** Waits before the next attempt: Retry-After when given (capped), else exponential backoff with jitter. */
  private async pause(attempt: number, retryAfter: string | undefined): Promise<void> {
    if (attempt >= this.options.maxAttempts) return;
    const asked = retryAfterMs(retryAfter);
    const backoff = this.options.backoffMs * 2 ** (attempt - 1) * (0.5 + Math.random() / 2);
    const wait = Math.min(asked ?? backoff, this.options.maxBackoffMs);
    if (wait > 0) await new Promise((resolve) => setTimeout(resolve, wait));
  }
}

/** Retry-After as milliseconds: delay-seconds or an HTTP-date (RFC 9110 section 10.2.3); undefined when absent/invalid. */
export function retryAfterMs(value: string | undefined, now = Date.now()): number | undefined {
  if (value === undefined) return undefined;
  const v = value.trim();
  if (/^\d+$/.test(v)) return Number(v) * 1000;
  const date = Date.parse(v);
  if (Number.isNaN(date)) return undefined;
  return Math.max(0, date - now);
}

function parseJson(text: string): unknown {
  if (text.trim() === '') return undefined;
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}

function describeError(e: unknown, timeoutMs: number): string {
  const err = e as { name?: string; code?: string; message?: string };
  if (err?.name === 'TimeoutError' || err?.name === 'AbortError') return `timed out after ${timeoutMs} ms`;
  return err?.code ? `${err.code}: ${err.message ?? ''}` : String(err?.message ?? e);
}

/** Honours HTTP(S)_PROXY / NO_PROXY, as NHS networks commonly require; undefined (direct) when none is set. */
function proxyFromEnv(): Dispatcher | undefined {
  const env = process.env;
  const any = env.HTTPS_PROXY ?? env.https_proxy ?? env.HTTP_PROXY ?? env.http_proxy;
  return any ? new (undici().EnvHttpProxyAgent)() : undefined;
}
