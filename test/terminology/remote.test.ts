// RemoteTerminology against the loopback terminology test server: correct answers, the on-disk cache, bounded
// concurrency, and degraded mode when the server is slow, failing, rate-limiting, malformed or refusing tokens.
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { request } from 'undici';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { checkBinding } from '../../src/terminology/check-binding.js';
import { LocalTerminology } from '../../src/terminology/local.js';
import { oauthFromEnv } from '../../src/terminology/oauth.js';
import { RemoteTerminology, type RemoteTerminologyOptions } from '../../src/terminology/remote.js';
import type { CodeCheck, ValidateCodeRequest } from '../../src/terminology/service.js';
import { retryAfterMs } from '../../src/terminology/tx-http.js';
import { FINDINGS_VS, SCT, startTxServer, type TxServer } from '../support/tx-server.js';
import { A, fixtureDefinitions, vs } from './fixtures.js';

const local = new LocalTerminology(fixtureDefinitions());
let server: TxServer;
let dir: string;

beforeAll(async () => {
  server = await startTxServer();
});
afterAll(async () => {
  await server.close();
});
beforeEach(() => {
  dir = mkdtempSync(path.join(os.tmpdir(), 'ukcore-tx-'));
  server.faults = { delayMs: 0, fail500: 0, rateLimit: 0, retryAfter: '0', malformed: false, rejectTokens: false };
  server.resetCounts();
});
afterEach(() => {
  rmSync(dir, { recursive: true, force: true });
});

/** Small timeouts and backoffs keep failure-mode tests short; nothing asserts on time. */
function client(extra: Partial<RemoteTerminologyOptions> = {}): RemoteTerminology {
  return new RemoteTerminology({ baseUrl: server.url, local, cacheDir: dir, auth: false, timeoutMs: 2_000, maxAttempts: 3, backoffMs: 5, maxBackoffMs: 20, concurrency: 2, breakerThreshold: 50, ...extra });
}

const pick = (c: CodeCheck) => ({ outcome: c.outcome, reason: c.reason, displayMismatch: c.displayMismatch });

/** Questions whose answers need the server (SNOMED CT is not local), with the answer the server must give. */
const questions: Array<[string, ValidateCodeRequest, ReturnType<typeof pick>]> = [
  ['in the value set', { system: SCT, code: '22298006', valueSet: FINDINGS_VS }, { outcome: 'valid', reason: undefined, displayMismatch: undefined }],
  ['descendant in the value set', { system: SCT, code: '44054006', valueSet: FINDINGS_VS }, { outcome: 'valid', reason: undefined, displayMismatch: undefined }],
  ['not in the value set', { system: SCT, code: '80146002', valueSet: FINDINGS_VS }, { outcome: 'invalid', reason: 'not-in-valueset', displayMismatch: undefined }],
  ['unknown code (ValueSet form)', { system: SCT, code: '123456789', valueSet: FINDINGS_VS }, { outcome: 'invalid', reason: 'unknown-code', displayMismatch: undefined }],
  ['unknown code (CodeSystem form)', { system: SCT, code: '123456789' }, { outcome: 'invalid', reason: 'unknown-code', displayMismatch: undefined }],
  ['synonym display', { system: SCT, code: '22298006', display: 'Heart attack' }, { outcome: 'valid', reason: undefined, displayMismatch: undefined }],
  ['wrong display', { system: SCT, code: '22298006', display: 'Broken leg' }, { outcome: 'valid', reason: undefined, displayMismatch: true }],
  ['unknown code system', { system: 'http://example.org/unknown-cs', code: 'x' }, { outcome: 'not-verified', reason: 'unknown-system', displayMismatch: undefined }],
  // A value set the server does not know by canonical: the client sends the local definition inline.
  ['local value set sent inline', { system: SCT, code: '22298006', valueSet: vs('findings-or-colours') }, { outcome: 'valid', reason: undefined, displayMismatch: undefined }],
  ['local value set sent inline, not in it', { system: SCT, code: '80146002', valueSet: vs('findings-or-colours') }, { outcome: 'invalid', reason: 'not-in-valueset', displayMismatch: undefined }],
];

