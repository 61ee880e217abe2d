// Redaction of credentials in recorded evidence: headers, URLs, bodies and known secret values.
import { describe, expect, it } from 'vitest';
import { REDACTED, isSecretName, redactBody, redactHeaders, redactUrl } from '../../src/http/redact.js';

describe('redaction', () => {
  it.each([
    ['Authorization', true], ['proxy-authorization', true], ['Cookie', true], ['set-cookie', true],
    ['X-Access-Token', true], ['client_secret', true], ['apikey', true], ['X-API-Key', true], ['api_key', true],
    ['accept', false], ['content-type', false], ['x-request-id', false], ['NHSD-Session-URID', false],
  ])('isSecretName(%s) = %s', (name, secret) => {
    expect(isSecretName(name)).toBe(secret);
  });

  it('redacts secret headers and known secret values in other headers', () => {
    expect(redactHeaders({ authorization: 'Bearer abc', accept: 'x', 'x-echo': 'token is s3cr3t-value' }, ['s3cr3t-value'])).toEqual({
      authorization: REDACTED, accept: 'x', 'x-echo': `token is ${REDACTED}`,
    });
  });

  it.each([
    ['https://h/Patient?access_token=abc&name=x', `https://h/Patient?access_token=${encodeURIComponent(REDACTED)}&name=x`],
    ['https://user:pw@h/metadata', `https://${encodeURIComponent(REDACTED)}:${encodeURIComponent(REDACTED)}@h/metadata`],
    ['https://h/Patient?identifier=a|b', 'https://h/Patient?identifier=a|b'],
  ])('redactUrl(%s)', (url, expected) => {
    expect(redactUrl(url)).toBe(expected);
  });

  it.each([
    ['{"access_token":"eyJ.abc","expires_in":599}', `{"access_token":"${REDACTED}","expires_in":599}`],
    ['{"refresh_token" : "r1", "x": "y"}', `{"refresh_token" : "${REDACTED}", "x": "y"}`],
    ['grant_type=client_credentials&client_assertion=eyJ.x.y&client_secret=zz', `grant_type=client_credentials&client_assertion=${REDACTED}&client_secret=${REDACTED}`],
    ['{"resourceType":"Patient"}', '{"resourceType":"Patient"}'],
  ])('redactBody(%s)', (body, expected) => {
    expect(redactBody(body)).toBe(expected);
  });
});
