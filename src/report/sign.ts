// Ed25519 signing of a report's canonical JSON with node:crypto, so buyers can check who issued it.
import { createHash, createPrivateKey, createPublicKey, sign, type KeyObject } from 'node:crypto';
import type { Report } from '../model/report.js';
import { reportDigest, signedBytes } from './digest.js';

export type SignResult = { ok: true; report: Report } | { ok: false; error: string };

/**
 * Adds `integrity` with the digest and a detached Ed25519 signature over the canonical JSON (the same bytes the
 * digest covers). Returns an error value, not an exception, for a key that cannot be used.
 */
export function signReport(report: Report, privateKeyPem: string): SignResult {
  let key: KeyObject;
  try {
    key = createPrivateKey(privateKeyPem);
  } catch (err) {
    return { ok: false, error: `cannot read the private key: ${(err as Error).message}` };
  }
  if (key.asymmetricKeyType !== 'ed25519') {
    return { ok: false, error: `the signing key must be Ed25519, got ${key.asymmetricKeyType ?? 'unknown'}` };
  }
  const spki = createPublicKey(key).export({ type: 'spki', format: 'der' });
  const value = sign(null, signedBytes(report), key).toString('base64');
  return {
    ok: true,
    report: {
      ...report,
      integrity: {
        algorithm: 'sha256',
        digest: reportDigest(report),
        signature: { alg: 'Ed25519', value, publicKey: spki.toString('base64'), keyFingerprint: fingerprint(spki) },
      },
    },
  };
}

/** `sha256:` + hex sha256 of a DER SubjectPublicKeyInfo. */
export function fingerprint(spkiDer: Buffer): string {
  return `sha256:${createHash('sha256').update(spkiDer).digest('hex')}`;
}
