// Transport failures as one typed error, so probes can turn them into a clear `error` verdict (never a stack).

export type TransportErrorKind =
  | 'timeout' | 'refused' | 'unreachable' | 'tls' | 'too-large' | 'budget' | 'aborted'
  | 'write-blocked' | 'insecure' | 'redirect' | 'network' | 'auth';

/** Thrown by the HTTP client when no HTTP response could be obtained. 4xx/5xx responses are never errors. */
export class HttpTransportError extends Error {
  override readonly name = 'HttpTransportError';
  constructor(
    readonly kind: TransportErrorKind,
    message: string,
    readonly url: string,
    readonly exchangeId?: string,
    /** Low-level code (ECONNREFUSED, DEPTH_ZERO_SELF_SIGNED_CERT, UND_ERR_HEADERS_TIMEOUT, ...). */
    readonly code?: string,
  ) {
    super(message);
  }
}

const TLS_CODE = /CERT|SSL|TLS|SELF_SIGNED|UNABLE_TO_(VERIFY|GET)|HOSTNAME|ALTNAME|EPROTO/i;

function codeOf(err: unknown): string | undefined {
  const e = err as { code?: unknown; cause?: { code?: unknown } } | undefined;
  if (typeof e?.code === 'string' && e.code !== 'UND_ERR_SOCKET') return e.code;
  if (typeof e?.cause?.code === 'string') return e.cause.code;
  return typeof e?.code === 'string' ? e.code : undefined;
}

/** Classifies a low-level error from undici/node into a TransportErrorKind with an actionable message. */
export function classifyTransportError(err: unknown, url: string, timeoutMs: number): HttpTransportError {
  const code = codeOf(err);
  const detail = (err as Error)?.message ?? String(err);
  const host = (() => {
    try {
      return new URL(url).host;
    } catch {
      return url;
    }
  })();
  if (code === 'UND_ERR_HEADERS_TIMEOUT' || code === 'UND_ERR_BODY_TIMEOUT' || code === 'UND_ERR_CONNECT_TIMEOUT'
    || code === 'ETIMEDOUT' || (err as Error)?.name === 'TimeoutError') {
    return new HttpTransportError('timeout', `no complete response from ${host} within ${timeoutMs} ms`, url, undefined, code);
  }
  if (code === 'ECONNREFUSED') {
    return new HttpTransportError('refused', `connection refused by ${host}: is the server running and the port right?`, url, undefined, code);
  }
  if (code === 'ENOTFOUND' || code === 'EAI_AGAIN' || code === 'EHOSTUNREACH' || code === 'ENETUNREACH') {
    return new HttpTransportError('unreachable', `cannot reach ${host} (${code}): check the URL, DNS and any proxy`, url, undefined, code);
  }
  if (code && TLS_CODE.test(code)) {
    return new HttpTransportError('tls',
      `TLS handshake with ${host} failed (${code}: ${detail}); if the server uses a private CA, pass it with --ca`, url, undefined, code);
  }
  if ((err as Error)?.name === 'AbortError' || code === 'UND_ERR_ABORTED' || code === 'ABORT_ERR') {
    return new HttpTransportError('aborted', `request to ${host} was cancelled`, url, undefined, code);
  }
  return new HttpTransportError('network', `request to ${host} failed: ${detail}`, url, undefined, code);
}
