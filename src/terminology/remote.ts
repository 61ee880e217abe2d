// RemoteTerminology: `--tx <url>` — $validate-code on a FHIR terminology server, layered over LocalTerminology
// (local answers first; the server only for what local content cannot decide), with memory + on-disk caches,
// OAuth2 client credentials, and a degraded mode in which a failing server yields `not-verified`/`server-error`.
// Operations: https://hl7.org/fhir/R4/valueset-operation-validate-code.html, https://hl7.org/fhir/R4/codesystem-operation-validate-code.html
import type { Dispatcher } from 'undici';
import { cacheDir } from '../util/cache-dir.js';
import type { LocalTerminology } from './local.js';
import { oauthFromEnv, TokenProvider, type OAuthConfig } from './oauth.js';
import type { CodeCheck, CodeCheckReason, TerminologyService, ValidateCodeRequest } from './service.js';
import { TxDiskCache } from './tx-disk-cache.js';
import { TxHttp } from './tx-http.js';
import { parseValidateCodeResponse, validateCodeParameters, type ValidateCodeForm } from './tx-parameters.js';

export interface RemoteTerminologyOptions {
  /** Base URL of the FHIR terminology server (the `--tx` option). */
  baseUrl: string;
  /** Answers first; the server is asked only when local content cannot decide. */
  local?: LocalTerminology;
  /** Per-request timeout (`--tx-timeout`), default 15 s. */
  timeoutMs?: number;
  /** Attempts per request including the first, default 4. */
  maxAttempts?: number;
  /** Requests in flight at once, default 4. */
  concurrency?: number;
  /** First retry delay (doubled each attempt, with jitter), default 500 ms. */
  backoffMs?: number;
  /** Longest wait between attempts, also the cap on Retry-After, default 30 s. */
  maxBackoffMs?: number;
  /** Folder of the persistent cache; default `cacheDir('tx')`; false disables it. */
  cacheDir?: string | false;
  /** Age after which cached answers are asked again, default 7 days. */
  cacheTtlMs?: number;
  /** OAuth2 client credentials; default from UKCORE_TX_TOKEN_URL/_CLIENT_ID/_CLIENT_SECRET; false for none. */
  auth?: OAuthConfig | false;
  /** Consecutive server failures after which no more requests are sent, default 5. */
  breakerThreshold?: number;
  /** How long the server is left alone after that before one request tries it again, default 60 s. */
  breakerCooldownMs?: number;
  dispatcher?: Dispatcher;
}

export interface TxStats {
  /** HTTP requests sent to the terminology server ($validate-code, retries included). */
  requests: number;
  /** Answers served from the memory or disk cache (or shared with an identical request in flight). */
  cacheHits: number;
  /** Questions that ended as `server-error` (after retries, or while the server was marked down). */
  failures: number;
  /** OAuth2 token requests. */
  tokenRequests: number;
}

const DAY_MS = 86_400_000;

export class RemoteTerminology implements TerminologyService {
  readonly baseUrl: string;
  private readonly local?: LocalTerminology;
  private readonly http: TxHttp;
  private readonly tokens?: TokenProvider;
  private readonly disk: TxDiskCache;
  private readonly memory = new Map<string, CodeCheck>();
  private readonly inflight = new Map<string, Promise<CodeCheck>>();
  private readonly breakerThreshold: number;
  private readonly breakerCooldownMs: number;
  private consecutiveFailures = 0;
  private breakerOpenedAt = 0;
  private counters = { cacheHits: 0, failures: 0 };

  constructor(options: RemoteTerminologyOptions) {
    this.baseUrl = options.baseUrl.replace(/\/+$/, '');
    if (options.local) this.local = options.local;
    const timeoutMs = options.timeoutMs ?? 15_000;
    const auth = options.auth === false ? undefined : (options.auth ?? oauthFromEnv());
    if (auth) this.tokens = new TokenProvider(auth, { timeoutMs, ...(options.dispatcher ? { dispatcher: options.dispatcher } : {}) });
    this.http = new TxHttp({
      timeoutMs,
      maxAttempts: options.maxAttempts ?? 4,
      backoffMs: options.backoffMs ?? 500,
      maxBackoffMs: options.maxBackoffMs ?? 30_000,
      concurrency: options.concurrency ?? 4,
      ...(this.tokens ? { tokens: this.tokens } : {}),
      ...(options.dispatcher ? { dispatcher: options.dispatcher } : {}),
      stopReason: () => this.breakerOpen(),
    });
    const dir = options.cacheDir === false ? undefined : (options.cacheDir ?? cacheDir('tx'));
    this.disk = new TxDiskCache(dir, options.cacheTtlMs ?? 7 * DAY_MS);
    this.breakerThreshold = options.breakerThreshold ?? 5;
    this.breakerCooldownMs = options.breakerCooldownMs ?? 60_000;
  }

