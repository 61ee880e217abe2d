// Credentials for the server under test: a bearer token, or OAuth2 client credentials (secret or private_key_jwt).
import { readFile } from 'node:fs/promises';
import { clientAssertion, type JwtAlgorithm } from './jwt.js';

/** Supplies the Authorization header and lists every secret value so the recorder can redact it anywhere. */
export interface AuthProvider {
  /** Headers to add to requests sent to the server's own origin. */
  headers(signal?: AbortSignal): Promise<Record<string, string>>;
  /** Secret values (tokens, client secret) to scrub from recorded evidence. */
  secrets(): string[];
}

/** Sends a form POST to a token endpoint; the HTTP client supplies it so the exchange is recorded and redacted. */
export type TokenPost = (url: string, form: Record<string, string>, headers: Record<string, string>, signal?: AbortSignal)
  => Promise<{ status: number; json(): unknown }>;

export interface BearerSource {
  /** The token itself (never echoed). */
  token?: string;
  /** A file holding the token (first line, trimmed). */
  file?: string;
  /** Environment to read `UKCORE_BEARER_TOKEN` from; defaults to process.env. */
  env?: NodeJS.ProcessEnv;
}

export const BEARER_ENV = 'UKCORE_BEARER_TOKEN';
export const CLIENT_SECRET_ENV = 'UKCORE_CLIENT_SECRET';

/** Resolves a bearer token from options, a file, or $UKCORE_BEARER_TOKEN; undefined when none is configured. */
export async function resolveBearerToken(src: BearerSource): Promise<string | undefined> {
  if (src.token) return src.token.trim();
  if (src.file) return (await readFile(src.file, 'utf8')).split(/\r?\n/)[0].trim();
  const fromEnv = (src.env ?? process.env)[BEARER_ENV];
  return fromEnv ? fromEnv.trim() : undefined;
}

export function bearerAuth(token: string): AuthProvider {
  return { headers: async () => ({ authorization: `Bearer ${token}` }), secrets: () => [token] };
}

export interface ClientCredentialsOptions {
  tokenUrl: string;
  clientId: string;
  /** Client secret (else $UKCORE_CLIENT_SECRET when no private key is given). */
  clientSecret?: string;
  /** PEM private key text for private_key_jwt. */
  privateKey?: string;
  /** Path to the PEM private key. */
  privateKeyFile?: string;
  alg?: JwtAlgorithm;
  kid?: string;
  scope?: string;
  /** How a client secret is sent: HTTP Basic (RFC 6749 §2.3.1 default) or in the form body. */
  secretMethod?: 'client_secret_basic' | 'client_secret_post';
  env?: NodeJS.ProcessEnv;
}

/** Thrown when the token endpoint does not issue a token; the HTTP client turns it into an `auth` transport error. */
export class TokenRequestError extends Error {
  override readonly name = 'TokenRequestError';
}

/**
 * OAuth2 client credentials grant (RFC 6749 §4.4) with a client secret or a signed JWT assertion (RFC 7523,
 * `client_assertion_type=urn:ietf:params:oauth:client-assertion-type:jwt-bearer`). Tokens are cached until 30 s
 * before `expires_in`.
 */
export async function clientCredentialsAuth(opts: ClientCredentialsOptions, post: TokenPost): Promise<AuthProvider> {
  const key = opts.privateKey ?? (opts.privateKeyFile ? await readFile(opts.privateKeyFile, 'utf8') : undefined);
  const secret = key ? undefined : opts.clientSecret ?? (opts.env ?? process.env)[CLIENT_SECRET_ENV];
  if (!key && !secret) throw new TokenRequestError('client credentials need a client secret or a private key');
  const known: string[] = secret ? [secret] : [];
  let cached: { token: string; until: number } | undefined;
  let inFlight: Promise<string> | undefined;

  async function fetchToken(signal?: AbortSignal): Promise<string> {
    const form: Record<string, string> = { grant_type: 'client_credentials' };
    const headers: Record<string, string> = { accept: 'application/json' };
    if (opts.scope) form.scope = opts.scope;
    if (key) {
      form.client_assertion_type = 'urn:ietf:params:oauth:client-assertion-type:jwt-bearer';
      form.client_assertion = clientAssertion({ clientId: opts.clientId, tokenUrl: opts.tokenUrl, key, alg: opts.alg ?? 'RS256', kid: opts.kid });
    } else if (opts.secretMethod === 'client_secret_post') {
      form.client_id = opts.clientId;
      form.client_secret = secret!;
    } else {
      const basic = Buffer.from(`${encodeURIComponent(opts.clientId)}:${encodeURIComponent(secret!)}`).toString('base64');
      headers.authorization = `Basic ${basic}`;
      known.push(basic);
    }
    const res = await post(opts.tokenUrl, form, headers, signal);
    const body = res.json() as { access_token?: unknown; expires_in?: unknown; error?: unknown } | undefined;
    if (res.status !== 200 || typeof body?.access_token !== 'string') {
      const reason = typeof body?.error === 'string' ? body.error : `HTTP ${res.status}`;
      throw new TokenRequestError(`the token endpoint did not issue a token (${reason})`);
    }
    known.push(body.access_token);
    const ttl = typeof body.expires_in === 'number' ? body.expires_in : 300;
    cached = { token: body.access_token, until: Date.now() + Math.max(0, ttl - 30) * 1000 };
    return body.access_token;
  }

  return {
    async headers(signal) {
      if (!(cached && cached.until > Date.now())) {
        // One token request at a time, however many probes ask concurrently.
        inFlight ??= fetchToken(signal).finally(() => { inFlight = undefined; });
        await inFlight;
      }
      const token = cached!.token;
      return { authorization: `Bearer ${token}` };
    },
    secrets: () => [...known],
  };
}
