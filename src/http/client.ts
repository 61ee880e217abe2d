// The recording HTTP client: undici with budgets, deadlines, size caps, retries, manual redirects and redaction.
// Never throws on 4xx/5xx (for a probe a 404 OperationOutcome is the answer); transport failures throw
// HttpTransportError so a probe ends with a clear `error` verdict.
import { setTimeout as sleep } from 'node:timers/promises';
import { Agent, request, type Dispatcher } from 'undici';
import type { Exchange } from '../model/result.js';
import type { TokenPost } from './auth.js';
import { classifyTransportError, HttpTransportError } from './errors.js';
import { isSecretName, redactBody, redactHeaders, redactUrl } from './redact.js';
import { retryAfterMs } from './retry-after.js';
import { Semaphore } from './semaphore.js';
import type { HttpClientOptions, HttpResponse, RedirectHop, RequestOptions } from './types.js';

const SAFE_METHODS = new Set(['GET', 'HEAD']);
const REDIRECTS = new Set([301, 302, 303, 307, 308]);

interface Attempt {
  status: number;
  headers: Record<string, string>;
  body: Buffer;
  exchangeId: string;
}

function flatHeaders(h: Record<string, string | string[] | undefined>): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [k, v] of Object.entries(h)) if (v !== undefined) out[k.toLowerCase()] = Array.isArray(v) ? v.join(', ') : v;
  return out;
}

function originOf(url: string): string {
  return new URL(url).origin;
}

export class HttpClient {
  readonly exchanges: Exchange[] = [];
  private sent = 0;
  private nextId = 1;
  private readonly semaphore: Semaphore;
  private readonly withCert: Agent;
  private readonly withoutCert: Agent;
  private readonly o: Required<Pick<HttpClientOptions,
    'allowHttp' | 'allowWrites' | 'maxRequests' | 'timeoutMs' | 'maxResponseBytes' | 'excerptBytes' | 'maxRedirects'
    | 'retries' | 'maxRetryDelayMs' | 'retryBaseDelayMs' | 'userAgent'>>;

  constructor(private readonly options: HttpClientOptions = {}) {
    this.o = {
      allowHttp: options.allowHttp ?? false,
      allowWrites: options.allowWrites ?? false,
      maxRequests: options.maxRequests ?? 1000,
      timeoutMs: options.timeoutMs ?? 30_000,
      maxResponseBytes: options.maxResponseBytes ?? 20 * 1024 * 1024,
      excerptBytes: options.excerptBytes ?? 16 * 1024,
      maxRedirects: options.maxRedirects ?? 5,
      retries: options.retries ?? 2,
      maxRetryDelayMs: options.maxRetryDelayMs ?? 10_000,
      retryBaseDelayMs: options.retryBaseDelayMs ?? 500,
      userAgent: options.userAgent ?? 'ukcore-check',
    };
    const concurrency = options.concurrency ?? 4;
    this.semaphore = new Semaphore(concurrency);
    // TLS 1.2 is the floor (NHS and FHIR security guidance); the chain is always verified.
    const base = { minVersion: 'TLSv1.2' as const, rejectUnauthorized: true, ca: options.tls?.ca };
    const timeouts = { headersTimeout: this.o.timeoutMs, bodyTimeout: this.o.timeoutMs, connectTimeout: this.o.timeoutMs };
    this.withCert = new Agent({ connect: { ...base, cert: options.tls?.cert, key: options.tls?.key, timeout: this.o.timeoutMs }, ...timeouts, connections: concurrency });
    this.withoutCert = new Agent({ connect: { ...base, timeout: this.o.timeoutMs }, ...timeouts, connections: concurrency });
  }

  /** Attempts sent so far (retries and redirect hops included). */
  get requestCount(): number {
    return this.sent;
  }

  get(url: string, opts: Omit<RequestOptions, 'method'> = {}): Promise<HttpResponse> {
    return this.request(url, { ...opts, method: 'GET' });
  }

  head(url: string, opts: Omit<RequestOptions, 'method'> = {}): Promise<HttpResponse> {
    return this.request(url, { ...opts, method: 'HEAD' });
  }