describe('RemoteTerminology against a healthy server', () => {
  it('answers correctly, then answers again from the disk cache without a request', async () => {
    const first = client();
    for (const [name, q, expected] of questions) expect(pick(await first.validateCode(q)), name).toEqual(expected);
    const seen = server.counts.fhir;
    expect(first.stats()).toMatchObject({ requests: seen, failures: 0 });
    expect(seen).toBe(questions.length + 2); // the two inline value-set questions cost a 404 first

    const second = client();
    for (const [name, q, expected] of questions) expect(pick(await second.validateCode(q)), name).toEqual(expected);
    expect(server.counts.fhir - seen).toBe(0);
    expect(second.stats()).toEqual({ requests: 0, cacheHits: questions.length, failures: 0, tokenRequests: 0 });
  });

  it('answers local questions locally', async () => {
    const tx = client();
    expect((await tx.validateCode({ system: A, code: 'dog', valueSet: vs('mammals') })).outcome).toBe('valid');
    expect((await tx.validateCode({ system: A, code: 'unicorn' })).reason).toBe('unknown-code');
    expect(server.counts.fhir).toBe(0);
  });

  it('shares one request among identical questions in flight', async () => {
    server.faults.delayMs = 20;
    const tx = client();
    const answers = await Promise.all(Array.from({ length: 6 }, () => tx.validateCode({ system: SCT, code: '22298006', valueSet: FINDINGS_VS })));
    expect(answers.every((a) => a.outcome === 'valid')).toBe(true);
    expect(server.counts.validateCode).toBe(1);
    expect(tx.stats().cacheHits).toBe(5);
  });

  it('keeps at most `concurrency` requests in flight', async () => {
    server.faults.delayMs = 15;
    const tx = client({ concurrency: 2 });
    const codes = ['22298006', '57054005', '38341003', '73211009', '44054006', '46635009', '64572001', '404684003'];
    await Promise.all(codes.map((code) => tx.validateCode({ system: SCT, code, valueSet: FINDINGS_VS })));
    expect(server.counts.validateCode).toBe(codes.length);
    expect(server.counts.maxInFlight).toBeLessThanOrEqual(2);
  });

  it('runs checkBinding end to end', async () => {
    const tx = client();
    const run = async (code: string) =>
      (await checkBinding({ value: { coding: [{ system: SCT, code }] }, type: 'CodeableConcept', binding: { strength: 'required', valueSet: FINDINGS_VS }, location: { source: 's', expression: 'Condition.code' }, tx })).map((i) => [i.ruleId, i.messageId, i.severity]);
    expect(await run('22298006')).toEqual([]);
    expect(await run('80146002')).toEqual([['terminology/binding-required', 'noValidCoding', 'error']]);
    expect(await run('123456789')).toEqual([
      ['terminology/unknown-code', 'unknownCode', 'error'],
      ['terminology/binding-required', 'noValidCoding', 'error'],
    ]);
    server.faults.fail500 = Infinity;
    expect(await run('73211009')).toEqual([['terminology/binding-not-verified', 'notVerified', 'warning']]);
  });
});

