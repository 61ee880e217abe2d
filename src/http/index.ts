// Public surface of the HTTP module: the recording client, auth providers, TLS inspection, redaction.
export { HttpClient, createHttpClient } from './client.js';
export type { HttpClientOptions, HttpResponse, RequestOptions, RedirectHop, TlsMaterial } from './types.js';
export { HttpTransportError, type TransportErrorKind } from './errors.js';
export {
  bearerAuth, clientCredentialsAuth, resolveBearerToken, BEARER_ENV, CLIENT_SECRET_ENV, TokenRequestError,
  type AuthProvider, type ClientCredentialsOptions, type BearerSource,
} from './auth.js';
export { signJwt, clientAssertion, type JwtAlgorithm } from './jwt.js';
export { inspectTls, type TlsInspection } from './tls-inspect.js';
export { loadTlsMaterial } from './load-tls.js';
export { redactBody, redactHeaders, redactUrl, isSecretName, REDACTED } from './redact.js';