  /** Sends a request, following redirects by hand and retrying 429/503; resolves for every HTTP status. */
  async request(url: string, opts: RequestOptions = {}): Promise<HttpResponse> {
    let method = (opts.method ?? 'GET').toUpperCase();
    if (!SAFE_METHODS.has(method) && !this.o.allowWrites) {
      throw new HttpTransportError('write-blocked', `${method} refused: only GET and HEAD are sent unless writes are allowed`, url);
    }
    let body = opts.body;
    const startOrigin = originOf(url);
    const redirects: RedirectHop[] = [];
    const exchangeIds: string[] = [];
    let current = url;
    for (let hop = 0; ; hop++) {
      this.checkScheme(current);
      const attempt = await this.withRetries(method, current, opts, body, exchangeIds);
      const location = attempt.headers.location;
      if (REDIRECTS.has(attempt.status) && location) {
        if (hop >= this.o.maxRedirects) {
          throw new HttpTransportError('redirect', `more than ${this.o.maxRedirects} redirects starting at ${redactUrl(url, this.secrets())}`, url, attempt.exchangeId);
        }
        const next = new URL(location, current).toString();
        if (new URL(current).protocol === 'https:' && new URL(next).protocol === 'http:' && !this.o.allowHttp) {
          throw new HttpTransportError('insecure', `redirect from HTTPS to plain HTTP refused (${redactUrl(next)})`, next, attempt.exchangeId);
        }
        redirects.push({ from: redactUrl(current), to: redactUrl(next), status: attempt.status, crossOrigin: originOf(next) !== startOrigin });
        if (attempt.status === 303) {
          method = method === 'HEAD' ? 'HEAD' : 'GET';
          body = undefined;
        }
        current = next;
        continue;
      }
      return this.response(current, attempt, exchangeIds, redirects);
    }
  }

  /** A TokenPost for the auth module: a form POST to the token endpoint, recorded and redacted like any exchange. */
  readonly postForm: TokenPost = async (url, form, headers, signal) => {
    this.checkScheme(url);
    const body = new URLSearchParams(form).toString();
    const ids: string[] = [];
    const attempt = await this.withRetries('POST', url, { headers: { ...headers, 'content-type': 'application/x-www-form-urlencoded' }, credentials: false, signal }, body, ids, true);
    return this.response(url, attempt, ids, []);
  };

  async close(): Promise<void> {
    await Promise.all([this.withCert.close(), this.withoutCert.close()]);
  }

  private checkScheme(url: string): void {
    const protocol = new URL(url).protocol;
    if (protocol === 'http:' && !this.o.allowHttp) {
      throw new HttpTransportError('insecure', `plain HTTP refused for ${redactUrl(url)}: use HTTPS (or allow HTTP for a local test)`, url);
    }
    if (protocol !== 'http:' && protocol !== 'https:') {
      throw new HttpTransportError('network', `unsupported URL scheme ${protocol}`, url);
    }
  }

  private response(url: string, a: Attempt, exchangeIds: string[], redirects: RedirectHop[]): HttpResponse {
    const text = a.body.toString('utf8');
    let parsed: { value: unknown } | undefined;
    return {
      url, status: a.status, headers: a.headers, body: text, bytes: a.body.length,
      exchangeId: a.exchangeId, exchangeIds: [...exchangeIds], redirects,
      json() {
        if (!parsed) {
          try {
            parsed = { value: JSON.parse(text) };
          } catch {
            parsed = { value: undefined };
          }
        }
        return parsed.value;
      },
    };
  }

  private async withRetries(method: string, url: string, opts: RequestOptions, body: string | undefined, ids: string[], auth = false): Promise<Attempt> {
    for (let attempt = 0; ; attempt++) {
      const result = await this.send(method, url, opts, body, auth);
      ids.push(result.exchangeId);
      if ((result.status === 429 || result.status === 503) && attempt < this.o.retries) {
        const advised = retryAfterMs(result.headers['retry-after'], Date.now(), Number.POSITIVE_INFINITY);
        // A Retry-After beyond our cap is honoured by not retrying at all, rather than by retrying early.
        if (advised !== undefined && advised > this.o.maxRetryDelayMs) return result;
        const delay = advised ?? this.o.retryBaseDelayMs * 2 ** attempt;
        await sleep(delay, undefined, { signal: this.signalFor(opts) });
        continue;
      }
      return result;
    }
  }

  private signalFor(opts: RequestOptions): AbortSignal | undefined {
    const signals = [opts.signal, this.options.signal].filter((s): s is AbortSignal => s !== undefined);
    return signals.length === 0 ? undefined : signals.length === 1 ? signals[0] : AbortSignal.any(signals);
  }

  private secrets(): string[] {
    const fromHeaders = Object.entries(this.options.headers ?? {}).filter(([k]) => isSecretName(k)).map(([, v]) => v);
    return [...(this.options.auth?.secrets() ?? []), ...(this.options.secrets ?? []), ...fromHeaders];
  }