  async validateCode(request: ValidateCodeRequest): Promise<CodeCheck> {
    if (this.local) {
      const local = await this.local.validateCode(request);
      if (local.outcome !== 'not-verified') return local;
    }
    return this.remote(request);
  }

  stats(): TxStats {
    return { requests: this.http.requests, cacheHits: this.counters.cacheHits, failures: this.counters.failures, tokenRequests: this.tokens?.requests ?? 0 };
  }

  private remote(req: ValidateCodeRequest): Promise<CodeCheck> {
    const key = JSON.stringify([this.baseUrl, req.system ?? null, req.version ?? null, req.code, req.valueSet ?? null, req.display ?? null]);
    const known = this.memory.get(key);
    if (known) {
      this.counters.cacheHits++;
      return Promise.resolve(known);
    }
    const running = this.inflight.get(key);
    if (running) {
      this.counters.cacheHits++;
      return running;
    }
    const p = this.answer(key, req).finally(() => this.inflight.delete(key));
    this.inflight.set(key, p);
    return p;
  }

  private async answer(key: string, req: ValidateCodeRequest): Promise<CodeCheck> {
    const stored = await this.disk.get(key);
    if (stored) {
      this.counters.cacheHits++;
      this.memory.set(key, stored);
      return stored;
    }
    const stop = this.breakerOpen();
    if (stop) {
      this.counters.failures++;
      return this.serverError(req, stop);
    }
    const check = await this.ask(req);
    if (check.reason === 'server-error') {
      this.counters.failures++;
      if (++this.consecutiveFailures === this.breakerThreshold) this.breakerOpenedAt = Date.now();
      return check;
    }
    this.consecutiveFailures = 0;
    this.memory.set(key, check);
    // Everything the server actually answered is kept, including "unknown code system": a second run asks nothing.
    await this.disk.set(key, check);
    return check;
  }

  private async ask(req: ValidateCodeRequest): Promise<CodeCheck> {
    const form: ValidateCodeForm = req.valueSet ? 'ValueSet' : 'CodeSystem';
    if (form === 'CodeSystem' && !req.system) return { outcome: 'not-verified', reason: 'unknown-system', message: 'a code without a system cannot be checked', server: this.baseUrl };
    const url = `${this.baseUrl}/${form}/$validate-code`;
    let out = await this.http.postFhir(url, validateCodeParameters(req, form));
    if (out.kind === 'client-error' && form === 'ValueSet') {
      // The server may not know a local (e.g. UK Core) value set by canonical: send the definition inline.
      const vs = this.local?.resolver.resolve(req.valueSet!);
      if (vs && vs.resourceType === 'ValueSet') out = await this.http.postFhir(url, validateCodeParameters(req, form, vs));
    }
    if (out.kind === 'failed') return this.serverError(req, out.error);
    if (out.kind === 'client-error') {
      const text = operationOutcomeText(out.body);
      const reason: CodeCheckReason = /code ?system/i.test(text) ? 'unknown-system' : out.status === 404 && form === 'ValueSet' ? 'unknown-valueset' : 'server-error';
      return { ...this.base(req), outcome: 'not-verified', reason, message: `HTTP ${out.status}${text ? `: ${text}` : ''}` };
    }
    const parsed = parseValidateCodeResponse(out.body, form, req);
    if (!parsed) return this.serverError(req, 'the answer is not a $validate-code Parameters resource (no boolean result)');
    return { ...parsed, server: this.baseUrl };
  }

  /** Why no more requests are sent (the server failed too often in a row), or undefined. */
  private breakerOpen(): string | undefined {
    if (this.consecutiveFailures < this.breakerThreshold) return undefined;
    if (Date.now() - this.breakerOpenedAt >= this.breakerCooldownMs) {
      // Half-open: let the next request try; one more failure opens the breaker again.
      this.consecutiveFailures = this.breakerThreshold - 1;
      return undefined;
    }
    return `skipped: the server failed ${this.consecutiveFailures} times in a row; not asked again for ${Math.round(this.breakerCooldownMs / 1000)} s`;
  }

  private base(req: ValidateCodeRequest): Partial<CodeCheck> {
    return { server: this.baseUrl, ...(req.valueSet ? { valueSet: req.valueSet } : {}), ...(req.system ? { system: req.system } : {}) };
  }

  private serverError(req: ValidateCodeRequest, detail: string): CodeCheck {
    return { ...this.base(req), outcome: 'not-verified', reason: 'server-error', message: `${this.baseUrl}: ${detail}` };
  }
}

function operationOutcomeText(body: unknown): string {
  const issues = (body as any)?.resourceType === 'OperationOutcome' && Array.isArray((body as any).issue) ? (body as any).issue : [];
  return issues
    .map((i: any) => i?.details?.text ?? i?.diagnostics)
    .filter((t: unknown): t is string => typeof t === 'string')
    .join('; ');
}