describe('RemoteTerminology in degraded mode', () => {
  const q = { system: SCT, code: '22298006', valueSet: FINDINGS_VS };

  it('retries transient 500s and then answers correctly', async () => {
    server.faults.fail500 = 2;
    const tx = client({ maxAttempts: 3 });
    expect(pick(await tx.validateCode(q))).toMatchObject({ outcome: 'valid' });
    expect(server.counts.fhir).toBe(3);
  });

  it('gives up after maxAttempts with server-error and does not cache the failure', async () => {
    server.faults.fail500 = Infinity;
    const tx = client({ maxAttempts: 3 });
    expect(pick(await tx.validateCode(q))).toMatchObject({ outcome: 'not-verified', reason: 'server-error' });
    expect(server.counts.fhir).toBe(3);
    expect(tx.stats().failures).toBe(1);
    server.faults.fail500 = 0;
    expect(pick(await client().validateCode(q))).toMatchObject({ outcome: 'valid' });
  });

  it('stops asking a server that keeps failing (bounded work), and the run finishes', async () => {
    server.faults.fail500 = Infinity;
    const tx = client({ maxAttempts: 2, breakerThreshold: 3, concurrency: 1 });
    const codes = Array.from({ length: 20 }, (_, i) => String(100000 + i));
    const answers = await Promise.all(codes.map((code) => tx.validateCode({ system: SCT, code, valueSet: FINDINGS_VS })));
    expect(answers.every((a) => a.outcome === 'not-verified' && a.reason === 'server-error')).toBe(true);
    expect(tx.stats().failures).toBe(20);
    // Questions already waiting when the breaker opened still finish their attempts; later ones are not sent.
    expect(server.counts.fhir).toBeLessThan(codes.length * 2);
  });

  it('leaves a failed server alone during the cool-down, then tries it again', async () => {
    server.faults.fail500 = Infinity;
    const open = client({ maxAttempts: 1, breakerThreshold: 1 });
    expect((await open.validateCode(q)).reason).toBe('server-error');
    server.faults.fail500 = 0;
    const before = server.counts.fhir;
    expect((await open.validateCode({ ...q, code: '73211009' })).reason).toBe('server-error');
    expect(server.counts.fhir).toBe(before);

    server.faults.fail500 = Infinity;
    const halfOpen = client({ maxAttempts: 1, breakerThreshold: 1, breakerCooldownMs: 0 });
    expect((await halfOpen.validateCode({ ...q, code: '38341003' })).reason).toBe('server-error');
    server.faults.fail500 = 0;
    expect((await halfOpen.validateCode({ ...q, code: '38341003' })).outcome).toBe('valid');
  });

  it('honours Retry-After in seconds on 429 and then answers', async () => {
    server.faults.rateLimit = 2;
    server.faults.retryAfter = '1';
    const tx = client({ maxAttempts: 3, maxBackoffMs: 10 });
    expect(pick(await tx.validateCode(q))).toMatchObject({ outcome: 'valid' });
    expect(server.counts.fhir).toBe(3);
  });

  it('honours Retry-After as an HTTP date', async () => {
    server.faults.rateLimit = 1;
    server.faults.retryAfter = new Date(Date.now() + 5_000).toUTCString();
    const tx = client({ maxAttempts: 2, maxBackoffMs: 10 });
    expect(pick(await tx.validateCode(q))).toMatchObject({ outcome: 'valid' });
    expect(server.counts.fhir).toBe(2);
  });

  it('reports rate limiting that never ends as server-error', async () => {
    server.faults.rateLimit = Infinity;
    const tx = client({ maxAttempts: 2 });
    expect(pick(await tx.validateCode(q))).toMatchObject({ outcome: 'not-verified', reason: 'server-error' });
  });

  it('times out on a slow server, reports server-error, and recovers when it is fast again', async () => {
    server.faults.delayMs = 1_000;
    const tx = client({ timeoutMs: 50, maxAttempts: 2 });
    expect(pick(await tx.validateCode(q))).toMatchObject({ outcome: 'not-verified', reason: 'server-error' });
    expect((await tx.validateCode(q)).message).toMatch(/timed out/);
    server.faults.delayMs = 0;
    expect(pick(await tx.validateCode({ ...q, code: '73211009' }))).toMatchObject({ outcome: 'valid' });
  });

  it('reports an unreachable server as server-error after retrying', async () => {
    const gone = await startTxServer();
    const url = gone.url;
    await gone.close();
    const tx = client({ baseUrl: url, maxAttempts: 2 });
    const check = await tx.validateCode(q);
    expect(pick(check)).toMatchObject({ outcome: 'not-verified', reason: 'server-error' });
    expect(check.server).toBe(url);
    expect(tx.stats()).toMatchObject({ requests: 2, failures: 1 });
  });

  it.each(['json', 'text'] as const)('treats a malformed answer (%s) as server-error without retrying', async (kind) => {
    server.faults.malformed = kind;
    const tx = client();
    expect(pick(await tx.validateCode(q))).toMatchObject({ outcome: 'not-verified', reason: 'server-error' });
    expect(server.counts.fhir).toBe(1);
  });
});