  private async headersFor(url: string, opts: RequestOptions): Promise<{ headers: Record<string, string>; trusted: boolean }> {
    const trusted = opts.credentials !== false && this.options.credentialOrigin !== undefined && originOf(url) === this.options.credentialOrigin;
    const headers: Record<string, string> = { 'user-agent': this.o.userAgent, accept: 'application/fhir+json' };
    for (const [k, v] of Object.entries(this.options.headers ?? {})) {
      // Credentials never leave their origin: secret-named extra headers go to the credential origin only.
      if (!isSecretName(k) || trusted) headers[k.toLowerCase()] = v;
    }
    if (trusted && this.options.auth) Object.assign(headers, await this.options.auth.headers(this.signalFor(opts)));
    for (const [k, v] of Object.entries(opts.headers ?? {})) headers[k.toLowerCase()] = v;
    return { headers, trusted };
  }

  private async send(method: string, url: string, opts: RequestOptions, body: string | undefined, auth: boolean): Promise<Attempt> {
    if (this.sent >= this.o.maxRequests) {
      throw new HttpTransportError('budget', `request budget of ${this.o.maxRequests} exhausted`, url);
    }
    // Reserve the attempt before any await, so concurrent requests cannot overrun the budget.
    this.sent++;
    let prepared: { headers: Record<string, string>; trusted: boolean };
    try {
      prepared = auth ? { headers: { 'user-agent': this.o.userAgent, ...opts.headers }, trusted: false } : await this.headersFor(url, opts);
    } catch (err) {
      if (err instanceof HttpTransportError) throw err;
      throw new HttpTransportError('auth', `could not obtain credentials: ${redactBody((err as Error).message, this.secrets())}`, url);
    }
    const { headers, trusted } = prepared;
    const release = await this.semaphore.acquire();
    const id = `ex-${this.nextId++}`;
    const startedAt = new Date();
    const started = performance.now();
    const exchange: Exchange = {
      id, method, url: '', requestHeaders: {}, startedAt: startedAt.toISOString(), durationMs: 0,
    };
    this.exchanges.push(exchange);
    const deadline = AbortSignal.timeout(this.o.timeoutMs);
    const outer = this.signalFor(opts);
    const signal = outer ? AbortSignal.any([outer, deadline]) : deadline;
    const dispatcher: Dispatcher = trusted ? this.withCert : this.withoutCert;
    let status: number | undefined;
    let resHeaders: Record<string, string> = {};
    const chunks: Buffer[] = [];
    let bytes = 0;
    try {
      const res = await request(url, { method: method as Dispatcher.HttpMethod, headers, body, dispatcher, signal });
      status = res.statusCode;
      resHeaders = flatHeaders(res.headers);
      for await (const chunk of res.body as AsyncIterable<Buffer>) {
        bytes += chunk.length;
        if (bytes > this.o.maxResponseBytes) {
          res.body.destroy();
          throw new HttpTransportError('too-large', `response from ${new URL(url).host} exceeded ${this.o.maxResponseBytes} bytes`, url, id);
        }
        chunks.push(chunk);
      }
    } catch (err) {
      const failure = err instanceof HttpTransportError ? err
        : deadline.aborted ? new HttpTransportError('timeout', `no complete response from ${new URL(url).host} within ${this.o.timeoutMs} ms`, url, id, 'DEADLINE')
          : classifyTransportError(err, url, this.o.timeoutMs);
      this.record(exchange, url, headers, body, status, resHeaders, Buffer.concat(chunks), bytes, started, failure.message);
      throw new HttpTransportError(failure.kind, failure.message, redactUrl(url, this.secrets()), id, failure.code);
    } finally {
      release();
    }
    const buffer = Buffer.concat(chunks);
    this.record(exchange, url, headers, body, status, resHeaders, buffer, bytes, started);
    return { status: status!, headers: resHeaders, body: buffer, exchangeId: id };
  }

  private record(
    ex: Exchange, url: string, reqHeaders: Record<string, string>, reqBody: string | undefined, status: number | undefined,
    resHeaders: Record<string, string>, body: Buffer, bytes: number, started: number, error?: string,
  ): void {
    const secrets = this.secrets();
    ex.url = redactUrl(url, secrets);
    ex.requestHeaders = redactHeaders(reqHeaders, secrets);
    if (reqBody !== undefined) ex.requestBody = redactBody(reqBody, secrets);
    if (status !== undefined) {
      ex.status = status;
      ex.responseHeaders = redactHeaders(resHeaders, secrets);
      ex.responseBytes = bytes;
      if (body.length > 0) {
        const excerpt = body.subarray(0, this.o.excerptBytes).toString('utf8');
        ex.responseBody = redactBody(excerpt, secrets);
        if (bytes > this.o.excerptBytes) ex.truncated = true;
      }
    }
    ex.durationMs = Math.round(performance.now() - started);
    if (error) ex.error = redactBody(error, secrets);
  }
}

export function createHttpClient(options: HttpClientOptions = {}): HttpClient {
  return new HttpClient(options);
}
