// Removes credentials from everything recorded as evidence: headers, URLs and bodies, plus any known secret value.

export const REDACTED = '[REDACTED]';

/** Header names whose values are credentials (https://hl7.org/fhir/R4/security.html). */
const SECRET_HEADERS = new Set(['authorization', 'proxy-authorization', 'cookie', 'set-cookie']);

/** True for a header (or parameter) name that carries a credential: auth, cookies, `*token*`, `*secret*`, API keys. */
export function isSecretName(name: string): boolean {
  const n = name.toLowerCase();
  return SECRET_HEADERS.has(n) || n.includes('token') || n.includes('secret') || n.includes('password')
    || /api[-_]?key/.test(n) || n === 'client_assertion' || n === 'x-api-key';
}

function scrub(text: string, secrets: readonly string[]): string {
  let out = text;
  for (const s of secrets) if (s.length >= 4) out = out.split(s).join(REDACTED);
  return out;
}

export function redactHeaders(headers: Record<string, string>, secrets: readonly string[] = []): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [k, v] of Object.entries(headers)) out[k] = isSecretName(k) ? REDACTED : scrub(v, secrets);
  return out;
}

/** Redacts secret query parameters (`access_token`, `*token*`, `*secret*`, API keys) and known secret values. */
export function redactUrl(url: string, secrets: readonly string[] = []): string {
  try {
    const u = new URL(url);
    let changed = false;
    for (const key of [...u.searchParams.keys()]) {
      if (isSecretName(key)) {
        u.searchParams.set(key, REDACTED);
        changed = true;
      }
    }
    if (u.username || u.password) {
      u.username = u.username ? REDACTED : '';
      u.password = u.password ? REDACTED : '';
      changed = true;
    }
    return scrub(changed ? u.toString() : url, secrets);
  } catch {
    return scrub(url, secrets);
  }
}

const JSON_SECRET = /("[^"]*(?:token|secret|password|client_assertion|api[-_]?key)[^"]*"\s*:\s*)"(?:[^"\\]|\\.)*"/gi;
const FORM_SECRET = /((?:^|[&?\s])[^=&\s]*(?:token|secret|password|client_assertion|api[-_]?key)[^=&\s]*=)[^&\s]*/gi;

/** Redacts token-like JSON members (`"access_token": "…"`) and form fields (`client_secret=…`) in a body. */
export function redactBody(body: string, secrets: readonly string[] = []): string {
  return scrub(body.replace(JSON_SECRET, `$1"${REDACTED}"`).replace(FORM_SECRET, `$1${REDACTED}`), secrets);
}
