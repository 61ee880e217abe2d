// Opens one TLS connection to the server to read what undici hides: protocol version, cipher, chain verdict, dates.
import { connect, type ConnectionOptions, type PeerCertificate } from 'node:tls';
import type { TlsMaterial } from './types.js';

export interface TlsInspection {
  /** `TLSv1.2`, `TLSv1.3`, ... or undefined when no handshake completed. */
  protocol?: string;
  cipher?: string;
  /** True when the certificate chain verified against the trust store (system CAs plus `ca`). */
  authorized: boolean;
  /** OpenSSL verification code when not authorized, e.g. `DEPTH_ZERO_SELF_SIGNED_CERT`. */
  authorizationError?: string;
  certificate?: { subject: string; issuer: string; validFrom: string; validTo: string };
  /** Set when no TLS session could be set up at all (refused, timeout, protocol error). */
  error?: { code: string; message: string };
}

function name(entity: PeerCertificate['subject'] | undefined): string {
  if (!entity) return '';
  return Object.entries(entity).map(([k, v]) => `${k}=${Array.isArray(v) ? v.join('+') : v}`).join(', ');
}

/**
 * Handshakes with `url`'s host without sending any HTTP request. The chain is checked but not enforced, so the
 * caller can report why it failed. `legacyOnly` offers only TLS 1.0/1.1 to learn whether the server still accepts them.
 */
export function inspectTls(url: string, opts: { tls?: TlsMaterial; timeoutMs: number; legacyOnly?: boolean }): Promise<TlsInspection> {
  const u = new URL(url);
  const port = Number(u.port || 443);
  const host = u.hostname.replace(/^\[|\]$/g, '');
  const options: ConnectionOptions = {
    host, port, servername: /^[\d.:]+$/.test(host) ? undefined : host,
    ca: opts.tls?.ca, cert: opts.tls?.cert, key: opts.tls?.key,
    rejectUnauthorized: false,
    ...(opts.legacyOnly
      // NOTE: OpenSSL 3 refuses TLS < 1.2 at its default security level; level 0 lets us offer it to test the server.
      ? { minVersion: 'TLSv1' as const, maxVersion: 'TLSv1.1' as const, ciphers: 'DEFAULT:@SECLEVEL=0' }
      : { minVersion: 'TLSv1.2' as const }),
  };
  return new Promise((resolve) => {
    let settled = false;
    const done = (value: TlsInspection) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      socket.destroy();
      resolve(value);
    };
    const socket = connect(options, () => {
      const cert = socket.getPeerCertificate();
      const certificate = cert && cert.subject
        ? { subject: name(cert.subject), issuer: name(cert.issuer), validFrom: cert.valid_from, validTo: cert.valid_to }
        : undefined;
      const err = socket.authorizationError as unknown as string | Error | null;
      done({
        protocol: socket.getProtocol() ?? undefined,
        cipher: socket.getCipher()?.name,
        authorized: socket.authorized,
        authorizationError: err ? (typeof err === 'string' ? err : ((err as NodeJS.ErrnoException).code ?? err.message)) : undefined,
        certificate,
      });
    });
    socket.on('error', (e: NodeJS.ErrnoException) => done({ authorized: false, error: { code: e.code ?? 'ERROR', message: e.message } }));
    const timer = setTimeout(() => done({ authorized: false, error: { code: 'ETIMEDOUT', message: `no TLS handshake within ${opts.timeoutMs} ms` } }), opts.timeoutMs);
  });
}