describe('RemoteTerminology with OAuth2 client credentials', () => {
  let secured: TxServer;
  beforeAll(async () => {
    secured = await startTxServer({ requireAuth: true });
  });
  afterAll(async () => {
    await secured.close();
  });
  beforeEach(() => secured.resetCounts());

  const authClient = (secret = secured.clientSecret) =>
    client({ baseUrl: secured.url, auth: { tokenUrl: secured.tokenUrl, clientId: secured.clientId, clientSecret: secret } });

  it('fetches one token and reuses it', async () => {
    const tx = authClient();
    for (const code of ['22298006', '73211009', '80146002']) await tx.validateCode({ system: SCT, code, valueSet: FINDINGS_VS });
    expect(tx.stats()).toMatchObject({ requests: 3, tokenRequests: 1, failures: 0 });
    expect(secured.counts.token).toBe(1);
  });

  it('refreshes once when the token is no longer accepted', async () => {
    const tx = authClient();
    expect((await tx.validateCode({ system: SCT, code: '22298006', valueSet: FINDINGS_VS })).outcome).toBe('valid');
    secured.revokeTokens();
    expect((await tx.validateCode({ system: SCT, code: '73211009', valueSet: FINDINGS_VS })).outcome).toBe('valid');
    expect(tx.stats()).toMatchObject({ tokenRequests: 2, failures: 0 });
  });

  it('reports refused credentials as server-error without retry storms', async () => {
    const tx = authClient('wrong-secret');
    expect(pick(await tx.validateCode({ system: SCT, code: '22298006', valueSet: FINDINGS_VS }))).toMatchObject({ outcome: 'not-verified', reason: 'server-error' });
    expect(secured.counts.token).toBe(1);
    expect(secured.counts.fhir).toBe(0);
  });

  it('reports a server that rejects every token as server-error after one refresh', async () => {
    secured.faults.rejectTokens = true;
    try {
      const tx = authClient();
      expect(pick(await tx.validateCode({ system: SCT, code: '22298006', valueSet: FINDINGS_VS }))).toMatchObject({ outcome: 'not-verified', reason: 'server-error' });
      expect(secured.counts.fhir).toBe(2);
      expect(secured.counts.token).toBe(2);
    } finally {
      secured.faults.rejectTokens = false;
    }
  });

  it('reads the client credentials from the environment', () => {
    expect(oauthFromEnv({ UKCORE_TX_TOKEN_URL: 'https://t/token', UKCORE_TX_CLIENT_ID: 'id', UKCORE_TX_CLIENT_SECRET: 's' })).toEqual({ tokenUrl: 'https://t/token', clientId: 'id', clientSecret: 's' });
    expect(oauthFromEnv({ UKCORE_TX_TOKEN_URL: 'https://t/token', UKCORE_TX_CLIENT_ID: 'id', UKCORE_TX_CLIENT_SECRET: 's', UKCORE_TX_SCOPE: 'tx' })?.scope).toBe('tx');
    expect(oauthFromEnv({ UKCORE_TX_TOKEN_URL: 'https://t/token', UKCORE_TX_CLIENT_ID: 'id' })).toBeUndefined();
  });
});

describe('Retry-After parsing', () => {
  const now = Date.parse('2025-06-01T12:00:00Z');
  it.each([
    ['0', 0],
    ['3', 3000],
    ['Sun, 01 Jun 2025 12:00:10 GMT', 10_000],
    ['Sun, 01 Jun 2025 11:00:00 GMT', 0],
    ['soon', undefined],
    [undefined, undefined],
  ])('%s → %s ms', (value, ms) => {
    expect(retryAfterMs(value, now)).toBe(ms);
  });
});

describe('the test server itself (GET forms, $expand, metadata)', () => {
  const get = async (p: string) => {
    const res = await request(`${server.url}${p}`);
    return { status: res.statusCode, body: (await res.body.json()) as any };
  };

  it('serves a CapabilityStatement and TerminologyCapabilities', async () => {
    expect((await get('/metadata')).body.resourceType).toBe('CapabilityStatement');
    expect((await get('/metadata?mode=terminology')).body.resourceType).toBe('TerminologyCapabilities');
  });

  it('answers GET $validate-code in both forms', async () => {
    const vsForm = await get(`/ValueSet/$validate-code?url=${encodeURIComponent(FINDINGS_VS)}&system=${encodeURIComponent(SCT)}&code=22298006`);
    expect(vsForm.body.parameter.find((p: any) => p.name === 'result').valueBoolean).toBe(true);
    const csForm = await get(`/CodeSystem/$validate-code?url=${encodeURIComponent(SCT)}&code=80146002&display=Appendectomy`);
    expect(csForm.body.parameter.find((p: any) => p.name === 'display').valueString).toBe('Appendectomy');
  });

  it('expands with a text filter and paging', async () => {
    const all = await get(`/ValueSet/$expand?url=${encodeURIComponent(FINDINGS_VS)}`);
    expect(all.body.expansion.total).toBe(8);
    const diabetes = await get(`/ValueSet/$expand?url=${encodeURIComponent(FINDINGS_VS)}&filter=diabetes&count=2`);
    expect(diabetes.body.expansion.total).toBe(3);
    expect(diabetes.body.expansion.contains).toHaveLength(2);
    expect((await get('/ValueSet/$expand?url=http://nope')).status).toBe(404);
  });
});
