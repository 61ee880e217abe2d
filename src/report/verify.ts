// Checks a report's digest and Ed25519 signature; findings are returned as reasons, never thrown.
import { createPrivateKey, createPublicKey, verify, type KeyObject } from 'node:crypto';
import type { Report } from '../model/report.js';
import { reportDigest, signedBytes } from './digest.js';
import { fingerprint } from './sign.js';

export interface VerifyOptions {
  /** PEM text of the expected signer's public key (a private key is accepted and its public half used). */
  key?: string;
}

export interface VerifyResult {
  ok: boolean;
  /** Why verification failed; empty when `ok`. */
  reasons: string[];
  /** What a reader should know even when `ok` (unsigned report, key taken from the report itself, ...). */
  notes: string[];
  digest?: string;
  signed: boolean;
  keyFingerprint?: string;
}

/** Verifies an in-memory report (already parsed). File-level checks live in verify-file.ts. */
export function verifyReport(report: Report, opts: VerifyOptions = {}): VerifyResult {
  const reasons: string[] = [];
  const notes: string[] = [];
  const integrity = report.integrity;
  if (!integrity || typeof integrity.digest !== 'string') {
    return { ok: false, reasons: ['the report has no integrity block (no digest)'], notes, signed: false };
  }
  if (integrity.algorithm !== 'sha256') reasons.push(`unsupported digest algorithm ${String(integrity.algorithm)}`);
  const actual = reportDigest(report);
  if (actual !== integrity.digest) {
    reasons.push(`digest mismatch: the report says ${integrity.digest} but its content hashes to ${actual}`);
  }
  const sig = integrity.signature;
  const result: VerifyResult = { ok: false, reasons, notes, digest: integrity.digest, signed: Boolean(sig) };
  if (!sig) {
    if (opts.key) reasons.push('a key was given but the report is not signed');
    else notes.push('the report is not signed: the digest shows it is internally consistent, not who issued it');
    result.ok = reasons.length === 0;
    return result;
  }
  result.keyFingerprint = sig.keyFingerprint;
  let key: KeyObject;
  if (opts.key) {
    const given = readPublicKey(opts.key);
    if ('error' in given) {
      reasons.push(given.error);
      return result;
    }
    key = given.key;
    const givenFp = fingerprint(key.export({ type: 'spki', format: 'der' }));
    if (givenFp !== sig.keyFingerprint) {
      reasons.push(`signed by key ${sig.keyFingerprint}, not by the given key ${givenFp}`);
    }
  } else {
    try {
      key = createPublicKey({ key: Buffer.from(sig.publicKey, 'base64'), format: 'der', type: 'spki' });
    } catch {
      reasons.push('the embedded public key cannot be read');
      return result;
    }
    const embeddedFp = fingerprint(key.export({ type: 'spki', format: 'der' }));
    if (embeddedFp !== sig.keyFingerprint) reasons.push('the embedded public key does not match its fingerprint');
    notes.push(
      `signature checked with the key embedded in the report (${sig.keyFingerprint}); ` +
        'pass --key with the issuer\'s public key to check who signed it',
    );
  }
  if (sig.alg !== 'Ed25519') reasons.push(`unsupported signature algorithm ${String(sig.alg)}`);
  else if (!verify(null, signedBytes(report), key, Buffer.from(sig.value, 'base64'))) {
    reasons.push('the signature does not match the report content');
  }
  result.ok = reasons.length === 0;
  return result;
}

function readPublicKey(pem: string): { key: KeyObject } | { error: string } {
  try {
    const key = pem.includes('PRIVATE KEY') ? createPublicKey(createPrivateKey(pem)) : createPublicKey(pem);
    if (key.asymmetricKeyType !== 'ed25519') return { error: 'the given key is not an Ed25519 key' };
    return { key };
  } catch (err) {
    return { error: `cannot read the given key: ${(err as Error).message}` };
  }
}
