// Credentials: bearer token sources, OAuth2 client credentials with a secret or a signed JWT (private_key_jwt).
import { createPublicKey, generateKeyPairSync, verify } from 'node:crypto';
import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { clientCredentialsAuth, resolveBearerToken } from '../../src/http/auth.js';
import { HttpClient } from '../../src/http/client.js';
import { HttpTransportError } from '../../src/http/errors.js';
import type { JwtAlgorithm } from '../../src/http/jwt.js';
import { REDACTED } from '../../src/http/redact.js';
import { json, loopback, type Loopback } from './loopback.js';

const open: { close(): Promise<void> }[] = [];
afterEach(async () => {
  await Promise.all(open.splice(0).map((s) => s.close()));
});

function decode(part: string): Record<string, unknown> {
  return JSON.parse(Buffer.from(part, 'base64url').toString('utf8'));
}

/** A token endpoint plus a FHIR endpoint that only accepts the token it issued. */
async function tokenServer(check: (form: URLSearchParams, headers: Record<string, unknown>) => boolean): Promise<Loopback> {
  const s = await loopback((req, res, body) => {
    if (req.url === '/token') {
      const ok = req.method === 'POST' && check(new URLSearchParams(body), req.headers);
      return ok ? json(res, 200, { access_token: 'issued-access-token-1', token_type: 'Bearer', expires_in: 600 })
        : json(res, 401, { error: 'invalid_client' });
    }
    json(res, req.headers.authorization === 'Bearer issued-access-token-1' ? 200 : 401, {});
  });
  open.push(s);
  return s;
}

describe('resolveBearerToken', () => {
  it('prefers the option, then the file, then UKCORE_BEARER_TOKEN', async () => {
    const dir = await mkdtemp(path.join(tmpdir(), 'ukc-'));
    const file = path.join(dir, 'token');
    await writeFile(file, 'from-file\nignored\n');
    expect(await resolveBearerToken({ token: ' direct ', file, env: { UKCORE_BEARER_TOKEN: 'env' } })).toBe('direct');
    expect(await resolveBearerToken({ file, env: { UKCORE_BEARER_TOKEN: 'env' } })).toBe('from-file');
    expect(await resolveBearerToken({ env: { UKCORE_BEARER_TOKEN: 'from-env' } })).toBe('from-env');
    expect(await resolveBearerToken({ env: {} })).toBeUndefined();
  });
});

describe('clientCredentialsAuth', () => {
  it('uses HTTP Basic with a client secret, caches the token and redacts every secret', async () => {
    const s = await tokenServer((form, headers) => form.get('grant_type') === 'client_credentials'
      && headers.authorization === `Basic ${Buffer.from('my-client:the-client-secret').toString('base64')}`);
    const client = new HttpClient({ allowHttp: true, credentialOrigin: s.origin });
    open.push(client);
    const auth = await clientCredentialsAuth({ tokenUrl: `${s.origin}/token`, clientId: 'my-client', clientSecret: 'the-client-secret' }, client.postForm);
    const authed = new HttpClient({ allowHttp: true, credentialOrigin: s.origin, auth });
    open.push(authed);
    expect((await authed.get(`${s.origin}/Patient`)).status).toBe(200);
    expect((await authed.get(`${s.origin}/Patient`)).status).toBe(200);
    expect(s.requests.filter((r) => r.url === '/token')).toHaveLength(1);
    const evidence = JSON.stringify([...client.exchanges, ...authed.exchanges]);
    expect(evidence).not.toContain('the-client-secret');
    expect(evidence).not.toContain('issued-access-token-1');
    expect(client.exchanges[0].responseBody).toContain(`"access_token":"${REDACTED}"`);
  });

  it.each<[JwtAlgorithm, 'rsa' | 'ec']>([['RS256', 'rsa'], ['RS384', 'rsa'], ['ES256', 'ec']])(
    'signs a private_key_jwt client assertion with %s', async (alg, type) => {
      const { privateKey, publicKey } = type === 'rsa'
        ? generateKeyPairSync('rsa', { modulusLength: 2048 })
        : generateKeyPairSync('ec', { namedCurve: 'P-256' });
      let claims: Record<string, unknown> = {};
      let header: Record<string, unknown> = {};
      const s = await tokenServer((form) => {
        const jwt = form.get('client_assertion') ?? '';
        const [h, p, sig] = jwt.split('.');
        header = decode(h);
        claims = decode(p);
        const hash = alg === 'RS384' ? 'sha384' : 'sha256';
        const key = alg === 'ES256' ? { key: createPublicKey(publicKey.export({ type: 'spki', format: 'pem' })), dsaEncoding: 'ieee-p1363' as const } : publicKey;
        return form.get('client_assertion_type') === 'urn:ietf:params:oauth:client-assertion-type:jwt-bearer'
          && verify(hash, Buffer.from(`${h}.${p}`), key, Buffer.from(sig, 'base64url'));
      });
      const client = new HttpClient({ allowHttp: true });
      open.push(client);
      const tokenUrl = `${s.origin}/token`;
      const auth = await clientCredentialsAuth({
        tokenUrl, clientId: 'app-123', privateKey: privateKey.export({ type: 'pkcs8', format: 'pem' }).toString(), alg, kid: 'test-1',
      }, client.postForm);
      expect(await auth.headers()).toEqual({ authorization: 'Bearer issued-access-token-1' });
      expect(header).toMatchObject({ alg, typ: 'JWT', kid: 'test-1' });
      expect(claims).toMatchObject({ iss: 'app-123', sub: 'app-123', aud: tokenUrl });
      expect(typeof claims.jti).toBe('string');
      expect((claims.exp as number) - Math.floor(Date.now() / 1000)).toBeLessThanOrEqual(300);
      expect(client.exchanges[0].requestBody).toContain(`client_assertion=${REDACTED}`);
    });

  it('turns a refused token request into an auth transport error', async () => {
    const s = await tokenServer(() => false);
    const tokenClient = new HttpClient({ allowHttp: true });
    open.push(tokenClient);
    const auth = await clientCredentialsAuth({ tokenUrl: `${s.origin}/token`, clientId: 'x', clientSecret: 'wrong-secret' }, tokenClient.postForm);
    const c = new HttpClient({ allowHttp: true, credentialOrigin: s.origin, auth });
    open.push(c);
    const err = await c.get(`${s.origin}/Patient`).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(HttpTransportError);
    expect((err as HttpTransportError).kind).toBe('auth');
  });
});
