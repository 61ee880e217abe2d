// Signs a compact JWS with node:crypto (RS256, RS384, ES256) for OAuth2 private_key_jwt client assertions (RFC 7523).
import { createPrivateKey, randomUUID, sign, type KeyObject } from 'node:crypto';

export type JwtAlgorithm = 'RS256' | 'RS384' | 'ES256';

const HASH: Record<JwtAlgorithm, string> = { RS256: 'sha256', RS384: 'sha384', ES256: 'sha256' };

function b64url(data: Buffer | string): string {
  return Buffer.from(data).toString('base64url');
}

/** Signs `payload` with the private key (PEM text or KeyObject). ES256 signatures use the JOSE r||s encoding. */
export function signJwt(payload: Record<string, unknown>, key: string | KeyObject, alg: JwtAlgorithm, kid?: string): string {
  const keyObject = typeof key === 'string' ? createPrivateKey(key) : key;
  const header: Record<string, string> = { alg, typ: 'JWT' };
  if (kid) header.kid = kid;
  const input = `${b64url(JSON.stringify(header))}.${b64url(JSON.stringify(payload))}`;
  const signature = sign(HASH[alg], Buffer.from(input), alg === 'ES256' ? { key: keyObject, dsaEncoding: 'ieee-p1363' } : keyObject);
  return `${input}.${b64url(signature)}`;
}

/**
 * The client assertion NHS England's API platform expects for signed-JWT client authentication:
 * iss = sub = client id, aud = token URL, a fresh jti, exp at most 5 minutes ahead
 * (https://digital.nhs.uk/developer/guides-and-documentation/security-and-authorisation/application-restricted-restful-apis-signed-jwt-authentication).
 */
export function clientAssertion(opts: {
  clientId: string; tokenUrl: string; key: string | KeyObject; alg: JwtAlgorithm; kid?: string; now?: number; lifetimeSeconds?: number;
}): string {
  const now = Math.floor((opts.now ?? Date.now()) / 1000);
  const lifetime = Math.min(opts.lifetimeSeconds ?? 300, 300);
  return signJwt({ iss: opts.clientId, sub: opts.clientId, aud: opts.tokenUrl, jti: randomUUID(), iat: now, exp: now + lifetime },
    opts.key, opts.alg, opts.kid);
}
