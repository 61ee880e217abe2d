// OAuth2 client-credentials tokens for the terminology server (RFC 6749 section 4.4), cached until shortly before
// expiry. The NHS England Terminology Server authenticates system-to-system clients this way.
import type { Dispatcher } from 'undici';
import { undici } from './tx-http.js';

export interface OAuthConfig {
  tokenUrl: string;
  clientId: string;
  clientSecret: string;
  scope?: string;
}

/**
 * Reads the client-credentials configuration from the environment:
 * UKCORE_TX_TOKEN_URL, UKCORE_TX_CLIENT_ID, UKCORE_TX_CLIENT_SECRET (all three, or none) and optional UKCORE_TX_SCOPE.
 */
export function oauthFromEnv(env: NodeJS.ProcessEnv = process.env): OAuthConfig | undefined {
  const tokenUrl = env.UKCORE_TX_TOKEN_URL;
  const clientId = env.UKCORE_TX_CLIENT_ID;
  const clientSecret = env.UKCORE_TX_CLIENT_SECRET;
  if (!tokenUrl || !clientId || !clientSecret) return undefined;
  return { tokenUrl, clientId, clientSecret, ...(env.UKCORE_TX_SCOPE ? { scope: env.UKCORE_TX_SCOPE } : {}) };
}

/** A token request failure; `permanent` when retrying cannot help (rejected credentials). Caught by the HTTP layer. */
export class TokenError extends Error {
  constructor(
    message: string,
    readonly permanent: boolean,
  ) {
    super(message);
  }
}

/** Tokens are renewed this long (at most a tenth of their lifetime) before they expire. */
const EXPIRY_SKEW_MS = 30_000;

export class TokenProvider {
  private token?: { value: string; expiresAt: number };
  private pending?: Promise<string>;
  /** Number of token requests made (for stats and tests). */
  requests = 0;

  constructor(
    private readonly config: OAuthConfig,
    private readonly options: { timeoutMs: number; dispatcher?: Dispatcher },
  ) {}

  /** A valid access token, fetching one when none is cached or the cached one is about to expire. */
  async get(): Promise<string> {
    if (this.token && Date.now() < this.token.expiresAt) return this.token.value;
    // Concurrent callers share one token request.
    this.pending ??= this.fetchToken().finally(() => {
      this.pending = undefined;
    });
    return this.pending;
  }

  /** Drops the cached token (after a 401) so the next get() fetches a fresh one. */
  invalidate(): void {
    this.token = undefined;
  }

  private async fetchToken(): Promise<string> {
    const form = new URLSearchParams({ grant_type: 'client_credentials', client_id: this.config.clientId, client_secret: this.config.clientSecret });
    if (this.config.scope) form.set('scope', this.config.scope);
    this.requests++;
    let status: number;
    let text: string;
    try {
      const res = await undici().request(this.config.tokenUrl, {
        method: 'POST',
        headers: { 'content-type': 'application/x-www-form-urlencoded', accept: 'application/json' },
        body: form.toString(),
        signal: AbortSignal.timeout(this.options.timeoutMs),
        ...(this.options.dispatcher ? { dispatcher: this.options.dispatcher } : {}),
      });
      status = res.statusCode;
      text = await res.body.text();
    } catch (e) {
      throw new TokenError(`token request to ${this.config.tokenUrl} failed: ${(e as Error).message}`, false);
    }
    if (status >= 400 && status < 500 && status !== 429) {
      throw new TokenError(`token endpoint ${this.config.tokenUrl} refused the client credentials (HTTP ${status})`, true);
    }
    if (status !== 200) throw new TokenError(`token endpoint ${this.config.tokenUrl} answered HTTP ${status}`, false);
    let body: Record<string, unknown>;
    try {
      body = JSON.parse(text) as Record<string, unknown>;
    } catch {
      throw new TokenError(`token endpoint ${this.config.tokenUrl} returned a body that is not JSON`, true);
    }
    if (typeof body.access_token !== 'string' || body.access_token.length === 0) {
      throw new TokenError(`token endpoint ${this.config.tokenUrl} returned no access_token`, true);
    }
    const lifetimeMs = typeof body.expires_in === 'number' ? body.expires_in * 1000 : 300_000;
    this.token = { value: body.access_token, expiresAt: Date.now() + lifetimeMs - Math.min(EXPIRY_SKEW_MS, lifetimeMs / 10) };
    return body.access_token;
  }
}
